// Monthly AWS budgets of several AI teams, entirely from stack config: FinOps edit
// `aigov:budgets` (and the enforcement targets) in Pulumi.<stack>.yaml, never this program.
//
// Each budget gets its own AwsBudgetAlarm so that reaching one team's budget denies new SageMaker
// endpoints to that team's deploy roles only. The cost allocation tags that the budgets filter on
// are activated once, here, for the whole payer account.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsBudgetAlarm, AwsBudgetApproval } from "aigov";
import { awsTagKey, budgetScopeLabel, parseStackConfig, type ConfigKey } from "aigov/sdk";
import { z } from "zod";

const project = pulumi.getProject();
const aigovConfig = new pulumi.Config("aigov");
// The same validation as the components: every problem at once, each with its key path.
const { budgets } = parseStackConfig((key: ConfigKey) => aigovConfig.get(key));

const EnforcementSchema = z.record(
  z.string(),
  z
    .object({
      roleNames: z.array(z.string()).optional(),
      groupNames: z.array(z.string()).optional(),
      userNames: z.array(z.string()).optional(),
      approval: z.enum(AwsBudgetApproval).optional(),
    })
    .strict(),
);

function readEnforcement(): z.infer<typeof EnforcementSchema> {
  const key = `${project}:enforcement`;
  const raw = new pulumi.Config().getObject<unknown>("enforcement") ?? {};
  const problems: string[] = [];
  const parsed = EnforcementSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`));
      problems.push(`${key}${path.join("")}: ${issue.message}`);
    }
  }
  const enforcement = parsed.success ? parsed.data : {};
  const names = new Set(budgets.map((b) => b.name));
  for (const name of Object.keys(enforcement)) {
    if (!names.has(name))
      problems.push(`${key}.${name}: no budget named "${name}" in aigov:budgets`);
  }
  budgets.forEach((b, i) => {
    if (b.denyNewEndpointsAtPercent !== undefined && !enforcement[b.name]) {
      problems.push(
        `aigov:budgets[${i}].denyNewEndpointsAtPercent: set ${key}.${b.name} to the roles, groups or users to deny`,
      );
    }
  });
  if (problems.length > 0) {
    throw new Error(`invalid budget configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
  return enforcement;
}
const enforcement = readEnforcement();

// Activated once per payer account: every aigov tag key that a budget filters on.
const tagKeys = [...new Set(budgets.map((b) => awsTagKey(budgetScopeLabel(b).key)))].sort();
for (const tagKey of tagKeys) {
  new aws.costexplorer.CostAllocationTag(`cost-allocation-${tagKey.replace(":", "-")}`, {
    tagKey,
    status: "Active",
  });
}

const alarms = budgets.map(
  (budget) =>
    new AwsBudgetAlarm(`budget-${budget.name.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`, {
      budgets: [budget],
      enforcement: enforcement[budget.name],
      activateCostAllocationTags: false,
    }),
);

export const budgetNames = pulumi.all(alarms.map((a) => a.budgetNames)).apply((n) => n.flat());
export const costAllocationTags = tagKeys;
