import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { budgetScopeLabel } from "../../sdk";
import { Problems, readStackConfig } from "../common/governance";
import { AwsBudgetAlarmArgs } from "./budget-args";
import {
  DEFAULT_ANOMALY_IMPACT_USD,
  PlannedBudget,
  anomalyMonitorSpecification,
  planBudgets,
} from "./budget-plan";
import {
  budgetActionPolicy,
  budgetActionTrustPolicy,
  budgetTopicKeyPolicy,
  budgetTopicPolicy,
  denyEndpointsPolicy,
} from "./budget-policies";
import { AwsAnomalyFrequency, AwsBudgetApproval } from "./enums";
import { resolvePartialMetadata } from "../common/governance";
import { addIssues, warnAll } from "./governance";
import { parseArn } from "./iam-policies";
import { buildTags, tagOverrideWarnings, userTagIssues } from "./tags";

/** The deny policy and the role AWS Budgets uses to attach it. */
interface Enforcement {
  policyArn: pulumi.Output<string>;
  roleArn: pulumi.Output<string>;
  ready: pulumi.Resource[];
}

/**
 * Monthly cost budgets per team, cost center or asset, from the stack config `aigov:budgets` or
 * from args: AWS Budgets filtered on the aigov cost allocation tags, notifications at each actual
 * threshold and a forecast threshold through a KMS-encrypted SNS topic, optional denial of new
 * SageMaker endpoints and optional Cost Anomaly Detection.
 */
export class AwsBudgetAlarm extends pulumi.ComponentResource {
  /** Names of the budgets. */
  public readonly budgetNames: pulumi.Output<string[]>;
  /** ARN of the SNS topic each budget notifies, in the order of `budgetNames`. */
  public readonly topicArns: pulumi.Output<string[]>;
  /** Cost allocation tag keys this component activates. */
  public readonly costAllocationTagKeys: pulumi.Output<string[]>;
  /** ARN of the IAM policy that denies new endpoints (only with enforcement). */
  public readonly denyPolicyArn?: pulumi.Output<string>;

  constructor(name: string, args: AwsBudgetAlarmArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = new Problems();
    const stack = readStackConfig();
    const metadata = resolvePartialMetadata(args.metadata, stack.defaults, problems);
    addIssues(problems, userTagIssues(args.tags, metadata));
    const { budgets, issues } = planBudgets(args, stack.budgets);
    addIssues(problems, issues);
    problems.throwIfAny("AwsBudgetAlarm", name);

    super("aigov:index:AwsBudgetAlarm", name, {}, opts);
    warnAll(tagOverrideWarnings(args.tags, metadata!), "AwsBudgetAlarm", name, this);
    const tags = buildTags(metadata!, args.tags);
    const parent = { parent: this };
    const identity =
      args.accountId === undefined ? aws.getCallerIdentityOutput({}, parent) : undefined;
    const accountId = identity?.accountId ?? pulumi.output(args.accountId!);
    const partition =
      identity?.arn.apply((arn) => parseArn(arn)?.partition ?? "aws") ?? pulumi.output("aws");

    const tagKeys = [...new Set(budgets.map((b) => b.tagKey))];
    const activate = args.activateCostAllocationTags ?? true;
    if (activate) {
      for (const tagKey of tagKeys) {
        new aws.costexplorer.CostAllocationTag(
          `${name}-cost-allocation-${tagKey.replace(":", "-")}`,
          { tagKey, status: "Active" },
          parent,
        );
      }
    }

    const topicKeyArn = budgets.some((b) => b.ownTopic)
      ? new aws.kms.Key(
          `${name}-topic-key`,
          {
            description: "aigov budget notifications",
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: pulumi
              .all([partition, accountId])
              .apply(([p, a]) => JSON.stringify(budgetTopicKeyPolicy(p, a))),
            tags,
          },
          parent,
        ).arn
      : undefined;
    const enforcement = budgets.some((b) => b.budget.denyNewEndpointsAtPercent !== undefined)
      ? this.createEnforcement(name, args, partition, accountId, tags)
      : undefined;

    const topicArns: pulumi.Output<string>[] = [];
    for (const p of budgets) {
      const b = p.budget;
      let topicArn: pulumi.Output<string>;
      let emails: string[] = [];
      const ready: pulumi.Resource[] = [];
      if (p.ownTopic) {
        const topic = new aws.sns.Topic(
          `${name}-${p.slug}-topic`,
          { displayName: `aigov budget ${b.name}`, kmsMasterKeyId: topicKeyArn, tags },
          parent,
        );
        ready.push(
          new aws.sns.TopicPolicy(
            `${name}-${p.slug}-topic-policy`,
            {
              arn: topic.arn,
              policy: pulumi
                .all([topic.arn, partition, accountId])
                .apply(([t, part, a]) => JSON.stringify(budgetTopicPolicy(t, part, a))),
            },
            parent,
          ),
        );
        for (const email of b.notify.emails) {
          new aws.sns.TopicSubscription(
            `${name}-${p.slug}-email-${email}`,
            { topic: topic.arn, protocol: "email", endpoint: email },
            parent,
          );
        }
        topicArn = topic.arn;
      } else {
        topicArn = pulumi.output(b.notify.snsTopicArn ?? args.topicArn!);
        emails = b.notify.emails;
      }
      topicArns.push(topicArn);
      const notify = (notificationType: string, threshold: number) => ({
        comparisonOperator: "GREATER_THAN",
        notificationType,
        threshold,
        thresholdType: "PERCENTAGE",
        subscriberSnsTopicArns: [topicArn],
        subscriberEmailAddresses: emails.length > 0 ? emails : undefined,
      });
      const budget = new aws.budgets.Budget(
        `${name}-${p.slug}`,
        {
          name: b.name,
          accountId: args.accountId,
          budgetType: "COST",
          timeUnit: "MONTHLY",
          limitAmount: b.monthlyLimitUsd.toFixed(2),
          limitUnit: "USD",
          costFilters: [{ name: "TagKeyValue", values: [p.tagKeyValue] }],
          notifications: [
            ...b.thresholdsPercent.map((t) => notify("ACTUAL", t)),
            notify("FORECASTED", b.forecastThresholdPercent),
          ],
          tags,
        },
        { parent: this, dependsOn: ready },
      );
      if (enforcement !== undefined && b.denyNewEndpointsAtPercent !== undefined) {
        this.createDenyAction(name, p, args, budget, topicArn, enforcement, tags);
      }
      if (args.anomalyDetection !== undefined) this.createAnomalyDetection(name, p, args, tags);
    }

    this.budgetNames = pulumi.output(budgets.map((b) => b.budget.name));
    this.topicArns = pulumi.all(topicArns);
    this.costAllocationTagKeys = pulumi.output(activate ? tagKeys : []);
    this.denyPolicyArn = enforcement?.policyArn;
    this.registerOutputs({
      budgetNames: this.budgetNames,
      topicArns: this.topicArns,
      costAllocationTagKeys: this.costAllocationTagKeys,
      denyPolicyArn: this.denyPolicyArn,
    });
  }

