import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Problems, readStackConfig } from "../common/governance";
import {
  BILLING_PUBLISHER,
  budgetAmount,
  budgetLabelFilter,
  collectBudgets,
  displayName,
  nameSuffix,
  thresholdRules,
} from "./budget-rules";

/** One budget, in the same shape as an entry of the stack config `aigov:budgets`. */
export interface GcpBudgetArgs {
  /** Unique budget name (display names are cut to 60 characters). */
  name: string;
  /** Monthly limit in USD. */
  monthlyLimitUsd: number;
  /** Team the budget covers (label `aigov-team`); set exactly one of team, costCenter, assetId. */
  team?: string;
  /** Cost center the budget covers (label `aigov-cost-center`). */
  costCenter?: string;
  /** Asset the budget covers (label `aigov-asset-id`). */
  assetId?: string;
  /** Alert thresholds on current spend in percent (1–1000); default [50, 80, 100]. */
  thresholdsPercent?: number[];
  /** Alert threshold on forecasted spend in percent (1–1000); default 100. */
  forecastThresholdPercent?: number;
  /** E-mail addresses to notify (at most 5 per budget). */
  emails?: string[];
  /** Existing Pub/Sub topic (`projects/<p>/topics/<t>`) instead of the component's topic. */
  pubsubTopic?: string;
}

/** Arguments of {@link GcpBudgetAlarm}. */
export interface GcpBudgetAlarmArgs {
  /** Billing account id, e.g. `012345-6789AB-CDEF01`. */
  billingAccount: pulumi.Input<string>;
  /** Budgets to create; default the stack config `aigov:budgets`. */
  budgets?: GcpBudgetArgs[];
  /** Project of the Pub/Sub topic and notification channels; default the provider's project. */
  project?: pulumi.Input<string>;
  /** Limit every budget to these projects (`projects/<number>`); default the whole billing account. */
  projects?: pulumi.Input<string>[];
  /** Create a Pub/Sub topic that the billing publisher may publish to; default true. */
  createTopic?: boolean;
  /** Stop the default e-mails to billing account administrators and users; default false. */
  disableDefaultIamRecipients?: boolean;
  /** Labels of the topic and notification channels. */
  labels?: { [key: string]: string };
}

/**
 * GCP budgets per team, cost center or asset (one `aigov-*` label pair each), with alerts on
 * current and forecasted spend, a Pub/Sub topic for automation and e-mail notification channels.
 */
export class GcpBudgetAlarm extends pulumi.ComponentResource {
  /** Resource names of the budgets, in order. */
  public readonly budgetIds: pulumi.Output<string[]>;
  /** Id (`projects/<p>/topics/<t>`) of the created Pub/Sub topic, when created. */
  public readonly topicId?: pulumi.Output<string>;
  /** Resource names of the e-mail notification channels. */
  public readonly notificationChannelIds: pulumi.Output<string[]>;

  constructor(name: string, args: GcpBudgetAlarmArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = new Problems();
    const budgets = collectBudgets(args.budgets, readStackConfig().budgets, problems);
    problems.throwIfAny("GcpBudgetAlarm", name);
    super("aigov:index:GcpBudgetAlarm", name, {}, opts);

    const parent = { parent: this };
    let topicId: pulumi.Output<string> | undefined;
    let publisher: gcp.pubsub.TopicIAMMember | undefined;
    if (args.createTopic ?? true) {
      const topic = new gcp.pubsub.Topic(
        `${name}-alerts`,
        { project: args.project, ...(args.labels ? { labels: args.labels } : {}) },
        parent,
      );
      publisher = new gcp.pubsub.TopicIAMMember(
        `${name}-alerts-billing`,
        {
          topic: topic.id,
          project: args.project,
          role: "roles/pubsub.publisher",
          member: BILLING_PUBLISHER,
        },
        parent,
      );
      topicId = topic.id;
    }

    const channels = new Map<string, gcp.monitoring.NotificationChannel>();
    for (const email of new Set(budgets.flatMap((b) => b.budget.notify.emails))) {
      channels.set(
        email,
        new gcp.monitoring.NotificationChannel(
          `${name}-email-${nameSuffix(email)}`,
          {
            type: "email",
            displayName: `aigov budget alerts: ${email}`,
            labels: { email_address: email },
            project: args.project,
            ...(args.labels ? { userLabels: args.labels } : {}),
          },
          parent,
        ),
      );
    }

    const created = budgets.map(({ budget }) => {
      const pubsubTopic = budget.notify.pubsubTopic ?? topicId;
      const emails = [...new Set(budget.notify.emails)];
      return new gcp.billing.Budget(
        `${name}-${nameSuffix(budget.name)}`,
        {
          billingAccount: args.billingAccount,
          displayName: displayName(budget),
          amount: { specifiedAmount: budgetAmount(budget.monthlyLimitUsd) },
          budgetFilter: {
            labels: budgetLabelFilter(budget),
            calendarPeriod: "MONTH",
            ...(args.projects ? { projects: args.projects } : {}),
          },
          thresholdRules: thresholdRules(budget),
          allUpdatesRule: {
            ...(pubsubTopic ? { pubsubTopic, schemaVersion: "1.0" } : {}),
            monitoringNotificationChannels: emails.map((e) => channels.get(e)!.name),
            ...(args.disableDefaultIamRecipients !== undefined
              ? { disableDefaultIamRecipients: args.disableDefaultIamRecipients }
              : {}),
          },
        },
        { parent: this, dependsOn: publisher && !budget.notify.pubsubTopic ? [publisher] : [] },
      );
    });

    this.budgetIds = pulumi.all(created.map((b) => b.name));
    this.topicId = topicId;
    this.notificationChannelIds = pulumi.all([...channels.values()].map((c) => c.name));
    this.registerOutputs({
      budgetIds: this.budgetIds,
      topicId: this.topicId,
      notificationChannelIds: this.notificationChannelIds,
    });
  }
}
