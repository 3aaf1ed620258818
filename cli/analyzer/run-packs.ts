import * as fs from "fs";
import * as path from "path";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { z } from "zod";
import { ConfigError, PolicyPackError } from "../errors";
import type {
  PolicyPackSummary,
  PropertyMap,
  StackResource,
  Violation,
  ViolationLevel,
} from "../model";
import { parseProviderReference } from "../urn";
import { readYamlFile } from "../yaml-file";
import { AnalyzerConnection } from "./client";
import { reconcilePolicyPackConfig, type PolicyPackConfig } from "./config";
import {
  analyzeRequest,
  configureRequest,
  initialConfigOf,
  levelName,
  policyMetadata,
  stackResourceMessage,
} from "./messages";
import { PackProcess } from "./pack-process";

/** A policy pack to run and its configuration. */
export interface PackSpec {
  readonly dir: string;
  readonly config: PolicyPackConfig;
  /** Where the config came from, for error messages. */
  readonly configSource?: string;
}

/** The stack the packs analyze; packs get it as the engine gives it (environment, ConfigureStack). */
export interface StackContext {
  readonly project: string;
  readonly stack: string;
  readonly organization: string;
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  readonly dryRun: boolean;
}

/** Looks up the provider resource of a resource, if any. */
export type ProviderLookup = (resource: StackResource) => StackResource | undefined;

/** Finds providers among `resources` by the resources' provider references. */
export function providerLookup(resources: readonly StackResource[]): ProviderLookup {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return (resource) =>
    resource.provider ? byUrn.get(parseProviderReference(resource.provider).urn) : undefined;
}

const policyPackFileSchema = z.looseObject({
  runtime: z.union([z.string(), z.looseObject({ name: z.string() })]),
  version: z.union([z.string(), z.number()]).nullish(),
});

/** A pack whose directory has been checked. */
export interface PreparedPack {
  readonly spec: PackSpec;
  /** The version its `PulumiPolicy.yaml` sets, which wins over the pack's own (as in the engine). */
  readonly fileVersion?: string;
}

/** Checks, before anything starts, that every pack directory holds a nodejs policy pack. */
export function preparePolicyPacks(specs: readonly PackSpec[]): PreparedPack[] {
  return specs.map((spec) => ({ spec, fileVersion: readPolicyPackFile(spec.dir) }));
}

function readPolicyPackFile(dir: string): string | undefined {
  const file = path.join(dir, "PulumiPolicy.yaml");
  if (!fs.existsSync(file)) {
    throw new ConfigError(`${dir} is not a policy pack: it has no PulumiPolicy.yaml`);
  }
  const { runtime, version } = readYamlFile(file, policyPackFileSchema);
  const runtimeName = typeof runtime === "string" ? runtime : runtime.name;
  if (runtimeName !== "nodejs") {
    throw new ConfigError(
      `${file}: runtime "${runtimeName}" is not supported: only nodejs packs run`,
    );
  }
  return version == null ? undefined : String(version);
}

/** The environment the engine gives pack processes: stack config and identity. */
function packEnvironment(context: StackContext): NodeJS.ProcessEnv {
  const dryRun = String(context.dryRun);
  return {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(context.config),
    PULUMI_NODEJS_ORGANIZATION: context.organization,
    PULUMI_NODEJS_PROJECT: context.project,
    PULUMI_NODEJS_STACK: context.stack,
    PULUMI_NODEJS_DRY_RUN: dryRun,
    PULUMI_ORGANIZATION: context.organization,
    PULUMI_PROJECT: context.project,
    PULUMI_STACK: context.stack,
    PULUMI_DRY_RUN: dryRun,
  };
}

/** Runs `call`, turning a failure into a {@link PolicyPackError} that shows the pack's stderr. */
async function callPack<T>(
  packProcess: PackProcess,
  packName: string,
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ConfigError) {
      throw err;
    }
    const details = (err as { details?: string }).details || (err as Error).message;
    const stderr = packProcess.stderrTail();
    throw new PolicyPackError(
      `policy pack "${packName}" failed ${what}: ${details}${stderr ? `\n${stderr}` : ""}`,
    );
  }
}

