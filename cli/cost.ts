import type { StackResource } from "./model";

/** A monthly cost range in USD. */
export interface MonthlyUsd {
  readonly min: number;
  readonly max: number;
}

export interface BudgetEstimate {
  readonly name: string;
  readonly monthlyLimitUsd: number;
  readonly estimatedMonthlyUsd: MonthlyUsd;
}

/** The `cost` field of the `aigov check` JSON report (contract §5). */
export interface CostEstimate {
  readonly monthlyUsd: MonthlyUsd;
  readonly byTeam: Readonly<Record<string, MonthlyUsd>>;
  readonly byAsset: Readonly<Record<string, MonthlyUsd>>;
  readonly budgets: readonly BudgetEstimate[];
}

/**
 * Estimates the monthly cost of the stack's resources. No price catalog is wired in yet, so the
 * estimate is empty: zero cost, no teams, assets or budgets.
 */
export function estimateCost(_resources: readonly StackResource[]): CostEstimate {
  return { monthlyUsd: { min: 0, max: 0 }, byTeam: {}, byAsset: {}, budgets: [] };
}
