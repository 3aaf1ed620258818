/** The cross-stack review: the asset inventory, findings, rollups and coverage of many stacks. */
import {
  BudgetCoverage,
  type Cloud,
  type LineageKey,
  type MetadataKey,
  STAGES,
  gcpLabelValue,
  type MonthlyUsd,
  type PricedCapacity,
  UNALLOCATED,
  cents,
  listValueIncludes,
} from "../../sdk";
import type { PolicyPackSummary, Violation } from "../model";
import { type FindingOptions, assetKey, crossStackFindings, isBudgeted } from "./findings";
import type {
  AiResource,
  Asset,
  Coverage,
  CoverageEntry,
  Finding,
  FindingId,
  PortfolioResult,
  RollupEntry,
  Rollups,
} from "./model";
import { KIND_ORDER, type StackSummary } from "./read-stack";
import { Spelling } from "./spelling";

/** What the review needs besides the stacks: the finding options and teams budgeted elsewhere. */
export interface ReviewOptions extends FindingOptions {
  readonly budgetedTeams: readonly string[];
  readonly budgetedCostCenters: readonly string[];
}

const SPELLED_KEYS: readonly MetadataKey[] = ["asset-id", "team", "owner", "cost-center"];

/** The most frequent value (ties: the first in sort order), or `null`. */
function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, c] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (c > bestCount) [best, bestCount] = [v, c];
  }
  return best;
}

const addUsd = (a: MonthlyUsd, b: MonthlyUsd): MonthlyUsd => ({
  min: a.min + b.min,
  max: a.max + b.max,
});
const money = (m: MonthlyUsd): MonthlyUsd => ({ min: cents(m.min), max: cents(m.max) });

class Inventory {
  constructor(private readonly spelling: Spelling) {}

  shown(r: AiResource, key: MetadataKey): string | undefined {
    const v = r.values[key];
    return v === undefined ? undefined : this.spelling.show(key, v, r.gcp);
  }

  lineage(r: AiResource, key: LineageKey): string | undefined {
    return r.lineage[key];
  }

  asset(rs: readonly AiResource[], monthlyUsd: MonthlyUsd, findings: readonly FindingId[]): Asset {
    const common = (key: MetadataKey) =>
      mostCommon(rs.map((r) => this.shown(r, key)).filter((v): v is string => v !== undefined));
    const commonLineage = (key: LineageKey) =>
      mostCommon(rs.map((r) => r.lineage[key]).filter((v): v is string => v !== undefined));
    const stages = rs
      .map((r) => r.values.stage)
      .filter((s): s is (typeof STAGES)[number] => STAGES.includes(s as never));
    const sunsets = rs.map((r) => r.values["sunset-date"]).filter((v) => v !== undefined);
    return {
      assetId: common("asset-id"),
      kind: KIND_ORDER.find((k) => rs.some((r) => r.kind === k)) ?? "other",
      clouds: [...new Set(rs.map((r) => r.cloud))].sort() as Cloud[],
      stacks: [...new Set(rs.map((r) => r.stack))].sort(),
      team: common("team"),
      owner: common("owner"),
      costCenter: common("cost-center"),
      stage:
        stages.length > 0
          ? STAGES[Math.max(...stages.map((s) => STAGES.indexOf(s)))]
          : common("stage"),
      dataClassification: common("data-classification"),
      riskTier: common("risk-tier"),
      trainingDataLicense: common("training-data-license"),
      baseModel: commonLineage("base-model"),
      sourceDatasets: commonLineage("source-datasets"),
      sunsetDate: sunsets.length > 0 ? [...sunsets].sort()[0] : null,
      monthlyUsd: money(monthlyUsd),
      resources: rs.map((r) => r.urn),
      findings,
    };
  }
}

function emptyCoverage(): { -readonly [K in keyof CoverageEntry]: number } {
  return {
    aiResources: 0,
    fullyGoverned: 0,
    modelResources: 0,
    withCard: 0,
    withEvaluation: 0,
    withLicense: 0,
    budgeted: 0,
  };
}

