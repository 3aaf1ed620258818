import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { killAllPackProcesses } from "./analyzer/pack-process";
import type { PackSpec } from "./analyzer/start-pack";
import {
  LIFECYCLE_HELP,
  type LifecycleInvocation,
  isLifecycleCommand,
  parseLifecycleInvocation,
} from "./lifecycle-args";
import { packSpecs } from "./pack-specs";
import { CliError, ConfigError, ExitCode } from "./errors";
import { checkWritable, writeOutput } from "./output-file";
import { PACKAGE_VERSION } from "./package-root";
import { Progress } from "./progress";
import { textLines } from "./report/markup";
import { COST_FORMATS, REPORT_FORMATS, type CostFormat, type ReportFormat } from "./report/formats";
import { summarize } from "./report/summary";

const EXIT_CODES = `exit codes: 0 success (check, audit: no mandatory violation), 5 mandatory violations,
2 bad arguments or configuration (also a policy pack that cannot start), 1 the program failed`;

const PACK_OPTIONS = `  --policy-pack DIR            run this policy pack too (repeatable); any CrossGuard pack
                               directory (PulumiPolicy.yaml), started as the Pulumi engine does
  --policy-pack-config FILE    config of the matching --policy-pack, in order (repeatable); the
                               shape of pulumi preview --policy-pack-config
  --aigov-config FILE          config of the built-in aigov pack (same shape)
  --no-default-pack            do not run the built-in aigov pack`;

const TIMEOUT_OPTION = `  --timeout SECONDS            stop a program that has not finished after SECONDS (default 600),
                               naming what is still pending (exit 1)`;

const REPORT_OPTIONS = `  --format FORMAT              text (default), json, markdown or sarif
  --output FILE                write the report to FILE instead of stdout
  --quiet                      no progress on stderr`;

