/**
 * `aigov portfolio`: reads many `pulumi stack export` files one at a time, runs the aigov pack
 * over each (one pack process for all of them) as `aigov audit` does, keeps what the review needs
 * of each stack, and builds the cross-stack review.
 */
import * as fs from "fs";
import * as path from "path";
import { ConcurrencyLimit } from "../analyzer/limit";
import type { PolicyPacks } from "../analyzer/run-packs";
import { preparePolicyPacks, type PackSpec } from "../analyzer/start-pack";
import { analyzeState, readStateFile, stackIdentity, startStatePacks } from "../audit";
import { CliError, ConfigError } from "../errors";
import type { Violation } from "../model";
import type { Progress } from "../progress";
import type { PortfolioResult } from "./model";
import { type StackSummary, readStack } from "./read-stack";
import { type ReviewOptions, review } from "./review";

export interface PortfolioOptions {
  /** Export files, or directories searched for `*.json` export files. */
  readonly paths: readonly string[];
  /** The built-in aigov pack with its `--aigov-config`. */
  readonly pack: PackSpec;
  /** `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Skip unreadable files (reported on stderr and in the report) instead of failing. */
  readonly keepGoing: boolean;
  readonly progress: Progress;
  /** Where warnings go (stderr). */
  readonly warn: (message: string) => void;
}

/** The export files named by `paths`: files as given, directories searched for `*.json`. */
export function exportFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")) walk(p);
      else if (e.isFile() && e.name.endsWith(".json")) files.push(p);
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new ConfigError(`${p} does not exist: pass pulumi stack export files or directories`);
    }
    if (stat.isDirectory()) walk(p);
    else files.push(p);
  }
  if (files.length === 0) {
    throw new ConfigError(
      `no export files in ${paths.join(", ")}: write them with pulumi stack export --file NAME.json`,
    );
  }
  return [...new Set(files)];
}

type Properties = Readonly<Record<string, unknown>>;

/** The review options that come from the aigov pack config (`--aigov-config`), with its defaults. */
export function reviewOptions(pack: PackSpec, asOf: string): ReviewOptions {
  const props = (policy: string): Properties => pack.config[policy]?.properties ?? {};
  const strings = (value: unknown): string[] | undefined =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
  const license = props("aigov-training-data-license");
  const budgets = props("aigov-budget-coverage");
  return {
    asOf,
    deniedLicenses: strings(license.deniedLicenses) ?? ["unknown"],
    ...(strings(license.allowedLicenses)
      ? { allowedLicenses: strings(license.allowedLicenses) }
      : {}),
    requiredBenchmarks: strings(props("aigov-production-evaluation").requiredBenchmarks) ?? [],
    externalRegistries: strings(props("aigov-orphaned-endpoint").externalRegistries) ?? [],
    budgetedTeams: strings(budgets.budgetedTeams) ?? [],
    budgetedCostCenters: strings(budgets.budgetedCostCenters) ?? [],
  };
}

/** `extraResourceTypes` of any aigov policy: the portfolio counts them as AI resources too. */
function extraResourceTypes(pack: PackSpec): string[] {
  const types = new Set<string>();
  for (const policy of Object.values(pack.config)) {
    const extra = policy.properties?.extraResourceTypes;
    if (Array.isArray(extra)) for (const t of extra) if (typeof t === "string") types.add(t);
  }
  return [...types];
}

/** Stacks in flight at once: reading and encoding the next ones overlaps the pack's work. */
const STACKS_IN_FLIGHT = 3;

export async function runPortfolio(options: PortfolioOptions): Promise<PortfolioResult> {
  const files = exportFiles(options.paths);
  const prepared = preparePolicyPacks([options.pack]);
  const classify = { extraResourceTypes: extraResourceTypes(options.pack) };
  const done: (StackSummary | undefined)[] = [];
  const found: Violation[][] = [];
  const skipped: { file: string; reason: string }[] = [];
  options.progress.setPhase("starting the aigov policy pack");
  // One pack process serves every stack: the aigov pack reads nothing of the stack's identity
  // but what each request carries.
  const packs: PolicyPacks = await startStatePacks(prepared, {
    project: "aigov-portfolio",
    stack: "portfolio",
  });
  try {
    const limit = new ConcurrencyLimit(STACKS_IN_FLIGHT);
    let reviewed = 0;
    await Promise.all(
      files.map((file, i) =>
        limit.run(async () => {
          let resources;
          try {
            resources = readStateFile(file);
          } catch (err) {
            if (!(err instanceof CliError) || !options.keepGoing) throw err;
            options.warn(`skipped ${file}: ${err.message}`);
            skipped.push({ file, reason: err.message });
            return;
          }
          const { project, stack } = stackIdentity(resources);
          const violations = await analyzeState(packs, resources, options.progress);
          found[i] = violations;
          done[i] = readStack({ project, stack, file }, resources, violations, classify);
          options.progress.setPhase(`stacks: ${++reviewed} of ${files.length} reviewed`);
        }),
      ),
    );
    return review(
      done.filter((s): s is StackSummary => s !== undefined),
      found.flat(),
      packs.summaries,
      skipped.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file)),
      reviewOptions(options.pack, options.asOf),
    );
  } finally {
    packs.close();
  }
}