/** Builds the report of `aigov portfolio` from the stacks read one by one. */
export function review(
  stacks: readonly StackSummary[],
  violations: readonly Violation[],
  policyPacks: readonly PolicyPackSummary[],
  skipped: PortfolioResult["skipped"],
  options: ReviewOptions,
): PortfolioResult {
  const spelling = new Spelling();
  const resources = stacks.flatMap((s) => s.ai);
  for (const r of resources) {
    for (const key of SPELLED_KEYS) {
      const v = r.values[key];
      if (v !== undefined) spelling.note(key, v, r.gcp);
    }
  }
  const budgets = new BudgetCoverage();
  budgets.addBudgetedElsewhere(options.budgetedTeams, options.budgetedCostCenters);
  for (const s of stacks) for (const b of s.budgets) budgets.addBudget(b);
  const registryIds = new Set(stacks.flatMap((s) => s.registryIds));
  const findings = crossStackFindings({ resources, registryIds, budgets, spelling, options });

  // Assets: resources grouped by asset id across stacks (a resource without one stands alone).
  const groups = new Map<string, AiResource[]>();
  for (const r of resources) {
    const key = assetKey(r);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const priced = stacks.flatMap((s) => s.priced);
  const costOf = new Map<string, MonthlyUsd>();
  for (const line of priced) {
    const r = byUrn.get(line.urn);
    const key = r
      ? assetKey(r)
      : line.assetId
        ? `asset:${gcpLabelValue(line.assetId)}`
        : `urn:${line.urn}`;
    costOf.set(key, addUsd(costOf.get(key) ?? { min: 0, max: 0 }, line.monthlyUsd));
  }
  const findingsOf = new Map<string, Set<FindingId>>();
  for (const f of findings) {
    const r = f.urn ? byUrn.get(f.urn) : undefined;
    if (!r || f.assetId === null) continue;
    const key = assetKey(r);
    findingsOf.set(key, (findingsOf.get(key) ?? new Set()).add(f.id));
  }
  const inventory = new Inventory(spelling);
  const assetOf = new Map<string, Asset>();
  for (const [key, rs] of groups) {
    const ids = [...(findingsOf.get(key) ?? [])].sort();
    assetOf.set(key, inventory.asset(rs, costOf.get(key) ?? { min: 0, max: 0 }, ids));
  }
  const assets = [...assetOf.values()].sort(
    (a, b) =>
      (a.assetId === null ? 1 : 0) - (b.assetId === null ? 1 : 0) ||
      (a.assetId ?? a.resources[0]).localeCompare(b.assetId ?? b.resources[0]),
  );

  const rollups = buildRollups(resources, priced, assetOf, findings, inventory);
  const coverage = buildCoverage(resources, budgets, inventory, options);
  return {
    asOf: options.asOf,
    stacks: stacks.map((s) => s.entry),
    assets,
    findings,
    violations,
    rollups,
    coverage,
    policyPacks,
    skipped,
  };
}

type Dimension = keyof Rollups;

function buildRollups(
  resources: readonly AiResource[],
  priced: readonly PricedCapacity[],
  assetOf: ReadonlyMap<string, Asset>,
  findings: readonly Finding[],
  inventory: Inventory,
): Rollups {
  const tables: Record<
    Dimension,
    Map<string, { -readonly [K in keyof RollupEntry]: RollupEntry[K] }>
  > = {
    byTeam: new Map(),
    byCostCenter: new Map(),
    byStage: new Map(),
    byCloud: new Map(),
    byRiskTier: new Map(),
  };
  const entry = (dim: Dimension, key: string | null | undefined) => {
    const k = key ?? UNALLOCATED;
    let e = tables[dim].get(k);
    if (!e) {
      e = { assets: 0, resources: 0, monthlyUsd: { min: 0, max: 0 }, findings: 0 };
      tables[dim].set(k, e);
    }
    return e;
  };
  const dims = (r: AiResource): [Dimension, string | undefined][] => [
    ["byTeam", inventory.shown(r, "team")],
    ["byCostCenter", inventory.shown(r, "cost-center")],
    ["byStage", r.values.stage],
    ["byCloud", r.cloud],
    ["byRiskTier", r.values["risk-tier"]],
  ];
  for (const r of resources) for (const [dim, key] of dims(r)) entry(dim, key).resources++;
  for (const a of assetOf.values()) {
    entry("byTeam", a.team).assets++;
    entry("byCostCenter", a.costCenter).assets++;
    entry("byStage", a.stage).assets++;
    for (const c of a.clouds) entry("byCloud", c).assets++;
    entry("byRiskTier", a.riskTier).assets++;
  }
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  for (const line of priced) {
    const r = byUrn.get(line.urn);
    const keys: [Dimension, string | undefined][] = r
      ? dims(r)
      : [
          ["byTeam", line.team],
          ["byCostCenter", line.costCenter],
          ["byStage", line.stage],
          ["byCloud", line.cloud],
          [
            "byRiskTier",
            (line.assetId && assetOf.get(`asset:${gcpLabelValue(line.assetId)}`)?.riskTier) ||
              undefined,
          ],
        ];
    for (const [dim, key] of keys) {
      const e = entry(dim, key);
      e.monthlyUsd = addUsd(e.monthlyUsd, line.monthlyUsd);
    }
  }
  for (const f of findings) {
    const r = f.urn ? byUrn.get(f.urn) : undefined;
    if (!r) continue;
    for (const [dim, key] of dims(r)) {
      entry(dim, dim === "byTeam" ? (f.team ?? undefined) : key).findings++;
    }
  }
  const out = {} as Record<Dimension, Record<string, RollupEntry>>;
  for (const dim of Object.keys(tables) as Dimension[]) {
    const sorted = [...tables[dim].entries()].sort(
      ([ka, a], [kb, b]) =>
        b.monthlyUsd.max - a.monthlyUsd.max || b.resources - a.resources || (ka < kb ? -1 : 1),
    );
    out[dim] = Object.fromEntries(
      sorted.map(([k, e]) => [k, { ...e, monthlyUsd: money(e.monthlyUsd) }]),
    );
  }
  return out;
}

function buildCoverage(
  resources: readonly AiResource[],
  budgets: BudgetCoverage,
  inventory: Inventory,
  options: ReviewOptions,
): Coverage {
  const all = emptyCoverage();
  const byTeam = new Map<string, ReturnType<typeof emptyCoverage>>();
  for (const r of resources) {
    const team = inventory.shown(r, "team") ?? UNALLOCATED;
    const t = byTeam.get(team) ?? emptyCoverage();
    byTeam.set(team, t);
    const license = r.values["training-data-license"];
    const enc = r.gcp ? "gcp" : "verbatim";
    const counts: [keyof CoverageEntry, boolean][] = [
      ["aiResources", true],
      ["fullyGoverned", r.violations === 0],
      ["modelResources", r.model],
      ["withCard", r.model && r.values["model-card"] !== undefined],
      ["withEvaluation", r.model && r.values["eval-status"] === "passed"],
      [
        "withLicense",
        r.model &&
          license !== undefined &&
          !options.deniedLicenses.some((id) => listValueIncludes(license, id, enc)),
      ],
      ["budgeted", isBudgeted(r, budgets)],
    ];
    for (const [key, yes] of counts) {
      if (!yes) continue;
      all[key]++;
      t[key]++;
    }
  }
  const teams = [...byTeam.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return { all, byTeam: Object.fromEntries(teams) };
}