/** `aigov --help` and each command's `--help`. */
export const HELP = {
  main: `aigov: governance checks and cost estimates of AI assets in Pulumi programs, offline

usage: aigov <command> [options]

commands:
  check [PROGRAM_DIR]   run the Pulumi program under Pulumi's mock runtime (preview mode, no cloud
                        credentials, no Pulumi CLI) and the policy packs over it, as
                        pulumi preview --policy-pack does
  cost [PROGRAM_DIR]    estimate the monthly cost of the program's serving resources from the
                        price catalog, by team, cost center and asset, against the budgets
  audit --state FILE    run the policy packs over a 'pulumi stack export' file
  policy-config [PROGRAM_DIR]
                        write the aigov pack's --policy-pack-config file for pulumi preview:
                        the stack's prices, usage and budgets, as aigov check passes them
  portfolio PATH...     the cross-stack review of many 'pulumi stack export' files: asset
                        inventory, cross-stack findings, cost and coverage by team

options:
  -h, --help            show this help; 'aigov <command> --help' shows a command's options
  --version             print the version

${EXIT_CODES}`,
  check: `usage: aigov check [PROGRAM_DIR] [options]

Runs the Pulumi program in PROGRAM_DIR (default .: Pulumi.yaml, Pulumi.<stack>.yaml) under
Pulumi's mock runtime in preview mode, with no cloud credentials and no Pulumi CLI, and runs the
built-in aigov policy pack and every --policy-pack over its resources, as
pulumi preview --policy-pack does. The JSON report also carries the cost estimate (aigov cost).

options:
  --stack NAME                 the stack whose Pulumi.<NAME>.yaml config the program gets
                               (default: the only Pulumi.<stack>.yaml in PROGRAM_DIR, else dev)
  --export-state FILE          also write the resources the program registered as a
                               'pulumi stack export' document (for pulumi stack import and
                               pulumi policy analyze, or aigov audit --state FILE)
${PACK_OPTIONS}
${TIMEOUT_OPTION}
${REPORT_OPTIONS}

exit codes: 0 no mandatory violation, 5 mandatory violations, 2 bad arguments or
configuration (also a policy pack that cannot start or has invalid config), 1 the program failed`,
  cost: `usage: aigov cost [PROGRAM_DIR] [options]
       aigov cost --state FILE [options]

Estimates the monthly cost of the serving resources of the Pulumi program in PROGRAM_DIR
(default .), run as aigov check runs it but without policy packs: SageMaker endpoints (variants,
autoscaling targets), Vertex AI pools and Model Garden deployments (machines, accelerators, spot),
Kubernetes GPU workloads and KServe InferenceServices (node type from the
node.kubernetes.io/instance-type node selector, HPA/KEDA bounds, spot selectors). Prices come from
the offline catalog (on-demand list prices, 730 hours a month) and the stack config aigov:pricing;
the minimum and maximum follow the autoscaling bounds. Costs are rolled up by team, cost center
and asset, and compared with every budget of the stack (AWS and GCP budgets filtering on aigov
tags or labels) and of aigov:budgets. What cannot be priced is listed with the reason, never
counted as zero.

options:
  --stack NAME                 the stack whose config (aigov:pricing, aigov:budgets) to use
                               (default: the only Pulumi.<stack>.yaml in PROGRAM_DIR, else dev)
  --state FILE                 estimate a deployed stack from 'pulumi stack export' instead
                               (catalog prices and the stack's budget resources: no stack config)
  --format FORMAT              text (default), json or markdown
  --output FILE                write the report to FILE instead of stdout
  --html FILE                  also write a self-contained HTML report with a chart of the
                               estimate against the budget of each team
${TIMEOUT_OPTION}
  --quiet                      no progress on stderr

exit codes: 0 the estimate was written (whatever the budgets say), 2 bad arguments or
configuration (e.g. aigov:pricing or aigov:budgets), 1 the program failed`,
  audit: `usage: aigov audit --state FILE [options]

Runs the built-in aigov policy pack and every --policy-pack over a 'pulumi stack export' file, as
the engine runs them: resource policies see each resource's inputs, stack policies its outputs,
parents and dependencies. Resources pending deletion are left out.

options:
  --state FILE                 the output of 'pulumi stack export' (--show-secrets or not)
${PACK_OPTIONS}
${REPORT_OPTIONS}

exit codes: 0 no mandatory violation, 5 mandatory violations, 2 bad arguments, configuration or
state file`,
  "policy-config": `usage: aigov policy-config [PROGRAM_DIR] [options]

Writes the config file of the aigov policy pack for
pulumi preview --policy-pack DIR --policy-pack-config FILE. Policies get no stack config from
the Pulumi engine, so the stack's aigov:pricing, aigov:usage and aigov:budgets (from
PROGRAM_DIR/Pulumi.<stack>.yaml) travel as pack config of the policies that read them
(aigov-budget-headroom, aigov-instance-allowlist): under pulumi preview the pack then judges the
estimate that aigov cost prints, as aigov check (which passes them itself) does.

options:
  --stack NAME                 the stack whose config to read
                               (default: the only Pulumi.<stack>.yaml in PROGRAM_DIR, else dev)
  --aigov-config FILE          a pack config to start from (same shape); its settings win
  --output FILE                write the file there instead of stdout

exit codes: 0 the file was written, 2 bad arguments or configuration (e.g. aigov:usage)`,
  ...LIFECYCLE_HELP,
} as const;

export const COMMANDS = ["check", "cost", "audit", "policy-config"] as const;
export type Command = (typeof COMMANDS)[number];

/** A parsed command line. */
export interface Invocation {
  readonly command: Command;
  readonly programDir: string;
  readonly stack?: string;
  readonly stateFile?: string;
  /** `aigov check --export-state FILE`. */
  readonly exportState?: string;
  readonly packs: readonly PackSpec[];
  readonly format: ReportFormat;
  readonly output?: string;
  /** `aigov cost --html FILE`. */
  readonly html?: string;
  /** `--timeout`: seconds the program may run (`check`, `cost`). */
  readonly timeoutSeconds?: number;
  readonly quiet: boolean;
}

