import { z } from "zod";

/** The canonical governance metadata keys, in the order docs/contract.md lists them. */
export const METADATA_KEYS = [
  "asset-id",
  "owner",
  "team",
  "cost-center",
  "stage",
  "data-classification",
  "risk-tier",
  "model-card",
  "eval-status",
  "eval-benchmarks",
  "eval-report",
  "training-data-license",
  "contains-pii",
  "sunset-date",
  "model-registry",
] as const;

/** A governance metadata key as written on resources (kebab case). */
export type MetadataKey = (typeof METADATA_KEYS)[number];

/** Lifecycle stages, in the only order assets may move through them. */
export const STAGES = ["experimental", "staging", "production", "deprecated", "retired"] as const;
/** A lifecycle stage. */
export type Stage = (typeof STAGES)[number];

/** Data sensitivity levels. */
export const DATA_CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"] as const;
/** A data sensitivity level. */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];

/** AI-risk tiers (EU AI Act style). */
export const RISK_TIERS = ["minimal", "limited", "high"] as const;
/** An AI-risk tier. */
export type RiskTier = (typeof RISK_TIERS)[number];

/** Outcomes of the promotion evaluation. */
export const EVAL_STATUSES = ["passed", "failed", "pending"] as const;
/** An evaluation outcome. */
export type EvalStatus = (typeof EVAL_STATUSES)[number];

/** Keys that are required on every AI resource unless the pack config says otherwise. */
export const DEFAULT_REQUIRED_KEYS: readonly MetadataKey[] = [
  "asset-id",
  "owner",
  "team",
  "cost-center",
  "stage",
  "data-classification",
];

/** The default cost-center pattern (configurable in the pack and in components). */
export const DEFAULT_COST_CENTER_PATTERN = "^[A-Z]{2,5}-[0-9]{2,8}$";

/** camelCase field name of each key, as used in TypeScript args and stack config. */
export const FIELD_OF_KEY = {
  "asset-id": "assetId",
  owner: "owner",
  team: "team",
  "cost-center": "costCenter",
  stage: "stage",
  "data-classification": "dataClassification",
  "risk-tier": "riskTier",
  "model-card": "modelCard",
  "eval-status": "evalStatus",
  "eval-benchmarks": "evalBenchmarks",
  "eval-report": "evalReport",
  "training-data-license": "trainingDataLicense",
  "contains-pii": "containsPii",
  "sunset-date": "sunsetDate",
  "model-registry": "modelRegistry",
} as const satisfies Record<MetadataKey, string>;

/** A camelCase metadata field name. */
export type MetadataField = (typeof FIELD_OF_KEY)[MetadataKey];

/** kebab-case key of each camelCase field. */
export const KEY_OF_FIELD = Object.fromEntries(
  Object.entries(FIELD_OF_KEY).map(([k, f]) => [f, k]),
) as Record<MetadataField, MetadataKey>;

export const ASSET_ID_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;
export const TEAM_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
export const EMAIL_PATTERN = /^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
/**
 * `https://` URLs whose characters are all allowed in AWS tag values
 * (letters, digits and `_ . : / = + - @`), so that a URL survives every encoding.
 */
export const URL_PATTERN =
  /^https:\/\/[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?(\/[\p{L}\p{N}_.:/=+@-]*)?$/u;
export const BENCHMARK_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/;
export const LICENSE_PATTERN = /^[a-z0-9][a-z0-9.-]{0,63}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** Longest value we accept for any key: the AWS tag value limit. */
export const MAX_VALUE_LENGTH = 256;

/** True when `s` is a real calendar day in `YYYY-MM-DD` form. */
export function isCalendarDate(s: string): boolean {
  if (!DATE_PATTERN.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Words allowed in `training-data-license` besides SPDX ids. */
export const LICENSE_WORDS = ["proprietary", "unknown"] as const;

/** The enumerated keys and their allowed values. */
export const ENUM_VALUES: Partial<Record<MetadataKey, readonly string[]>> = {
  stage: STAGES,
  "data-classification": DATA_CLASSIFICATIONS,
  "risk-tier": RISK_TIERS,
  "eval-status": EVAL_STATUSES,
  "contains-pii": ["true", "false"],
};

/** What an enumerated key expects: "expected one of `a`, `b`". */
export function expectedOneOf(values: readonly string[]): string {
  return `expected one of ${values.map((v) => `\`${v}\``).join(", ")}`;
}

/**
 * Checks the verbatim string value of `key` (as on AWS tags and Kubernetes annotations) against
 * the formats of docs/contract.md §1. Returns `undefined` when valid, else what is expected.
 * The one implementation of the value formats: the zod schemas below and the metadata rules
 * (`judgeMetadata`) both use it.
 */
export function checkVerbatimValue(
  key: MetadataKey,
  value: string,
  costCenterPattern: string = DEFAULT_COST_CENTER_PATTERN,
): string | undefined {
  const enumValues = ENUM_VALUES[key];
  if (enumValues) return enumValues.includes(value) ? undefined : expectedOneOf(enumValues);
  if (value.length > MAX_VALUE_LENGTH) return `expected at most ${MAX_VALUE_LENGTH} characters`;
  switch (key) {
    case "asset-id":
    case "model-registry":
      return ASSET_ID_PATTERN.test(value) ? undefined : ASSET_ID_EXPECTED;
    case "team":
      return TEAM_PATTERN.test(value) ? undefined : TEAM_EXPECTED;
    case "owner":
      return EMAIL_PATTERN.test(value) ? undefined : "expected the owner's e-mail address";
    case "cost-center":
      return new RegExp(costCenterPattern).test(value)
        ? undefined
        : `expected a cost center matching ${costCenterPattern}`;
    case "model-card":
    case "eval-report":
      return URL_PATTERN.test(value) ? undefined : "expected an https:// URL";
    case "sunset-date":
      return isCalendarDate(value) ? undefined : "expected a date as YYYY-MM-DD";
    case "eval-benchmarks":
      return checkList(value, BENCHMARK_PATTERN, "benchmark names", true);
    case "training-data-license":
      return checkList(value, LICENSE_PATTERN, "lower-case SPDX ids", false);
    default:
      return undefined;
  }
}

/** What `asset-id` and `model-registry` expect. */
const ASSET_ID_EXPECTED = "expected an asset id matching ^[a-z][a-z0-9-]{1,62}$";
/** What `team` expects. */
const TEAM_EXPECTED = "expected a team matching ^[a-z][a-z0-9-]{0,62}$";

function checkList(value: string, item: RegExp, what: string, sorted: boolean): string | undefined {
  const items = splitList(value);
  if (items.length === 0 || items.some((i) => !item.test(i))) {
    return `expected ${what} joined with \`+\``;
  }
  if (sorted && joinList(items) !== value) {
    return `expected ${what} joined with \`+\`, sorted and without repeats: \`${joinList(items)}\``;
  }
  return undefined;
}

