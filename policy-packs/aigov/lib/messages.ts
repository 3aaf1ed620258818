import { K8S_LABEL_KEYS, MetadataKey, ResourceMetadata } from "aigov/sdk";

/** What each key's value is, for "set it … to <hint>" messages. */
export const VALUE_HINTS: Readonly<Record<MetadataKey, string>> = {
  "asset-id": "the asset's stable id (e.g. `fraud-scorer`)",
  owner: "the owner's e-mail address",
  team: "the owning team (e.g. `risk-ml`)",
  "cost-center": "the finance cost center (e.g. `FIN-1234`)",
  stage: "the lifecycle stage (`experimental`, `staging`, `production`, `deprecated` or `retired`)",
  "data-classification":
    "the data classification (`public`, `internal`, `confidential` or `restricted`)",
  "risk-tier": "the AI-risk tier (`minimal`, `limited` or `high`)",
  "model-card": "the `https://` URL of the model card",
  "eval-status": "the evaluation outcome (`passed`, `failed` or `pending`)",
  "eval-benchmarks": "the passed benchmarks, sorted and joined with `+` (e.g. `accuracy+toxicity`)",
  "eval-report": "the `https://` URL of the evaluation report",
  "training-data-license":
    "the training-data licenses as lower-case SPDX ids joined with `+` (e.g. `apache-2.0+cc-by-4.0`)",
  "contains-pii": "`true` or `false`",
  "sunset-date": "the planned retirement day as `YYYY-MM-DD`",
  "model-registry": "the `asset-id` of the registry the served model comes from",
};

type Cloudy = Pick<ResourceMetadata, "cloud">;

/** How `key` is written on the resource: "the AWS tag `aigov:owner`", "the GCP label …", … */
export function keyName(meta: Cloudy, key: MetadataKey): string {
  if (meta.cloud === "aws") return `the AWS tag \`aigov:${key}\``;
  if (meta.cloud === "gcp") return `the GCP label \`aigov-${key}\``;
  return `the annotation \`aigov.dev/${key}\``;
}

/** Where to set `key`: "set it in `tags` (or the provider's `defaultTags`)", … */
export function whereToSet(meta: Cloudy, key: MetadataKey, hasTemplate = false): string {
  if (meta.cloud === "aws") return "set it in `tags` (or the provider's `defaultTags`)";
  if (meta.cloud === "gcp") return "set it in `labels` (or the provider's `defaultLabels`)";
  if (!K8S_LABEL_KEYS.includes(key)) return "set it in `metadata.annotations`";
  const labels = hasTemplate
    ? "`metadata.labels` and `spec.template.metadata.labels`"
    : "`metadata.labels`";
  return `set it in \`metadata.annotations\` and as the label \`aigov.dev/${key}\` in ${labels}`;
}

/** Keys whose GCP label value differs from the verbatim value. */
const GCP_ENCODED_KEYS: readonly MetadataKey[] = [
  "owner",
  "cost-center",
  "model-card",
  "eval-report",
  "eval-benchmarks",
  "training-data-license",
];

/** "set it in … to <hint>", with the GCP label-value note where it applies. */
export function setTo(meta: Cloudy, key: MetadataKey, hasTemplate = false): string {
  const encoded = meta.cloud === "gcp" && GCP_ENCODED_KEYS.includes(key);
  const gcp = encoded ? " (as a GCP label value: lower case, `_` for other characters)" : "";
  return `${whereToSet(meta, key, hasTemplate)} to ${VALUE_HINTS[key]}${gcp}`;
}

/** The property that holds the tag/label map of a cloud, for "can't be known" diagnostics. */
export const MAP_PROPERTY = {
  aws: "tags",
  gcp: "labels",
  kubernetes: "metadata.annotations",
} as const;

/** The property path of `key` on the resource, e.g. `tags.aigov:owner`. */
export function keyPath(meta: Cloudy, key: MetadataKey): string {
  const name =
    meta.cloud === "aws"
      ? `aigov:${key}`
      : meta.cloud === "gcp"
        ? `aigov-${key}`
        : `aigov.dev/${key}`;
  return `${MAP_PROPERTY[meta.cloud]}.${name}`;
}
