import { METADATA_KEYS, MetadataKey } from "../metadata";
import { ValueEncoding } from "../values";
import { AWS_TAG_PREFIX, awsTagKey } from "../encodings/aws";
import { GCP_LABEL_PREFIX, gcpLabelKey } from "../encodings/gcp";
import { K8S_KEY_PREFIX, k8sKey } from "../encodings/k8s";
import { Cloud, cloudOf } from "./types";
import {
  Maybe,
  Obj,
  UNKNOWN,
  UNKNOWN_STRING_SENTINEL,
  Unknown,
  asObject,
  at,
  isUnknownSentinel,
} from "./unknown";

/** The provider of a resource as policies see it (`PolicyProviderResource`): type and inputs. */
export interface ProviderInfo {
  /** Provider type token, e.g. `pulumi:providers:aws`. */
  type?: string;
  /** Provider inputs; nested config such as `defaultTags` may be a JSON string. */
  props?: unknown;
}

/** Metadata values by key: the on-resource string, or {@link UNKNOWN} when not known yet. */
export type MetadataValues = Partial<Record<MetadataKey, string | Unknown>>;

/** Governance metadata read from one resource. */
export interface ResourceMetadata {
  /** Cloud whose encoding the values use. */
  cloud: Cloud;
  /** `gcp` for GCP labels (encoded form), `verbatim` otherwise. */
  encoding: ValueEncoding;
  /** Values of the keys that are set. */
  values: MetadataValues;
  /** False when the tag/label map is (partly) unknown, so keys that look absent may be set. */
  complete: boolean;
  /** Kubernetes workloads: the `aigov.dev/` labels of the pod template. */
  template?: { values: MetadataValues; complete: boolean };
}

/** State of one key: set (with a known or unknown value), absent, or unknowable. */
export type KeyState = "present" | "absent" | "unknown";

/** Whether `key` is set on the resource; `unknown` when the map could still hold it. */
export function keyState(
  meta: { values: MetadataValues; complete: boolean },
  key: MetadataKey,
): KeyState {
  if (meta.values[key] !== undefined) return "present";
  return meta.complete ? "absent" : "unknown";
}

/** The known value of `key`: a string, `undefined` when absent, or {@link UNKNOWN}. */
export function metadataValue(meta: ResourceMetadata, key: MetadataKey): Maybe<string> {
  const v = meta.values[key];
  if (v !== undefined) return v;
  return meta.complete ? undefined : UNKNOWN;
}

/** Only the known values, for reports that cannot use unknowns (e.g. cost attribution). */
export function knownMetadata(meta: ResourceMetadata): Partial<Record<MetadataKey, string>> {
  const out: Partial<Record<MetadataKey, string>> = {};
  for (const [k, v] of Object.entries(meta.values))
    if (typeof v === "string") out[k as MetadataKey] = v;
  return out;
}

/**
 * Merges the resource's map `over` onto the provider defaults `base`. When `over` is unknown, the
 * default keys stay present but their values become unknown (the resource may override them).
 */
function mergeMaps(base: Maybe<Obj>, over: Maybe<Obj>): { map: Obj; complete: boolean } {
  const complete = base !== UNKNOWN && over !== UNKNOWN;
  const map: Obj = { ...(typeof base === "object" ? base : {}) };
  if (over === UNKNOWN) for (const k of Object.keys(map)) map[k] = UNKNOWN_STRING_SENTINEL;
  if (typeof over === "object") Object.assign(map, over);
  return { map, complete };
}

/** Each metadata key with its on-resource name, per encoding (computed once). */
const KEY_NAMES = {
  aws: METADATA_KEYS.map((k) => [k, awsTagKey(k)] as const),
  gcp: METADATA_KEYS.map((k) => [k, gcpLabelKey(k)] as const),
  kubernetes: METADATA_KEYS.map((k) => [k, k8sKey(k)] as const),
};

function pick(map: Obj, cloud: Cloud): MetadataValues {
  const values: MetadataValues = {};
  for (const [key, name] of KEY_NAMES[cloud]) {
    const v = map[name];
    if (typeof v === "string") values[key] = isUnknownSentinel(v) ? UNKNOWN : v;
  }
  return values;
}

function providerConfig(provider: ProviderInfo | undefined, pkg: string, path: string[]) {
  if (!provider || provider.type !== `pulumi:providers:${pkg}`) return undefined;
  let cur: Maybe<Obj> = asObject(provider.props);
  for (const step of path) {
    if (typeof cur !== "object") return cur;
    cur = asObject(cur[step]);
  }
  return cur;
}

/** AWS tags as the provider applies them: `tagsAll`, else `tags` over the provider `defaultTags`. */
export function awsTagsAll(
  props: unknown,
  provider?: ProviderInfo,
): { map: Obj; complete: boolean } {
  const tagsAll = asObject(at(props, "tagsAll"));
  if (typeof tagsAll === "object") return { map: tagsAll, complete: true };
  const defaults = providerConfig(provider, "aws", ["defaultTags", "tags"]);
  return mergeMaps(defaults, asObject(at(props, "tags")));
}

/** GCP labels as the provider applies them: `effectiveLabels`, else `labels` over `defaultLabels`. */
export function gcpEffectiveLabels(
  props: unknown,
  provider?: ProviderInfo,
): { map: Obj; complete: boolean } {
  const effective = asObject(at(props, "effectiveLabels"));
  if (typeof effective === "object") return { map: effective, complete: true };
  const defaults = providerConfig(provider, "gcp", ["defaultLabels"]);
  return mergeMaps(defaults, asObject(at(props, "labels")));
}

