import { UnknownValueError } from "@pulumi/policy";
import { UNKNOWN_STRING_SENTINEL } from "aigov/sdk";

const IS_PROXY = "__isSpecialProxy";
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The plain object behind the proxies `@pulumi/policy` wraps around props (the unknown-checking
 * proxy, and in remediations the secret-preserving one). Policies read the plain object so that
 * an unknown value only matters where a rule needs it: the sdk readers return `UNKNOWN` for it.
 */
export function raw<T>(value: T): T {
  let v = value as unknown as Record<string, unknown>;
  for (let i = 0; i < 4 && typeof v === "object" && v !== null && v[IS_PROXY] === true; i++) {
    v = v[PROXY_TARGET] as Record<string, unknown>;
  }
  return v as unknown as T;
}

/**
 * The error the policy server turns into the advisory "can't run policy … during preview",
 * for a value at `path` (e.g. `tags.aigov:owner`) that a rule needs but is not known yet.
 */
export function unknownValueError(path: string): Error {
  return new UnknownValueError(UNKNOWN_STRING_SENTINEL, path.split(".")) as Error;
}
