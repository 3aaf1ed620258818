import * as pulumi from "@pulumi/pulumi";
import { expectInputError, inputError } from "../../helpers/input-errors";
import { recordOptions } from "../../helpers/options-recorder";
import { setStackConfig, settle, unwrap } from "../../helpers/pulumi-mocks";
import { ACCOUNT_ID, CALLER_IDENTITY, mockStack } from "../../helpers/stack";
import {
  AwsAnomalyFrequency,
  AwsBudgetAlarm,
  AwsBudgetAlarmArgs,
  AwsBudgetApproval,
} from "../../../index";
import { ConfigError } from "../../../sdk";
import { anomalyMonitorSpecification } from "../../../components/aws/budget-plan";
import { budgetTopicKeyPolicy, budgetTopicPolicy } from "../../../components/aws/budget-policies";
import { allowed, policyOf, taggable } from "./util";

const T = {
  budget: "aws:budgets/budget:Budget",
  action: "aws:budgets/budgetAction:BudgetAction",
  tag: "aws:costexplorer/costAllocationTag:CostAllocationTag",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  key: "aws:kms/key:Key",
  policy: "aws:iam/policy:Policy",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  monitor: "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
  anomaly: "aws:costexplorer/anomalySubscription:AnomalySubscription",
};
const CONFIG_BUDGETS = [
  {
    name: "risk-ml",
    monthlyLimitUsd: 5000,
    scope: { team: "risk-ml" },
    notify: { emails: ["finops@example.com", "lead@example.com"] },
  },
  {
    name: "fin-1234",
    monthlyLimitUsd: 1234.5,
    scope: { costCenter: "FIN-1234" },
    thresholdsPercent: [90, 110],
    forecastThresholdPercent: 120,
    notify: {
      snsTopicArn: "arn:aws:sns:us-east-1:123456789012:finops",
      emails: ["cfo@example.com"],
    },
  },
];
const TAGS = { "aigov:team": "platform", "aigov:cost-center": "FIN-0001" };
const TOPIC = "arn:aws:sns:us-east-1:123456789012:fin-risk-ml-topic";

/** Budgets are no AI assets: the platform team's defaults, without asset metadata. */
const PLATFORM_DEFAULTS = { team: "platform", costCenter: "FIN-0001" };

const { mocks } = mockStack({
  invokes: CALLER_IDENTITY,
  config: { "aigov:defaults": PLATFORM_DEFAULTS, "aigov:budgets": CONFIG_BUDGETS },
});

async function build(args: AwsBudgetAlarmArgs = {}) {
  const rec = recordOptions();
  const alarm = new AwsBudgetAlarm("fin", args, { transformations: rec.transformations });
  await settle();
  return { alarm, rec };
}
const get = (type: string, name: string) => mocks.get(type, name).inputs;
const actual = (threshold: number, topics: string[], emails?: string[]) => ({
  comparisonOperator: "GREATER_THAN",
  notificationType: "ACTUAL",
  threshold,
  thresholdType: "PERCENTAGE",
  subscriberSnsTopicArns: topics,
  ...(emails ? { subscriberEmailAddresses: emails } : {}),
});
const forecast = (threshold: number, topics: string[], emails?: string[]) => ({
  ...actual(threshold, topics, emails),
  notificationType: "FORECASTED",
});