/** One started, configured pack. */
class RunningPack {
  constructor(
    readonly packProcess: PackProcess,
    readonly connection: AnalyzerConnection,
    readonly summary: PolicyPackSummary,
    /** Whether any resource policy runs at the `remediate` level (else Remediate is skipped). */
    readonly remediates: boolean,
  ) {}

  get name(): string {
    return this.summary.name;
  }

  call<T>(what: string, call: () => Promise<T>): Promise<T> {
    return callPack(this.packProcess, this.name, what, call);
  }

  close(): void {
    this.connection.close();
    this.packProcess.kill();
  }
}

/** Reconciles the pack's config, and describes the pack with each policy's effective level. */
function configurePack(
  info: pb.AnalyzerInfo,
  spec: PackSpec,
  fileVersion: string | undefined,
): { config: PolicyPackConfig; summary: PolicyPackSummary; remediates: boolean } {
  const name = info.getName();
  const { config, errors } = reconcilePolicyPackConfig(
    policyMetadata(info),
    initialConfigOf(info),
    spec.config,
  );
  if (errors.length > 0) {
    const source = spec.configSource ? ` (${spec.configSource})` : "";
    throw new ConfigError(
      `policy pack "${name}" has invalid config${source}:\n  ${errors.join("\n  ")}`,
    );
  }
  const policies = info.getPoliciesList();
  const levelOf = (p: pb.PolicyInfo) =>
    config[p.getName()]?.enforcementLevel ?? levelName(p.getEnforcementlevel());
  return {
    config,
    summary: {
      name,
      version: fileVersion ?? info.getVersion(),
      policies: policies.map((p) => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: levelOf(p),
      })),
    },
    remediates: policies.some(
      (p) => p.getPolicyType() !== pb.PolicyType.POLICY_TYPE_STACK && levelOf(p) === "remediate",
    ),
  };
}

async function startPack(
  { spec, fileVersion }: PreparedPack,
  context: StackContext,
  env: NodeJS.ProcessEnv,
): Promise<RunningPack> {
  let packProcess: PackProcess;
  try {
    packProcess = await PackProcess.start(spec.dir, env);
  } catch (err) {
    throw new PolicyPackError(`policy pack ${spec.dir} failed to start: ${(err as Error).message}`);
  }
  const connection = new AnalyzerConnection(packProcess.port);
  try {
    const info = await callPack(packProcess, spec.dir, "to describe itself", () =>
      connection.getAnalyzerInfo(),
    );
    const { config, summary, remediates } = configurePack(info, spec, fileVersion);
    const pack = new RunningPack(packProcess, connection, summary, remediates);
    await pack.call("to accept its config", () => connection.configure(configureRequest(config)));
    await pack.call("to accept the stack", () =>
      connection.configureStack(stackConfigureRequest(context)),
    );
    return pack;
  } catch (err) {
    connection.close();
    packProcess.kill();
    throw err;
  }
}

function stackConfigureRequest(context: StackContext): pb.AnalyzerStackConfigureRequest {
  const request = new pb.AnalyzerStackConfigureRequest()
    .setStack(context.stack)
    .setProject(context.project)
    .setOrganization(context.organization)
    .setDryRun(context.dryRun)
    .setConfigSecretKeysList([...context.secretKeys]);
  const config = request.getConfigMap();
  for (const [key, value] of Object.entries(context.config)) {
    config.set(key, value);
  }
  return request;
}

function violationLevel(level: pb.EnforcementLevel): ViolationLevel | undefined {
  const name = levelName(level);
  // As in the engine, a violation still present at the remediate level is mandatory.
  return name === "disabled" ? undefined : name === "advisory" ? "advisory" : "mandatory";
}

