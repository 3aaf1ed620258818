import type { CostResult } from "../../cost/run";

/** The `aigov cost --format json` object: the `cost` field of `aigov check` and every block. */
export function costJsonReport(result: CostResult) {
  return { project: result.project, stack: result.stack, currency: "USD", ...result.analysis };
}

export function formatCostJson(result: CostResult): string {
  return `${JSON.stringify(costJsonReport(result), null, 2)}\n`;
}
