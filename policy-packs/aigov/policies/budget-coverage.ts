import { z } from "zod";
import { Cloud, MetadataKey, UNKNOWN, gcpLabelValue, readBudget } from "aigov/sdk";
import { fields } from "../lib/config";
import { stackPolicy } from "../lib/policy";
import { Node, StackIndex } from "../lib/stack";

const config = z.object({
  budgetedTeams: fields.budgetedTeams,
  budgetedCostCenters: fields.budgetedCostCenters,
  extraResourceTypes: fields.extraResourceTypes,
});

/** A value as the budgets of `cloud` see it: verbatim on AWS, as a label value on GCP. */
const norm = (cloud: string, v: string) => (cloud === "gcp" ? gcpLabelValue(v) : v);

/** Normalised covered values per cloud and key; `null` when a budget's filter is not known yet. */
type Coverage = Map<string, Set<string> | null>;

function coverage(stack: StackIndex, cfg: z.output<typeof config>): Coverage {
  const out: Coverage = new Map();
  const add = (cloud: string, key: string, values: Iterable<string>) => {
    const set = out.get(`${cloud}/${key}`);
    if (set === null) return;
    const next = set ?? new Set<string>();
    for (const v of values) next.add(norm(cloud, v));
    out.set(`${cloud}/${key}`, next);
  };
  for (const cloud of ["aws", "gcp"]) {
    add(cloud, "team", cfg.budgetedTeams);
    add(cloud, "cost-center", cfg.budgetedCostCenters);
  }
  for (const node of stack.nodes) {
    const budget = readBudget(node.type, node.props);
    if (!budget) continue;
    for (const key of ["team", "cost-center"] as const) {
      if (budget.scope === UNKNOWN) out.set(`${budget.cloud}/${key}`, null);
      else add(budget.cloud, key, budget.scope[key]);
    }
  }
  return out;
}

/** Whether a `key` value on a resource of `cloud` is covered; Kubernetes spend may sit on either cloud. */
function covered(cov: Coverage, cloud: Cloud, key: MetadataKey, value: string): boolean {
  const clouds = cloud === "kubernetes" ? ["aws", "gcp"] : [cloud];
  return clouds.some((c) => {
    const set = cov.get(`${c}/${key}`);
    return set === null || (set?.has(norm(c, value)) ?? false);
  });
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
      if (typeof team !== "string" || covered(cov, meta.cloud, "team", team)) continue;
      const cc = meta.values["cost-center"];
      if (typeof cc === "string" && covered(cov, meta.cloud, "cost-center", cc)) continue;
      const key = `${meta.cloud}/${norm(meta.cloud, team)}`;
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