/** `--help` of the tool or of a command. */
export interface HelpRequest {
  readonly help: keyof typeof HELP;
}

const OPTIONS = {
  stack: { type: "string" },
  state: { type: "string" },
  "export-state": { type: "string" },
  "policy-pack": { type: "string", multiple: true },
  "policy-pack-config": { type: "string", multiple: true },
  "aigov-config": { type: "string" },
  "no-default-pack": { type: "boolean" },
  format: { type: "string" },
  output: { type: "string" },
  html: { type: "string" },
  timeout: { type: "string" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

const COMMAND_LIST = "check, cost, audit, policy-config or portfolio";

const isCommand = (word: string | undefined): word is Command =>
  (COMMANDS as readonly string[]).includes(word ?? "");

/** Parses the arguments after `aigov`; relative paths are resolved against `cwd`. */
export function parseInvocation(
  argv: readonly string[],
  cwd: string,
): Invocation | LifecycleInvocation | HelpRequest | "version" {
  if (isLifecycleCommand(argv.find((a) => !a.startsWith("-")))) {
    return parseLifecycleInvocation(argv, cwd);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message} (see aigov --help)`);
  }
  const { values, positionals } = parsed;
  const [command, ...operands] = positionals;
  if (command === "help") {
    // `aigov help [command]`
    const topic = operands[0];
    return { help: isCommand(topic) || isLifecycleCommand(topic) ? topic : "main" };
  }
  if (values.help) {
    return { help: isCommand(command) ? command : "main" };
  }
  if (values.version) {
    return "version";
  }
  if (!isCommand(command)) {
    throw new ConfigError(
      command
        ? `unknown command "${command}": use ${COMMAND_LIST}`
        : `missing command: use ${COMMAND_LIST} (see aigov --help)`,
    );
  }
  if (command === "policy-config") {
    const other = (
      ["state", "policy-pack", "policy-pack-config", "no-default-pack", "format", "html"] as const
    ).find((o) => values[o] !== undefined);
    if (other) {
      throw new ConfigError(
        `--${other} does not apply to aigov policy-config (it writes the aigov pack's config as JSON)`,
      );
    }
  }
  const format = values.format ?? "text";
  const formats: readonly string[] = command === "cost" ? COST_FORMATS : REPORT_FORMATS;
  if (!formats.includes(format)) {
    throw new ConfigError(
      `--format must be one of ${formats.join(", ")}${command === "cost" ? " for aigov cost" : ""}, not "${format}"`,
    );
  }
  const resolve = (p: string) => path.resolve(cwd, p);
  if (command !== "check" && values["export-state"]) {
    throw new ConfigError(
      "--export-state belongs to aigov check (it writes what the program registered)",
    );
  }
  if (command !== "cost" && values.html) {
    throw new ConfigError("--html belongs to aigov cost (the HTML cost report)");
  }
  if (command === "audit") {
    if (values.timeout !== undefined) {
      throw new ConfigError("--timeout limits a program: aigov audit runs none");
    }
    if (operands.length > 0 || values.stack) {
      throw new ConfigError(
        "audit reads a state file: pass --state FILE (no PROGRAM_DIR or --stack)",
      );
    }
    if (!values.state) {
      throw new ConfigError("audit needs --state FILE (the output of pulumi stack export)");
    }
  } else {
    if (operands.length > 1) {
      throw new ConfigError(
        `${command} takes one PROGRAM_DIR, got ${operands.length}: ${operands.join(" ")}`,
      );
    }
    if (command === "check" && values.state) {
      throw new ConfigError("--state belongs to aigov audit; aigov check runs a program");
    }
    if (command === "cost" && values.state && (operands.length > 0 || values.stack)) {
      throw new ConfigError(
        "aigov cost takes a PROGRAM_DIR (with --stack) or --state FILE, not both",
      );
    }
  }
  if (command === "cost") {
    const packOption = (
      ["policy-pack", "policy-pack-config", "aigov-config", "no-default-pack"] as const
    ).find((o) => values[o] !== undefined);
    if (packOption) {
      throw new ConfigError(
        `--${packOption} belongs to aigov check and audit: aigov cost runs no policy packs`,
      );
    }
  }
  return {
    command,
    programDir: resolve(operands[0] ?? "."),
    stack: values.stack,
    stateFile: values.state && resolve(values.state),
    packs: command === "cost" ? [] : packSpecs(values, resolve),
    format: format as ReportFormat,
    output: values.output && resolve(values.output),
    ...(values.html ? { html: resolve(values.html) } : {}),
    ...(values["export-state"] ? { exportState: resolve(values["export-state"]) } : {}),
    ...(values.timeout !== undefined ? { timeoutSeconds: parseTimeout(values.timeout) } : {}),
    quiet: values.quiet ?? false,
  };
}

