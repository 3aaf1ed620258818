/**
 * Test harness for the aigov policy pack.
 *
 * - `analyze`/`analyzeStack`/`remediate` run policies through `@pulumi/policy`'s own server
 *   functions with real Analyzer protos, so that the unknown-value proxy, enforcement-level
 *   resolution and message format are the engine's. That path cannot set policy config.
 * - `runResource`/`runStack`/`runRemediation` build `ResourceValidationArgs`/`StackValidationArgs`
 *   by hand (props still wrapped in the real unknown-checking proxy) for config-dependent tests.
 */
import {
  Policies,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
  UnknownValueError,
  unknownCheckingProxy,
} from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN_STRING_SENTINEL } from "aigov/sdk";
import { shareDeserializedProps } from "../../policy-packs/aigov/lib/shared-props";

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
const server = require("@pulumi/policy/server");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

// As in the pack process (policy-packs/aigov/index.ts): policies share each request's props.
shareDeserializedProps();

/** The engine's unknown value, as it arrives in properties during preview. */
export const UNKNOWN_VALUE = UNKNOWN_STRING_SENTINEL;

/** Pack name and version as the server reports them ("… from policy pack 'aigov@v0.1.0'"). */
export const PACK = { name: "aigov", version: "0.1.0" };

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;

/** One diagnostic as the engine receives it. */
export interface Diagnostic {
  policy: string;
  level: (typeof LEVELS)[number];
  /** Policy description + "\n" + violation message (or the "can't run" text). */
  message: string;
  urn: string;
}

/** A provider as the engine sends it along with a resource. */
export interface ProviderSpec {
  type: string;
  name?: string;
  urn?: string;
  props: Record<string, unknown>;
}