function k8sValues(labels: Maybe<Obj>, annotations: Maybe<Obj>): MetadataValues {
  const fromLabels = typeof labels === "object" ? pick(labels, "kubernetes") : {};
  const fromAnnotations = typeof annotations === "object" ? pick(annotations, "kubernetes") : {};
  return { ...fromLabels, ...fromAnnotations };
}

/** The pod template of a workload (`spec.template`), if the type has one. */
export function podTemplatePath(type: string): string[] | undefined {
  if (type === "kubernetes:apps/v1:Deployment" || type === "kubernetes:apps/v1:StatefulSet") {
    return ["spec", "template"];
  }
  return undefined;
}

/**
 * Reads the governance metadata of a resource from its properties (inputs or outputs):
 * AWS `tagsAll` (or `tags` over the provider's `defaultTags`), GCP `effectiveLabels` (or `labels`
 * over `defaultLabels`), Kubernetes `metadata.annotations` over `metadata.labels`. Returns
 * `undefined` for types outside the three clouds.
 */
export function readMetadata(
  type: string,
  props: unknown,
  provider?: ProviderInfo,
): ResourceMetadata | undefined {
  const cloud = cloudOf(type);
  if (cloud === "aws") {
    const { map, complete } = awsTagsAll(props, provider);
    return { cloud, encoding: "verbatim", values: pick(map, cloud), complete };
  }
  if (cloud === "gcp") {
    const { map, complete } = gcpEffectiveLabels(props, provider);
    return { cloud, encoding: "gcp", values: pick(map, cloud), complete };
  }
  if (cloud !== "kubernetes") return undefined;
  const metadata = asObject(at(props, "metadata"));
  const labels = metadata === UNKNOWN ? UNKNOWN : asObject(at(metadata, "labels"));
  const annotations = metadata === UNKNOWN ? UNKNOWN : asObject(at(metadata, "annotations"));
  const meta: ResourceMetadata = {
    cloud,
    encoding: "verbatim",
    values: k8sValues(labels, annotations),
    complete: labels !== UNKNOWN && annotations !== UNKNOWN,
  };
  const templatePath = podTemplatePath(type);
  if (templatePath) {
    const tLabels = asObject(at(props, ...templatePath, "metadata", "labels"));
    meta.template = {
      values: typeof tLabels === "object" ? pick(tLabels, "kubernetes") : {},
      complete: tLabels !== UNKNOWN,
    };
  }
  return meta;
}

function hasPrefixedKey(map: unknown, prefix: string): boolean {
  const obj = asObject(map);
  return typeof obj === "object" && Object.keys(obj).some((k) => k.startsWith(prefix));
}

/**
 * True when the resource's own tags/labels/annotations (not provider defaults) carry any aigov
 * key. Kubernetes workloads count their pod template labels too.
 */
export function hasOwnAigovMetadata(type: string, props: unknown): boolean {
  const cloud = cloudOf(type);
  if (cloud === "aws") return hasPrefixedKey(at(props, "tags"), "aigov:");
  if (cloud === "gcp") return hasPrefixedKey(at(props, "labels"), "aigov-");
  if (cloud !== "kubernetes") return false;
  const paths = [
    ["metadata", "labels"],
    ["metadata", "annotations"],
  ];
  const templatePath = podTemplatePath(type);
  if (templatePath) paths.push([...templatePath, "metadata", "labels"]);
  return paths.some((p) => hasPrefixedKey(at(props, ...p), K8S_KEY_PREFIX));
}

/**
 * The lineage keys of contract v2 (`base-model`, `source-datasets`, `embedding-model`), read with
 * the same encodings and provider defaults as the v1 keys.
 */
export const LINEAGE_KEYS = ["base-model", "source-datasets", "embedding-model"] as const;
/** A lineage key of contract v2. */
export type LineageKey = (typeof LINEAGE_KEYS)[number];

const LINEAGE_KEY_NAMES: Record<Cloud, (readonly [LineageKey, string])[]> = {
  aws: LINEAGE_KEYS.map((k) => [k, `${AWS_TAG_PREFIX}${k}`] as const),
  gcp: LINEAGE_KEYS.map((k) => [k, `${GCP_LABEL_PREFIX}${k}`] as const),
  kubernetes: LINEAGE_KEYS.map((k) => [k, `${K8S_KEY_PREFIX}${k}`] as const),
};

/**
 * The known lineage values of a resource (GCP values in their label form), or `undefined` for
 * types outside the three clouds.
 */
export function readLineage(
  type: string,
  props: unknown,
  provider?: ProviderInfo,
): Partial<Record<LineageKey, string>> | undefined {
  const cloud = cloudOf(type);
  if (!cloud) return undefined;
  let maps: unknown[];
  if (cloud === "aws") maps = [awsTagsAll(props, provider).map];
  else if (cloud === "gcp") maps = [gcpEffectiveLabels(props, provider).map];
  else maps = [at(props, "metadata", "labels"), at(props, "metadata", "annotations")];
  const out: Partial<Record<LineageKey, string>> = {};
  for (const map of maps) {
    const obj = asObject(map);
    if (typeof obj !== "object") continue;
    for (const [key, name] of LINEAGE_KEY_NAMES[cloud]) {
      const v = obj[name];
      if (typeof v === "string" && !isUnknownSentinel(v)) out[key] = v;
    }
  }
  return out;
}
