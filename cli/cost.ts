import { analyzeCost } from "./cost/estimate";
import type { CostAnalysis, UnpricedCapacity } from "../sdk";
import type { StackResource } from "./model";

export type { BudgetEstimate, MonthlyUsd } from "../sdk";

/**
 * The `cost` field of the `aigov check` JSON report (docs/contract.md §5): the monthly estimate of the
 * serving resources, by team, cost center and asset, each budget with its headroom, and what
 * could not be priced. `aigov cost` reports the same figures with the detail of every resource.
 */
export interface CostEstimate extends Pick<
  CostAnalysis,
  "monthlyUsd" | "byTeam" | "byCostCenter" | "byAsset" | "budgets"
> {
  readonly unpriced: readonly Pick<
    UnpricedCapacity,
    "urn" | "part" | "instanceType" | "code" | "reason"
  >[];
}

/**
 * Estimates the monthly cost of the stack's serving resources (see `aigov cost`), with the
 * `aigov:pricing` overrides and `aigov:budgets` of the stack `config` when there is one.
 */
export function estimateCost(
  resources: readonly StackResource[],
  config: Readonly<Record<string, string>> = {},
): CostEstimate {
  const analysis = analyzeCost(resources, { config });
  return {
    monthlyUsd: analysis.monthlyUsd,
    byTeam: analysis.byTeam,
    byCostCenter: analysis.byCostCenter,
    byAsset: analysis.byAsset,
    budgets: analysis.budgets,
    unpriced: analysis.unpriced.map(({ urn, part, instanceType, code, reason }) =>
      instanceType === undefined
        ? { urn, part, code, reason }
        : { urn, part, instanceType, code, reason },
    ),
  };
}
