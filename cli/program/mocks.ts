import { createHash } from "crypto";
import type { PropertyMap } from "../model";
import { UNKNOWN, knownRecord, knownString } from "../properties";
import { isProviderType } from "../urn";
import type { TypeSchema } from "./sdk-schema";

/** The AWS account every mocked ARN and identity belongs to. */
export const MOCK_AWS_ACCOUNT = "123456789012";
export const DEFAULT_AWS_REGION = "us-east-1";
export const DEFAULT_GCP_PROJECT = "aigov-check";
export const MOCK_GCP_PROJECT_NUMBER = "123456789012";

export interface MockResourceArgs {
  readonly type: string;
  /** The logical name given in the program. */
  readonly name: string;
  readonly urn: string;
  readonly inputs: PropertyMap;
  /** Inputs of the resource's provider: an explicit provider's, or the default provider's config. */
  readonly providerInputs: PropertyMap;
  readonly schema?: TypeSchema;
}

export interface MockResourceResult {
  readonly id: string;
  /** The outputs; unknown ones hold the unknown sentinel or are missing, as in a preview. */
  readonly state: PropertyMap;
}

/** A deterministic stand-in for the random suffix providers append: hex from the URN's hash. */
export function uniqueSuffix(urn: string, length: number): string {
  return createHash("sha256").update(urn).digest("hex").slice(0, length);
}

const S3_BUCKET_TYPES = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);

/**
 * The property a provider auto-names, as a path: Kubernetes `metadata.name`, S3 `bucket`,
 * otherwise `name` when the schema has it.
 */
export function nameProperty(
  type: string,
  inputs: PropertyMap,
  schema: TypeSchema | undefined,
): string | undefined {
  if (type.startsWith("kubernetes:")) {
    const isObject = typeof inputs.apiVersion === "string" && typeof inputs.kind === "string";
    return isObject ? "metadata.name" : undefined;
  }
  const property = S3_BUCKET_TYPES.has(type) ? "bucket" : "name";
  return schema?.inputs.has(property) ? property : undefined;
}

/**
 * The provider's `Check` in a preview: fills the auto-named property the program left out, as
 * providers do before the engine hands the inputs to analyzers. The name is the logical name (or
 * the `<property>Prefix` input) and a suffix; lower case for GCP, S3 and Kubernetes.
 */
export function checkInputs(args: Omit<MockResourceArgs, "providerInputs">): PropertyMap {
  const property = nameProperty(args.type, args.inputs, args.schema);
  const inputs: PropertyMap = { ...args.inputs };
  if (property === "metadata.name") {
    const metadata = inputs.metadata === undefined ? {} : knownRecord(inputs.metadata);
    if (metadata && metadata.name === undefined) {
      const name = `${args.name.toLowerCase()}-${uniqueSuffix(args.urn, 8)}`;
      inputs.metadata = { ...metadata, name };
    }
  } else if (property && inputs[property] === undefined) {
    const prefix = knownString(inputs[`${property}Prefix`]);
    const generated = prefix
      ? prefix + uniqueSuffix(args.urn, 7)
      : `${args.name}-${uniqueSuffix(args.urn, 7)}`;
    const lowerCase = args.type.startsWith("gcp:") || property === "bucket";
    inputs[property] = lowerCase ? generated.toLowerCase() : generated;
  }
  return inputs;
}

/**
 * The outputs a provider returns in a preview of a new resource with these (checked) inputs: the
 * inputs, an ID, and the outputs policies rely on: AWS `arn`, `tagsAll` and `region`, GCP
 * `effectiveLabels`/`pulumiLabels`/`terraformLabels` and `project`. Other computed outputs are
 * unknown (the sentinel), as in a preview.
 */
export function mockResource(args: MockResourceArgs): MockResourceResult {
  if (isProviderType(args.type)) {
    return { id: mockUuid(args.urn), state: { ...args.inputs } };
  }
  const pkg = args.type.split(":")[0];
  const state: PropertyMap = { ...args.inputs };
  const property = nameProperty(args.type, state, args.schema);
  const name = property ? knownString(valueAt(state, property)) : undefined;
  const id = kubernetesId(state) ?? name ?? `${args.name}-${uniqueSuffix(args.urn, 7)}`;
  if (pkg === "aws") {
    addAwsOutputs(args, state, name ?? id);
  } else if (pkg === "gcp") {
    addGcpOutputs(args, state);
  }
  // What the provider computes and the mocks do not know is unknown, and present as such.
  for (const output of args.schema?.computed ?? []) {
    if (state[output] === undefined) {
      state[output] = UNKNOWN;
    }
  }
  return { id, state };
}

