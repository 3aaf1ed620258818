/** The cross-stack findings of `aigov portfolio` (contract v2 §6). */
import {
  type BudgetCoverage,
  describeType,
  gcpLabelValue,
  listValueIncludes,
  listValueItems,
  listValueOnlyFrom,
} from "../../sdk";
import { type AiResource, FINDING_SEVERITY, type Finding, type FindingId } from "./model";
import { Spelling } from "./spelling";

/** What the findings depend on besides the resources (`--as-of`, the aigov pack config). */
export interface FindingOptions {
  /** `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly deniedLicenses: readonly string[];
  readonly allowedLicenses?: readonly string[];
  readonly requiredBenchmarks: readonly string[];
  readonly externalRegistries: readonly string[];
}

/** Everything the findings are computed from. */
export interface FindingInput {
  readonly resources: readonly AiResource[];
  /** Ids of the registries in every stack, GCP label form. */
  readonly registryIds: ReadonlySet<string>;
  readonly budgets: BudgetCoverage;
  readonly spelling: Spelling;
  readonly options: FindingOptions;
}

const quote = (s: string) => `\`${s}\``;
const list = (xs: readonly string[]) => xs.map(quote).join(", ");

/** The key resources of one asset group by: the asset id, else the resource itself. */
export function assetKey(r: AiResource): string {
  const id = r.values["asset-id"];
  return id === undefined ? `urn:${r.urn}` : `asset:${gcpLabelValue(id)}`;
}

class Findings {
  readonly found: Finding[] = [];

  constructor(private readonly spelling: Spelling) {}

  value(r: AiResource, key: "asset-id" | "team" | "owner", fallback: string | null = null) {
    const v = r.values[key];
    return v === undefined ? fallback : this.spelling.show(key, v, r.gcp);
  }

  add(id: FindingId, r: AiResource, message: string, stack: string | null = r.stack): void {
    this.found.push({
      id,
      severity: FINDING_SEVERITY[id],
      assetId: this.value(r, "asset-id"),
      stack,
      urn: r.urn,
      message,
      team: this.value(r, "team"),
    });
  }