  private createEnforcement(
    name: string,
    args: AwsBudgetAlarmArgs,
    partition: pulumi.Output<string>,
    accountId: pulumi.Output<string>,
    tags: Record<string, string>,
  ): Enforcement {
    const parent = { parent: this };
    const policy = new aws.iam.Policy(
      `${name}-deny-endpoints`,
      {
        description: "aigov: denies new and updated SageMaker endpoints once a budget is spent",
        policy: JSON.stringify(denyEndpointsPolicy()),
        tags,
      },
      parent,
    );
    const role = new aws.iam.Role(
      `${name}-budget-action-role`,
      {
        description: "Lets AWS Budgets attach the aigov endpoint deny policy",
        assumeRolePolicy: accountId.apply((a) => JSON.stringify(budgetActionTrustPolicy(a))),
        tags,
      },
      parent,
    );
    const targets = {
      roleNames: args.enforcement?.roleNames ?? [],
      groupNames: args.enforcement?.groupNames ?? [],
      userNames: args.enforcement?.userNames ?? [],
    };
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-budget-action-policy`,
      {
        role: role.id,
        policy: pulumi
          .all([partition, accountId, policy.arn])
          .apply(([p, a, arn]) => JSON.stringify(budgetActionPolicy(p, a, arn, targets))),
      },
      parent,
    );
    return { policyArn: policy.arn, roleArn: role.arn, ready: [rolePolicy] };
  }

  private createDenyAction(
    name: string,
    p: PlannedBudget,
    args: AwsBudgetAlarmArgs,
    budget: aws.budgets.Budget,
    topicArn: pulumi.Output<string>,
    enforcement: Enforcement,
    tags: Record<string, string>,
  ): void {
    const e = args.enforcement ?? {};
    const some = (names: string[] | undefined) =>
      names !== undefined && names.length > 0 ? names : undefined;
    new aws.budgets.BudgetAction(
      `${name}-${p.slug}-deny-endpoints`,
      {
        budgetName: budget.name,
        accountId: args.accountId,
        actionType: "APPLY_IAM_POLICY",
        actionThreshold: {
          actionThresholdType: "PERCENTAGE",
          actionThresholdValue: p.budget.denyNewEndpointsAtPercent!,
        },
        approvalModel: e.approval ?? AwsBudgetApproval.Manual,
        definition: {
          iamActionDefinition: {
            policyArn: enforcement.policyArn,
            roles: some(e.roleNames),
            groups: some(e.groupNames),
            users: some(e.userNames),
          },
        },
        executionRoleArn: enforcement.roleArn,
        notificationType: "ACTUAL",
        subscribers: [{ address: topicArn, subscriptionType: "SNS" }],
        tags,
      },
      { parent: this, dependsOn: enforcement.ready },
    );
  }

  private createAnomalyDetection(
    name: string,
    p: PlannedBudget,
    args: AwsBudgetAlarmArgs,
    tags: Record<string, string>,
  ): void {
    const a = args.anomalyDetection ?? {};
    const monitor = new aws.costexplorer.AnomalyMonitor(
      `${name}-${p.slug}-anomaly-monitor`,
      {
        name: `aigov-${p.slug}`,
        monitorType: "CUSTOM",
        monitorSpecification: anomalyMonitorSpecification(
          p.tagKey,
          budgetScopeLabel(p.budget).value,
        ),
        tags,
      },
      { parent: this },
    );
    new aws.costexplorer.AnomalySubscription(
      `${name}-${p.slug}-anomaly-subscription`,
      {
        name: `aigov-${p.slug}`,
        accountId: args.accountId,
        frequency: a.frequency ?? AwsAnomalyFrequency.Daily,
        monitorArnLists: [monitor.arn],
        subscribers: p.budget.notify.emails.map((address) => ({ type: "EMAIL", address })),
        thresholdExpression: {
          dimension: {
            key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
            matchOptions: ["GREATER_THAN_OR_EQUAL"],
            values: [String(a.impactThresholdUsd ?? DEFAULT_ANOMALY_IMPACT_USD)],
          },
        },
        tags,
      },
      { parent: this },
    );
  }
}
