import {
  ASSET_ID_PATTERN,
  BENCHMARK_PATTERN,
  DATA_CLASSIFICATIONS,
  DEFAULT_COST_CENTER_PATTERN,
  EMAIL_PATTERN,
  EVAL_STATUSES,
  LICENSE_PATTERN,
  MAX_VALUE_LENGTH,
  MetadataKey,
  RISK_TIERS,
  STAGES,
  TEAM_PATTERN,
  URL_PATTERN,
  isCalendarDate,
  joinList,
  splitList,
} from "./metadata";
import { gcpLabelValue } from "./encodings/gcp";

/**
 * How a value is written on the resource: `verbatim` (AWS tags, Kubernetes annotations and labels)
 * or `gcp` (GCP labels: lower-cased, characters outside `[a-z0-9_-]` replaced by `_`).
 */
export type ValueEncoding = "verbatim" | "gcp";

/** Options for value checks. */
export interface ValueCheckOptions {
  /** Cost-center pattern; default `^[A-Z]{2,5}-[0-9]{2,8}$`. */
  costCenterPattern?: string;
  /** Encoding of the value; default `verbatim`. */
  encoding?: ValueEncoding;
}

const ENUMS: Partial<Record<MetadataKey, readonly string[]>> = {
  stage: STAGES,
  "data-classification": DATA_CLASSIFICATIONS,
  "risk-tier": RISK_TIERS,
  "eval-status": EVAL_STATUSES,
  "contains-pii": ["true", "false"],
};

/** Keys whose GCP-encoded value can only be checked for presence. */
const PRESENCE_ONLY_ON_GCP: readonly MetadataKey[] = ["owner", "model-card", "eval-report"];

const quoteList = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(", ");

/**
 * Checks one metadata value in its on-resource string form.
 * Returns `undefined` when valid, else the reason, phrased as what is expected.
 */
export function checkMetadataValue(
  key: MetadataKey,
  value: string,
  options: ValueCheckOptions = {},
): string | undefined {
  const encoding = options.encoding ?? "verbatim";
  const enumValues = ENUMS[key];
  if (enumValues) {
    return enumValues.includes(value) ? undefined : `expected one of ${quoteList(enumValues)}`;
  }
  if (encoding === "gcp") return checkGcpValue(key, value, options);
  if (value.length > MAX_VALUE_LENGTH) return `expected at most ${MAX_VALUE_LENGTH} characters`;
  switch (key) {
    case "asset-id":
    case "model-registry":
      return ASSET_ID_PATTERN.test(value)
        ? undefined
        : "expected an asset id matching ^[a-z][a-z0-9-]{1,62}$";
    case "team":
      return TEAM_PATTERN.test(value)
        ? undefined
        : "expected a team matching ^[a-z][a-z0-9-]{0,62}$";
    case "owner":
      return EMAIL_PATTERN.test(value) ? undefined : "expected the owner's e-mail address";
    case "cost-center": {
      const pattern = options.costCenterPattern ?? DEFAULT_COST_CENTER_PATTERN;
      return new RegExp(pattern).test(value)
        ? undefined
        : `expected a cost center matching ${pattern}`;
    }
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

function checkGcpValue(
  key: MetadataKey,
  value: string,
  options: ValueCheckOptions,
): string | undefined {
  if (PRESENCE_ONLY_ON_GCP.includes(key)) {
    return value.length > 0 ? undefined : "expected a non-empty value";
  }
  switch (key) {
    case "asset-id":
    case "model-registry":
      return ASSET_ID_PATTERN.test(value)
        ? undefined
        : "expected an asset id matching ^[a-z][a-z0-9-]{1,62}$";
    case "team":
      return TEAM_PATTERN.test(value)
        ? undefined
        : "expected a team matching ^[a-z][a-z0-9-]{0,62}$";
    case "cost-center": {
      const pattern = options.costCenterPattern ?? DEFAULT_COST_CENTER_PATTERN;
      return new RegExp(pattern, "i").test(value)
        ? undefined
        : `expected a cost center matching ${pattern} (case-insensitive on GCP labels)`;
    }
    case "sunset-date":
      return isCalendarDate(value) ? undefined : "expected a date as YYYY-MM-DD";
    default:
      return value.length > 0 ? undefined : "expected a non-empty value";
  }
}

/** Splits an encoded list value into `_`-separated tokens bounded by separators. */
const bounded = (value: string) => `_${value}_`;

/**
 * True when the `+`-joined list `value` (in `encoding`) contains `item`.
 * On GCP, `+` was encoded as `_`, so the encoded item is matched as a whole token run.
 */
export function listValueIncludes(value: string, item: string, encoding: ValueEncoding): boolean {
  if (encoding === "verbatim") return splitList(value).includes(item);
  return bounded(value).includes(bounded(gcpLabelValue(item)));
}

/**
 * True when every item of the `+`-joined list `value` is one of `allowed`.
 * On GCP the encoded value must segment exactly into encoded allowed items joined by `_`.
 */
export function listValueOnlyFrom(
  value: string,
  allowed: readonly string[],
  encoding: ValueEncoding,
): boolean {
  if (encoding === "verbatim") return splitList(value).every((i) => allowed.includes(i));
  const words = [...new Set(allowed.map(gcpLabelValue))];
  const reachable = new Array<boolean>(value.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < value.length; i++) {
    if (!reachable[i]) continue;
    const start = i === 0 ? 0 : value[i] === "_" ? i + 1 : -1;
    if (start < 0) continue;
    for (const w of words) {
      if (w.length > 0 && value.startsWith(w, start)) reachable[start + w.length] = true;
    }
  }
  return reachable[value.length];
}

/**
 * The items of a `+`-joined list value that can be read back: all items for verbatim values,
 * none for GCP values (the encoding cannot be split unambiguously; use the helpers above).
 */
export function listValueItems(value: string, encoding: ValueEncoding): string[] | undefined {
  return encoding === "verbatim" ? splitList(value) : undefined;
}
