import * as fs from "fs";
import * as path from "path";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { z } from "zod";
import { CliError, ConfigError, PolicyConfigError, PolicyPackError } from "../errors";
import type { PolicyPackSummary } from "../model";
import { readYamlFile } from "../yaml-file";
import { AnalyzerConnection } from "./client";
import { reconcilePolicyPackConfig, type PolicyPackConfig } from "./config";
import { configureRequest, initialConfigOf, levelName, policyMetadata } from "./messages";
import { PackProcess } from "./pack-process";
import { checkPackRuntime, packCommand, type PackRuntime } from "./pack-runtime";

/** A policy pack to run and its configuration. */
export interface PackSpec {
  readonly dir: string;
  readonly config: PolicyPackConfig;
  /** The built-in aigov pack: `aigov check` adds the stack's `aigov:*` config to its config. */
  readonly builtIn?: boolean;
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

const policyPackFileSchema = z.looseObject({
  runtime: z.union([
    z.string(),
    z.looseObject({ name: z.string(), options: z.record(z.string(), z.unknown()).nullish() }),
  ]),
  version: z.union([z.string(), z.number()]).nullish(),
});

/** A pack whose directory has been checked. */
export interface PreparedPack {
  readonly spec: PackSpec;
  readonly runtime: PackRuntime;
  /** The version its `PulumiPolicy.yaml` sets, which wins over the pack's own (as in the engine). */
  readonly fileVersion?: string;
}

/** Checks, before anything starts, that every pack directory holds a nodejs or python pack. */
export function preparePolicyPacks(specs: readonly PackSpec[]): PreparedPack[] {
  return specs.map((spec) => ({ spec, ...readPolicyPackFile(spec.dir) }));
}

function readPolicyPackFile(dir: string): Omit<PreparedPack, "spec"> {
  const file = path.join(dir, "PulumiPolicy.yaml");
  if (!fs.existsSync(file)) {
    throw new ConfigError(`${dir} is not a policy pack: it has no PulumiPolicy.yaml`);
  }
  const { runtime: given, version } = readYamlFile(file, policyPackFileSchema);
  const runtime: PackRuntime =
    typeof given === "string"
      ? { name: given, options: {} }
      : { name: given.name, options: given.options ?? {} };
  checkPackRuntime(file, runtime);
  return { runtime, fileVersion: version == null ? undefined : String(version) };
}

/** The environment the engine gives pack processes: stack config and identity. */
export function packEnvironment(context: StackContext): NodeJS.ProcessEnv {
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
export class RunningPack {
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
  const version = fileVersion ?? info.getVersion();
  let reconciled: ReturnType<typeof reconcilePolicyPackConfig>;
  try {
    reconciled = reconcilePolicyPackConfig(
      policyMetadata(info),
      initialConfigOf(info),
      spec.config,
    );
  } catch (err) {
    // A config schema that does not compile (an unresolvable `$ref`, say).
    throw new ConfigError(
      `reconciling policy config for "${name}" at "${spec.dir}": ${(err as Error).message}`,
    );
  }
  const { config, errors } = reconciled;
  if (errors.length > 0) {
    throw new PolicyConfigError(
      errors.map((error) => `validating policy config: ${name} ${version}  ${error}`),
    );
  }
  const policies = info.getPoliciesList();
  const levelOf = (p: pb.PolicyInfo) =>
    config[p.getName()]?.enforcementLevel ?? levelName(p.getEnforcementlevel());
  return {
    config,
    summary: {
      name,
      version,
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

export async function startPack(
  { spec, runtime, fileVersion }: PreparedPack,
  context: StackContext,
  env: NodeJS.ProcessEnv,
): Promise<RunningPack> {
  let packProcess: PackProcess;
  try {
    packProcess = await PackProcess.start(spec.dir, env, await packCommand(spec.dir, runtime));
  } catch (err) {
    if (err instanceof CliError) {
      throw err;
    }
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
