import { AwsBudgetAlarmArgs, AwsBudgetArgs } from "../../../components/aws";
import {
  anomalyMonitorSpecification,
  planBudgets,
  tagKeyValue,
} from "../../../components/aws/budget-plan";
import { Budget, BudgetSchema } from "../../../sdk";

const budget = (over: Partial<AwsBudgetArgs> = {}): AwsBudgetArgs => ({
  name: "risk-ml",
  monthlyLimitUsd: 5000,
  scope: { team: "risk-ml" },
  notify: { emails: ["finops@example.com"] },
  ...over,
});
const parsed = (raw: unknown): Budget => BudgetSchema.parse(raw);

describe("tagKeyValue", () => {
  test.each([
    [{ team: "risk-ml" }, "user:aigov:team$risk-ml"],
    [{ costCenter: "FIN-1234" }, "user:aigov:cost-center$FIN-1234"],
    [{ assetId: "fraud-api" }, "user:aigov:asset-id$fraud-api"],
  ])("%j → %s", (scope, expected) => {
    expect(tagKeyValue(parsed({ name: "b", monthlyLimitUsd: 1, scope }))).toBe(expected);
  });
});

describe("planBudgets", () => {
  test("args budgets get the config defaults and a topic of their own", () => {
    const { budgets, issues } = planBudgets({ budgets: [budget()] }, []);
    expect(issues).toEqual([]);
    expect(budgets).toEqual([
      {
        budget: {
          name: "risk-ml",
          monthlyLimitUsd: 5000,
          scope: { team: "risk-ml" },
          thresholdsPercent: [50, 80, 100],
          forecastThresholdPercent: 100,
          notify: { emails: ["finops@example.com"] },
        },
        path: "budgets[0]",
        slug: "risk-ml",
        tagKey: "aigov:team",
        tagKeyValue: "user:aigov:team$risk-ml",
        ownTopic: true,
      },
    ]);
  });

  test("repeated e-mail addresses are kept once", () => {
    const { budgets } = planBudgets(
      {
        budgets: [
          budget({ notify: { emails: ["a@example.com", "b@example.com", "a@example.com"] } }),
        ],
      },
      [],
    );
    expect(budgets[0].budget.notify.emails).toEqual(["a@example.com", "b@example.com"]);
  });

  test("config budgets are used when args have none; a given topic replaces the own one", () => {
    const config = [
      parsed({ name: "FinOps CC 1", monthlyLimitUsd: 9, scope: { costCenter: "FIN-1" } }),
    ];
    const { budgets, issues } = planBudgets({ topicArn: "arn:aws:sns:us-east-1:1:t" }, config);
    expect(issues).toEqual([]);
    expect(budgets[0]).toMatchObject({
      path: "aigov:budgets[0]",
      slug: "finops-cc-1-gxmrjebr",
      tagKeyValue: "user:aigov:cost-center$FIN-1",
      ownTopic: false,
    });
  });

  test("field problems use the aigov:budgets schema and name their path", () => {
    const { issues } = planBudgets(
      {
        budgets: [
          budget({
            monthlyLimitUsd: -5,
            scope: { team: "t", costCenter: "FIN-12" },
            thresholdsPercent: [0, 80, 2000],
            forecastThresholdPercent: 1001,
          }),
          budget({ name: "a:b", denyNewEndpointsAtPercent: 0.5 }),
        ],
      },
      [],
    );
    expect(issues).toEqual([
      { path: "budgets[0].monthlyLimitUsd", reason: "expected a positive number, got -5" },
      {
        path: "budgets[0].scope",
        reason:
          'expected exactly one of `team`, `costCenter` or `assetId` (GCP budgets filter on one label), got {"team":"t","costCenter":"FIN-12"}',
      },
      {
        path: "budgets[0].thresholdsPercent[0]",
        reason: "expected a percentage between 1 and 1000, got 0",
      },
      {
        path: "budgets[0].thresholdsPercent[2]",
        reason: "expected a percentage between 1 and 1000, got 2000",
      },
      {
        path: "budgets[0].forecastThresholdPercent",
        reason: "expected a percentage between 1 and 1000, got 1001",
      },
      { path: "budgets[1].name", reason: 'must not contain `:` or `\\`, got "a:b"' },
      {
        path: "budgets[1].denyNewEndpointsAtPercent",
        reason: "expected a percentage between 1 and 1000, got 0.5",
      },
    ]);
  });

  test.each<[string, AwsBudgetAlarmArgs, { path: string; reason: string }[]]>([
    [
      "no budgets anywhere",
      {},
      [
        {
          path: "budgets",
          reason: "no budgets: set `budgets` or the stack config `aigov:budgets`",
        },
      ],
    ],
    [
      "duplicate thresholds, nobody notified",
      { budgets: [budget({ thresholdsPercent: [80, 80], notify: {} })] },
      [
        { path: "budgets[0].thresholdsPercent[1]", reason: "duplicate threshold 80" },
        {
          path: "budgets[0].notify",
          reason:
            'budget "risk-ml" notifies nobody: add `notify.emails` or `notify.snsTopicArn`, or set `topicArn`',
        },
      ],
    ],
    [
      "too many notifications",
      { budgets: [budget({ thresholdsPercent: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] })] },
      [
        {
          path: "budgets[0].thresholdsPercent",
          reason:
            "AWS Budgets takes at most 10 notifications per budget (thresholds plus the forecast), got 11",
        },
      ],
    ],
    [
      "enforcement without targets",
      { budgets: [budget({ denyNewEndpointsAtPercent: 100 })] },
      [
        {
          path: "enforcement",
          reason:
            'budget "risk-ml" sets `denyNewEndpointsAtPercent`: name the IAM roles, groups or users to restrict in `enforcement.roleNames`, `groupNames` or `userNames`',
        },
      ],
    ],
    [
      "enforcement that enforces nothing, with an ARN for a name",
      {
        budgets: [budget()],
        enforcement: { roleNames: ["arn:aws:iam::123456789012:role/x"] },
        accountId: "1234",
      },
      [
        { path: "accountId", reason: 'expected a 12-digit AWS account id, got "1234"' },
        {
          path: "enforcement.roleNames[0]",
          reason: 'expected an IAM name (not an ARN), got "arn:aws:iam::123456789012:role/x"',
        },
        {
          path: "enforcement",
          reason: "no budget sets `denyNewEndpointsAtPercent`, so nothing would be enforced",
        },
      ],
    ],
    [
      "anomaly detection needs e-mail addresses",
      {
        budgets: [budget({ notify: { snsTopicArn: "arn:aws:sns:us-east-1:1:t" } })],
        anomalyDetection: { impactThresholdUsd: 0 },
      },
      [
        {
          path: "anomalyDetection",
          reason:
            'Cost Anomaly Detection e-mails its reports, but budget "risk-ml" has no `notify.emails`',
        },
        {
          path: "anomalyDetection.impactThresholdUsd",
          reason: "expected a positive number, got 0",
        },
      ],
    ],
  ])("%s", (_what, args, expected) => {
    expect(planBudgets(args, []).issues).toEqual(expected);
  });
});

test("anomalyMonitorSpecification filters on one aigov tag", () => {
  expect(anomalyMonitorSpecification("aigov:team", "risk-ml")).toBe(
    JSON.stringify({
      And: null,
      CostCategories: null,
      Dimensions: null,
      Not: null,
      Or: null,
      Tags: { Key: "aigov:team", MatchOptions: null, Values: ["risk-ml"] },
    }),
  );
});
