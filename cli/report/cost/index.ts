import type { CostResult } from "../../cost/run";
import { formatCostJson } from "./json";
import { formatCostMarkdown } from "./markdown";
import { formatCostText } from "./text";

import type { CostFormat } from "../formats";

export { COST_FORMATS, type CostFormat } from "../formats";

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
