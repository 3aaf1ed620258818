import { z } from "zod";
import { BudgetCoverage, Cloud, budgetValue, gcpLabelValue, readBudget } from "aigov/sdk";
import { fields } from "../lib/config";
import { stackPolicy } from "../lib/policy";
import { Node, StackIndex } from "../lib/stack";

const config = z.object({
  budgetedTeams: fields.budgetedTeams,
  budgetedCostCenters: fields.budgetedCostCenters,
  extraResourceTypes: fields.extraResourceTypes,
});

/** What the stack's budgets and the config cover. */
function coverage(stack: StackIndex, cfg: z.output<typeof config>): BudgetCoverage {
  const cov = new BudgetCoverage();
  cov.addBudgetedElsewhere(cfg.budgetedTeams, cfg.budgetedCostCenters);
  for (const node of stack.nodes) {
    const budget = readBudget(node.type, node.props);
    if (budget) cov.addBudget(budget);
  }
  return cov;
}

const FIX: Record<Cloud, (team: string) => string> = {
  aws: (t) =>
    `add an aws.budgets.Budget with a \`TagKeyValue\` cost filter \`user:aigov:team$${t}\` (or \`user:aigov:cost-center$<cost center>\`)`,
  gcp: (t) =>
    `add a gcp.billing.Budget with \`budgetFilter.labels\` \`{"aigov-team": "${gcpLabelValue(t)}"}\` (or \`aigov-cost-center\`)`,
  kubernetes: (t) =>
    `add an AWS or GCP budget that filters on the team \`${t}\` or its cost center`,
};

/** `aigov-budget-coverage`: every team that owns AI resources has a budget. */
export const budgetCoverage = stackPolicy({
  name: "aigov-budget-coverage",
  description:
    "Every team that owns AI resources in the stack must be covered by a budget of the cloud the resources run on, filtered on its `team` or its `cost-center` tag/label (AWS `TagKeyValue` cost filters or `filterExpression.tags`, GCP `budgetFilter.labels`), unless the team or cost center is listed in `budgetedTeams`/`budgetedCostCenters`.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Add the team's budget to `aigov:budgets` in the stack config so that the aigov budget component creates it, or list the team (or its cost center) in `budgetedTeams`/`budgetedCostCenters` when its budget lives in another stack.",
  config,
  extraTypes: (cfg) => cfg.extraResourceTypes,
  validate(stack, cfg, report) {
    const cov = coverage(stack, cfg);
    const uncovered = new Map<string, { first: Node; team: string; cloud: Cloud; count: number }>();
    for (const node of stack.nodes) {
      if (!stack.isGoverned(node)) continue;
      const meta = stack.meta(node);
      if (!meta) continue;
      const team = meta.values.team;
      if (typeof team !== "string" || cov.covers(meta.cloud, "team", team)) continue;
      const cc = meta.values["cost-center"];
      if (typeof cc === "string" && cov.covers(meta.cloud, "cost-center", cc)) continue;
      const key = `${meta.cloud}/${budgetValue(meta.cloud, team)}`;
      const entry = uncovered.get(key);
      if (entry) entry.count++;
      else uncovered.set(key, { first: node, team, cloud: meta.cloud, count: 1 });
    }
    for (const { first, team, cloud, count } of uncovered.values()) {
      const others = count > 1 ? ` and ${count - 1} more AI resource(s)` : "";
      const where = cloud === "kubernetes" ? "" : ` ${cloud.toUpperCase()}`;
      report(
        first.urn,
        `Team \`${team}\` owns ${first.what} \`${first.name}\`${others} but no${where} budget in the stack covers it: ${FIX[cloud](team)}, or list \`${team}\` in \`budgetedTeams\` if its budget lives elsewhere.`,
      );
    }
  },
});
