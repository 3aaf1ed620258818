/**
 * What a cloud budget resource covers (its aigov tag/label filters) and its monthly limit.
 * AWS: `costFilters` `TagKeyValue` values `user:aigov:<key>$<value>` or `filterExpression.tags`;
 * GCP: `budgetFilter.labels` `aigov-<key>`.
 */
import { MetadataKey } from "../metadata";
import { AWS_TAG_PREFIX } from "../encodings/aws";
import { GCP_LABEL_PREFIX, gcpLabelValue } from "../encodings/gcp";
import { Cloud, TYPES } from "./types";
import { Maybe, UNKNOWN, Unknown, asArray, asNumber, asObject, asString, at } from "./unknown";

/** The scope keys a budget can filter on. */
export const BUDGET_SCOPE_KEYS = ["team", "cost-center", "asset-id"] as const;
/** A budget scope key. */
export type BudgetScopeKey = (typeof BUDGET_SCOPE_KEYS)[number] & MetadataKey;

/** Values a budget covers, per scope key, in the cloud's encoding (GCP values are label values). */
export type BudgetScope = Record<BudgetScopeKey, Set<string>>;

/** A budget resource as the governance rules read it. */
export interface BudgetInfo {
  /** Cloud of the budget; it only sees that cloud's spend. */
  cloud: "aws" | "gcp";
  /** Covered values, or {@link UNKNOWN} when a filter is not known yet. */
  scope: BudgetScope | Unknown;
  /** Limit converted to USD per month; `undefined` when not a fixed USD amount. */
  monthlyLimitUsd: Maybe<number>;
}

const emptyScope = (): BudgetScope => ({
  team: new Set(),
  "cost-center": new Set(),
  "asset-id": new Set(),
});

function scopeKey(tagKey: string, prefix: string): BudgetScopeKey | undefined {
  const k = tagKey.replace(/^user:/, "");
  if (!k.startsWith(prefix)) return undefined;
  const key = k.slice(prefix.length);
  return (BUDGET_SCOPE_KEYS as readonly string[]).includes(key)
    ? (key as BudgetScopeKey)
    : undefined;
}

/** Adds the aigov `TagKeyValue` cost filters (`user:aigov:team$risk-ml`) to `scope`. */
function addCostFilters(filters: unknown, scope: BudgetScope): boolean {
  const list = asArray(filters);
  if (list === UNKNOWN) return false;
  for (const f of list ?? []) {
    const name = asString(at(f, "name"));
    const values = asArray(at(f, "values"));
    if (name === UNKNOWN || values === UNKNOWN) return false;
    if (name !== "TagKeyValue") continue;
    for (const v of values ?? []) {
      const s = asString(v);
      if (s === UNKNOWN) return false;
      const sep = s?.indexOf("$") ?? -1;
      if (s === undefined || sep < 0) continue;
      const key = scopeKey(s.slice(0, sep), AWS_TAG_PREFIX);
      if (key) scope[key].add(s.slice(sep + 1));
    }
  }
  return true;
}

/** Adds `filterExpression.tags` (EQUALS) found at the top level and under `ands`/`ors`. */
function addExpression(expr: unknown, scope: BudgetScope, depth = 0): boolean {
  const e = asObject(expr);
  if (e === UNKNOWN) return false;
  if (e === undefined || depth > 8) return true;
  const tags = asObject(e.tags);
  if (tags === UNKNOWN) return false;
  if (tags) {
    const key = asString(tags.key);
    const values = asArray(tags.values);
    const match = asArray(tags.matchOptions);
    if (key === UNKNOWN || values === UNKNOWN || match === UNKNOWN) return false;
    const exact = match === undefined || match.length === 0 || match.includes("EQUALS");
    const scopeK = typeof key === "string" ? scopeKey(key, AWS_TAG_PREFIX) : undefined;
    for (const v of values ?? []) {
      if (asString(v) === UNKNOWN) return false;
      if (exact && scopeK && typeof v === "string") scope[scopeK].add(v);
    }
  }
  for (const branch of ["ands", "ors"]) {
    const list = asArray(e[branch]);
    if (list === UNKNOWN) return false;
    for (const sub of list ?? []) if (!addExpression(sub, scope, depth + 1)) return false;
  }
  return true;
}

const PERIOD_MONTHS: Record<string, number> = {
  MONTHLY: 1,
  QUARTERLY: 3,
  ANNUALLY: 12,
  MONTH: 1,
  QUARTER: 3,
  YEAR: 12,
};