  /**
   * One finding per asset and stack for the resources that `problem` flags; `message` gets the
   * first flagged resource, its problem, and how many more resources of the group share it.
   */
  perAsset<P>(
    id: FindingId,
    resources: readonly AiResource[],
    problem: (r: AiResource) => P | undefined,
    message: (subject: string, p: P, first: AiResource) => string,
  ): void {
    const groups = new Map<string, { first: AiResource; p: P; count: number }>();
    for (const r of resources) {
      const p = problem(r);
      if (p === undefined) continue;
      const key = `${r.stack}\n${assetKey(r)}`;
      const g = groups.get(key);
      if (g) g.count++;
      else groups.set(key, { first: r, p, count: 1 });
    }
    for (const { first, p, count } of groups.values()) {
      const about = subject(first, count - 1, this.value(first, "asset-id"));
      this.add(id, first, message(about, p, first));
    }
  }
}

/**
 * What a finding is about: `Asset \`fraud\` in \`prod/app\` (SageMaker Endpoint \`fraud\` and 2 more
 * resources)`, or `SageMaker Endpoint \`x\` in \`prod/app\`` for a resource without `asset-id`.
 */
function subject(r: AiResource, more: number, assetId: string | null): string {
  const resource = `${describeType(r.type)} ${quote(r.name)}`;
  if (assetId === null) return `${resource} in ${quote(r.stack)}`;
  const others = more > 0 ? ` and ${more} more resource${more === 1 ? "" : "s"}` : "";
  return `Asset ${quote(assetId)} in ${quote(r.stack)} (${resource}${others})`;
}

function unowned(f: Findings, resources: readonly AiResource[]): void {
  f.perAsset(
    "unowned",
    resources,
    (r) => {
      const missing = (["owner", "team"] as const).filter((k) => r.values[k] === undefined);
      return missing.length > 0 ? missing : undefined;
    },
    (about, missing) =>
      `${about} has no ${missing.map(quote).join(" and ")}: set them in the metadata so that someone answers for the asset.`,
  );
}

function orphanedEndpoints(
  f: Findings,
  resources: readonly AiResource[],
  registries: ReadonlySet<string>,
): void {
  f.perAsset(
    "orphaned-endpoint",
    resources,
    (r) => {
      if (!r.serving) return undefined;
      const registry = r.values["model-registry"];
      if (registry === undefined) return { registry: undefined };
      return registries.has(gcpLabelValue(registry)) ? undefined : { registry };
    },
    (about, { registry }) =>
      registry === undefined
        ? `${about} does not say which registry its model comes from: set \`model-registry\` to the asset id of its model registry.`
        : `${about} names the model registry ${quote(registry)}, which is in none of the stacks reviewed: deploy from a governed registry, or fix \`model-registry\` (registries outside these stacks go in \`externalRegistries\`).`,
  );
}

/** Adapters and model resources with the same base model and source datasets, different assets. */
function redundantFineTunes(f: Findings, resources: readonly AiResource[]): void {
  const groups = new Map<string, Map<string, AiResource>>();
  for (const r of resources) {
    const base = r.lineage["base-model"];
    const data = r.lineage["source-datasets"];
    const id = r.values["asset-id"];
    if (!r.model || !base || !data || id === undefined) continue;
    const key = `${gcpLabelValue(base)}\n${gcpLabelValue(data)}`;
    const assets = groups.get(key) ?? new Map<string, AiResource>();
    if (!assets.has(gcpLabelValue(id))) assets.set(gcpLabelValue(id), r);
    groups.set(key, assets);
  }
  for (const assets of groups.values()) {
    if (assets.size < 2) continue;
    const all = [...assets.values()];
    for (const r of all) {
      const others = all
        .filter((o) => o !== r)
        .map(
          (o) => `${f.value(o, "asset-id")} (team ${f.value(o, "team", "unknown")}, ${o.stack})`,
        );
      f.add(
        "redundant-fine-tune",
        r,
        `${subject(r, 0, f.value(r, "asset-id"))} tunes ${quote(r.lineage["base-model"] as string)} on ${quote(r.lineage["source-datasets"] as string)}, as ${others.join(", ")} do${others.length === 1 ? "es" : ""}: share one fine-tune instead of paying for several.`,
      );
    }
  }
}

function pastSunset(f: Findings, resources: readonly AiResource[], asOf: string): void {
  f.perAsset(
    "past-sunset",
    resources,
    (r) => {
      const sunset = r.values["sunset-date"];
      return sunset !== undefined && sunset < asOf && r.values.stage !== "retired"
        ? sunset
        : undefined;
    },
    (about, sunset, r) =>
      `${about} is \`${r.values.stage ?? "without stage"}\` but its sunset date ${sunset} is before ${asOf}: retire it, or agree a new \`sunset-date\`.`,
  );
}

/** Serving resources of assets that are retired here, in another stack, or whose registry is. */
function retiredStillServing(f: Findings, resources: readonly AiResource[]): void {
  const retired = new Map<string, AiResource>();
  for (const r of resources) {
    const id = r.values["asset-id"];
    if (r.values.stage === "retired" && id !== undefined && !retired.has(gcpLabelValue(id))) {
      retired.set(gcpLabelValue(id), r);
    }
  }
  f.perAsset(
    "retired-still-serving",
    resources,
    (r) => {
      if (!r.serving) return undefined;
      if (r.values.stage === "retired") return "its stage is `retired`";
      const id = r.values["asset-id"];
      const own = id === undefined ? undefined : retired.get(gcpLabelValue(id));
      if (own) return `its asset is \`retired\` in ${quote(own.stack)}`;
      const registry = r.values["model-registry"];
      const reg = registry === undefined ? undefined : retired.get(gcpLabelValue(registry));
      if (reg)
        return `its model registry ${quote(registry as string)} is \`retired\` in ${quote(reg.stack)}`;
      return undefined;
    },
    (about, why) =>
      `${about} still serves although ${why}: remove the serving resources, or move the asset back out of \`retired\` only if it was retired by mistake.`,
  );
}

function productionGates(
  f: Findings,
  resources: readonly AiResource[],
  required: readonly string[],
): void {
  const inProduction = resources.filter((r) => r.deployable && r.values.stage === "production");
  f.perAsset(
    "production-without-card",
    inProduction,
    (r) => (r.values["model-card"] === undefined ? true : undefined),
    (about) =>
      `${about} is in production without a \`model-card\`: publish the model card and set its https:// URL.`,
  );
  f.perAsset(
    "production-without-evaluation",
    inProduction,
    (r) => {
      const status = r.values["eval-status"];
      if (status !== "passed") return `\`eval-status\` is ${status ? quote(status) : "missing"}`;
      const benchmarks = r.values["eval-benchmarks"] ?? "";
      const enc = r.gcp ? "gcp" : "verbatim";
      const missing = required.filter((b) => !listValueIncludes(benchmarks, b, enc));
      return missing.length > 0
        ? `the required benchmarks ${list(missing)} did not pass`
        : undefined;
    },
    (about, why) =>
      `${about} is in production but ${why}: evaluate it and record \`eval-status=passed\` with its \`eval-benchmarks\`.`,
  );
}

function deniedLicenses(
  f: Findings,
  resources: readonly AiResource[],
  options: FindingOptions,
): void {
  f.perAsset(
    "denied-license",
    resources,
    (r) => {
      const value = r.values["training-data-license"];
      if (!r.model || value === undefined) return undefined;
      const enc = r.gcp ? "gcp" : "verbatim";
      const denied = options.deniedLicenses.filter((id) => listValueIncludes(value, id, enc));
      const allowed = options.allowedLicenses;
      const outside =
        allowed && !listValueOnlyFrom(value, allowed, enc)
          ? (listValueItems(value, enc) ?? [value]).filter((id) => !allowed.includes(id))
          : [];
      const bad = [...new Set([...denied, ...outside])];
      return bad.length > 0 ? { value, bad } : undefined;
    },
    (about, { value, bad }) =>
      `${about} was trained on data under ${quote(value)}, which includes ${list(bad)} (denied, or outside \`allowedLicenses\`): use data whose license is allowed.`,
  );
}

/** Teams with AI resources that no budget of any stack (or the config) covers. */
function unbudgetedTeams(
  f: Findings,
  resources: readonly AiResource[],
  budgets: BudgetCoverage,
): void {
  const teams = new Map<string, { first: AiResource; count: number; stacks: Set<string> }>();
  for (const r of resources) {
    const team = r.values.team;
    if (team === undefined || isBudgeted(r, budgets)) continue;
    const key = gcpLabelValue(team);
    const t = teams.get(key) ?? { first: r, count: 0, stacks: new Set<string>() };
    t.count++;
    t.stacks.add(r.stack);
    teams.set(key, t);
  }
  for (const { first, count, stacks } of teams.values()) {
    const team = f.value(first, "team") as string;
    f.found.push({
      id: "unbudgeted-team",
      severity: FINDING_SEVERITY["unbudgeted-team"],
      assetId: null,
      stack: stacks.size === 1 ? first.stack : null,
      urn: first.urn,
      message: `Team ${quote(team)} owns ${count} AI resource${count === 1 ? "" : "s"} in ${stacks.size} stack${stacks.size === 1 ? "" : "s"} (${list([...stacks].sort())}) that no budget in any stack covers: add a budget on its \`team\` or \`cost-center\`, or list it in \`budgetedTeams\` if it is budgeted elsewhere.`,
      team,
    });
  }
}

/** True when a budget covers the resource's team or cost center. */
export function isBudgeted(r: AiResource, budgets: BudgetCoverage): boolean {
  const team = r.values.team;
  const cc = r.values["cost-center"];
  return (
    (team !== undefined && budgets.covers(r.cloud, "team", team)) ||
    (cc !== undefined && budgets.covers(r.cloud, "cost-center", cc))
  );
}

/** One asset id carried by resources of different teams or owners. */
function duplicateAssetIds(f: Findings, resources: readonly AiResource[]): void {
  const byAsset = new Map<string, AiResource[]>();
  for (const r of resources) {
    if (r.values["asset-id"] === undefined) continue;
    const key = assetKey(r);
    const group = byAsset.get(key);
    if (group) group.push(r);
    else byAsset.set(key, [r]);
  }
  for (const rs of byAsset.values()) {
    const conflicts: string[] = [];
    for (const key of ["team", "owner"] as const) {
      const seen = new Map<string, { shown: string; stacks: Set<string> }>();
      for (const r of rs) {
        const v = r.values[key];
        if (v === undefined) continue;
        const e = seen.get(gcpLabelValue(v)) ?? {
          shown: f.value(r, key) as string,
          stacks: new Set(),
        };
        e.stacks.add(r.stack);
        seen.set(gcpLabelValue(v), e);
      }
      if (seen.size > 1) {
        const parts = [...seen.values()].map(
          (e) => `${quote(e.shown)} (${[...e.stacks].sort().join(", ")})`,
        );
        conflicts.push(`${key}s ${parts.join(" and ")}`);
      }
    }
    if (conflicts.length === 0) continue;
    const first = rs[0];
    f.add(
      "duplicate-asset-id",
      first,
      `Asset id ${quote(f.value(first, "asset-id") as string)} is used with different ${conflicts.join("; ")}: one asset id names one asset; give the others their own \`asset-id\`.`,
      null,
    );
  }
}

const ORDER = { high: 0, medium: 1, low: 2 } as const;

/** Every cross-stack finding, most severe first, then by id, stack and resource. */
export function crossStackFindings(input: FindingInput): Finding[] {
  const { resources, options } = input;
  const f = new Findings(input.spelling);
  const registries = new Set(input.registryIds);
  for (const id of options.externalRegistries) registries.add(gcpLabelValue(id));
  unowned(f, resources);
  orphanedEndpoints(f, resources, registries);
  redundantFineTunes(f, resources);
  pastSunset(f, resources, options.asOf);
  retiredStillServing(f, resources);
  productionGates(f, resources, options.requiredBenchmarks);
  unbudgetedTeams(f, resources, input.budgets);
  duplicateAssetIds(f, resources);
  deniedLicenses(f, resources, options);
  const ids = new Map([...Object.keys(FINDING_SEVERITY)].map((id, i) => [id, i]));
  return f.found.sort(
    (a, b) =>
      ORDER[a.severity] - ORDER[b.severity] ||
      (ids.get(a.id) as number) - (ids.get(b.id) as number) ||
      (a.stack ?? "").localeCompare(b.stack ?? "") ||
      (a.urn ?? "").localeCompare(b.urn ?? ""),
  );
}
