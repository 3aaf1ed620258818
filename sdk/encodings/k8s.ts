import {
  GovernanceMetadata,
  METADATA_KEYS,
  MetadataKey,
  PartialMetadata,
  metadataToStrings,
} from "../metadata";

/** Prefix of every aigov Kubernetes label and annotation key. */
export const K8S_KEY_PREFIX = "aigov.dev/";
/** Keys that are also written as labels (their values are label-safe). */
export const K8S_LABEL_KEYS: readonly MetadataKey[] = [
  "asset-id",
  "team",
  "cost-center",
  "stage",
  "data-classification",
  "risk-tier",
  "contains-pii",
  "eval-status",
];
/** Kubernetes label values: empty, or up to 63 alphanumerics, `-`, `_`, `.`, alphanumeric at both ends. */
export const K8S_LABEL_VALUE_PATTERN = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** The Kubernetes label/annotation key of a metadata key (`team` → `aigov.dev/team`). */
export function k8sKey(key: MetadataKey): string {
  return `${K8S_KEY_PREFIX}${key}`;
}

/**
 * Makes any string a valid Kubernetes label value: characters outside `[A-Za-z0-9_.-]` become `-`,
 * cut to 63 characters, then non-alphanumerics trimmed from both ends. Valid values are unchanged.
 */
export function k8sLabelValue(value: string): string {
  let out = "";
  for (const ch of value) {
    out += /^[A-Za-z0-9_.-]$/.test(ch) ? ch : "-";
    if (out.length >= 63) break;
  }
  return out
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+/, "")
    .replace(/[^A-Za-z0-9]+$/, "");
}

/** Labels and annotations that carry governance metadata on a Kubernetes object. */
export interface K8sMetadata {
  /** Label-safe keys as labels. */
  labels: Record<string, string>;
  /** Every key as an annotation, verbatim. */
  annotations: Record<string, string>;
}

/** Encodes metadata for Kubernetes per docs/contract.md. */
export function encodeK8sMetadata(meta: GovernanceMetadata | PartialMetadata): K8sMetadata {
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadataToStrings(meta)) as [MetadataKey, string][]) {
    annotations[k8sKey(key)] = value;
    if (K8S_LABEL_KEYS.includes(key)) labels[k8sKey(key)] = k8sLabelValue(value);
  }
  return { labels, annotations };
}

/**
 * Reads metadata from Kubernetes labels and annotations as verbatim strings;
 * annotations win over labels because they hold every key unaltered.
 */
export function decodeK8sMetadata(
  labels: Record<string, string> | undefined,
  annotations: Record<string, string> | undefined,
): Partial<Record<MetadataKey, string>> {
  const out: Partial<Record<MetadataKey, string>> = {};
  for (const key of METADATA_KEYS) {
    const a = annotations?.[k8sKey(key)];
    const l = labels?.[k8sKey(key)];
    if (typeof a === "string") out[key] = a;
    else if (typeof l === "string") out[key] = l;
  }
  return out;
}
