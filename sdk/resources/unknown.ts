/**
 * Values that are not known yet. During `pulumi preview` the engine sends computed values as
 * sentinel strings (the Pulumi protocol's "unknown" UUIDs); readers in this module turn them into
 * the {@link UNKNOWN} marker so that callers can tell "absent" from "not known yet".
 */

/** The sentinel strings the Pulumi engine uses for unknown values (string, number, …, object). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (the engine sends this one for every type)
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The engine's unknown-string sentinel. */
export const UNKNOWN_STRING_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Marker returned by the readers for a value that is present but not known yet. */
export const UNKNOWN: unique symbol = Symbol.for("aigov.unknown");
/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;
/** A value that may be absent (`undefined`) or not known yet ({@link UNKNOWN}). */
export type Maybe<T> = T | undefined | Unknown;

/** True for an engine unknown sentinel. */
export function isUnknownSentinel(value: unknown): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/** True for {@link UNKNOWN}. */
export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

/** A plain (non-array) object. */
export type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads `path` from raw resource properties (array indexes as numbers or digit strings). Returns
 * {@link UNKNOWN} as soon as a step is an unknown sentinel, and `undefined` when a step is absent
 * or not an object/array.
 */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = value;
  for (const step of path) {
    if (typeof cur !== "object" || cur === null) return sentinelOr(cur, undefined);
    if (Array.isArray(cur)) {
      const i = typeof step === "number" ? step : /^\d+$/.test(step) ? Number(step) : -1;
      if (i < 0) return undefined;
      cur = cur[i];
    } else {
      if (typeof step !== "string") return undefined;
      cur = (cur as Obj)[step];
    }
  }
  return sentinelOr(cur, cur);
}

/** {@link UNKNOWN} for a sentinel string, else `otherwise`. */
function sentinelOr(value: unknown, otherwise: unknown): unknown {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value) ? UNKNOWN : otherwise;
}

/** The value as a string, {@link UNKNOWN}, or `undefined` for anything else. */
export function asString(value: unknown): Maybe<string> {
  if (value === UNKNOWN || isUnknownSentinel(value)) return UNKNOWN;
  return typeof value === "string" ? value : undefined;
}

/** The value as a number (numeric strings too), {@link UNKNOWN}, or `undefined`. */
export function asNumber(value: unknown): Maybe<number> {
  if (value === UNKNOWN || isUnknownSentinel(value)) return UNKNOWN;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}

/** The value as a boolean (`"true"`/`"false"` too), {@link UNKNOWN}, or `undefined`. */
export function asBoolean(value: unknown): Maybe<boolean> {
  if (value === UNKNOWN || isUnknownSentinel(value)) return UNKNOWN;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  return undefined;
}

/** The value as an array, {@link UNKNOWN}, or `undefined`. */
export function asArray(value: unknown): Maybe<unknown[]> {
  if (value === UNKNOWN || isUnknownSentinel(value)) return UNKNOWN;
  return Array.isArray(value) ? value : undefined;
}

/**
 * The value as a plain object, {@link UNKNOWN}, or `undefined`. Provider configuration arrives as
 * JSON strings (`defaultTags` = `"{\"tags\":{…}}"`), so a string holding a JSON object is parsed.
 */
export function asObject(value: unknown): Maybe<Obj> {
  if (value === UNKNOWN || isUnknownSentinel(value)) return UNKNOWN;
  if (isObj(value)) return value;
  if (typeof value === "string" && value.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(value);
      return isObj(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
