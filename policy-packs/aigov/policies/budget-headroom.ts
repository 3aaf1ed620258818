import { z } from "zod";
import { type BudgetEstimate, analyzeCost, describeType, formatUsd } from "aigov/sdk";
import { fields } from "../lib/config";
import { stackPolicy } from "../lib/policy";

const config = z.object({ pricing: fields.pricing, usage: fields.usage, budgets: fields.budgets });

const SCOPE_KEYS = { team: "team", costCenter: "cost-center", assetId: "asset-id" } as const;

function scopeText(budget: BudgetEstimate): string {
  return Object.entries(SCOPE_KEYS)
    .flatMap(([field, key]) =>
      (budget.scope?.[field as keyof typeof SCOPE_KEYS] ?? []).map((v) => `${key} \`${v}\``),
    )
    .join(", ");
}

/**
 * `aigov-budget-headroom`: budgets can pay for the AI capacity in their scope. The estimate is
 * the sdk's, as `aigov cost` prints it for the same stack and config: a budget is over when even
 * the minimum capacity in its scope costs more than its limit.
 */
export const budgetHeadroom = stackPolicy({
  name: "aigov-budget-headroom",
  description:
    "A budget's monthly limit must cover the estimated minimum monthly cost of the AI resources in its scope, the estimate `aigov cost` prints (the price catalog with the stack's `aigov:pricing` overrides); otherwise the budget alarms fire every month.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Raise the budget's `monthlyLimitUsd` in `aigov:budgets` (or `limitAmount`/`amount` on a raw budget), or reduce the minimum capacity of the endpoints in its scope (fewer or smaller instances, autoscaling with a lower minimum, spot capacity outside production). Under `pulumi preview`, pass the stack's prices and budgets with the file `aigov policy-config` writes.",
  config,
  validate(stack, cfg, report) {
    const analysis = analyzeCost(stack, cfg);
    const byUrn = new Map<string, { type: string; name: string; usd: number }>();
    for (const r of analysis.resources) {
      const seen = byUrn.get(r.urn) ?? { type: r.type, name: r.name, usd: 0 };
      seen.usd += r.monthlyUsd.min;
      byUrn.set(r.urn, seen);
    }
    for (const budget of analysis.budgets) {
      if (budget.status !== "over" || budget.monthlyLimitUsd === null) continue;
      const top = budget.resources
        .flatMap((urn) => byUrn.get(urn) ?? [])
        .filter((r) => r.usd > 0)
        .sort((a, b) => b.usd - a.usd)
        .slice(0, 3)
        .map((r) => `${describeType(r.type)} \`${r.name}\` ${formatUsd(r.usd)}`);
      const node = budget.urn === undefined ? undefined : stack.get(budget.urn);
      const what = node
        ? `${node.what} \`${budget.name}\``
        : `Budget \`${budget.name}\` of \`aigov:budgets\` (no budget resource in the stack)`;
      report(
        budget.urn,
        `${what} allows ${formatUsd(budget.monthlyLimitUsd)} a month, but the AI resources in its scope (${scopeText(budget)}) cost at least ${formatUsd(budget.estimatedMonthlyUsd.min)} a month at on-demand list prices${Object.keys(cfg.pricing).length > 0 ? " with the stack's `aigov:pricing` overrides" : ""} (${top.join(", ")}): raise the budget's limit or reduce their minimum capacity.`,
      );
    }
  },
});
