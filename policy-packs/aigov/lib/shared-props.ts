/**
 * One deserialization of a resource's properties per request, shared by every policy.
 *
 * `@pulumi/policy`'s server deserializes a resource's properties (and its provider's) from the
 * request's protobuf `Struct` again for every resource policy on `Analyze`, and every resource of
 * the stack again for every stack policy on `AnalyzeStack`. With 13 resource and 6 stack policies
 * that repetition was most of the pack's time (docs/performance.md). {@link shareDeserializedProps}
 * makes the server's `deserializeProperties` return one deep-frozen object per `Struct`, so that
 * the policies of one request read the same object and none of them can change what another sees:
 * a policy that tries to assign to its props throws a `TypeError` (pack modules are strict), which
 * the server reports as an error of that policy.
 *
 * Remediations are untouched: the server deserializes their props with secrets kept and hands the
 * result of one remediation to the next, so they keep their own copies.
 *
 * The unknown-checking proxy still wraps the shared object and still throws for an unknown
 * top-level property; it returns nested values of a frozen object unwrapped (a V8 proxy invariant),
 * which is how the aigov policies read props anyway (`raw`, and the sdk readers' `UNKNOWN`).
 */

/** The part of `@pulumi/policy/deserialize` the server calls through its module object. */
interface DeserializeModule {
  deserializeProperties(struct: object, proxySecrets: boolean): Record<string, unknown>;
  [SHARED]?: true;
}

const SHARED = Symbol.for("aigov.sharedDeserializedProps");

/**
 * Installs the sharing into the `@pulumi/policy` this pack runs with; idempotent. Returns false
 * when that `@pulumi/policy` no longer exposes `deserializeProperties` (nothing is changed then).
 */
export function shareDeserializedProps(): boolean {
  // The module is internal to @pulumi/policy (no typings); its server calls it as
  // `deserialize_1.deserializeProperties(...)`, so replacing the export reaches every call.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module: DeserializeModule = require("@pulumi/policy/deserialize");
  if (module[SHARED]) return true;
  const original = module.deserializeProperties;
  if (typeof original !== "function") return false;
  const shared = new WeakMap<object, Record<string, unknown>>();
  module.deserializeProperties = (struct, proxySecrets) => {
    if (proxySecrets) return original(struct, proxySecrets);
    let props = shared.get(struct);
    if (props === undefined) {
      props = deepFreeze(original(struct, false));
      shared.set(struct, props);
    }
    return props;
  };
  module[SHARED] = true;
  return true;
}

/** Freezes a plain value and everything it contains. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