/** `--timeout SECONDS`: a positive number of seconds. */
function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (text.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) {
    throw new ConfigError(`--timeout must be a positive number of seconds, not "${text}"`);
  }
  return seconds;
}

/**
 * Sends everything written to stdout (the program's `console.log`, runtime messages) to stderr,
 * so that stdout carries the report alone; returns the writer for the report.
 */
function reserveStdout(): (text: string) => Promise<void> {
  const stdout = process.stdout;
  const write = stdout.write.bind(stdout);
  stdout.write = process.stderr.write.bind(process.stderr) as typeof stdout.write;
  return (text) =>
    new Promise((resolve, reject) => write(text, (err) => (err ? reject(err) : resolve())));
}

/** Runs `aigov cost`: the report on stdout (or `--output`), and the HTML page with `--html`. */
async function cost(
  invocation: Invocation,
  progress: Progress,
  writeStdout: (text: string) => Promise<void>,
): Promise<number> {
  const { runCost } = await import("./cost/run");
  const result = await runCost({ ...invocation, progress });
  progress.done();
  const { renderCostReport } = await import("./report/cost");
  const report = renderCostReport(result, invocation.format as CostFormat, {
    color: !invocation.output && process.stdout.isTTY === true && !process.env.NO_COLOR,
  });
  if (invocation.html) {
    const { formatCostHtml } = await import("./report/cost/html");
    writeOutput(invocation.html, formatCostHtml(result), "--html");
  }
  if (invocation.output) {
    writeOutput(invocation.output, report, "--output");
  } else {
    await writeStdout(report);
  }
  return ExitCode.ok;
}

