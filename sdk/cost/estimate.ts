/**
 * The monthly cost estimate of a stack's serving resources (what `aigov cost` prints and what
 * `aigov-budget-headroom` judges): capacity priced from the catalog with the stack's overrides,
 * rolled up by team, cost center and asset, and compared with every budget.
 */
import type { AigovStackConfig } from "../config";
import { gcpLabelValue } from "../encodings/gcp";
import {
  AWS_PRICING_REGION,
  CATALOG_CAPTURED_AT,
  GCP_PRICING_REGION,
  HOURS_PER_MONTH,
} from "../pricing";
import type { StackGraph } from "../resources";
import {
  ATTRIBUTION_KEYS,
  type AttributionKey,
  type CapacityItem,
  collectCapacity,
} from "./capacity";
import { type BudgetSource, budgetCovers, collectBudgets } from "./budgets";
import {
  type Attribution,
  type BudgetEstimate,
  type BudgetStatus,
  type CostAnalysis,
  type MonthlyUsd,
  type PricedCapacity,
  UNALLOCATED,
  type UnpricedCapacity,
} from "./model";

/**
 * The stack config an estimate reads (parsed `aigov:*`): `aigov:pricing` overrides, `aigov:usage`,
 * `aigov:budgets` (compared besides the budget resources) and `aigov:defaults` (for spelling).
 */
export type CostConfig = Partial<
  Pick<AigovStackConfig, "pricing" | "usage" | "budgets" | "defaults">
>;

/** Rounds USD to cents (for reports; sums are taken before rounding). */
export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

const money = (m: MonthlyUsd): MonthlyUsd => ({ min: cents(m.min), max: cents(m.max) });

/**
 * The spelling a rollup uses for each value: GCP label values are lower-cased and cut, so a GCP
 * value takes the verbatim spelling (AWS tag, Kubernetes label, `aigov:budgets`) that encodes to it.
 */
function canonicalizer(
  items: readonly CapacityItem[],
  budgets: readonly BudgetSource[],
  defaults: AigovStackConfig["defaults"],
) {
  const verbatim = new Map<string, string>();
  const note = (key: string, value: string) => {
    const id = `${key}\n${gcpLabelValue(value)}`;
    const seen = verbatim.get(id);
    if (seen === undefined || value < seen) verbatim.set(id, value);
  };
  for (const item of items) {
    if (item.raw.gcp) continue;
    for (const [key, value] of Object.entries(item.raw.values)) {
      if (value !== undefined) note(key, value);
    }
  }
  const fromDefaults = {
    team: defaults.team,
    "cost-center": defaults.costCenter,
    "asset-id": defaults.assetId,
  };
  for (const [key, value] of Object.entries(fromDefaults)) {
    if (typeof value === "string") note(key, value);
  }
  for (const b of budgets) {
    if (b.gcp || !b.scope) continue;
    for (const [key, values] of Object.entries(b.scope)) for (const v of values) note(key, v);
  }
  return (key: AttributionKey, value: string, gcp: boolean): string =>
    gcp ? (verbatim.get(`${key}\n${value}`) ?? value) : value;
}

function attributionOf(
  item: CapacityItem,
  canonical: ReturnType<typeof canonicalizer>,
): Attribution {
  const field: Record<AttributionKey, keyof Attribution> = {
    team: "team",
    "cost-center": "costCenter",
    "asset-id": "assetId",
    stage: "stage",
  };
  const out: Record<string, string> = {};
  for (const key of ATTRIBUTION_KEYS) {
    const v = item.raw.values[key];
    if (v !== undefined) out[field[key]] = canonical(key, v, item.raw.gcp);
  }
  return out;
}

function rollup(
  lines: readonly PricedCapacity[],
  key: (l: PricedCapacity) => string | undefined,
): Record<string, MonthlyUsd> {
  const sums = new Map<string, { min: number; max: number }>();
  for (const l of lines) {
    const k = key(l) ?? UNALLOCATED;
    const sum = sums.get(k) ?? { min: 0, max: 0 };
    sum.min += l.monthlyUsd.min;
    sum.max += l.monthlyUsd.max;
    sums.set(k, sum);
  }
  const entries = [...sums.entries()].sort(
    (a, b) => b[1].max - a[1].max || b[1].min - a[1].min || (a[0] < b[0] ? -1 : 1),
  );
  return Object.fromEntries(entries.map(([k, v]) => [k, money(v)]));
}

function budgetStatus(limit: number | null, estimate: MonthlyUsd): BudgetStatus {
  if (limit === null) return "unknown";
  if (cents(estimate.min) > limit) return "over";
  if (cents(estimate.max) > limit) return "at-risk";
  return "within";
}

