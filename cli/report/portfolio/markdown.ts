/** The Markdown report of `aigov portfolio` (for a pull request or a wiki page). */
import { cell, code } from "../markup";
import { usdRange } from "../cost/describe";
import type { PortfolioResult } from "../../portfolio/model";
import { COVERAGE_COLUMNS, ROLLUPS, groupLabel, headline } from "./describe";

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

export function formatPortfolioMarkdown(result: PortfolioResult): string {
  const out: string[] = ["# aigov portfolio", "", cell(headline(result)), "", "## Stacks", ""];
  out.push(
    ...table(
      ["stack", "resources", "AI resources", "mandatory", "advisory"],
      result.stacks.map((s) => [
        code(`${s.project}/${s.stack}`),
        String(s.resources),
        String(s.aiResources),
        String(s.mandatory),
        String(s.advisory),
      ]),
    ),
  );
  out.push("", `## Findings (${result.findings.length})`, "");
  if (result.findings.length === 0) out.push("No cross-stack finding.");
  else
    out.push(
      ...table(
        ["severity", "finding", "asset", "stack", "message"],
        result.findings.map((f) => [
          f.severity,
          code(f.id),
          f.assetId ? code(f.assetId) : "",
          f.stack ? code(f.stack) : "",
          cell(f.message),
        ]),
      ),
    );
  out.push("", "## Estimated monthly cost and counts");
  for (const [key, title, what] of ROLLUPS) {
    out.push("", `### ${title}`, "");
    out.push(
      ...table(
        [what, "assets", "resources", "findings", "monthly USD"],
        Object.entries(result.rollups[key]).map(([k, e]) => [
          cell(groupLabel(k, what)),
          String(e.assets),
          String(e.resources),
          String(e.findings),
          usdRange(e.monthlyUsd),
        ]),
      ),
    );
  }
  out.push("", "## Governance coverage by team", "");
  out.push(
    ...table(
      ["team", ...COVERAGE_COLUMNS.map(([h]) => h)],
      [
        ...Object.entries(result.coverage.byTeam).map(([team, c]) => [
          cell(groupLabel(team, "team")),
          ...COVERAGE_COLUMNS.map(([, v]) => v(c)),
        ]),
        ["**all teams**", ...COVERAGE_COLUMNS.map(([, v]) => v(result.coverage.all))],
      ],
    ),
  );
  out.push("", `## Assets (${result.assets.length})`, "");
  out.push(
    ...table(
      ["asset", "kind", "team", "stage", "risk tier", "stacks", "monthly USD", "findings"],
      result.assets.map((a) => [
        a.assetId ? code(a.assetId) : cell(`(no asset id) ${a.resources[0]}`),
        a.kind,
        cell(a.team ?? ""),
        cell(a.stage ?? ""),
        cell(a.riskTier ?? ""),
        a.stacks.map(code).join(", "),
        usdRange(a.monthlyUsd),
        a.findings.map(code).join(", "),
      ]),
    ),
  );
  return `${out.join("\n")}\n`;
}
