import { readStateFile, stackIdentity } from "../audit";
import { canonicalOrder, type StackResource } from "../model";
import { runProgram } from "../program/run-program";
import type { Progress } from "../progress";
import { readProject } from "../project";
import { analyzeCost, readAigovConfig } from "./estimate";
import type { CostAnalysis } from "../../sdk";

export interface CostRunOptions {
  readonly programDir: string;
  readonly stack?: string;
  /** A `pulumi stack export` file to estimate instead of running the program. */
  readonly stateFile?: string;
  /** `--timeout`: seconds the program may run. */
  readonly timeoutSeconds?: number;
  readonly progress: Progress;
}

/** What `aigov cost` reports on. */
export interface CostResult {
  readonly project: string;
  readonly stack: string;
  /** The program directory or the state file the estimate comes from. */
  readonly source: string;
  readonly analysis: CostAnalysis;
}

/**
 * `aigov cost`: runs the program under the mock runtime as `aigov check` does (without policy
 * packs), or reads a state file, and estimates the monthly cost of its serving resources.
 */
export async function runCost(options: CostRunOptions): Promise<CostResult> {
  const { progress } = options;
  if (options.stateFile) {
    const resources = readStateFile(options.stateFile);
    const { stack, project } = stackIdentity(resources);
    progress.setPhase("estimating");
    return { project, stack, source: options.stateFile, analysis: analyzeCost(resources) };
  }
  const project = readProject(options.programDir, options.stack);
  // Bad `aigov:*` config is reported before the program runs.
  readAigovConfig(project.config);
  progress.setPhase("running the program");
  const run = await runProgram(
    project,
    {
      async register(resource: StackResource) {
        progress.resourceRegistered();
        return resource.inputs;
      },
    },
    { timeoutSeconds: options.timeoutSeconds },
  );
  progress.setPhase("estimating");
  return {
    project: project.name,
    stack: project.stack,
    source: project.dir,
    analysis: analyzeCost(canonicalOrder(run.resources), { config: project.config }),
  };
}