/** Runs `aigov policy-config`: the built-in pack's config with the stack's, as JSON. */
async function policyConfig(
  invocation: Invocation,
  writeStdout: (text: string) => Promise<void>,
): Promise<number> {
  const [{ readProject }, { policyPackConfigDocument, withStackConfig }] = await Promise.all([
    import("./project"),
    import("./policy-config"),
  ]);
  const project = readProject(invocation.programDir, invocation.stack);
  const config = withStackConfig(project.config, invocation.packs[0]?.config ?? {});
  const text = `${JSON.stringify(policyPackConfigDocument(config), null, 2)}\n`;
  if (invocation.output) {
    writeOutput(invocation.output, text, "--output");
  } else {
    await writeStdout(text);
  }
  return ExitCode.ok;
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const writeStdout = reserveStdout();
  let progress: Progress | undefined;
  try {
    const invocation = parseInvocation(argv, process.cwd());
    if (invocation === "version") {
      await writeStdout(`${PACKAGE_VERSION}\n`);
      return ExitCode.ok;
    }
    if ("help" in invocation) {
      await writeStdout(`${HELP[invocation.help]}\n`);
      return ExitCode.ok;
    }
    // A report that could not be written is exit 2 before the run, not a crash after it.
    checkWritable(invocation.output, "--output");
    checkWritable("html" in invocation ? invocation.html : undefined, "--html");
    if (invocation.command === "policy-config") {
      return await policyConfig(invocation, writeStdout);
    }
    progress = Progress.forStderr(invocation.quiet);
    if (invocation.command === "portfolio") {
      const { runLifecycle } = await import("./lifecycle-run");
      return await runLifecycle(invocation, progress, writeStdout);
    }
    if (invocation.command === "cost") {
      return await cost(invocation, progress, writeStdout);
    }
    if (invocation.command === "check") {
      // Bad `aigov:*` stack config (which the cost estimate reads too) is exit 2, before the
      // program runs, whatever the report format.
      const [{ readProject }, { readAigovConfig }] = await Promise.all([
        import("./project"),
        import("./cost/estimate"),
      ]);
      readAigovConfig(readProject(invocation.programDir, invocation.stack).config);
    }
    // Loaded on demand: `--help` and argument errors need none of the runtime machinery.
    const result =
      invocation.command === "check"
        ? await (await import("./check")).runCheck({ ...invocation, progress })
        : await (
            await import("./audit")
          ).runAudit({
            stateFile: invocation.stateFile as string,
            packs: invocation.packs,
            progress,
          });
    progress.done();
    if (invocation.exportState) {
      const { stackExport } = await import("./export-state");
      fs.writeFileSync(
        invocation.exportState,
        `${JSON.stringify(stackExport(result.resources), null, 2)}\n`,
      );
    }
    const { renderReport } = await import("./report");
    const report = renderReport(result, invocation.format, {
      color: !invocation.output && process.stdout.isTTY === true && !process.env.NO_COLOR,
      cwd: process.cwd(),
    });
    if (invocation.output) {
      writeOutput(invocation.output, report, "--output");
    } else {
      await writeStdout(report);
    }
    return summarize(result).mandatory > 0 ? ExitCode.mandatoryViolations : ExitCode.ok;
  } catch (err) {
    progress?.done();
    if (err instanceof CliError) {
      // The message may quote the program's or a pack's output: no control character gets through.
      for (const message of err.messages()) {
        process.stderr.write(`error: ${textLines(message).join("\n")}\n`);
      }
      return err.exitCode;
    }
    process.stderr.write(
      `error: aigov failed unexpectedly: ${(err as Error).stack ?? String(err)}\n`,
    );
    return ExitCode.programFailed;
  } finally {
    killAllPackProcesses();
  }
}

/**
 * Whether `parent` is still aigov's parent: the live parent pid on Linux (`process.ppid` is read
 * once), elsewhere whether the process exists.
 */
function parentAlive(parent: number): boolean {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent;
  } catch {
    try {
      process.kill(parent, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "EPERM";
    }
  }
}

/** How often aigov looks whether the process that started it is still there. */
const PARENT_WATCH_MS = 500;

/**
 * Exits (stopping the packs) when the process that started aigov goes away, e.g. an `npx`
 * wrapper killed with SIGTERM, which does not pass the signal on: aigov is then re-parented.
 */
function exitWithParent(exit: (code: number) => never): void {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (!parentAlive(parent)) {
      killAllPackProcesses();
      exit(128 + os.constants.signals.SIGHUP);
    }
  }, PARENT_WATCH_MS);
  watch.unref();
}

/** The `aigov` executable: runs {@link main} and exits; Ctrl-C stops the policy packs first. */
export function runCli(): void {
  // The real exit: while a program runs, its own `process.exit` is intercepted (it fails the
  // program), but a signal or a vanished parent must still end aigov at once.
  const exit = process.exit.bind(process);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAllPackProcesses();
      exit(128 + os.constants.signals[signal]);
    });
  }
  process.once("exit", killAllPackProcesses);
  exitWithParent(exit);
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`error: ${String(err)}\n`);
      process.exit(ExitCode.programFailed);
    },
  );
}
