/** Runs the commands past deploy: `aigov portfolio`, `aigov cards`, `aigov lineage`. */
import * as fs from "fs";
import { ExitCode } from "./errors";
import type { LifecycleInvocation } from "./lifecycle-args";
import type { Progress } from "./progress";

/** Writes a report to `--output` or stdout. */
async function emit(
  report: string,
  output: string | undefined,
  writeStdout: (text: string) => Promise<void>,
): Promise<void> {
  if (output) fs.writeFileSync(output, report);
  else await writeStdout(report);
}

export async function runLifecycle(
  invocation: LifecycleInvocation,
  progress: Progress,
  writeStdout: (text: string) => Promise<void>,
): Promise<number> {
  const { runPortfolio } = await import("./portfolio/run");
  const result = await runPortfolio({
    paths: invocation.paths,
    pack: invocation.pack,
    asOf: invocation.asOf,
    keepGoing: invocation.keepGoing,
    progress,
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  progress.done();
  const { renderPortfolio, failsOn } = await import("./report/portfolio");
  const color = !invocation.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
  await emit(renderPortfolio(result, invocation.format, { color }), invocation.output, writeStdout);
  return failsOn(result, invocation.failOn) ? ExitCode.mandatoryViolations : ExitCode.ok;
}
