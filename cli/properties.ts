import type { PropertyMap } from "./model";

/** The value the engine sends for a property that is not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key that marks a special (secret, asset, archive, resource) value on the wire. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** How secrets appear in reports: their plaintext is never printed. */
export const SECRET_MASK = "[secret]";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function signatureOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value[SIG_KEY] === "string" ? value[SIG_KEY] : undefined;
}

/** Returns the plaintext of a wire-format secret, or the value itself. */
export function unwrapSecret(value: unknown): unknown {
  return signatureOf(value) === SECRET_SIG ? (value as Record<string, unknown>).value : value;
}

/** Returns `value` as a known plain object (secrets unwrapped), or undefined. */
export function knownRecord(value: unknown): Record<string, unknown> | undefined {
  const plain = unwrapSecret(value);
  return isRecord(plain) && signatureOf(plain) === undefined ? plain : undefined;
}

/** Returns `value` as a known string (secrets unwrapped), or undefined. */
export function knownString(value: unknown): string | undefined {
  const plain = unwrapSecret(value);
  return typeof plain === "string" && plain !== UNKNOWN ? plain : undefined;
}

/**
 * Rewrites wire values the way the engine marshals them for analyzers: resource references
 * become the resource's ID (custom resources) or URN (components), internal `__` keys are left
 * out; everything else, including unknowns and secrets, is passed through.
 */
export function toAnalyzerValue(value: unknown): unknown {
  return mapValue(value, (special) => special);
}

/** Rewrites wire values for reports: like {@link toAnalyzerValue}, with secrets masked. */
export function toReportValue(value: unknown): unknown {
  return mapValue(value, (special) => (special[SIG_KEY] === SECRET_SIG ? SECRET_MASK : special));
}

export function toReportProperties(props: PropertyMap): PropertyMap {
  return toReportValue(props) as PropertyMap;
}

export function toAnalyzerProperties(props: PropertyMap): PropertyMap {
  return toAnalyzerValue(props) as PropertyMap;
}

function mapValue(
  value: unknown,
  onSpecial: (special: Record<string, unknown>) => unknown,
): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => mapValue(v, onSpecial));
  }
  if (!isRecord(value)) {
    return value;
  }
  const sig = signatureOf(value);
  if (sig === RESOURCE_SIG) {
    if ("id" in value) {
      return value.id === "" || value.id === undefined ? UNKNOWN : value.id;
    }
    return value.urn;
  }
  if (sig === SECRET_SIG) {
    const mapped = onSpecial(value);
    return mapped === value ? { ...value, value: mapValue(value.value, onSpecial) } : mapped;
  }
  if (sig !== undefined) {
    return onSpecial(value);
  }
  const result: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // Internal keys (`__defaults`, `__meta`, …) are state bookkeeping the engine never sends.
    if (!k.startsWith("__")) {
      result[k] = mapValue(v, onSpecial);
    }
  }
  return result;
}