function valueAt(state: PropertyMap, propertyPath: string): unknown {
  const [head, tail] = propertyPath.split(".");
  return tail === undefined ? state[head] : knownRecord(state[head])?.[tail];
}

function kubernetesId(state: PropertyMap): string | undefined {
  const metadata = knownRecord(state.metadata);
  const name = knownString(metadata?.name);
  if (typeof state.kind !== "string" || !name) {
    return undefined;
  }
  const namespace = knownString(metadata?.namespace);
  return namespace ? `${namespace}/${name}` : name;
}

/** A provider input holding an object, which providers receive as a JSON string. */
function objectInput(value: unknown): Record<string, unknown> | undefined | typeof UNKNOWN {
  if (value === UNKNOWN) {
    return UNKNOWN;
  }
  if (typeof value === "string") {
    try {
      return knownRecord(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return knownRecord(value);
}

/**
 * Merges provider defaults under resource values (AWS `tagsAll`, GCP `effectiveLabels`). Unknown
 * when either map or any value in them is unknown, as the providers plan it.
 */
export function mergeDefaults(defaults: unknown, values: unknown): PropertyMap | undefined {
  const own = values === undefined || values === null ? {} : knownRecord(values);
  const inherited = defaults === undefined ? {} : knownRecord(defaults);
  if (!own || !inherited) {
    return undefined;
  }
  const merged = { ...inherited, ...own };
  return Object.values(merged).includes(UNKNOWN) ? undefined : merged;
}

/** `tagsAll` of an AWS resource: provider `defaultTags.tags` merged with the resource's `tags`. */
export function awsTagsAll(providerInputs: PropertyMap, tags: unknown): PropertyMap | undefined {
  const defaultTags = objectInput(providerInputs.defaultTags);
  const defaults = defaultTags === UNKNOWN ? UNKNOWN : defaultTags?.tags;
  return mergeDefaults(defaults, tags);
}

/** `effectiveLabels` of a GCP resource: provider `defaultLabels` merged with the resource's `labels`. */
export function gcpEffectiveLabels(
  providerInputs: PropertyMap,
  labels: unknown,
): PropertyMap | undefined {
  return mergeDefaults(objectInput(providerInputs.defaultLabels), labels);
}

function addAwsOutputs(args: MockResourceArgs, state: PropertyMap, name: string): void {
  const computed = args.schema?.computed;
  const region =
    knownString(state.region) ?? knownString(args.providerInputs.region) ?? DEFAULT_AWS_REGION;
  if (args.schema?.inputs.has("region") && state.region === undefined) {
    state.region = region;
  }
  if (computed?.has("arn")) {
    state.arn = awsArn(args.type, name, region);
  }
  if (computed?.has("tagsAll")) {
    const tagsAll = awsTagsAll(args.providerInputs, state.tags);
    if (tagsAll) {
      state.tagsAll = tagsAll;
    }
  }
}

function addGcpOutputs(args: MockResourceArgs, state: PropertyMap): void {
  const schema = args.schema;
  if (schema?.inputs.has("project") && state.project === undefined) {
    state.project = knownString(args.providerInputs.project) ?? DEFAULT_GCP_PROJECT;
  }
  const labels = gcpEffectiveLabels(args.providerInputs, state.labels);
  for (const property of ["effectiveLabels", "pulumiLabels", "terraformLabels"]) {
    if (labels && schema?.computed.has(property)) {
      state[property] = labels;
    }
  }
}

const ARN_RESOURCE_NAMES: Record<string, string> = {
  "aws:sagemaker/endpointConfiguration:EndpointConfiguration": "endpoint-config",
};
const ARN_SERVICES: Record<string, string> = { appautoscaling: "application-autoscaling" };
const GLOBAL_SERVICES = new Set(["iam", "budgets", "organizations", "route53", "cloudfront"]);

/** An ARN shaped like the real one: `arn:aws:<service>:<region>:<account>:<resource>/<name>`. */
export function awsArn(type: string, name: string, region: string): string {
  const [, module, className] = type.split(":");
  const moduleName = module.split("/")[0];
  const service = ARN_SERVICES[moduleName] ?? moduleName;
  if (service === "s3") {
    return `arn:aws:s3:::${name}`;
  }
  if (service === "sns" || service === "sqs") {
    return `arn:aws:${service}:${region}:${MOCK_AWS_ACCOUNT}:${name}`;
  }
  const resource =
    ARN_RESOURCE_NAMES[type] ?? className.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
  const arnRegion = GLOBAL_SERVICES.has(service) ? "" : region;
  return `arn:aws:${service}:${arnRegion}:${MOCK_AWS_ACCOUNT}:${resource}/${name}`;
}

function mockUuid(seed: string): string {
  const h = uniqueSuffix(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