function compareBudget(
  budget: BudgetSource,
  items: readonly CapacityItem[],
  canonical: ReturnType<typeof canonicalizer>,
): BudgetEstimate {
  const inScope = items.filter((i) => budgetCovers(budget, i));
  const priced = inScope.filter((i) => i.priced);
  const estimate = priced.reduce(
    (sum, i) => ({
      min: sum.min + (i.priced?.monthlyUsd.min ?? 0),
      max: sum.max + (i.priced?.monthlyUsd.max ?? 0),
    }),
    { min: 0, max: 0 },
  );
  const limit = budget.monthlyLimitUsd;
  const values = (key: AttributionKey & keyof NonNullable<BudgetSource["scope"]>) =>
    [...new Set((budget.scope?.[key] ?? []).map((v) => canonical(key, v, budget.gcp)))].sort();
  const scope = budget.scope && {
    ...(budget.scope.team.length ? { team: values("team") } : {}),
    ...(budget.scope["cost-center"].length ? { costCenter: values("cost-center") } : {}),
    ...(budget.scope["asset-id"].length ? { assetId: values("asset-id") } : {}),
  };
  return {
    name: budget.name,
    source: budget.source,
    ...(budget.urn ? { urn: budget.urn } : {}),
    ...(budget.cloud ? { cloud: budget.cloud } : {}),
    inStackConfig: budget.inStackConfig,
    scope,
    monthlyLimitUsd: limit === null ? null : cents(limit),
    estimatedMonthlyUsd: money(estimate),
    headroomUsd:
      limit === null ? null : money({ min: limit - estimate.max, max: limit - estimate.min }),
    status: budgetStatus(limit, estimate),
    resources: [...new Set(priced.map((i) => i.node.urn))],
    unpriced: inScope.length - priced.length,
  };
}

/**
 * Estimates the monthly cost of the serving resources of a stack at on-demand list prices (the
 * offline catalog with `aigov:pricing` overrides): every block of capacity at its minimum and
 * maximum replica count, rolled up by team, cost center and asset, and compared with each budget
 * of the stack and of `aigov:budgets`. What cannot be priced is listed with the reason, never
 * counted as zero.
 */
export function analyzeCost(stack: StackGraph, config: CostConfig = {}): CostAnalysis {
  const pricing = config.pricing ?? {};
  const items = collectCapacity(stack, pricing);
  const budgetSources = collectBudgets(stack, config.budgets ?? []);
  const canonical = canonicalizer(items, budgetSources, config.defaults ?? {});

  const priced: PricedCapacity[] = [];
  const unpriced: UnpricedCapacity[] = [];
  for (const item of items) {
    const origin = {
      urn: item.node.urn,
      type: item.node.type,
      name: item.node.name,
      part: item.part,
      cloud: item.cloud,
      ...attributionOf(item, canonical),
    };
    if (item.priced) {
      priced.push({
        ...origin,
        ...item.priced,
        usdPerReplicaHour: Math.round(item.priced.usdPerReplicaHour * 1e6) / 1e6,
        monthlyUsd: money(item.priced.monthlyUsd),
      });
    } else if (item.unpriced) {
      unpriced.push({ ...origin, ...item.unpriced });
    }
  }
  const total = items.reduce(
    (sum, i) => ({
      min: sum.min + (i.priced?.monthlyUsd.min ?? 0),
      max: sum.max + (i.priced?.monthlyUsd.max ?? 0),
    }),
    { min: 0, max: 0 },
  );
  // Rollups sum the unrounded figures of each block.
  const exact = items.filter((i) => i.priced);
  const exactLines = exact.map((i) => ({
    ...attributionOf(i, canonical),
    monthlyUsd: i.priced?.monthlyUsd ?? { min: 0, max: 0 },
  })) as PricedCapacity[];
  return {
    monthlyUsd: money(total),
    byTeam: rollup(exactLines, (l) => l.team),
    byCostCenter: rollup(exactLines, (l) => l.costCenter),
    byAsset: rollup(exactLines, (l) => l.assetId),
    budgets: budgetSources.map((b) => compareBudget(b, items, canonical)),
    resources: priced,
    unpriced,
    pricing: {
      hoursPerMonth: HOURS_PER_MONTH,
      catalogCapturedAt: CATALOG_CAPTURED_AT,
      regions: { aws: AWS_PRICING_REGION, gcp: GCP_PRICING_REGION },
      overrides: pricing,
      usage: config.usage ?? {},
    },
  };
}
