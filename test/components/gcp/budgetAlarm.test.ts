import * as pulumi from "@pulumi/pulumi";
import { expectInputError, inputError } from "../../helpers/input-errors";
import { recordOptions } from "../../helpers/options-recorder";
import { setStackConfig, settle, unwrap } from "../../helpers/pulumi-mocks";
import { mockStack } from "../../helpers/stack";
import { GcpBudgetAlarm } from "../../../index";
import { ConfigError } from "../../../sdk";

const BUDGET = "gcp:billing/budget:Budget";
const TOPIC = "gcp:pubsub/topic:Topic";
const MEMBER = "gcp:pubsub/topicIAMMember:TopicIAMMember";
const CHANNEL = "gcp:monitoring/notificationChannel:NotificationChannel";

const CONFIG_BUDGETS = [
  {
    name: "risk-ml",
    monthlyLimitUsd: 5000,
    scope: { team: "risk-ml" },
    notify: { emails: ["finops@example.com", "lead@example.com"] },
  },
  {
    name: "FIN-1234 AI",
    monthlyLimitUsd: 1234.56,
    scope: { costCenter: "FIN-1234" },
    thresholdsPercent: [25, 110],
    forecastThresholdPercent: 90,
    denyNewEndpointsAtPercent: 100,
    notify: { emails: ["finops@example.com"], pubsubTopic: "projects/acme/topics/finops" },
  },
];

const error = (errors: pulumi.InputPropertyErrorDetails[]) =>
  inputError("GcpBudgetAlarm", "ai", errors);

const { mocks } = mockStack({ config: { "aigov:budgets": CONFIG_BUDGETS } });

