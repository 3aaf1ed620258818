import { createHash } from "crypto";
import type { PropertyMap, StackResource } from "./model";
import { SECRET_SIG, SIG_KEY, signatureOf } from "./properties";

/** The CLI version recorded in the manifest of the documents `aigov check --export-state` writes. */
const MANIFEST_VERSION = "aigov";

/** Secrets as `pulumi stack export --show-secrets` writes them: the JSON of the value, in plaintext. */
function encodeSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(encodeSecrets);
  }
  if (typeof value !== "object" || value === null) {
    return value;
  }
  const record = value as Record<string, unknown>;
  if (signatureOf(record) === SECRET_SIG && "value" in record) {
    return { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(record.value ?? null) };
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, encodeSecrets(v)]));
}

/**
 * The resources in an order the engine accepts: each after its parent, provider and
 * dependencies (a snapshot is checked for that), otherwise in the given order.
 */
function dependencyOrder(resources: readonly StackResource[]): StackResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const placed = new Set<string>();
  const ordered: StackResource[] = [];
  const place = (r: StackResource, path: Set<string>) => {
    if (placed.has(r.urn) || path.has(r.urn)) {
      return;
    }
    path.add(r.urn);
    const before = [
      r.parent,
      r.provider?.slice(0, r.provider.lastIndexOf("::")),
      ...r.dependencies,
      ...Object.values(r.propertyDependencies).flat(),
    ];
    for (const urn of before) {
      const dep = urn === undefined ? undefined : byUrn.get(urn);
      if (dep) {
        place(dep, path);
      }
    }
    path.delete(r.urn);
    placed.add(r.urn);
    ordered.push(r);
  };
  for (const r of resources) {
    place(r, new Set());
  }
  return ordered;
}

const nonEmpty = <T>(items: readonly T[]) => (items.length > 0 ? items : undefined);

function stateResource(r: StackResource): Record<string, unknown> {
  const { options } = r;
  const timeouts = options.customTimeouts;
  const entry: Record<string, unknown> = {
    urn: r.urn,
    custom: r.custom,
    // The engine's snapshots have an ID on custom resources only.
    id: r.custom ? r.id || undefined : undefined,
    type: r.type,
    inputs: encodeSecrets(r.inputs) as PropertyMap,
    outputs: encodeSecrets(r.outputs) as PropertyMap,
    parent: r.parent,
    protect: options.protect || undefined,
    external: r.external || undefined,
    dependencies: nonEmpty(r.dependencies),
    provider: r.provider,
    propertyDependencies:
      Object.keys(r.propertyDependencies).length > 0 ? r.propertyDependencies : undefined,
    additionalSecretOutputs: nonEmpty(options.additionalSecretOutputs),
    aliases: nonEmpty(options.aliases),
    ignoreChanges: nonEmpty(options.ignoreChanges),
    deleteBeforeReplace: options.deleteBeforeReplace,
    customTimeouts:
      timeouts.create || timeouts.update || timeouts.delete ? { ...timeouts } : undefined,
  };
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
}

/**
 * The resources `aigov check` saw as a `pulumi stack export` document (deployment version 3),
 * which `pulumi stack import` takes and `pulumi policy analyze` judges: inputs and outputs as
 * the mock runtime recorded them (unknown during preview stays the engine's unknown marker),
 * secrets in plaintext as `pulumi stack export --show-secrets` writes them.
 */
export function stackExport(resources: readonly StackResource[], time = new Date()): unknown {
  return {
    version: 3,
    deployment: {
      manifest: {
        time: time.toISOString(),
        magic: createHash("sha256").update(MANIFEST_VERSION).digest("hex"),
        version: MANIFEST_VERSION,
      },
      resources: dependencyOrder(resources).map(stateResource),
    },
  };
}
