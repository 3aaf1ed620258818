import { z } from "zod";
import {
  Budget,
  BudgetsSchema,
  awsTagKey,
  budgetScopeLabel,
  fitName,
  formatKeyPath,
} from "../../sdk";
import { AwsBudgetAlarmArgs } from "./budget-args";
import { AwsAnomalyFrequency, AwsBudgetApproval } from "./enums";
import { Issue } from "./tags";

/** AWS Budgets accepts at most this many notifications per budget. */
export const MAX_NOTIFICATIONS = 10;
/** A budget notification takes at most this many e-mail subscribers (plus one SNS topic). */
export const MAX_EMAILS = 10;
/** Default total impact (USD) from which Cost Anomaly Detection reports. */
export const DEFAULT_ANOMALY_IMPACT_USD = 100;
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^[0-9]{12}$/;

/** One budget with everything the component needs to create it. */
export interface PlannedBudget {
  /** The budget with its defaults applied. */
  budget: Budget;
  /** Where it came from, e.g. `budgets[0]` or `aigov:budgets[1]`. */
  path: string;
  /** Part of the logical names of its children. */
  slug: string;
  /** The aigov tag key it filters on, e.g. `aigov:team`. */
  tagKey: string;
  /** The `TagKeyValue` cost filter value, e.g. `user:aigov:team$risk-ml`. */
  tagKeyValue: string;
  /** True when the component creates the budget's SNS topic. */
  ownTopic: boolean;
}

/** The cost filter value of a budget's scope: `user:<tag key>$<tag value>`. */
export function tagKeyValue(budget: Budget): string {
  const { key, value } = budgetScopeLabel(budget);
  return `user:${awsTagKey(key)}$${value}`;
}

function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => {
    const path = formatKeyPath("budgets", issue.path).slice("aigov:".length);
    const got = "input" in issue ? `, got ${JSON.stringify(issue.input)}` : "";
    return {
      path,
      reason: issue.code === "unrecognized_keys" ? issue.message : `${issue.message}${got}`,
    };
  });
}

/**
 * The budgets of the component, from `args.budgets` or else the stack config, with every problem:
 * bad fields (checked with the `aigov:budgets` schema), duplicate thresholds, budgets that notify
 * nobody, enforcement without targets, anomaly detection without e-mail addresses.
 */
export function planBudgets(
  args: AwsBudgetAlarmArgs,
  configBudgets: Budget[],
): { budgets: PlannedBudget[]; issues: Issue[] } {
  const issues: Issue[] = [];
  let budgets: Budget[] = [];
  let prefix = "budgets";
  if (args.budgets !== undefined && args.budgets.length > 0) {
    const parsed = BudgetsSchema.safeParse(args.budgets, { reportInput: true });
    if (!parsed.success) return { budgets: [], issues: zodIssues(parsed.error) };
    budgets = parsed.data;
  } else if (configBudgets.length > 0) {
    budgets = configBudgets;
    prefix = "aigov:budgets";
  } else {
    issues.push({
      path: "budgets",
      reason: "no budgets: set `budgets` or the stack config `aigov:budgets`",
    });
  }
  const planned = budgets.map((parsed, i): PlannedBudget => {
    // Each address once: it names a subscription and AWS rejects repeated subscribers.
    const emails = [...new Set(parsed.notify.emails)];
    const budget = { ...parsed, notify: { ...parsed.notify, emails } };
    return {
      budget,
      path: `${prefix}[${i}]`,
      slug: fitName(budget.name, "k8s"),
      tagKey: awsTagKey(budgetScopeLabel(budget).key),
      tagKeyValue: tagKeyValue(budget),
      ownTopic: budget.notify.snsTopicArn === undefined && args.topicArn === undefined,
    };
  });
  for (const p of planned) issues.push(...budgetIssues(p, args));
  issues.push(...optionIssues(args, planned));
  return { budgets: planned, issues };
}

