import type { CostResult } from "../../cost/run";
import { cell, code } from "../markup";
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
  usdRange,
} from "./describe";

const STATUS_MARKS = {
  within: "within",
  "at-risk": "**at risk**",
  over: "**over**",
  unknown: "unknown",
};

/** A pull-request comment: the total, budgets, rollups, then every block and what is not priced. */
export function formatCostMarkdown(result: CostResult): string {
  const a = result.analysis;
  const lines = [
    `## aigov cost: ${code(title(result))}`,
    "",
    `**Estimated monthly cost: ${usdRange(a.monthlyUsd)}** (${countsText(a)})`,
    "",
  ];
  if (a.budgets.length > 0) {
    lines.push(
      "| Budget | Scope | Limit | Estimate | Status | Headroom |",
      "| --- | --- | ---: | ---: | --- | --- |",
    );
    for (const b of a.budgets) {
      lines.push(
        `| ${code(b.name)} (${cell(budgetSourceText(b))}) | ${cell(scopeText(b))} | ${b.monthlyLimitUsd === null ? "?" : formatUsd(b.monthlyLimitUsd)} | ${usdRange(b.estimatedMonthlyUsd)} | ${STATUS_MARKS[b.status] ?? STATUS_LABELS[b.status]} | ${cell(headroomText(b))} |`,
      );
    }
    lines.push("");
  } else {
    lines.push("No budget in the stack or in `aigov:budgets`.", "");
  }
  for (const [heading, what, rollup] of rollups(a)) {
    const entries = Object.entries(rollup);
    if (entries.length === 0) continue;
    const label = what[0].toUpperCase() + what.slice(1);
    lines.push(`### ${heading}`, "", `| ${label} | Monthly estimate |`, "| --- | ---: |");
    for (const [k, m] of entries) lines.push(`| ${cell(rollupLabel(k, what))} | ${usdRange(m)} |`);
    lines.push("");
  }
  if (a.resources.length > 0) {
    lines.push(
      "### Resources",
      "",
      "| Resource | Capacity | Per replica | Monthly | Attribution |",
      "| --- | --- | ---: | ---: | --- |",
    );
    for (const l of a.resources) {
      const override = l.priceSource === "override" ? ", `aigov:pricing` price" : "";
      lines.push(
        `| ${cell(resourceLabel(l))} | ${cell(`${l.part}: ${capacityText(l)}`)}<br><sub>${cell(l.replicasFrom)}${override}</sub> | ${usdPerHour(l.usdPerReplicaHour)}/h | ${usdRange(l.monthlyUsd)} | ${cell(attributionText(l))} |`,
      );
    }
    lines.push("");
  }
  if (a.unpriced.length > 0) {
    lines.push(
      "### Not priced (not in the totals)",
      "",
      "| Resource | Part | Why |",
      "| --- | --- | --- |",
    );
    for (const u of a.unpriced) {
      const type = u.instanceType ? ` (${code(u.instanceType)})` : "";
      lines.push(`| ${cell(resourceLabel(u))} | ${cell(u.part)}${type} | ${cell(u.reason)} |`);
    }
    lines.push("");
  }
  lines.push(`<sub>Serving resources at ${cell(pricingText(a))}.</sub>`, "");
  return `${lines.join("\n")}`;
}
