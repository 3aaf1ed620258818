/**
 * The command lines of the commands past deploy: `aigov portfolio` (contract v2 §6), `aigov cards`
 * and `aigov lineage`.
 */
import * as path from "path";
import { parseArgs } from "util";
import { isCalendarDate } from "../sdk";
import type { PackSpec } from "./analyzer/start-pack";
import { ConfigError } from "./errors";
import { builtInPack } from "./pack-specs";
import { FINDING_IDS } from "./portfolio/model";

export const LIFECYCLE_COMMANDS = ["portfolio"] as const;
export type LifecycleCommand = (typeof LIFECYCLE_COMMANDS)[number];

export const PORTFOLIO_FORMATS = ["text", "json", "csv", "markdown", "html"] as const;
export type PortfolioFormat = (typeof PORTFOLIO_FORMATS)[number];

/** `--fail-on` words besides the finding ids. */
const FAIL_ON_MANDATORY = "mandatory";

/** Wraps text at 96 columns, each line indented. */
function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && indent + line.length + 1 + word.length > 96) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l) => " ".repeat(indent) + l).join("\n");
}

export const LIFECYCLE_HELP: Readonly<Record<LifecycleCommand, string>> = {
  portfolio: `usage: aigov portfolio PATH... [options]

The cross-stack review of many stacks: reads 'pulumi stack export' files (PATHs are files, or
directories searched for *.json), inventories every AI asset grouped by asset-id across stacks,
runs the built-in aigov policy pack over each stack as aigov audit does, and adds the findings no
single stack can show:
${wrap(FINDING_IDS.join(", "), 2)}
It rolls up the estimated monthly cost and counts by team, cost center, stage, cloud and risk
tier, and the governance coverage of each team.

options:
  --aigov-config FILE          config of the built-in aigov pack (as for aigov audit); the
                               findings use its deniedLicenses, allowedLicenses,
                               requiredBenchmarks, externalRegistries, budgetedTeams and
                               budgetedCostCenters
  --as-of YYYY-MM-DD           the day past-sunset is judged on (default: today, UTC)
  --fail-on ID[,ID...]         exit 5 when any of these findings is present; 'mandatory' for a
                               mandatory violation of the pack
  --keep-going                 skip unreadable export files (named on stderr and in the report)
  --format FORMAT              text (default), json, csv (the asset inventory), markdown, or
                               html (one self-contained page with charts and filters)
  --output FILE                write the report to FILE instead of stdout
  --quiet                      no progress on stderr

exit codes: 0 no finding named in --fail-on, 5 a finding named in --fail-on, 2 bad arguments,
configuration or export file`,
};

/** A parsed `aigov portfolio` command line. */
export interface PortfolioInvocation {
  readonly command: "portfolio";
  readonly paths: readonly string[];
  readonly pack: PackSpec;
  readonly asOf: string;
  /** Finding ids, and `mandatory`. */
  readonly failOn: readonly string[];
  readonly keepGoing: boolean;
  readonly format: PortfolioFormat;
  readonly output?: string;
  readonly quiet: boolean;
}

export type LifecycleInvocation = PortfolioInvocation;

export function isLifecycleCommand(word: string | undefined): word is LifecycleCommand {
  return (LIFECYCLE_COMMANDS as readonly string[]).includes(word ?? "");
}

const PORTFOLIO_OPTIONS = {
  "aigov-config": { type: "string" },
  "as-of": { type: "string" },
  "fail-on": { type: "string", multiple: true },
  "keep-going": { type: "boolean" },
  format: { type: "string" },
  output: { type: "string" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Today in UTC, `YYYY-MM-DD`. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function parsePortfolio(
  argv: readonly string[],
  cwd: string,
): PortfolioInvocation | { help: "portfolio" } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: PORTFOLIO_OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message} (see aigov portfolio --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: "portfolio" };
  const paths = positionals.slice(1);
  if (paths.length === 0) {
    throw new ConfigError(
      "portfolio needs PATH...: pulumi stack export files, or directories that hold them",
    );
  }
  const format = values.format ?? "text";
  if (!(PORTFOLIO_FORMATS as readonly string[]).includes(format)) {
    throw new ConfigError(
      `--format must be one of ${PORTFOLIO_FORMATS.join(", ")} for aigov portfolio, not "${format}"`,
    );
  }
  const asOf = values["as-of"] ?? today();
  if (!isCalendarDate(asOf)) {
    throw new ConfigError(`--as-of must be a day as YYYY-MM-DD, not "${asOf}"`);
  }
  const failOn = (values["fail-on"] ?? []).flatMap((v) => v.split(",")).map((v) => v.trim());
  const known: readonly string[] = [...FINDING_IDS, FAIL_ON_MANDATORY];
  const unknown = failOn.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new ConfigError(
      `--fail-on: unknown finding ${unknown.map((u) => `"${u}"`).join(", ")}: use ${known.join(", ")}`,
    );
  }
  const resolve = (p: string) => path.resolve(cwd, p);
  return {
    command: "portfolio",
    paths: paths.map(resolve),
    pack: builtInPack(values["aigov-config"], resolve),
    asOf,
    failOn: [...new Set(failOn)],
    keepGoing: values["keep-going"] ?? false,
    format: format as PortfolioFormat,
    ...(values.output ? { output: resolve(values.output) } : {}),
    quiet: values.quiet ?? false,
  };
}

/** Parses the arguments of a lifecycle command (`argv` starts with the command). */
export function parseLifecycleInvocation(
  argv: readonly string[],
  cwd: string,
): LifecycleInvocation | { help: LifecycleCommand } {
  return parsePortfolio(argv, cwd);
}