function budgetIssues(p: PlannedBudget, args: AwsBudgetAlarmArgs): Issue[] {
  const issues: Issue[] = [];
  const b = p.budget;
  const seen = new Set<number>();
  b.thresholdsPercent.forEach((t, i) => {
    if (seen.has(t))
      issues.push({
        path: `${p.path}.thresholdsPercent[${i}]`,
        reason: `duplicate threshold ${t}`,
      });
    seen.add(t);
  });
  if (b.thresholdsPercent.length + 1 > MAX_NOTIFICATIONS) {
    issues.push({
      path: `${p.path}.thresholdsPercent`,
      reason: `AWS Budgets takes at most ${MAX_NOTIFICATIONS} notifications per budget (thresholds plus the forecast), got ${b.thresholdsPercent.length + 1}`,
    });
  }
  const emails = b.notify.emails;
  if (emails.length === 0 && p.ownTopic) {
    issues.push({
      path: `${p.path}.notify`,
      reason: `budget "${b.name}" notifies nobody: add \`notify.emails\` or \`notify.snsTopicArn\`, or set \`topicArn\``,
    });
  }
  if (!p.ownTopic && emails.length > MAX_EMAILS) {
    issues.push({
      path: `${p.path}.notify.emails`,
      reason: `a budget notification takes at most ${MAX_EMAILS} e-mail addresses besides its SNS topic, got ${emails.length}`,
    });
  }
  const e = args.enforcement;
  const targets =
    (e?.roleNames?.length ?? 0) + (e?.groupNames?.length ?? 0) + (e?.userNames?.length ?? 0);
  if (b.denyNewEndpointsAtPercent !== undefined && targets === 0) {
    issues.push({
      path: "enforcement",
      reason: `budget "${b.name}" sets \`denyNewEndpointsAtPercent\`: name the IAM roles, groups or users to restrict in \`enforcement.roleNames\`, \`groupNames\` or \`userNames\``,
    });
  }
  if (args.anomalyDetection !== undefined && emails.length === 0) {
    issues.push({
      path: "anomalyDetection",
      reason: `Cost Anomaly Detection e-mails its reports, but budget "${b.name}" has no \`notify.emails\``,
    });
  }
  if (args.anomalyDetection !== undefined && emails.length > MAX_EMAILS) {
    issues.push({
      path: `${p.path}.notify.emails`,
      reason: `an anomaly subscription takes at most ${MAX_EMAILS} e-mail addresses, got ${emails.length}`,
    });
  }
  return issues;
}

function optionIssues(args: AwsBudgetAlarmArgs, planned: PlannedBudget[]): Issue[] {
  const issues: Issue[] = [];
  if (typeof args.accountId === "string" && !ACCOUNT_ID.test(args.accountId)) {
    issues.push({
      path: "accountId",
      reason: `expected a 12-digit AWS account id, got ${JSON.stringify(args.accountId)}`,
    });
  }
  const e = args.enforcement;
  if (e !== undefined) {
    if (e.approval !== undefined && !Object.values(AwsBudgetApproval).includes(e.approval)) {
      issues.push({
        path: "enforcement.approval",
        reason: `expected MANUAL or AUTOMATIC, got ${JSON.stringify(e.approval)}`,
      });
    }
    for (const field of ["roleNames", "groupNames", "userNames"] as const) {
      (e[field] ?? []).forEach((n, i) => {
        if (!IAM_NAME.test(n)) {
          issues.push({
            path: `enforcement.${field}[${i}]`,
            reason: `expected an IAM name (not an ARN), got ${JSON.stringify(n)}`,
          });
        }
      });
    }
    if (!planned.some((p) => p.budget.denyNewEndpointsAtPercent !== undefined)) {
      issues.push({
        path: "enforcement",
        reason: "no budget sets `denyNewEndpointsAtPercent`, so nothing would be enforced",
      });
    }
  }
  const a = args.anomalyDetection;
  if (a !== undefined) {
    if (a.impactThresholdUsd !== undefined && !(a.impactThresholdUsd > 0)) {
      issues.push({
        path: "anomalyDetection.impactThresholdUsd",
        reason: `expected a positive number, got ${a.impactThresholdUsd}`,
      });
    }
    if (a.frequency !== undefined && !Object.values(AwsAnomalyFrequency).includes(a.frequency)) {
      issues.push({
        path: "anomalyDetection.frequency",
        reason: `expected DAILY or WEEKLY, got ${JSON.stringify(a.frequency)}`,
      });
    }
  }
  return issues;
}

/** Cost Anomaly Detection monitor specification for one aigov tag (Cost Explorer expression). */
export function anomalyMonitorSpecification(tagKey: string, value: string): string {
  return JSON.stringify({
    And: null,
    CostCategories: null,
    Dimensions: null,
    Not: null,
    Or: null,
    Tags: { Key: tagKey, MatchOptions: null, Values: [value] },
  });
}
