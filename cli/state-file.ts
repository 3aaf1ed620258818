import * as fs from "fs";
import { z } from "zod";
import { ConfigError } from "./errors";
import { jsonPath } from "./json-path";
import type { PropertyMap, StackResource } from "./model";
import { SECRET_SIG, SIG_KEY, UNKNOWN, signatureOf } from "./properties";
import { urnName, urnQualifiedType } from "./urn";

export { jsonPath };

/**
 * The versions of the deployment format (`apitype.DeploymentV3`) that `aigov audit` and
 * `aigov cost --state` read: what `pulumi stack export` writes since Pulumi 3.
 */
export const SUPPORTED_DEPLOYMENT_VERSIONS = [3] as const;

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, as the engine writes URNs. */
const URN = /^urn:pulumi:[^:]*::[^:]+::[^:]+(?::[^:]+)*::/s;

function isUrn(value: string): boolean {
  if (!URN.test(value)) return false;
  try {
    return urnQualifiedType(value) !== "";
  } catch {
    return false;
  }
}

const urn = z.string().refine(isUrn, {
  error: (issue) =>
    `expected a URN (urn:pulumi:<stack>::<project>::<type>::<name>), got ${JSON.stringify(issue.input)}`,
});

const providerReference = z.string().refine(
  (ref) => {
    const at = ref.lastIndexOf("::");
    return at > 0 && isUrn(ref.slice(0, at));
  },
  {
    error: (issue) =>
      `expected a provider reference <URN>::<id>, got ${JSON.stringify(issue.input)}`,
  },
);

const propertyMap = z.record(z.string(), z.unknown());

const stateResourceSchema = z
  .looseObject({
    urn,
    type: z.string().min(1),
    custom: z.boolean().nullish(),
    delete: z.boolean().nullish(),
    external: z.boolean().nullish(),
    id: z.string().nullish(),
    parent: urn.nullish(),
    provider: providerReference.nullish(),
    inputs: propertyMap.nullish(),
    outputs: propertyMap.nullish(),
    dependencies: z.array(urn).nullish(),
    propertyDependencies: z.record(z.string(), z.array(urn).nullish()).nullish(),
    protect: z.boolean().nullish(),
    ignoreChanges: z.array(z.string()).nullish(),
    additionalSecretOutputs: z.array(z.string()).nullish(),
    aliases: z.array(z.string()).nullish(),
    deleteBeforeReplace: z.boolean().nullish(),
    customTimeouts: z
      .looseObject({
        create: z.number().nullish(),
        update: z.number().nullish(),
        delete: z.number().nullish(),
      })
      .nullish(),
  })
  .superRefine((r, ctx) => {
    if (!isUrn(r.urn)) return;
    const qualified = urnQualifiedType(r.urn);
    if (qualified.split("$").pop() !== r.type) {
      ctx.addIssue({
        code: "custom",
        path: ["type"],
        message: `"${r.type}" is not the type its URN names ("${qualified}")`,
      });
    }
  });

const deploymentSchema = z.looseObject({
  version: z
    .number()
    .refine((v) => (SUPPORTED_DEPLOYMENT_VERSIONS as readonly number[]).includes(v), {
      error: (issue) =>
        `deployment version ${JSON.stringify(issue.input)} is not supported: aigov reads version ${SUPPORTED_DEPLOYMENT_VERSIONS.join(", ")} (pulumi stack export of Pulumi 3)`,
    }),
  deployment: z.looseObject({
    manifest: z.looseObject({ time: z.string(), magic: z.string(), version: z.string() }),
    resources: z.array(z.unknown()).nullish(),
  }),
});

type StateResource = z.infer<typeof stateResourceSchema>;

/** A secret in the state whose value could not be read offline. */
export interface UnreadableSecret {
  readonly urn: string;
  /** `outputs.tags["aigov:owner"]`. */
  readonly path: string;
}

/** The resources of a state file, and the secrets that could not be read. */
export interface StateRead {
  readonly resources: StackResource[];
  readonly unreadableSecrets: readonly UnreadableSecret[];
}

