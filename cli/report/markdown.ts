import type { AnalysisResult } from "../model";
import { cell, code } from "./markup";
import { costLine, describeUrn, groupBy, resourcesByUrn, summarize } from "./summary";

/** A pull-request comment: a summary table, then the violations grouped by policy. */
export function formatMarkdown(result: AnalysisResult): string {
  const summary = summarize(result);
  const lines = [
    `## aigov check: ${code(`${result.project}/${result.stack}`)}`,
    "",
    "| Resources | Mandatory violations | Advisory violations |",
    "| ---: | ---: | ---: |",
    `| ${summary.resources} | ${summary.mandatory} | ${summary.advisory} |`,
    "",
    `Policy packs: ${result.policyPacks.map((p) => code(`${p.name}@v${p.version}`)).join(", ") || "none"}`,
    "",
    costLine(result),
    "",
  ];
  if (result.violations.length === 0) {
    lines.push("No policy violations.", "");
  }
  const resources = resourcesByUrn(result);
  const byPolicy = groupBy(result.violations, (v) => `${v.policyPack}/${v.policy}`);
  for (const [policy, violations] of byPolicy) {
    const levels = [...new Set(violations.map((v) => v.enforcementLevel))].join(", ");
    const count = violations.length === 1 ? "1 violation" : `${violations.length} violations`;
    lines.push(`### ${code(policy)} (${levels}, ${count})`, "");
    lines.push("| Resource | Type | Message |", "| --- | --- | --- |");
    for (const v of violations) {
      const { type, name } = describeUrn(v.urn, resources);
      lines.push(`| ${code(name)} | ${code(type)} | ${cell(v.message)} |`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
