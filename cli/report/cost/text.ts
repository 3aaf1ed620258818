import type { MonthlyUsd } from "../../../sdk";
import { oneLineDeep, painter, type Style } from "../markup";
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

/** Lays out rows in columns; `right` columns are right-aligned, the others left-aligned. */
function table(rows: readonly string[][], right: ReadonlySet<number>): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => (right.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd(),
  );
}

/** Ranges that line up: minimums right-aligned to one width, then ` – max`. */
function ranges(list: readonly MonthlyUsd[]): string[] {
  const width = Math.max(...list.map((m) => formatUsd(m.min).length));
  return list.map(
    (m) => formatUsd(m.min).padStart(width) + (m.min === m.max ? "" : ` – ${formatUsd(m.max)}`),
  );
}

/**
 * The human cost report: totals, rollups, budgets, then every block and what is not priced. Every
 * string of the estimate (names, tag values, reasons) is put on one line with its control
 * characters shown escaped, so that nothing in it acts on the terminal or forges a line.
 */
export function formatCostText(input: CostResult, options: { color: boolean }): string {
  const result = oneLineDeep(input);
  const paint = painter(options.color);
  const a = result.analysis;
  const total = ranges([a.monthlyUsd])[0];
  const lines: string[] = [
    `aigov cost: ${title(result)}`,
    paint("dim", `Serving resources at ${pricingText(a)}.`),
    "",
    paint("bold", `Estimated monthly cost: ${total}`),
    `  ${countsText(a)}${a.unpriced.length > 0 ? " (those not priced are listed below, not in the totals)" : ""}`,
    "",
  ];
  for (const [heading, what, rollup] of rollups(a)) {
    const entries = Object.entries(rollup);
    if (entries.length === 0) continue;
    const cells = ranges(entries.map(([, m]) => m));
    lines.push(heading);
    lines.push(
      ...table(
        entries.map(([k], i) => [rollupLabel(k, what), cells[i]]),
        new Set(),
      ).map((l) => `  ${l}`),
      "",
    );
  }
  if (a.budgets.length > 0) {
    lines.push("Budgets");
    const estimates = ranges(a.budgets.map((b) => b.estimatedMonthlyUsd));
    const rows = a.budgets.map((b, i) => [
      b.name,
      `${budgetSourceText(b)}, ${scopeText(b)}`,
      b.monthlyLimitUsd === null ? "limit ?" : `limit ${formatUsd(b.monthlyLimitUsd)}`,
      `estimate ${estimates[i]}`,
    ]);
    const laidOut = table(rows, new Set([2]));
    const width = Math.max(...laidOut.map((l) => l.length));
    a.budgets.forEach((b, i) => {
      const style: Style =
        b.status === "over"
          ? "red"
          : b.status === "at-risk"
            ? "yellow"
            : b.status === "within"
              ? "green"
              : "dim";
      lines.push(`  ${laidOut[i].padEnd(width)}  ${paint(style, STATUS_LABELS[b.status])}`);
      lines.push(`    ${headroomText(b)}`);
    });
    lines.push("");
  } else {
    lines.push("Budgets: none in the stack or in aigov:budgets", "");
  }
  if (a.resources.length > 0) {
    lines.push("Resources");
    const monthly = ranges(a.resources.map((l) => l.monthlyUsd));
    const heads = table(
      a.resources.map((l, i) => [resourceLabel(l), monthly[i]]),
      new Set(),
    );
    a.resources.forEach((l, i) => {
      const price = `${usdPerHour(l.usdPerReplicaHour)}/h each${l.priceSource === "override" ? " (aigov:pricing)" : ""}`;
      lines.push(
        `  ${heads[i]}`,
        `    ${l.part}: ${capacityText(l)} at ${price}; ${l.replicasFrom}`,
        paint("dim", `    ${attributionText(l)}`),
      );
    });
    lines.push("");
  }
  if (a.unpriced.length > 0) {
    lines.push("Not priced (not in the totals)");
    for (const u of a.unpriced) {
      const type = u.instanceType ? ` (${u.instanceType})` : "";
      lines.push(`  ${resourceLabel(u)}, ${u.part}${type}:`, `    ${u.reason}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
