import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { readPolicyPackConfigFile } from "./analyzer/config";
import { killAllPackProcesses } from "./analyzer/pack-process";
import type { PackSpec } from "./analyzer/start-pack";
import { CliError, ConfigError, ExitCode } from "./errors";
import { DEFAULT_POLICY_PACK_DIR, PACKAGE_VERSION } from "./package-root";
import { Progress } from "./progress";
import { REPORT_FORMATS, renderReport, type ReportFormat } from "./report";
import { summarize } from "./report/summary";

const USAGE = `usage: aigov check [PROGRAM_DIR] [--stack NAME] [options]
       aigov audit --state FILE [options]

  check   runs the Pulumi program in PROGRAM_DIR (default .) under Pulumi's mock runtime in
          preview mode and runs the policy packs over it, as pulumi preview --policy-pack does
  audit   runs the policy packs over a 'pulumi stack export' file

options:
  --policy-pack DIR            run this policy pack too (repeatable)
  --policy-pack-config FILE    config of the matching --policy-pack, in order (repeatable)
  --aigov-config FILE          config of the built-in aigov pack
  --no-default-pack            do not run the built-in aigov pack
  --format FORMAT              text (default), json, markdown or sarif
  --output FILE                write the report to FILE instead of stdout
  --quiet                      no progress on stderr

exit codes: 0 no mandatory violation, 5 mandatory violations, 2 bad arguments or
configuration, 1 the program failed`;

/** A parsed command line. */
export interface Invocation {
  readonly command: "check" | "audit";
  readonly programDir: string;
  readonly stack?: string;
  readonly stateFile?: string;
  readonly packs: readonly PackSpec[];
  readonly format: ReportFormat;
  readonly output?: string;
  readonly quiet: boolean;
}

const OPTIONS = {
  stack: { type: "string" },
  state: { type: "string" },
  "policy-pack": { type: "string", multiple: true },
  "policy-pack-config": { type: "string", multiple: true },
  "aigov-config": { type: "string" },
  "no-default-pack": { type: "boolean" },
  format: { type: "string" },
  output: { type: "string" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

/** Parses the arguments after `aigov`; relative paths are resolved against `cwd`. */
export function parseInvocation(
  argv: readonly string[],
  cwd: string,
): Invocation | "help" | "version" {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message} (see aigov --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return "help";
  }
  if (values.version) {
    return "version";
  }
  const [command, ...operands] = positionals;
  if (command !== "check" && command !== "audit") {
    throw new ConfigError(
      command
        ? `unknown command "${command}": use check or audit`
        : "missing command: use check or audit (see aigov --help)",
    );
  }
  const format = values.format ?? "text";
  if (!REPORT_FORMATS.includes(format as ReportFormat)) {
    throw new ConfigError(`--format must be one of ${REPORT_FORMATS.join(", ")}, not "${format}"`);
  }
  const resolve = (p: string) => path.resolve(cwd, p);
  if (command === "check") {
    if (operands.length > 1) {
      throw new ConfigError(
        `check takes one PROGRAM_DIR, got ${operands.length}: ${operands.join(" ")}`,
      );
    }
    if (values.state) {
      throw new ConfigError("--state belongs to aigov audit; aigov check runs a program");
    }
  } else {
    if (operands.length > 0 || values.stack) {
      throw new ConfigError(
        "audit reads a state file: pass --state FILE (no PROGRAM_DIR or --stack)",
      );
    }
    if (!values.state) {
      throw new ConfigError("audit needs --state FILE (the output of pulumi stack export)");
    }
  }
  return {
    command,
    programDir: resolve(operands[0] ?? "."),
    stack: values.stack,
    stateFile: values.state && resolve(values.state),
    packs: packSpecs(values, resolve),
    format: format as ReportFormat,
    output: values.output && resolve(values.output),
    quiet: values.quiet ?? false,
  };
}

/** The built-in pack (unless disabled) and every `--policy-pack`, each with its config file. */
function packSpecs(
  values: {
    "policy-pack"?: string[];
    "policy-pack-config"?: string[];
    "aigov-config"?: string;
    "no-default-pack"?: boolean;
  },
  resolve: (p: string) => string,
): PackSpec[] {
  const dirs = values["policy-pack"] ?? [];
  const configs = values["policy-pack-config"] ?? [];
  if (configs.length > 0 && configs.length !== dirs.length) {
    throw new ConfigError(
      `${configs.length} --policy-pack-config files for ${dirs.length} --policy-pack directories: ` +
        "give one config per pack, in the same order",
    );
  }
  const withConfig = (dir: string, configFile: string | undefined): PackSpec => ({
    dir,
    config: configFile ? readPolicyPackConfigFile(resolve(configFile)) : {},
    configSource: configFile,
  });
  const specs = dirs.map((dir, i) => withConfig(resolve(dir), configs[i]));
  const aigovConfig = values["aigov-config"];
  if (values["no-default-pack"]) {
    if (aigovConfig) {
      throw new ConfigError(
        "--aigov-config configures the built-in pack, which --no-default-pack turns off",
      );
    }
    return specs;
  }
  if (!fs.existsSync(path.join(DEFAULT_POLICY_PACK_DIR, "PulumiPolicy.yaml"))) {
    throw new ConfigError(
      `the built-in aigov policy pack is missing at ${DEFAULT_POLICY_PACK_DIR} (use --no-default-pack to run without it)`,
    );
  }
  return [withConfig(DEFAULT_POLICY_PACK_DIR, aigovConfig), ...specs];
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

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const writeStdout = reserveStdout();
  let progress: Progress | undefined;
  try {
    const invocation = parseInvocation(argv, process.cwd());
    if (invocation === "help" || invocation === "version") {
      await writeStdout(`${invocation === "help" ? USAGE : PACKAGE_VERSION}\n`);
      return ExitCode.ok;
    }
    progress = Progress.forStderr(invocation.quiet);
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
    const report = renderReport(result, invocation.format, {
      color: !invocation.output && process.stdout.isTTY === true && !process.env.NO_COLOR,
      cwd: process.cwd(),
    });
    if (invocation.output) {
      fs.writeFileSync(invocation.output, report);
    } else {
      await writeStdout(report);
    }
    return summarize(result).mandatory > 0 ? ExitCode.mandatoryViolations : ExitCode.ok;
  } catch (err) {
    progress?.done();
    if (err instanceof CliError) {
      process.stderr.write(`error: ${err.message}\n`);
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

/** The `aigov` executable: runs {@link main} and exits; Ctrl-C stops the policy packs first. */
export function runCli(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      killAllPackProcesses();
      process.exit(128 + os.constants.signals[signal]);
    });
  }
  process.once("exit", killAllPackProcesses);
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`error: ${String(err)}\n`);
      process.exit(ExitCode.programFailed);
    },
  );
}