function perMonth(amount: Maybe<number>, period: Maybe<string>, fallback: string): Maybe<number> {
  if (amount === UNKNOWN || period === UNKNOWN) return UNKNOWN;
  const months = PERIOD_MONTHS[period ?? fallback];
  return amount === undefined || months === undefined ? undefined : amount / months;
}

function readAws(props: unknown): BudgetInfo {
  const scope = emptyScope();
  const ok =
    addCostFilters(at(props, "costFilters"), scope) &&
    addExpression(at(props, "filterExpression"), scope);
  const unit = asString(at(props, "limitUnit"));
  const amount =
    unit === UNKNOWN ? UNKNOWN : unit === "USD" ? asNumber(at(props, "limitAmount")) : undefined;
  return {
    cloud: "aws",
    scope: ok ? scope : UNKNOWN,
    monthlyLimitUsd: perMonth(amount, asString(at(props, "timeUnit")), "MONTHLY"),
  };
}

function readGcp(props: unknown): BudgetInfo {
  const scope = emptyScope();
  const labels = asObject(at(props, "budgetFilter", "labels"));
  let ok = labels !== UNKNOWN;
  for (const [k, v] of Object.entries(typeof labels === "object" ? labels : {})) {
    const key = scopeKey(k, GCP_LABEL_PREFIX);
    const value = asString(v);
    if (value === UNKNOWN) ok = false;
    else if (key && value !== undefined) scope[key].add(value);
  }
  const specified = asObject(at(props, "amount", "specifiedAmount"));
  let amount: Maybe<number> = specified === UNKNOWN ? UNKNOWN : undefined;
  if (typeof specified === "object") {
    const currency = asString(specified.currencyCode);
    const units = asNumber(specified.units);
    const nanos = asNumber(specified.nanos);
    if (currency === UNKNOWN || units === UNKNOWN || nanos === UNKNOWN) amount = UNKNOWN;
    else if ((currency ?? "USD") === "USD" && units !== undefined)
      amount = units + (nanos ?? 0) / 1e9;
  }
  return {
    cloud: "gcp",
    scope: ok ? scope : UNKNOWN,
    monthlyLimitUsd: perMonth(
      amount,
      asString(at(props, "budgetFilter", "calendarPeriod")),
      "MONTH",
    ),
  };
}

/** Reads an AWS or GCP budget resource; `undefined` for other types. */
export function readBudget(type: string, props: unknown): BudgetInfo | undefined {
  if (type === TYPES.awsBudget) return readAws(props);
  if (type === TYPES.gcpBudget) return readGcp(props);
  return undefined;
}

/** A value as the budgets of `cloud` see it: verbatim on AWS, as a label value on GCP. */
export function budgetValue(cloud: string, value: string): string {
  return cloud === "gcp" ? gcpLabelValue(value) : value;
}

/**
 * What a set of budgets covers, per cloud and scope key (`aigov-budget-coverage` in one stack,
 * `aigov portfolio` across stacks): every budget resource's filter values, and the teams and cost
 * centers budgeted elsewhere (`budgetedTeams`, `budgetedCostCenters`, which count on every cloud).
 * A budget whose filter is not known yet covers every value of its cloud.
 */
export class BudgetCoverage {
  private readonly covered = new Map<string, Set<string> | null>();

  /** Teams and cost centers whose AI spend is budgeted outside the resources seen. */
  addBudgetedElsewhere(teams: readonly string[], costCenters: readonly string[]): void {
    for (const cloud of ["aws", "gcp"]) {
      this.add(cloud, "team", teams);
      this.add(cloud, "cost-center", costCenters);
    }
  }

  /** A budget resource (see {@link readBudget}). */
  addBudget(budget: BudgetInfo): void {
    for (const key of ["team", "cost-center"] as const) {
      if (budget.scope === UNKNOWN) this.covered.set(`${budget.cloud}/${key}`, null);
      else this.add(budget.cloud, key, budget.scope[key]);
    }
  }

  /**
   * Whether a `key` value on a resource of `cloud` is covered (the value in that cloud's
   * encoding); Kubernetes spend may sit on either cloud's bill.
   */
  covers(cloud: Cloud, key: "team" | "cost-center", value: string): boolean {
    const clouds = cloud === "kubernetes" ? ["aws", "gcp"] : [cloud];
    return clouds.some((c) => {
      const set = this.covered.get(`${c}/${key}`);
      return set === null || (set?.has(budgetValue(c, value)) ?? false);
    });
  }

  private add(cloud: string, key: string, values: Iterable<string>): void {
    const set = this.covered.get(`${cloud}/${key}`);
    if (set === null) return;
    const next = set ?? new Set<string>();
    for (const v of values) next.add(budgetValue(cloud, v));
    this.covered.set(`${cloud}/${key}`, next);
  }
}
