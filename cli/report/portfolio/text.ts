/** The terminal report of `aigov portfolio`. */
import { type Style, oneLineDeep, painter } from "../markup";
import { usdRange } from "../cost/describe";
import type { PortfolioResult } from "../../portfolio/model";
import { COVERAGE_COLUMNS, ROLLUPS, groupLabel, headline } from "./describe";

/** Lays out rows in columns padded to the widest cell. */
function columns(rows: readonly (readonly string[])[], indent = "  "): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map(
    (r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  "),
  );
}

const SEVERITY_STYLE: Record<string, Style> = { high: "red", medium: "yellow", low: "dim" };

export function formatPortfolioText(
  untrusted: PortfolioResult,
  options: { color: boolean },
): string {
  // Names, tag values, paths and messages come from users: each is shown on one line.
  const result = oneLineDeep(untrusted);
  const paint = painter(options.color);
  const out: string[] = [paint("bold", "aigov portfolio"), headline(result), ""];
  out.push(paint("bold", "Stacks"));
  out.push(
    ...columns([
      ["stack", "resources", "AI", "mandatory", "advisory", "file"],
      ...result.stacks.map((s) => [
        `${s.project}/${s.stack}`,
        String(s.resources),
        String(s.aiResources),
        String(s.mandatory),
        String(s.advisory),
        s.file,
      ]),
    ]),
  );
  for (const s of result.skipped) out.push(`  skipped ${s.file}: ${s.reason}`);
  out.push("", paint("bold", `Findings (${result.findings.length})`));
  if (result.findings.length === 0) out.push("  none");
  for (const f of result.findings) {
    const where = [f.assetId && `asset ${f.assetId}`, f.stack].filter(Boolean).join(", ");
    out.push(
      `  ${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(6))} ${paint("bold", f.id)}${where ? ` (${where})` : ""}`,
      `         ${f.message}`,
    );
  }
  out.push("", paint("bold", "Estimated monthly cost and counts"));
  for (const [key, title, what] of ROLLUPS) {
    out.push(`  ${title}`);
    out.push(
      ...columns(
        [
          [what, "assets", "resources", "findings", "monthly USD"],
          ...Object.entries(result.rollups[key]).map(([k, e]) => [
            groupLabel(k, what),
            String(e.assets),
            String(e.resources),
            String(e.findings),
            usdRange(e.monthlyUsd),
          ]),
        ],
        "    ",
      ),
    );
  }
  out.push("", paint("bold", "Governance coverage by team"));
  out.push(
    ...columns([
      ["team", ...COVERAGE_COLUMNS.map(([h]) => h)],
      ...Object.entries(result.coverage.byTeam).map(([team, c]) => [
        groupLabel(team, "team"),
        ...COVERAGE_COLUMNS.map(([, v]) => v(c)),
      ]),
      ["all teams", ...COVERAGE_COLUMNS.map(([, v]) => v(result.coverage.all))],
    ]),
  );
  out.push("", `Assets: ${result.assets.length} (the inventory: --format csv or json)`);
  return `${out.join("\n")}\n`;
}
