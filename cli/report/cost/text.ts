import type { CostResult } from "../../cost/run";
import {
  STATUS_LABELS,
  attributionText,
  budgetSourceText,
  capacityText,
  countsText,
  formatUsd,
  headroomText,
  pricingText,
  resourceLabel,
  rollupLabel,
  rollups,
  scopeText,
  title,
  usdPerHour,
} from "./describe";

const STYLES = { bold: "1", dim: "2", red: "31", yellow: "33", green: "32" } as const;
type Style = keyof typeof STYLES;

/** Lays out rows in columns; `right` columns are right-aligned. */
function table(rows: string[][], right: ReadonlySet<number>, indent = "  "): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map(
    (r) =>
      indent +
      r
        .map((cell, i) =>
          i === r.length - 1 && !right.has(i)
            ? cell
            : right.has(i)
              ? cell.padStart(widths[i])
              : cell.padEnd(widths[i]),
        )
        .join("  ")
        .trimEnd(),
  );
}

/** Min and max as two right-aligned columns, so that ranges line up. */
function rangeCells(m: { min: number; max: number }): [string, string] {
  return [formatUsd(m.min), m.min === m.max ? "" : `– ${formatUsd(m.max)}`];
}

/** The human cost report: totals, rollups, budgets, then every block and what is not priced. */
export function formatCostText(result: CostResult, options: { color: boolean }): string {
  const paint = (style: Style, text: string) =>
    options.color ? `\x1b[${STYLES[style]}m${text}\x1b[0m` : text;
  const a = result.analysis;
  const lines: string[] = [
    `aigov cost: ${title(result)}`,
    paint("dim", `Serving resources at ${pricingText(a)}.`),
    "",
    paint(
      "bold",
      `Estimated monthly cost: ${formatUsd(a.monthlyUsd.min)}${a.monthlyUsd.min === a.monthlyUsd.max ? "" : ` – ${formatUsd(a.monthlyUsd.max)}`}`,
    ),
    `  ${countsText(a)}${a.unpriced.length > 0 ? " (listed below, not in the totals)" : ""}`,
    "",
  ];
  for (const [heading, what, rollup] of rollups(a)) {
    const entries = Object.entries(rollup);
    if (entries.length === 0) continue;
    lines.push(heading);
    lines.push(
      ...table(
        entries.map(([k, m]) => [rollupLabel(k, what), ...rangeCells(m)]),
        new Set([1, 2]),
      ),
      "",
    );
  }
  if (a.budgets.length > 0) {
    lines.push("Budgets");
    const rows = a.budgets.map((b) => [
      b.name,
      `${budgetSourceText(b)}, ${scopeText(b)}`,
      b.monthlyLimitUsd === null ? "limit ?" : `limit ${formatUsd(b.monthlyLimitUsd)}`,
      ...rangeCells(b.estimatedMonthlyUsd),
      STATUS_LABELS[b.status],
    ]);
    const laidOut = table(rows, new Set([2, 3, 4]));
    a.budgets.forEach((b, i) => {
      const style: Style | undefined =
        b.status === "over" ? "red" : b.status === "at-risk" ? "yellow" : undefined;
      const line = laidOut[i];
      const status = STATUS_LABELS[b.status];
      const head = line.slice(0, line.length - status.length);
      lines.push(head + (style ? paint(style, status) : status));
      lines.push(`    ${headroomText(b)}`);
    });
    lines.push("");
  } else {
    lines.push(
      "Budgets: none in the stack or in aigov:budgets",
      "",
    );
  }
  if (a.resources.length > 0) {
    lines.push("Resources");
    const rows = a.resources.map((l) => [
      resourceLabel(l),
      `${l.part}: ${capacityText(l)}`,
      `${usdPerHour(l.usdPerReplicaHour)}/h each`,
      ...rangeCells(l.monthlyUsd),
    ]);
    const laidOut = table(rows, new Set([2, 3, 4]));
    a.resources.forEach((l, i) => {
      const from = l.priceSource === "override" ? ", aigov:pricing price" : "";
      lines.push(laidOut[i], paint("dim", `    ${l.replicasFrom}${from} · ${attributionText(l)}`));
    });
    lines.push("");
  }
  if (a.unpriced.length > 0) {
    lines.push("Not priced (not in the totals)");
    for (const u of a.unpriced) {
      const type = u.instanceType ? ` (${u.instanceType})` : "";
      lines.push(`  ${resourceLabel(u)}, ${u.part}${type}: ${u.reason}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}`;
}