/** A resource to analyze. */
export interface ResourceSpec {
  type: string;
  name: string;
  props: Record<string, unknown>;
  urn?: string;
  provider?: ProviderSpec;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

/** The URN the harness gives a resource that has none. */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::aigov-test::${type}::${name}`;
}

function providerProto(p: ProviderSpec) {
  const proto = new pb.AnalyzerProviderResource();
  proto.setType(p.type);
  proto.setName(p.name ?? "default");
  proto.setUrn(p.urn ?? urnOf(p.type, p.name ?? "default"));
  proto.setProperties(Struct.fromJavaScript(p.props as any));
  return proto;
}

function fill(proto: any, r: ResourceSpec) {
  proto.setType(r.type);
  proto.setName(r.name);
  proto.setUrn(r.urn ?? urnOf(r.type, r.name));
  proto.setProperties(Struct.fromJavaScript(r.props as any));
  proto.setOptions(new pb.AnalyzerResourceOptions());
  if (r.provider) proto.setProvider(providerProto(r.provider));
  return proto;
}

function call<T>(fn: any, request: unknown, read: (resp: any) => T): Promise<T> {
  return new Promise((resolve, reject) => {
    fn({ request }, (err: unknown, resp: any) => (err ? reject(err) : resolve(read(resp))));
  });
}

function diagnostics(resp: any): Diagnostic[] {
  return resp.getDiagnosticsList().map((d: any) => ({
    policy: d.getPolicyname(),
    level: LEVELS[d.getEnforcementlevel()],
    message: d.getMessage(),
    urn: d.getUrn(),
  }));
}

/** Runs the resource policies of `policies` on one resource through the policy server. */
export function analyze(policies: Policies, resource: ResourceSpec): Promise<Diagnostic[]> {
  const fn = server.makeAnalyzeRpcFun(PACK.name, PACK.version, "advisory", policies);
  return call(fn, fill(new pb.AnalyzeRequest(), resource), diagnostics);
}

/** Runs the stack policies of `policies` on resources (their outputs) through the policy server. */
export function analyzeStack(policies: Policies, resources: ResourceSpec[]): Promise<Diagnostic[]> {
  const fn = server.makeAnalyzeStackRpcFun(PACK.name, PACK.version, "advisory", policies);
  const request = new pb.AnalyzeStackRequest();
  request.setResourcesList(
    resources.map((r) => {
      const proto = fill(new pb.AnalyzerResource(), r);
      if (r.parent) proto.setParent(r.parent);
      proto.setDependenciesList(r.dependencies ?? []);
      for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
        const deps = new pb.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        proto.getPropertydependenciesMap().set(prop, deps);
      }
      return proto;
    }),
  );
  return call(fn, request, diagnostics);
}

/** Runs the remediations of `policies` through the policy server; returns the remediated props. */
export function remediate(
  policies: Policies,
  resource: ResourceSpec,
): Promise<{ policy: string; props?: Record<string, unknown>; diagnostic: string }[]> {
  const fn = server.makeRemediateRpcFun(PACK.name, PACK.version, "advisory", policies);
  return call(fn, fill(new pb.AnalyzeRequest(), resource), (resp: any) =>
    resp.getRemediationsList().map((r: any) => ({
      policy: r.getPolicyname(),
      props: r.getProperties()?.toJavaScript(),
      diagnostic: r.getDiagnostic(),
    })),
  );
}

/** A violation reported through a hand-rolled args object. */
export interface Violation {
  message: string;
  urn?: string;
}

/** Outcome of a hand-rolled run: the violations, and the unknown-value error if one escaped. */
export interface RunResult {
  violations: Violation[];
  /** Message of the `UnknownValueError` the policy threw (the engine's "can't run" advisory). */
  unknown?: string;
}

function notApplicable(reason?: string): never {
  throw new Error(`not applicable: ${reason}`);
}

/** `ResourceValidationArgs` as the server builds them (props in the unknown-checking proxy). */
export function resourceArgs(
  resource: ResourceSpec,
  config: Record<string, unknown> = {},
): ResourceValidationArgs {
  const props = unknownCheckingProxy(structuredClone(resource.props));
  const provider = resource.provider;
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn ?? urnOf(resource.type, resource.name),
    props,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    provider: provider && {
      type: provider.type,
      name: provider.name ?? "default",
      urn: provider.urn ?? urnOf(provider.type, provider.name ?? "default"),
      props: unknownCheckingProxy(structuredClone(provider.props)),
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => structuredClone(config) as T,
    notApplicable,
  };
}

async function collect(run: (report: ReportViolation) => unknown): Promise<RunResult> {
  const violations: Violation[] = [];
  const report = ((message: string, urn?: string) =>
    violations.push({ message, urn })) as ReportViolation;
  try {
    await run(report);
  } catch (e) {
    if (e instanceof UnknownValueError) return { violations, unknown: (e as Error).message };
    throw e;
  }
  return { violations };
}

/** Runs one resource policy with config, as the server would after `Configure`. */
export function runResource(
  policy: ResourceValidationPolicy,
  resource: ResourceSpec,
  config: Record<string, unknown> = {},
): Promise<RunResult> {
  const validations = [policy.validateResource ?? []].flat();
  return collect(async (report) => {
    for (const v of validations) await v(resourceArgs(resource, config), report);
  });
}

/** Runs a resource policy's remediation with config; returns the new props (or undefined). */
export async function runRemediation(
  policy: ResourceValidationPolicy,
  resource: ResourceSpec,
  config: Record<string, unknown> = {},
): Promise<Record<string, unknown> | undefined> {
  const result = await policy.remediateResource?.(resourceArgs(resource, config));
  return result ? (result as Record<string, unknown>) : undefined;
}

/** `StackValidationArgs` as the server builds them: linked parents, dependencies, proxied props. */
export function stackArgs(
  resources: ResourceSpec[],
  config: Record<string, unknown> = {},
): StackValidationArgs {
  const byUrn = new Map<string, PolicyResource>();
  const built = resources.map((r) => {
    const args = resourceArgs(r);
    const resource: PolicyResource = {
      type: args.type,
      props: args.props,
      urn: args.urn,
      name: args.name,
      opts: args.opts,
      provider: args.provider,
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    };
    byUrn.set(resource.urn, resource);
    return { spec: r, resource };
  });
  for (const { spec, resource } of built) {
    const link = (urns: string[] = []) =>
      urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => x !== undefined);
    if (spec.parent) resource.parent = byUrn.get(spec.parent);
    resource.dependencies = link(spec.dependencies);
    for (const [k, urns] of Object.entries(spec.propertyDependencies ?? {})) {
      resource.propertyDependencies[k] = link(urns);
    }
  }
  return {
    resources: built.map((b) => b.resource),
    stackTags: new Map(),
    getConfig: <T extends object>() => structuredClone(config) as T,
    notApplicable,
  };
}

/** Runs one stack policy with config. */
export function runStack(
  policy: StackValidationPolicy,
  resources: ResourceSpec[],
  config: Record<string, unknown> = {},
): Promise<RunResult> {
  return collect((report) => policy.validateStack(stackArgs(resources, config), report));
}

/** The message a violation of `policy` carries through the server: description + "\n" + message. */
export function serverMessage(policy: { description: string }, message: string): string {
  return `${policy.description}\n${message}`;
}

/** The advisory text the server emits when a policy needs a value that is not known yet. */
export function cantRun(policy: string, detail: string): string {
  return `can't run policy '${policy}' from policy pack '${PACK.name}@v${PACK.version}' during preview: ${detail}`;
}