function violations(
  pack: RunningPack,
  response: pb.AnalyzeResponse,
  urnOf: (d: pb.AnalyzeDiagnostic) => string,
): Violation[] {
  const result: Violation[] = [];
  for (const d of response.getDiagnosticsList()) {
    const enforcementLevel = violationLevel(d.getEnforcementlevel());
    if (enforcementLevel) {
      result.push({
        policyPack: d.getPolicypackname() || pack.name,
        policy: d.getPolicyname(),
        enforcementLevel,
        urn: urnOf(d),
        message: d.getMessage(),
      });
    }
  }
  return result;
}

/**
 * Policy packs running the way the Pulumi engine runs them: each in its own process, driven over
 * the Analyzer gRPC protocol, all concurrently.
 */
export class PolicyPacks {
  private constructor(private readonly packs: readonly RunningPack[]) {}

  /**
   * Starts and configures every pack concurrently. If any fails, all are stopped and the first
   * failure (in pack order) is thrown.
   */
  static async start(packs: readonly PreparedPack[], context: StackContext): Promise<PolicyPacks> {
    const env = packEnvironment(context);
    const started = await Promise.allSettled(packs.map((pack) => startPack(pack, context, env)));
    const failure = started.find((s) => s.status === "rejected");
    if (failure) {
      for (const s of started) {
        if (s.status === "fulfilled") {
          s.value.close();
        }
      }
      throw failure.reason;
    }
    return new PolicyPacks(started.map((s) => (s as PromiseFulfilledResult<RunningPack>).value));
  }

  get summaries(): PolicyPackSummary[] {
    return this.packs.map((p) => p.summary);
  }

  /**
   * Runs the packs' remediations on a resource's inputs, one pack after the other as the engine
   * does, and returns the inputs to continue with. With `apply` false (auditing existing state),
   * remediations are not applied. Diagnostics of remediations that could not run are advisory.
   */
  async remediate(
    resource: StackResource,
    provider: StackResource | undefined,
    apply: boolean,
  ): Promise<{ inputs: PropertyMap; violations: Violation[] }> {
    let inputs = resource.inputs;
    const found: Violation[] = [];
    for (const pack of this.packs.filter((p) => p.remediates)) {
      const response = await pack.call(`to remediate ${resource.urn}`, () =>
        pack.connection.remediate(analyzeRequest(resource, inputs, provider)),
      );
      for (const remediation of response.getRemediationsList()) {
        const properties = remediation.getProperties();
        if (remediation.getDiagnostic()) {
          found.push({
            policyPack: remediation.getPolicypackname() || pack.name,
            policy: remediation.getPolicyname(),
            enforcementLevel: "advisory",
            urn: resource.urn,
            message: remediation.getDiagnostic(),
          });
        } else if (properties && apply) {
          inputs = properties.toJavaScript() as PropertyMap;
        }
      }
    }
    return { inputs, violations: found };
  }

  /** Runs every pack's resource policies on a resource's inputs. */
  async analyze(
    resource: StackResource,
    inputs: PropertyMap,
    provider: StackResource | undefined,
  ): Promise<Violation[]> {
    const request = analyzeRequest(resource, inputs, provider);
    const results = await Promise.all(
      this.packs.map(async (pack) => {
        const response = await pack.call(`to analyze ${resource.urn}`, () =>
          pack.connection.analyze(request),
        );
        // The engine reports resource policy violations at the analyzed resource's URN.
        return violations(pack, response, () => resource.urn);
      }),
    );
    return results.flat();
  }

  /**
   * Runs every pack's stack policies on all resources (their outputs, parents and dependencies).
   * A violation that names no resource is reported at `stackUrn`.
   */
  async analyzeStack(
    resources: readonly StackResource[],
    providerOf: ProviderLookup,
    stackUrn: string,
  ): Promise<Violation[]> {
    const request = new pb.AnalyzeStackRequest().setResourcesList(
      resources.map((r) => stackResourceMessage(r, providerOf(r))),
    );
    const results = await Promise.all(
      this.packs.map(async (pack) => {
        const response = await pack.call("to analyze the stack", () =>
          pack.connection.analyzeStack(request),
        );
        return violations(pack, response, (d) => d.getUrn() || stackUrn);
      }),
    );
    return results.flat();
  }

  close(): void {
    for (const pack of this.packs) {
      pack.close();
    }
  }
}
