/**
 * The budgets an estimate is compared with: AWS and GCP budget resources of the stack (their aigov
 * tag and label filters, read by the shared sdk reader) and the `aigov:budgets` stack config.
 */
import { type Budget, budgetScopeLabel } from "../config";
import { gcpLabelValue } from "../encodings/gcp";
import {
  BUDGET_SCOPE_KEYS,
  type BudgetScopeKey,
  type StackGraph,
  UNKNOWN,
  asString,
  at,
  readBudget,
} from "../resources";
import type { CapacityItem } from "./capacity";

/** Longest GCP budget display name: the aigov components cut config names to it. */
const GCP_DISPLAY_NAME_MAX = 60;

/** A budget as the estimate compares it. */
export interface BudgetSource {
  readonly name: string;
  readonly source: "stack" | "aigov:budgets";
  readonly urn?: string;
  readonly cloud?: "aws" | "gcp";
  readonly inStackConfig: boolean;
  /** Covered values per key, in the budget's spelling; `null` when not known yet. */
  readonly scope: Readonly<Record<BudgetScopeKey, readonly string[]>> | null;
  /** True when the scope values are GCP label values. */
  readonly gcp: boolean;
  readonly monthlyLimitUsd: number | null;
}

const emptyScope = (): Record<BudgetScopeKey, string[]> => ({
  team: [],
  "cost-center": [],
  "asset-id": [],
});

/** Budget resources of the stack, then the `aigov:budgets` entries that no resource carries. */
export function collectBudgets(stack: StackGraph, configured: readonly Budget[]): BudgetSource[] {
  const out: BudgetSource[] = [];
  const materialized = new Set<string>();
  for (const node of stack.nodes) {
    const info = readBudget(node.type, node.props);
    if (!info) continue;
    const nameProp = asString(at(node.props, info.cloud === "aws" ? "name" : "displayName"));
    const name = typeof nameProp === "string" ? nameProp : node.name;
    const config = configured.find(
      (b) =>
        b.name === name || (info.cloud === "gcp" && b.name.slice(0, GCP_DISPLAY_NAME_MAX) === name),
    );
    if (config) materialized.add(config.name);
    let scope: Record<BudgetScopeKey, string[]> | null = null;
    if (info.scope !== UNKNOWN) {
      scope = emptyScope();
      for (const key of BUDGET_SCOPE_KEYS) scope[key] = [...info.scope[key]].sort();
    }
    out.push({
      name,
      source: "stack",
      urn: node.urn,
      cloud: info.cloud,
      inStackConfig: config !== undefined,
      scope,
      gcp: info.cloud === "gcp",
      monthlyLimitUsd: typeof info.monthlyLimitUsd === "number" ? info.monthlyLimitUsd : null,
    });
  }
  for (const budget of configured) {
    if (materialized.has(budget.name)) continue;
    const { key, value } = budgetScopeLabel(budget);
    const scope = emptyScope();
    scope[key] = [value];
    out.push({
      name: budget.name,
      source: "aigov:budgets",
      inStackConfig: true,
      scope,
      gcp: false,
      monthlyLimitUsd: budget.monthlyLimitUsd,
    });
  }
  return out;
}

/** Two metadata values are the same when equal, in the GCP label encoding if either side has it. */
export function sameValue(a: string, aGcp: boolean, b: string, bGcp: boolean): boolean {
  return aGcp || bGcp ? gcpLabelValue(a) === gcpLabelValue(b) : a === b;
}

/**
 * True when a budget sees the spend of a block: a cloud budget sees its own cloud's bill (for
 * Kubernetes, the cloud of the node type; either cloud when it is not known, as the pack's budget
 * coverage rule has it), a config budget every cloud; and the block's team, cost center or asset
 * is one that the budget filters on.
 */
export function budgetCovers(budget: BudgetSource, item: CapacityItem): boolean {
  if (!budget.scope) return false;
  if (budget.cloud && item.billedOn !== undefined && item.billedOn !== budget.cloud) return false;
  const scope = budget.scope;
  return BUDGET_SCOPE_KEYS.some((key) => {
    const value = item.raw.values[key];
    return (
      value !== undefined && scope[key].some((v) => sameValue(value, item.raw.gcp, v, budget.gcp))
    );
  });
}
