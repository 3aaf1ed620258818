import type { CostResult } from "../../cost/run";
import { formatCostJson } from "./json";
import { formatCostMarkdown } from "./markdown";
import { formatCostText } from "./text";

export const COST_FORMATS = ["text", "json", "markdown"] as const;
export type CostFormat = (typeof COST_FORMATS)[number];

export function renderCostReport(
  result: CostResult,
  format: CostFormat,
  options: { color: boolean },
): string {
  switch (format) {
    case "text":
      return formatCostText(result, options);
    case "json":
      return formatCostJson(result);
    case "markdown":
      return formatCostMarkdown(result);
  }
}
