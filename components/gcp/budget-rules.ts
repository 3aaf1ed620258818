import type * as gcp from "@pulumi/gcp";
import {
  Budget,
  BudgetSchema,
  budgetScopeLabel,
  fitName,
  gcpLabelKey,
  gcpLabelValue,
} from "../../sdk";
import { Problems } from "../common/governance";
import type { GcpBudgetArgs } from "./budgetAlarm";

type ThresholdRule = gcp.types.input.billing.BudgetThresholdRule;

/** Most monitoring notification channels a GCP budget accepts. */
export const MAX_NOTIFICATION_CHANNELS = 5;
/** Longest GCP budget display name. */
export const MAX_DISPLAY_NAME = 60;
/** The Google-managed principal that publishes budget notifications. */
export const BILLING_PUBLISHER = "serviceAccount:billing-budget-alert@system.gserviceaccount.com";

/** A budget and where its settings came from (for error paths). */
export interface SourcedBudget {
  /** The budget with defaults applied. */
  budget: Budget;
  /** Property path prefix of the budget, e.g. `budgets[0]` or `aigov:budgets[0]`. */
  path: string;
  /** Path of its e-mail list. */
  emailsPath: string;
}

/** Converts an arg budget into the config shape that `BudgetSchema` parses. */
function toConfigShape(b: GcpBudgetArgs): Record<string, unknown> {
  const scope = Object.fromEntries(
    Object.entries({ team: b.team, costCenter: b.costCenter, assetId: b.assetId }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  const notify = Object.fromEntries(
    Object.entries({ emails: b.emails ?? [], pubsubTopic: b.pubsubTopic }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  return Object.fromEntries(
    Object.entries({
      name: b.name,
      monthlyLimitUsd: b.monthlyLimitUsd,
      scope,
      thresholdsPercent: b.thresholdsPercent,
      forecastThresholdPercent: b.forecastThresholdPercent,
      notify,
    }).filter(([, v]) => v !== undefined),
  );
}

/** Property path of a zod issue in an arg budget (`scope` and `notify` are flattened in args). */
function argPath(index: number, path: readonly PropertyKey[]): string {
  const rest = path[0] === "scope" || path[0] === "notify" ? path.slice(1) : path;
  let out = `budgets[${index}]`;
  for (const p of rest) out += typeof p === "number" ? `[${p}]` : `.${String(p)}`;
  return out;
}

/**
 * The budgets to create: the `budgets` arg when given (validated like the stack config), else
 * `aigov:budgets`. Problems are added with their property paths.
 */
export function collectBudgets(
  argBudgets: GcpBudgetArgs[] | undefined,
  configBudgets: Budget[],
  problems: Problems,
): SourcedBudget[] {
  const out: SourcedBudget[] = [];
  if (argBudgets === undefined) {
    configBudgets.forEach((budget, i) =>
      out.push({
        budget,
        path: `aigov:budgets[${i}]`,
        emailsPath: `aigov:budgets[${i}].notify.emails`,
      }),
    );
  } else {
    const seen = new Set<string>();
    argBudgets.forEach((b, i) => {
      const result = BudgetSchema.safeParse(toConfigShape(b), { reportInput: true });
      if (!result.success) {
        for (const issue of result.error.issues) {
          const got =
            "input" in issue && issue.input !== undefined
              ? `, got ${JSON.stringify(issue.input)}`
              : "";
          problems.add(argPath(i, issue.path), `${issue.message}${got}`);
        }
        return;
      }
      if (seen.has(b.name)) problems.add(`budgets[${i}].name`, `duplicate budget name "${b.name}"`);
      seen.add(b.name);
      out.push({ budget: result.data, path: `budgets[${i}]`, emailsPath: `budgets[${i}].emails` });
    });
  }
  if (out.length === 0 && problems.errors.length === 0) {
    problems.add("budgets", "no budgets: set `budgets` or the stack config `aigov:budgets`");
  }
  for (const { budget, emailsPath } of out) {
    const emails = new Set(budget.notify.emails);
    if (emails.size > MAX_NOTIFICATION_CHANNELS) {
      problems.add(
        emailsPath,
        `a GCP budget notifies at most ${MAX_NOTIFICATION_CHANNELS} e-mail channels, got ${emails.size}`,
      );
    }
  }
  return out;
}

/** USD amount as GCP's `units` (whole dollars, a string) and `nanos`. */
export function budgetAmount(usd: number): { currencyCode: string; units: string; nanos: number } {
  let units = Math.floor(usd);
  let nanos = Math.round((usd - units) * 1e9);
  if (nanos >= 1e9) {
    units += 1;
    nanos -= 1e9;
  }
  return { currencyCode: "USD", units: String(units), nanos };
}

/**
 * Threshold rules on GCP's 0–1 scale (0.8 = 80 %): one per `thresholdsPercent` (and
 * `denyNewEndpointsAtPercent`) on current spend, plus the forecast threshold.
 */
export function thresholdRules(budget: Budget): ThresholdRule[] {
  const current = [...budget.thresholdsPercent];
  if (budget.denyNewEndpointsAtPercent !== undefined)
    current.push(budget.denyNewEndpointsAtPercent);
  const unique = [...new Set(current)].sort((a, b) => a - b);
  return [
    ...unique.map((p) => ({ thresholdPercent: p / 100, spendBasis: "CURRENT_SPEND" })),
    { thresholdPercent: budget.forecastThresholdPercent / 100, spendBasis: "FORECASTED_SPEND" },
  ];
}

/** The single label pair a GCP budget filters on (`aigov-team`, `aigov-cost-center` or `aigov-asset-id`). */
export function budgetLabelFilter(budget: Budget): Record<string, string> {
  const { key, value } = budgetScopeLabel(budget);
  return { [gcpLabelKey(key)]: gcpLabelValue(value) };
}

/** Logical-name suffix of a budget or e-mail: a DNS-label form of the text. */
export function nameSuffix(text: string): string {
  return fitName(text, "k8s");
}

/** Budget display name cut to GCP's limit. */
export function displayName(budget: Budget): string {
  return budget.name.slice(0, MAX_DISPLAY_NAME);
}
