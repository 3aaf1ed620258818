import {
  DEFAULT_COST_CENTER_PATTERN,
  ENUM_VALUES,
  MetadataKey,
  checkVerbatimValue,
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

/** Keys whose values the GCP encoding leaves as they are. */
const SAME_ON_GCP: readonly MetadataKey[] = ["asset-id", "model-registry", "team", "sunset-date"];

/** Keys whose GCP-encoded value can only be checked for presence. */
const PRESENCE_ONLY_ON_GCP: readonly MetadataKey[] = ["owner", "model-card", "eval-report"];

/**
 * Checks one metadata value in its on-resource string form: verbatim values with
 * {@link checkVerbatimValue}, GCP label values in their encoded form (docs/contract.md §1).
 * Returns `undefined` when valid, else the reason, phrased as what is expected.
 */
export function checkMetadataValue(
  key: MetadataKey,
  value: string,
  options: ValueCheckOptions = {},
): string | undefined {
  if (options.encoding === "gcp" && ENUM_VALUES[key] === undefined) {
    return checkGcpValue(key, value, options);
  }
  return checkVerbatimValue(key, value, options.costCenterPattern);
}

function checkGcpValue(
  key: MetadataKey,
  value: string,
  options: ValueCheckOptions,
): string | undefined {
  if (PRESENCE_ONLY_ON_GCP.includes(key)) {
    return value.length > 0 ? undefined : "expected a non-empty value";
  }
  // Values of these keys are the same in the GCP encoding (their characters are label-safe).
  if (SAME_ON_GCP.includes(key)) return checkVerbatimValue(key, value);
  if (key === "cost-center") {
    const pattern = options.costCenterPattern ?? DEFAULT_COST_CENTER_PATTERN;
    return new RegExp(pattern, "i").test(value)
      ? undefined
      : `expected a cost center matching ${pattern} (case-insensitive on GCP labels)`;
  }
  return value.length > 0 ? undefined : "expected a non-empty value";
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