/** A zod check that reports `checkVerbatimValue`'s reason for the value `toValue` writes. */
function formatCheck<T>(key: MetadataKey, toValue: (v: T) => string, costCenterPattern?: string) {
  return (v: T, ctx: z.RefinementCtx) => {
    const reason = checkVerbatimValue(key, toValue(v), costCenterPattern);
    if (reason) ctx.addIssue({ code: "custom", message: reason, input: v });
  };
}

/** A string field in the format of `key`. */
const text = (key: MetadataKey, costCenterPattern?: string) =>
  z.string().superRefine(formatCheck(key, (v: string) => v, costCenterPattern));

/** A list field in the format of `key` (as written on resources: joined with `+`). */
const list = (key: MetadataKey) =>
  z.array(z.string()).superRefine(formatCheck(key, (v: string[]) => joinList(v)));

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: expectedOneOf(values) });

/** Schema of one benchmark name. */
export const BenchmarkSchema = text("eval-benchmarks");
/** Schema of one training-data license id (lower-case SPDX id, `proprietary` or `unknown`). */
export const LicenseSchema = text("training-data-license");

/** Builds the metadata schema; `costCenterPattern` replaces the default pattern. */
export function metadataSchema(costCenterPattern: string = DEFAULT_COST_CENTER_PATTERN) {
  return z
    .object({
      assetId: text("asset-id"),
      owner: text("owner"),
      team: text("team"),
      costCenter: text("cost-center", costCenterPattern),
      stage: oneOf(STAGES),
      dataClassification: oneOf(DATA_CLASSIFICATIONS),
      riskTier: oneOf(RISK_TIERS).optional(),
      modelCard: text("model-card").optional(),
      evalStatus: oneOf(EVAL_STATUSES).optional(),
      evalBenchmarks: list("eval-benchmarks").optional(),
      evalReport: text("eval-report").optional(),
      trainingDataLicense: list("training-data-license").optional(),
      containsPii: z.boolean().optional(),
      sunsetDate: text("sunset-date").optional(),
      modelRegistry: text("model-registry").optional(),
    })
    .strict();
}

/** The default metadata schema. */
export const GovernanceMetadataSchema = metadataSchema();

/** Governance metadata of one asset, in its typed camelCase form. */
export type GovernanceMetadata = z.infer<typeof GovernanceMetadataSchema>;

/** Metadata that may still lack required keys (e.g. `aigov:defaults`). */
export const PartialMetadataSchema = GovernanceMetadataSchema.partial();
/** Partial governance metadata. */
export type PartialMetadata = z.infer<typeof PartialMetadataSchema>;

/** Canonical string form of a list value: unique, sorted, joined with `+`. */
export function joinList(values: readonly string[]): string {
  return [...new Set(values)].sort().join("+");
}

/** Splits a `+`-joined list value. */
export function splitList(value: string): string[] {
  return value === "" ? [] : value.split("+");
}

/** Writes typed metadata as the canonical verbatim string of each key present. */
export function metadataToStrings(meta: PartialMetadata): Partial<Record<MetadataKey, string>> {
  const out: Partial<Record<MetadataKey, string>> = {};
  for (const key of METADATA_KEYS) {
    const value = meta[FIELD_OF_KEY[key]];
    if (value === undefined) continue;
    if (Array.isArray(value)) out[key] = joinList(value);
    else out[key] = String(value);
  }
  return out;
}

/** Reads canonical verbatim strings back into typed (unvalidated) metadata. */
export function metadataFromStrings(
  values: Partial<Record<MetadataKey, string>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of METADATA_KEYS) {
    const value = values[key];
    if (value === undefined) continue;
    const field = FIELD_OF_KEY[key];
    if (key === "eval-benchmarks" || key === "training-data-license") out[field] = splitList(value);
    else if (key === "contains-pii")
      out[field] = value === "true" ? true : value === "false" ? false : value;
    else out[field] = value;
  }
  return out;
}
