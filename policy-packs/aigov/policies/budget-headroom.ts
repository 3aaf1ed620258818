import { z } from "zod";
import {
  TYPES,
  UNKNOWN,
  asString,
  at,
  capacityCost,
  formatUsd,
  gcpLabelValue,
  readBudget,
  readCapacity,
} from "aigov/sdk";
import { fields } from "../lib/config";
import { stackPolicy } from "../lib/policy";
import { Node, StackIndex, endpointVariants } from "../lib/stack";

const config = z.object({ pricing: fields.pricing });
type Pricing = z.output<typeof config>["pricing"];

/** Priced AI resources: SageMaker endpoints (through their configuration) and Vertex AI endpoints. */
function pricedResources(stack: StackIndex, pricing: Pricing): { node: Node; usd: number }[] {
  const out: { node: Node; usd: number }[] = [];
  for (const ep of stack.ofType(TYPES.sagemakerEndpoint)) {
    const usd = capacityCost(endpointVariants(stack, ep), pricing).monthlyUsd.min;
    out.push({ node: ep, usd });
  }
  for (const ep of stack.ofType(TYPES.vertexEndpoint)) {
    const lines = readCapacity(ep.type, ep.props);
    out.push({
      node: ep,
      usd: lines === UNKNOWN ? 0 : capacityCost(lines, pricing).monthlyUsd.min,
    });
  }
  return out.filter((r) => r.usd > 0);
}

/** `aigov-budget-headroom`: budgets can pay for the AI capacity in their scope. */
export const budgetHeadroom = stackPolicy({
  name: "aigov-budget-headroom",
  description:
    "A budget's monthly limit must not be lower than the estimated minimum monthly cost of the AI resources in its scope (its team, cost center or asset filters), computed from their minimum instance counts and the project's on-demand price catalog (with `pricing` overrides); otherwise the budget alarms fire every month.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Raise the budget's `monthlyLimitUsd` in `aigov:budgets` (or `limitAmount`/`amount` on a raw budget), or reduce the minimum capacity of the endpoints in its scope (fewer or smaller instances, autoscaling with a lower minimum, spot capacity outside production).",
  config,
  validate(stack, cfg, report) {
    const byScope = new Map<string, { node: Node; usd: number }[]>();
    for (const r of pricedResources(stack, cfg.pricing)) {
      const meta = stack.meta(r.node);
      if (!meta) continue;
      for (const key of ["team", "cost-center", "asset-id"] as const) {
        const v = meta.values[key];
        if (typeof v !== "string") continue;
        const id = `${meta.cloud}/${key}/${v}`;
        const list = byScope.get(id);
        if (list) list.push(r);
        else byScope.set(id, [r]);
      }
    }
    for (const node of stack.nodes) {
      const budget = readBudget(node.type, node.props);
      if (!budget || budget.scope === UNKNOWN || typeof budget.monthlyLimitUsd !== "number")
        continue;
      const inScope = new Map<Node, number>();
      const scopeText: string[] = [];
      for (const [key, values] of Object.entries(budget.scope)) {
        for (const v of values) {
          scopeText.push(`${key} \`${v}\``);
          const value = budget.cloud === "gcp" ? gcpLabelValue(v) : v;
          for (const r of byScope.get(`${budget.cloud}/${key}/${value}`) ?? [])
            inScope.set(r.node, r.usd);
        }
      }
      const total = [...inScope.values()].reduce((a, b) => a + b, 0);
      if (total <= budget.monthlyLimitUsd) continue;
      const top = [...inScope.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
      const parts = top.map(([n, usd]) => `${n.what} \`${n.name}\` ${formatUsd(usd)}`).join(", ");
      const name = asString(at(node.props, budget.cloud === "aws" ? "name" : "displayName"));
      report(
        node.urn,
        `${node.what} \`${typeof name === "string" ? name : node.name}\` allows ${formatUsd(budget.monthlyLimitUsd)} a month, but the AI resources in its scope (${scopeText.join(", ")}) cost at least ${formatUsd(total)} a month at on-demand list prices (${parts}): raise the budget's limit or reduce their minimum capacity.`,
      );
    }
  },
});