/**
 * Secrets in a state file are encrypted (`ciphertext`), or in plaintext after
 * `pulumi stack export --show-secrets`; packs get them decrypted from the engine. Plaintext is
 * decoded (JSON, as the engine wrote it); ciphertext, which cannot be decrypted offline, becomes
 * an unknown value, as in a preview, and is recorded in `unreadable`.
 */
function decodeSecrets(
  value: unknown,
  path: PropertyKey[],
  onUnreadable: (path: readonly PropertyKey[]) => void,
  onMalformed: (path: readonly PropertyKey[], reason: string) => never,
): unknown {
  if (Array.isArray(value)) {
    return value.map((v, i) => decodeSecrets(v, [...path, i], onUnreadable, onMalformed));
  }
  if (typeof value !== "object" || value === null) {
    return value;
  }
  const record = value as Record<string, unknown>;
  if (signatureOf(record) === SECRET_SIG && !("value" in record)) {
    if (typeof record.plaintext !== "string") {
      onUnreadable(path);
      return { [SIG_KEY]: SECRET_SIG, value: UNKNOWN };
    }
    let plaintext: unknown;
    try {
      plaintext = JSON.parse(record.plaintext);
    } catch (err) {
      onMalformed(path, `its plaintext is not JSON (${(err as Error).message})`);
    }
    return { [SIG_KEY]: SECRET_SIG, value: plaintext };
  }
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [
      k,
      decodeSecrets(v, [...path, k], onUnreadable, onMalformed),
    ]),
  );
}

function toStackResource(
  r: StateResource,
  decode: (props: PropertyMap | null | undefined, field: string) => PropertyMap,
): StackResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
    propertyDependencies[key] = urns ?? [];
  }
  return {
    urn: r.urn,
    type: r.type,
    name: urnName(r.urn),
    custom: r.custom ?? false,
    id: r.id ?? undefined,
    parent: r.parent ?? undefined,
    provider: r.provider ?? undefined,
    external: r.external ?? false,
    inputs: decode(r.inputs, "inputs"),
    outputs: decode(r.outputs, "outputs"),
    dependencies: r.dependencies ?? [],
    propertyDependencies,
    options: {
      protect: r.protect ?? false,
      ignoreChanges: r.ignoreChanges ?? [],
      deleteBeforeReplace: r.deleteBeforeReplace ?? undefined,
      additionalSecretOutputs: r.additionalSecretOutputs ?? [],
      aliases: r.aliases ?? [],
      customTimeouts: {
        create: r.customTimeouts?.create ?? 0,
        update: r.customTimeouts?.update ?? 0,
        delete: r.customTimeouts?.delete ?? 0,
      },
    },
  };
}

function invalid(file: string, path: readonly PropertyKey[], message: string): ConfigError {
  return new ConfigError(
    `${file} is not a deployment from 'pulumi stack export': ${jsonPath(path)}: ${message}`,
  );
}

/**
 * Reads and checks a `pulumi stack export` file (deployment version 3): the first element that
 * does not fit is a {@link ConfigError} with its JSON path. Resources pending deletion are left
 * out.
 */
export function readState(file: string): StateRead {
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(`cannot read state file ${file}: ${(err as Error).message}`);
  }
  const parsed = deploymentSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(file, issue.path, issue.message);
  }
  const resources: StackResource[] = [];
  const unreadableSecrets: UnreadableSecret[] = [];
  (parsed.data.deployment.resources ?? []).forEach((raw, i) => {
    const at = ["deployment", "resources", i];
    const checked = stateResourceSchema.safeParse(raw);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw invalid(file, [...at, ...issue.path], issue.message);
    }
    const r = checked.data;
    if (r.delete) return;
    const decode = (props: PropertyMap | null | undefined, field: string) =>
      decodeSecrets(
        props ?? {},
        [field],
        (path) => unreadableSecrets.push({ urn: r.urn, path: jsonPath(path) }),
        (path, reason) => {
          throw new ConfigError(
            `${file}: the secret at ${jsonPath([...at, ...path])} (resource ${r.urn}) cannot be read: ${reason}`,
          );
        },
      ) as PropertyMap;
    resources.push(toStackResource(r, decode));
  });
  return { resources, unreadableSecrets };
}

/** The resources of a `pulumi stack export` file, leaving out those pending deletion. */
export function readStateFile(file: string): StackResource[] {
  return readState(file).resources;
}
