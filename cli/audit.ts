import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { PolicyPacks, providerLookup } from "./analyzer/run-packs";
import { preparePolicyPacks, type PackSpec, type PreparedPack } from "./analyzer/start-pack";
import { ConfigError } from "./errors";
import {
  stackUrnOf,
  type AnalysisResult,
  type PropertyMap,
  type StackResource,
  type Violation,
} from "./model";
import type { Progress } from "./progress";
import { ORGANIZATION } from "./project";
import { SECRET_MASK, SECRET_SIG, SIG_KEY, signatureOf } from "./properties";
import { urnName, urnStackAndProject } from "./urn";

export interface AuditOptions {
  readonly stateFile: string;
  readonly packs: readonly PackSpec[];
  readonly progress: Progress;
}

const propertyMap = z.record(z.string(), z.unknown());

const stateResourceSchema = z.looseObject({
  urn: z.string(),
  type: z.string(),
  custom: z.boolean().nullish(),
  delete: z.boolean().nullish(),
  external: z.boolean().nullish(),
  id: z.string().nullish(),
  parent: z.string().nullish(),
  provider: z.string().nullish(),
  inputs: propertyMap.nullish(),
  outputs: propertyMap.nullish(),
  dependencies: z.array(z.string()).nullish(),
  propertyDependencies: z.record(z.string(), z.array(z.string())).nullish(),
  protect: z.boolean().nullish(),
  ignoreChanges: z.array(z.string()).nullish(),
  additionalSecretOutputs: z.array(z.string()).nullish(),
  aliases: z.array(z.string()).nullish(),
  deleteBeforeReplace: z.boolean().nullish(),
  customTimeouts: z
    .looseObject({
      create: z.number().nullish(),
      update: z.number().nullish(),
      delete: z.number().nullish(),
    })
    .nullish(),
});

const deploymentSchema = z.looseObject({
  version: z.number(),
  deployment: z.looseObject({ resources: z.array(stateResourceSchema).nullish() }),
});

type StateResource = z.infer<typeof stateResourceSchema>;

/**
 * Secrets in a state file are encrypted (`ciphertext`), or in plaintext after
 * `pulumi stack export --show-secrets`; packs get them decrypted from the engine. Plaintext is
 * decoded; ciphertext, which cannot be decrypted offline, becomes a masked secret.
 */
function decodeSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(decodeSecrets);
  }
  if (typeof value !== "object" || value === null) {
    return value;
  }
  const record = value as Record<string, unknown>;
  if (signatureOf(record) === SECRET_SIG && !("value" in record)) {
    const plaintext =
      typeof record.plaintext === "string" ? JSON.parse(record.plaintext) : SECRET_MASK;
    return { [SIG_KEY]: SECRET_SIG, value: plaintext };
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decodeSecrets(v)]));
}

function toStackResource(r: StateResource): StackResource {
  return {
    urn: r.urn,
    type: r.type,
    name: urnName(r.urn),
    custom: r.custom ?? false,
    id: r.id ?? undefined,
    parent: r.parent ?? undefined,
    provider: r.provider ?? undefined,
    external: r.external ?? false,
    inputs: decodeSecrets(r.inputs ?? {}) as PropertyMap,
    outputs: decodeSecrets(r.outputs ?? {}) as PropertyMap,
    dependencies: r.dependencies ?? [],
    propertyDependencies: r.propertyDependencies ?? {},
    options: {
      protect: r.protect ?? false,
      ignoreChanges: r.ignoreChanges ?? [],
      deleteBeforeReplace: r.deleteBeforeReplace ?? undefined,
      additionalSecretOutputs: r.additionalSecretOutputs ?? [],
      aliases: r.aliases ?? [],
      customTimeouts: {
        create: r.customTimeouts?.create ?? 0,
        update: r.customTimeouts?.update ?? 0,
        delete: r.customTimeouts?.delete ?? 0,
      },
    },
  };
}

/** Reads the resources of a `pulumi stack export` file, leaving out those pending deletion. */
export function readStateFile(file: string): StackResource[] {
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(`cannot read state file ${file}: ${(err as Error).message}`);
  }
  const parsed = deploymentSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `${file} is not a deployment from 'pulumi stack export': ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
  }
  return (parsed.data.deployment.resources ?? []).filter((r) => !r.delete).map(toStackResource);
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
  const resources = readStateFile(options.stateFile);
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
