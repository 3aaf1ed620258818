/** Wording shared by the text, Markdown and HTML cost reports. */
import { describeType, formatUsd } from "../../../sdk";
import {
  type BudgetEstimate,
  type CostAnalysis,
  type MonthlyUsd,
  type PricedCapacity,
  UNALLOCATED,
  type UnpricedCapacity,
} from "../../../sdk";
import type { CostResult } from "../../cost/run";

export { formatUsd };

/** `$1.00` or `$1.00 – $2.00`. */
export function usdRange(m: MonthlyUsd): string {
  return m.min === m.max ? formatUsd(m.min) : `${formatUsd(m.min)} – ${formatUsd(m.max)}`;
}

/** USD per hour with up to four decimals (`$1.408`, `$0.1903`). */
export function usdPerHour(usd: number): string {
  const digits = usd >= 100 ? 2 : usd >= 1 ? 3 : 4;
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: digits })}`;
}

export type RollupName = "team" | "cost center" | "asset";

/** A rollup key for people: `__unallocated__` becomes `(no team)`. */
export function rollupLabel(key: string, what: RollupName): string {
  return key === UNALLOCATED ? `(no ${what})` : key;
}

/** `SageMaker Endpoint fraud-api`. */
export function resourceLabel(r: { type: string; name: string }): string {
  return `${describeType(r.type)} ${r.name}`;
}

function fraction(f: number): string {
  return `${Math.round(f * 1000) / 10}%`;
}

/** `2–4 × ml.g5.xlarge`, `1 × n1-standard-4 + 1 × NVIDIA_TESLA_T4 each, spot`. */
export function capacityText(l: PricedCapacity): string {
  const { min, max } = l.replicas;
  const range = min === max ? String(min) : `${min}–${max}`;
  const acc = l.accelerators ? ` + ${l.accelerators.count} × ${l.accelerators.type} each` : "";
  const share =
    l.nodeShare && l.nodeShare.fraction !== 1
      ? ` (${fraction(l.nodeShare.fraction)} of a node each: ${l.nodeShare.basis})`
      : l.nodeShare
        ? ` (${l.nodeShare.basis})`
        : "";
  return `${range} × ${l.instanceType}${acc}${share}${l.spot ? ", spot" : ""}`;
}

/** `team risk-ml`, `cost center ML-1234 or asset fraud-api`. */
export function scopeText(b: BudgetEstimate): string {
  if (!b.scope) return "filter not known until deployment";
  const parts = [
    ...(b.scope.team ?? []).map((v) => `team ${v}`),
    ...(b.scope.costCenter ?? []).map((v) => `cost center ${v}`),
    ...(b.scope.assetId ?? []).map((v) => `asset ${v}`),
  ];
  return parts.length > 0 ? parts.join(" or ") : "no aigov team, cost center or asset filter";
}

/** `AWS budget`, `GCP budget (aigov:budgets)`, `aigov:budgets`. */
export function budgetSourceText(b: BudgetEstimate): string {
  if (b.source === "aigov:budgets") return "aigov:budgets";
  const cloud = b.cloud === "gcp" ? "GCP budget" : "AWS budget";
  return b.inStackConfig ? `${cloud} (aigov:budgets)` : cloud;
}

export const STATUS_LABELS = {
  within: "within",
  "at-risk": "at risk",
  over: "over",
  unknown: "unknown",
} as const;

/** What the budget leaves or lacks, in words. */
export function headroomText(b: BudgetEstimate): string {
  const h = b.headroomUsd;
  let text: string;
  if (!b.scope) text = "its filter is not known until deployment";
  else if (b.monthlyLimitUsd === null || !h) text = "no fixed USD monthly limit";
  else if (b.status === "over") text = `${formatUsd(-h.max)} over even at minimum capacity`;
  else if (b.status === "at-risk")
    text = `${formatUsd(-h.min)} over at maximum capacity, ${formatUsd(h.max)} left at minimum`;
  else text = `${formatUsd(h.min)} left at maximum capacity`;
  if (b.unpriced > 0) {
    text += `; ${b.unpriced} in scope not priced`;
  }
  return text;
}

/** The price basis, in one sentence. */
export function pricingText(a: CostAnalysis): string {
  const { regions, catalogCapturedAt, hoursPerMonth, overrides, usage } = a.pricing;
  const count = Object.keys(overrides).length;
  const ov = count > 0 ? `, ${count} aigov:pricing override${count === 1 ? "" : "s"}` : "";
  const assets = Object.keys(usage).length;
  const use =
    assets > 0
      ? `; aigov:usage of ${assets} asset${assets === 1 ? "" : "s"}, not priced: the catalog has no token prices yet`
      : "";
  return `on-demand list prices (AWS ${regions.aws}, GCP ${regions.gcp}; catalog of ${catalogCapturedAt}${ov}), ${hoursPerMonth} hours a month${use}`;
}

/** `5 priced, 2 not priced`. */
export function countsText(a: CostAnalysis): string {
  return `${a.resources.length} priced, ${a.unpriced.length} not priced`;
}

/** The rollups in report order. */
export function rollups(
  a: CostAnalysis,
): [string, RollupName, Readonly<Record<string, MonthlyUsd>>][] {
  return [
    ["By team", "team", a.byTeam],
    ["By cost center", "cost center", a.byCostCenter],
    ["By asset", "asset", a.byAsset],
  ];
}

/** `team risk-ml · asset fraud` for a block. */
export function attributionText(l: PricedCapacity | UnpricedCapacity): string {
  const parts = [
    `team ${l.team ?? "(none)"}`,
    ...(l.costCenter ? [`cost center ${l.costCenter}`] : []),
    ...(l.assetId ? [`asset ${l.assetId}`] : []),
    ...(l.stage ? [`stage ${l.stage}`] : []),
  ];
  return parts.join(" · ");
}

export function title(result: CostResult): string {
  return `${result.project}/${result.stack}`;
}