describe("GcpBudgetAlarm", () => {
  it("creates one budget per config scope with 0–1 thresholds, a topic and e-mail channels", async () => {
    const rec = recordOptions();
    const alarm = new GcpBudgetAlarm(
      "ai",
      { billingAccount: "012345-6789AB-CDEF01", project: "acme-ml" },
      { transformations: rec.transformations },
    );
    await settle();
    expect(mocks.childKeys()).toEqual(
      [
        `${BUDGET}::ai-fin-1234-ai-6e7lqtnh`,
        `${BUDGET}::ai-risk-ml`,
        `${CHANNEL}::ai-email-finops-example-com-gfl2dbl2`,
        `${CHANNEL}::ai-email-lead-example-com-9b1f4x2y`,
        `${MEMBER}::ai-alerts-billing`,
        `${TOPIC}::ai-alerts`,
      ].sort(),
    );
    expect(rec.childrenOf("aigov:index:GcpBudgetAlarm", "ai")).toEqual(mocks.childKeys());
    const finops = mocks.get(CHANNEL, "ai-email-finops-example-com-gfl2dbl2");
    const lead = mocks.get(CHANNEL, "ai-email-lead-example-com-9b1f4x2y");

    expect(mocks.get(MEMBER, "ai-alerts-billing").inputs).toEqual({
      topic: "ai-alerts-id",
      project: "acme-ml",
      role: "roles/pubsub.publisher",
      member: "serviceAccount:billing-budget-alert@system.gserviceaccount.com",
    });
    expect(finops.inputs).toEqual({
      type: "email",
      displayName: "aigov budget alerts: finops@example.com",
      labels: { email_address: "finops@example.com" },
      project: "acme-ml",
    });
    expect(mocks.get(BUDGET, "ai-risk-ml").inputs).toEqual({
      billingAccount: "012345-6789AB-CDEF01",
      displayName: "risk-ml",
      amount: { specifiedAmount: { currencyCode: "USD", units: "5000", nanos: 0 } },
      budgetFilter: { labels: { "aigov-team": "risk-ml" }, calendarPeriod: "MONTH" },
      thresholdRules: [
        { thresholdPercent: 0.5, spendBasis: "CURRENT_SPEND" },
        { thresholdPercent: 0.8, spendBasis: "CURRENT_SPEND" },
        { thresholdPercent: 1, spendBasis: "CURRENT_SPEND" },
        { thresholdPercent: 1, spendBasis: "FORECASTED_SPEND" },
      ],
      allUpdatesRule: {
        pubsubTopic: "ai-alerts-id",
        schemaVersion: "1.0",
        monitoringNotificationChannels: [finops.name, lead.name],
      },
    });
    const cc = mocks.get(BUDGET, "ai-fin-1234-ai-6e7lqtnh");
    expect(cc.inputs).toEqual({
      billingAccount: "012345-6789AB-CDEF01",
      displayName: "FIN-1234 AI",
      amount: { specifiedAmount: { currencyCode: "USD", units: "1234", nanos: 560000000 } },
      budgetFilter: { labels: { "aigov-cost-center": "fin-1234" }, calendarPeriod: "MONTH" },
      thresholdRules: [
        { thresholdPercent: 0.25, spendBasis: "CURRENT_SPEND" },
        { thresholdPercent: 1, spendBasis: "CURRENT_SPEND" },
        { thresholdPercent: 1.1, spendBasis: "CURRENT_SPEND" },
        { thresholdPercent: 0.9, spendBasis: "FORECASTED_SPEND" },
      ],
      allUpdatesRule: {
        pubsubTopic: "projects/acme/topics/finops",
        schemaVersion: "1.0",
        monitoringNotificationChannels: [finops.name],
      },
    });
    expect(await unwrap(alarm.budgetIds)).toEqual(["ai-risk-ml", cc.name]);
    expect(await unwrap(alarm.topicId!)).toBe("ai-alerts-id");
  });

  it("takes budgets from args over config, filtered by asset, without a topic", async () => {
    const alarm = new GcpBudgetAlarm("ai", {
      billingAccount: "012345-6789AB-CDEF01",
      createTopic: false,
      projects: ["projects/123456789012"],
      disableDefaultIamRecipients: true,
      budgets: [{ name: "fraud-scorer", monthlyLimitUsd: 300, assetId: "fraud-scorer" }],
    });
    await settle();
    expect(mocks.ofType(TOPIC)).toEqual([]);
    expect(mocks.ofType(CHANNEL)).toEqual([]);
    expect(mocks.ofType(BUDGET).map((b) => b.name)).toEqual(["ai-fraud-scorer"]);
    expect(mocks.get(BUDGET, "ai-fraud-scorer").inputs).toMatchObject({
      budgetFilter: {
        labels: { "aigov-asset-id": "fraud-scorer" },
        calendarPeriod: "MONTH",
        projects: ["projects/123456789012"],
      },
      allUpdatesRule: { monitoringNotificationChannels: [], disableDefaultIamRecipients: true },
    });
    expect(alarm.topicId).toBeUndefined();
  });

  it("reports bad budget args with their paths and creates nothing", async () => {
    expectInputError(
      () =>
        new GcpBudgetAlarm("ai", {
          billingAccount: "012345-6789AB-CDEF01",
          budgets: [
            {
              name: "a",
              monthlyLimitUsd: 10,
              team: "risk-ml",
              thresholdsPercent: [0.8, 1500],
              forecastThresholdPercent: 0,
            },
            { name: "b", monthlyLimitUsd: -1, team: "x", costCenter: "FIN-1" },
            {
              name: "c",
              monthlyLimitUsd: 1,
              team: "x",
              emails: ["a@x.io", "b@x.io", "c@x.io", "d@x.io", "e@x.io", "f@x.io"],
            },
          ],
        }),
      error([
        {
          propertyPath: "budgets[0].thresholdsPercent[0]",
          reason: "expected a percentage between 1 and 1000, got 0.8",
        },
        {
          propertyPath: "budgets[0].thresholdsPercent[1]",
          reason: "expected a percentage between 1 and 1000, got 1500",
        },
        {
          propertyPath: "budgets[0].forecastThresholdPercent",
          reason: "expected a percentage between 1 and 1000, got 0",
        },
        {
          propertyPath: "budgets[1].monthlyLimitUsd",
          reason: "expected a positive number, got -1",
        },
        {
          propertyPath: "budgets[1]",
          reason:
            'expected exactly one of `team`, `costCenter` or `assetId` (GCP budgets filter on one label), got {"team":"x","costCenter":"FIN-1"}',
        },
        {
          propertyPath: "budgets[2].emails",
          reason: "a GCP budget notifies at most 5 e-mail channels, got 6",
        },
      ]),
    );
    await settle();
    expect(mocks.resources).toEqual([]);
  });

  it("needs at least one budget", () => {
    setStackConfig({});
    expectInputError(
      () => new GcpBudgetAlarm("ai", { billingAccount: "012345-6789AB-CDEF01" }),
      error([
        {
          propertyPath: "budgets",
          reason: "no budgets: set `budgets` or the stack config `aigov:budgets`",
        },
      ]),
    );
  });

  it("surfaces bad stack config thresholds as a config error", () => {
    setStackConfig({
      "aigov:budgets": [
        { name: "x", monthlyLimitUsd: 1, scope: { team: "x" }, thresholdsPercent: [0] },
      ],
    });
    expect(() => new GcpBudgetAlarm("ai", { billingAccount: "012345-6789AB-CDEF01" })).toThrow(
      new ConfigError([
        "aigov:budgets[0].thresholdsPercent[0]: expected a percentage between 1 and 1000, got 0",
      ]),
    );
  });
});
