import * as path from "path";
import { PolicyPacks, providerLookup } from "./analyzer/run-packs";
import { preparePolicyPacks, type PackSpec, type PreparedPack } from "./analyzer/start-pack";
import { stackUrnOf, type AnalysisResult, type StackResource, type Violation } from "./model";
import type { Progress } from "./progress";
import { ORGANIZATION } from "./project";
import { oneLine } from "./report/markup";
import { readState, type UnreadableSecret } from "./state-file";
import { urnStackAndProject } from "./urn";

export { readStateFile } from "./state-file";

export interface AuditOptions {
  readonly stateFile: string;
  readonly packs: readonly PackSpec[];
  readonly progress: Progress;
}

/** The project and stack a `pulumi stack export` belongs to, from its URNs. */
export function stackIdentity(resources: readonly StackResource[]): {
  project: string;
  stack: string;
} {
  const anyUrn = stackUrnOf(resources) || resources[0]?.urn;
  return anyUrn ? urnStackAndProject(anyUrn) : { stack: "", project: "" };
}

/**
 * Runs started packs over existing state as `pulumi policy analyze` does: resource policies see
 * each resource's inputs (remediations are reported, not applied), stack policies its outputs,
 * parents and dependencies.
 */
export async function analyzeState(
  packs: PolicyPacks,
  resources: readonly StackResource[],
  progress: Progress,
): Promise<Violation[]> {
  const lookup = providerLookup(resources);
  progress.setPhase("analyzing resources");
  const perResource = await Promise.all(
    resources.map(async (resource) => {
      const provider = lookup(resource);
      const remediation = await packs.remediate(resource, provider, false);
      const found = await packs.analyze(resource, resource.inputs, provider);
      progress.resourceAnalyzed();
      return [...remediation.violations, ...found];
    }),
  );
  progress.setPhase("analyzing the stack");
  const stackViolations = await packs.analyzeStack(resources, lookup, stackUrnOf(resources));
  return [...perResource.flat(), ...stackViolations];
}

/** Starts packs to audit deployed state (no stack config, not a preview). */
export function startStatePacks(
  prepared: readonly PreparedPack[],
  identity: { project: string; stack: string },
): Promise<PolicyPacks> {
  return PolicyPacks.start(prepared, {
    ...identity,
    organization: ORGANIZATION,
    config: {},
    secretKeys: [],
    dryRun: false,
  });
}

/** `aigov audit`: runs the packs over a `pulumi stack export` file (see {@link analyzeState}). */
export async function runAudit(options: AuditOptions): Promise<AnalysisResult> {
  const { resources, unreadableSecrets } = readState(options.stateFile);
  warnUnreadable(options.stateFile, unreadableSecrets);
  const prepared = preparePolicyPacks(options.packs);
  const { stack, project } = stackIdentity(resources);
  options.progress.setPhase("starting policy packs");
  const packs = await startStatePacks(prepared, { project, stack });
  try {
    return {
      project,
      stack,
      resources,
      policyPacks: packs.summaries,
      violations: await analyzeState(packs, resources, options.progress),
      sourceFile: path.resolve(options.stateFile),
    };
  } finally {
    packs.close();
  }
}

/** How many unreadable values the warning names. */
const NAMED_UNREADABLE = 10;

/**
 * Encrypted secrets cannot be read offline: policies see them as unknown (as in a preview), and
 * stderr says which they are and how to export them readable.
 */
function warnUnreadable(file: string, unreadable: readonly UnreadableSecret[]): void {
  if (unreadable.length === 0) return;
  const named = unreadable
    .slice(0, NAMED_UNREADABLE)
    .map((s) => `  ${oneLine(s.urn)}: ${oneLine(s.path)}`);
  const more = unreadable.length - named.length;
  process.stderr.write(
    [
      `warning: ${unreadable.length} encrypted secret value${unreadable.length === 1 ? "" : "s"} in ${file} cannot be read offline; policies treat ${unreadable.length === 1 ? "it" : "them"} as unknown, as in a preview:`,
      ...named,
      ...(more > 0 ? [`  and ${more} more`] : []),
      "  export the stack with 'pulumi stack export --show-secrets' to audit them",
      "",
    ].join("\n"),
  );
}
