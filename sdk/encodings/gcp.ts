import { GovernanceMetadata, MetadataKey, PartialMetadata, metadataToStrings } from "../metadata";

/** Prefix of every aigov GCP label key. */
export const GCP_LABEL_PREFIX = "aigov-";
/** GCP label keys: start with a lower-case letter, then `[a-z0-9_-]`, at most 63 characters. */
export const GCP_LABEL_KEY_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;
/** GCP label values: `[a-z0-9_-]`, at most 63 characters (empty allowed). */
export const GCP_LABEL_VALUE_PATTERN = /^[a-z0-9_-]{0,63}$/;
/** GCP allows at most 64 labels on a resource. */
export const GCP_MAX_LABELS = 64;

/** The GCP label key of a metadata key (`cost-center` → `aigov-cost-center`). */
export function gcpLabelKey(key: MetadataKey): string {
  return `${GCP_LABEL_PREFIX}${key}`;
}

/**
 * Encodes any string as a GCP label value: lower-cased, each character outside `[a-z0-9_-]`
 * replaced by `_`, cut to 63 characters (`jane.doe@example.com` → `jane_doe_example_com`).
 */
export function gcpLabelValue(value: string): string {
  let out = "";
  for (const ch of value.toLowerCase()) {
    out += /^[a-z0-9_-]$/.test(ch) ? ch : "_";
    if (out.length >= 63) break;
  }
  return out.slice(0, 63);
}

/** Encodes metadata as GCP labels per docs/contract.md. */
export function encodeGcpLabels(
  meta: GovernanceMetadata | PartialMetadata,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadataToStrings(meta)) as [MetadataKey, string][]) {
    labels[gcpLabelKey(key)] = gcpLabelValue(value);
  }
  return labels;
}

/** Reads the aigov labels of a resource; values stay in their encoded form. */
export function decodeGcpLabels(
  labels: Record<string, string> | undefined,
): Partial<Record<MetadataKey, string>> {
  const out: Partial<Record<MetadataKey, string>> = {};
  if (!labels) return out;
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith(GCP_LABEL_PREFIX) && typeof v === "string") {
      out[k.slice(GCP_LABEL_PREFIX.length) as MetadataKey] = v;
    }
  }
  return out;
}

/** Problems with a label map under GCP's rules, each naming the label. */
export function gcpLabelProblems(labels: Record<string, string>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(labels);
  if (keys.length > GCP_MAX_LABELS)
    problems.push(`at most ${GCP_MAX_LABELS} labels are allowed, got ${keys.length}`);
  for (const [k, v] of Object.entries(labels)) {
    if (!GCP_LABEL_KEY_PATTERN.test(k))
      problems.push(`label key "${k}" must match ${GCP_LABEL_KEY_PATTERN.source}`);
    if (!GCP_LABEL_VALUE_PATTERN.test(v))
      problems.push(`label "${k}" value "${v}" must match ${GCP_LABEL_VALUE_PATTERN.source}`);
  }
  return problems;
}
