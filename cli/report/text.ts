import type { AnalysisResult } from "../model";
import { oneLine, painter, textLines } from "./markup";
import { costLine, describeUrn, groupBy, resourcesByUrn, summarize, summaryLine } from "./summary";

/**
 * The human report: violations grouped by resource, then a summary line. Untrusted text (names,
 * URNs, messages) is neutralised: no control character reaches the terminal, no line is forged.
 */
export function formatText(result: AnalysisResult, options: { color: boolean }): string {
  const paint = painter(options.color);
  const lines: string[] = [];
  const packs = result.policyPacks.map((p) => `${p.name}@v${p.version}`).join(", ");
  lines.push(
    oneLine(`aigov: ${result.project}/${result.stack}, policy packs: ${packs || "none"}`),
    "",
  );
  const resources = resourcesByUrn(result);
  const byResource = groupBy(result.violations, (v) => v.urn);
  if (byResource.size === 0) {
    lines.push("No policy violations.", "");
  }
  for (const [urn, violations] of byResource) {
    const { type, name } = describeUrn(urn, resources);
    lines.push(
      `${paint("bold", oneLine(type))}  ${paint("bold", oneLine(name))}`,
      `  ${paint("dim", oneLine(urn))}`,
    );
    for (const v of violations) {
      const level =
        v.enforcementLevel === "mandatory"
          ? paint("red", "mandatory")
          : paint("yellow", "advisory ");
      lines.push(`  ${level}  ${oneLine(`${v.policyPack}/${v.policy}`)}`);
      lines.push(...textLines(v.message).map((line) => `    ${line}`));
    }
    lines.push("");
  }
  const summary = summarize(result);
  const line = summaryLine(summary);
  lines.push(costLine(result));
  lines.push(summary.mandatory > 0 ? paint("red", line) : line);
  return `${lines.join("\n")}\n`;
}