describe("AwsBudgetAlarm", () => {
  test("reads aigov:budgets and creates budgets, cost allocation tags and topics", async () => {
    const { rec, alarm } = await build();
    expect(rec.records.map((c) => [c.type, c.name, c.parent])).toEqual([
      ["aigov:index:AwsBudgetAlarm", "fin", undefined],
      [T.tag, "fin-cost-allocation-aigov-team", "fin"],
      [T.tag, "fin-cost-allocation-aigov-cost-center", "fin"],
      [T.key, "fin-topic-key", "fin"],
      [T.topic, "fin-risk-ml-topic", "fin"],
      [T.topicPolicy, "fin-risk-ml-topic-policy", "fin"],
      [T.subscription, "fin-risk-ml-email-finops@example.com", "fin"],
      [T.subscription, "fin-risk-ml-email-lead@example.com", "fin"],
      [T.budget, "fin-risk-ml", "fin"],
      [T.budget, "fin-fin-1234", "fin"],
    ]);
    expect(get(T.tag, "fin-cost-allocation-aigov-team")).toEqual({
      tagKey: "aigov:team",
      status: "Active",
    });
    expect(get(T.tag, "fin-cost-allocation-aigov-cost-center")).toEqual({
      tagKey: "aigov:cost-center",
      status: "Active",
    });
    expect(get(T.budget, "fin-risk-ml")).toEqual({
      name: "risk-ml",
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: "5000.00",
      limitUnit: "USD",
      costFilters: [{ name: "TagKeyValue", values: ["user:aigov:team$risk-ml"] }],
      notifications: [
        actual(50, [TOPIC]),
        actual(80, [TOPIC]),
        actual(100, [TOPIC]),
        forecast(100, [TOPIC]),
      ],
      tags: TAGS,
    });
    const finops = "arn:aws:sns:us-east-1:123456789012:finops";
    expect(get(T.budget, "fin-fin-1234")).toEqual({
      name: "fin-1234",
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: "1234.50",
      limitUnit: "USD",
      costFilters: [{ name: "TagKeyValue", values: ["user:aigov:cost-center$FIN-1234"] }],
      notifications: [
        actual(90, [finops], ["cfo@example.com"]),
        actual(110, [finops], ["cfo@example.com"]),
        forecast(120, [finops], ["cfo@example.com"]),
      ],
      tags: TAGS,
    });
    for (const r of taggable(mocks.resources)) expect(r.inputs.tags).toEqual(TAGS);
    expect(
      await unwrap(pulumi.all([alarm.budgetNames, alarm.topicArns, alarm.costAllocationTagKeys])),
    ).toEqual([
      ["risk-ml", "fin-1234"],
      [TOPIC, finops],
      ["aigov:team", "aigov:cost-center"],
    ]);
    expect(alarm.denyPolicyArn).toBeUndefined();
  });

  test("the topic is KMS-encrypted and only AWS Budgets of this account may publish", async () => {
    await build();
    expect(get(T.topic, "fin-risk-ml-topic")).toEqual({
      displayName: "aigov budget risk-ml",
      kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:fin-topic-key",
      tags: TAGS,
    });
    // The policies themselves are pinned in policies.test.ts: here, that the caller's account
    // and the topic reach them.
    expect(JSON.parse(get(T.key, "fin-topic-key").policy)).toEqual(
      budgetTopicKeyPolicy("aws", ACCOUNT_ID),
    );
    const topicPolicy = get(T.topicPolicy, "fin-risk-ml-topic-policy");
    expect(topicPolicy.arn).toBe(TOPIC);
    expect(JSON.parse(topicPolicy.policy)).toEqual(budgetTopicPolicy(TOPIC, "aws", ACCOUNT_ID));
    expect(get(T.subscription, "fin-risk-ml-email-finops@example.com")).toEqual({
      topic: TOPIC,
      protocol: "email",
      endpoint: "finops@example.com",
    });
  });

  test("args budgets win over the config; enforcement denies new endpoints at its threshold", async () => {
    const { alarm } = await build({
      accountId: "210987654321",
      budgets: [
        {
          name: "fraud-api",
          monthlyLimitUsd: 800,
          scope: { assetId: "fraud-api" },
          notify: { emails: ["risk-ml@example.com"] },
          denyNewEndpointsAtPercent: 100,
        },
      ],
      enforcement: {
        approval: AwsBudgetApproval.Automatic,
        roleNames: ["risk-ml-deployer"],
        groupNames: ["risk-ml"],
      },
      activateCostAllocationTags: false,
      tags: { "cost-owner": "finops" },
    });
    expect(mocks.ofType(T.tag)).toEqual([]);
    expect(mocks.ofType(T.budget).map((b) => b.inputs.name)).toEqual(["fraud-api"]);
    const tags = { "cost-owner": "finops", ...TAGS };
    expect(get(T.budget, "fin-fraud-api")).toMatchObject({
      accountId: "210987654321",
      costFilters: [{ name: "TagKeyValue", values: ["user:aigov:asset-id$fraud-api"] }],
      tags,
    });
    const deny = get(T.policy, "fin-deny-endpoints");
    expect(JSON.parse(deny.policy).Statement).toEqual([
      {
        Sid: "AigovBudgetDeniesEndpoints",
        Effect: "Deny",
        Action: ["sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint"],
        Resource: "*",
      },
    ]);
    const denyArn = "arn:aws:iam:us-east-1:123456789012:fin-deny-endpoints";
    expect(get(T.action, "fin-fraud-api-deny-endpoints")).toEqual({
      budgetName: "fraud-api",
      accountId: "210987654321",
      actionType: "APPLY_IAM_POLICY",
      actionThreshold: { actionThresholdType: "PERCENTAGE", actionThresholdValue: 100 },
      approvalModel: "AUTOMATIC",
      definition: {
        iamActionDefinition: {
          policyArn: denyArn,
          roles: ["risk-ml-deployer"],
          groups: ["risk-ml"],
        },
      },
      executionRoleArn: "arn:aws:iam:us-east-1:123456789012:fin-budget-action-role",
      notificationType: "ACTUAL",
      subscribers: [
        {
          address: "arn:aws:sns:us-east-1:123456789012:fin-fraud-api-topic",
          subscriptionType: "SNS",
        },
      ],
      tags,
    });
    expect(JSON.parse(get(T.role, "fin-budget-action-role").assumeRolePolicy).Statement).toEqual([
      {
        Sid: "ServiceAssumesRole",
        Effect: "Allow",
        Principal: { Service: "budgets.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "210987654321" } },
      },
    ]);
    const permissions = policyOf(mocks.get(T.rolePolicy, "fin-budget-action-policy"));
    expect(allowed(permissions)).toEqual({
      actions: [
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
        "iam:AttachGroupPolicy",
        "iam:DetachGroupPolicy",
      ],
      resources: [
        "arn:aws:iam::210987654321:role/risk-ml-deployer",
        "arn:aws:iam::210987654321:group/risk-ml",
      ],
    });
    for (const s of permissions.Statement) {
      expect(s.Condition).toEqual({ ArnEquals: { "iam:PolicyARN": denyArn } });
    }
    expect(await unwrap(alarm.denyPolicyArn!)).toBe(denyArn);
  });

  test("a given topic replaces the created ones; anomaly detection per budget scope", async () => {
    const given = "arn:aws:sns:us-east-1:123456789012:shared";
    await build({
      topicArn: given,
      budgets: [
        {
          name: "risk-ml",
          monthlyLimitUsd: 10,
          scope: { team: "risk-ml" },
          notify: { emails: ["a@example.com"] },
        },
      ],
      anomalyDetection: { impactThresholdUsd: 250, frequency: AwsAnomalyFrequency.Weekly },
    });
    expect(mocks.ofType(T.topic)).toEqual([]);
    expect(mocks.ofType(T.key)).toEqual([]);
    expect(get(T.budget, "fin-risk-ml").notifications[0]).toEqual(
      actual(50, [given], ["a@example.com"]),
    );
    expect(get(T.monitor, "fin-risk-ml-anomaly-monitor")).toEqual({
      name: "aigov-risk-ml",
      monitorType: "CUSTOM",
      monitorSpecification: anomalyMonitorSpecification("aigov:team", "risk-ml"),
      tags: TAGS,
    });
    expect(get(T.anomaly, "fin-risk-ml-anomaly-subscription")).toEqual({
      name: "aigov-risk-ml",
      frequency: "WEEKLY",
      monitorArnLists: ["arn:aws:costexplorer:us-east-1:123456789012:fin-risk-ml-anomaly-monitor"],
      subscribers: [{ type: "EMAIL", address: "a@example.com" }],
      thresholdExpression: {
        dimension: {
          key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
          matchOptions: ["GREATER_THAN_OR_EQUAL"],
          values: ["250"],
        },
      },
      tags: TAGS,
    });
  });

  describe("rejects bad args before creating anything", () => {
    afterEach(() => expect(mocks.resources).toEqual([]));

    test("thresholds outside 1–1000 % and other budget fields, with their paths", () => {
      expectInputError(
        () =>
          new AwsBudgetAlarm("fin", {
            budgets: [
              {
                name: "risk-ml",
                monthlyLimitUsd: 0,
                scope: { team: "risk-ml" },
                thresholdsPercent: [0, 80, 1500],
                forecastThresholdPercent: 1001,
                denyNewEndpointsAtPercent: 0,
              },
            ],
          }),
        inputError("AwsBudgetAlarm", "fin", [
          {
            propertyPath: "budgets[0].monthlyLimitUsd",
            reason: "expected a positive number, got 0",
          },
          {
            propertyPath: "budgets[0].thresholdsPercent[0]",
            reason: "expected a percentage between 1 and 1000, got 0",
          },
          {
            propertyPath: "budgets[0].thresholdsPercent[2]",
            reason: "expected a percentage between 1 and 1000, got 1500",
          },
          {
            propertyPath: "budgets[0].forecastThresholdPercent",
            reason: "expected a percentage between 1 and 1000, got 1001",
          },
          {
            propertyPath: "budgets[0].denyNewEndpointsAtPercent",
            reason: "expected a percentage between 1 and 1000, got 0",
          },
        ]),
      );
    });

    test("bad aigov:budgets config names its key path", () => {
      setStackConfig({
        "aigov:budgets": [{ ...CONFIG_BUDGETS[0], thresholdsPercent: [80, 1500] }],
      });
      expect(() => new AwsBudgetAlarm("fin", {})).toThrow(
        new ConfigError([
          "aigov:budgets[0].thresholdsPercent[1]: expected a percentage between 1 and 1000, got 1500",
        ]),
      );
    });

    test("no budgets, bad metadata values and enforcement without targets", () => {
      setStackConfig({});
      expectInputError(
        () => new AwsBudgetAlarm("fin", { metadata: { team: "Risk ML" } }),
        inputError("AwsBudgetAlarm", "fin", [
          {
            propertyPath: "metadata.team",
            reason: 'expected a team matching ^[a-z][a-z0-9-]{0,62}$, got "Risk ML"',
          },
          {
            propertyPath: "budgets",
            reason: "no budgets: set `budgets` or the stack config `aigov:budgets`",
          },
        ]),
      );
      expectInputError(
        () =>
          new AwsBudgetAlarm("fin", {
            budgets: [
              {
                name: "risk-ml",
                monthlyLimitUsd: 10,
                scope: { team: "risk-ml" },
                denyNewEndpointsAtPercent: 100,
              },
            ],
          }),
        inputError("AwsBudgetAlarm", "fin", [
          {
            propertyPath: "budgets[0].notify",
            reason:
              'budget "risk-ml" notifies nobody: add `notify.emails` or `notify.snsTopicArn`, or set `topicArn`',
          },
          {
            propertyPath: "enforcement",
            reason:
              'budget "risk-ml" sets `denyNewEndpointsAtPercent`: name the IAM roles, groups or users to restrict in `enforcement.roleNames`, `groupNames` or `userNames`',
          },
        ]),
      );
    });
  });
});
