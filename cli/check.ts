import { PolicyPacks, providerLookup } from "./analyzer/run-packs";
import { preparePolicyPacks, type PackSpec } from "./analyzer/start-pack";
import { canonicalOrder, stackUrnOf, type AnalysisResult, type Violation } from "./model";
import { runProgram, type ProgramRun } from "./program/run-program";
import type { RegistrationObserver } from "./program/recorder";
import type { Progress } from "./progress";
import { withStackConfig } from "./policy-config";
import { ORGANIZATION, readProject } from "./project";

export interface CheckOptions {
  readonly programDir: string;
  readonly stack?: string;
  readonly packs: readonly PackSpec[];
  /** `--timeout`: seconds the program may run. */
  readonly timeoutSeconds?: number;
  readonly progress: Progress;
}

/**
 * `aigov check`: runs the program under the mock runtime and the policy packs beside it, as
 * `pulumi preview --policy-pack` would. Packs start while the program loads; each registration
 * is remediated (when a pack remediates) before its outputs are mocked, and analyzed while the
 * program goes on; the stack is analyzed once the program has settled.
 */
export async function runCheck(options: CheckOptions): Promise<AnalysisResult> {
  const { progress } = options;
  const project = readProject(options.programDir, options.stack);
  // The built-in pack gets the stack's prices, usage and budgets: its budget headroom judges the
  // estimate that the report prints.
  const prepared = preparePolicyPacks(
    options.packs.map((spec) =>
      spec.builtIn ? { ...spec, config: withStackConfig(project.config, spec.config) } : spec,
    ),
  );
  const packsStarting = PolicyPacks.start(prepared, {
    project: project.name,
    stack: project.stack,
    organization: ORGANIZATION,
    config: project.config,
    secretKeys: project.secretKeys,
    dryRun: true,
  });
  // Awaited below; this keeps an early failure from being reported as unhandled meanwhile.
  packsStarting.catch(() => undefined);

  const analyses = new Map<string, Promise<Violation[]>>();
  // A pack failing while the program runs fails the registration, hence the program: the pack's
  // error is the one to report.
  let packFailure: unknown;
  const observer: RegistrationObserver = {
    async register(resource, provider) {
      progress.resourceRegistered();
      const packs = await packsStarting;
      const remediated = await packs.remediate(resource, provider, true).catch((err: unknown) => {
        packFailure ??= err;
        throw err;
      });
      const analysis = packs.analyze(resource, remediated.inputs, provider).then(
        (found) => {
          progress.resourceAnalyzed();
          return [...remediated.violations, ...found];
        },
        (err: unknown) => {
          packFailure ??= err;
          return [];
        },
      );
      analyses.set(resource.urn, analysis);
      return remediated.inputs;
    },
  };

  try {
    progress.setPhase("running the program");
    let run: ProgramRun;
    try {
      run = await runProgram(project, observer, { timeoutSeconds: options.timeoutSeconds });
    } catch (err) {
      // A pack that failed to start also fails the program's registrations: report the pack.
      await packsStarting;
      throw packFailure ?? err;
    }
    const packs = await packsStarting;
    const resources = canonicalOrder(run.resources);
    const perResource = await Promise.all(resources.map((r) => analyses.get(r.urn) ?? []));
    if (packFailure) {
      throw packFailure;
    }
    progress.setPhase("analyzing the stack");
    const stackViolations = await packs.analyzeStack(
      resources,
      providerLookup(resources),
      stackUrnOf(resources),
    );
    return {
      project: project.name,
      stack: project.stack,
      resources,
      policyPacks: packs.summaries,
      violations: [...perResource.flat(), ...stackViolations],
      sourceFile: run.mainFile,
      config: project.config,
    };
  } finally {
    await packsStarting.then(
      (packs) => packs.close(),
      () => undefined,
    );
  }
}
