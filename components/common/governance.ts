import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  AigovStackConfig,
  AwsTagError,
  CONFIG_KEYS,
  ConfigKey,
  GovernanceMetadata,
  PartialMetadata,
  encodeAwsTags,
  metadataSchema,
  parseStackConfig,
} from "../../sdk";
import { GovernanceMetadataArgs } from "./metadata-args";

let cached: { raw: string; config: AigovStackConfig } | undefined;

/**
 * Reads and validates the `aigov:*` stack config of the current stack.
 * Throws a `ConfigError` naming every bad key path before anything is registered.
 */
export function readStackConfig(): AigovStackConfig {
  const config = new pulumi.Config("aigov");
  const values = Object.fromEntries(CONFIG_KEYS.map((k) => [k, config.get(k)]));
  const raw = JSON.stringify(values);
  if (cached?.raw !== raw) {
    cached = { raw, config: parseStackConfig((key: ConfigKey) => values[key]) };
  }
  return cached.config;
}

/** Collects validation problems with their property paths, then throws them all at once. */
export class Problems {
  readonly errors: pulumi.InputPropertyErrorDetails[] = [];

  /** Records a problem at `propertyPath`. */
  add(propertyPath: string, reason: string): void {
    this.errors.push({ propertyPath, reason });
  }

  /** Records a problem when `condition` holds. */
  check(condition: boolean, propertyPath: string, reason: string): void {
    if (condition) this.add(propertyPath, reason);
  }

  /** Throws every recorded problem as one `InputPropertiesError`. */
  throwIfAny(component: string, name: string): void {
    if (this.errors.length === 0) return;
    throw new pulumi.InputPropertiesError({
      message: `Invalid arguments for ${component} "${name}"`,
      errors: this.errors,
    });
  }
}

/** True for data classifications that need safeguards: `confidential` and `restricted`. */
export function isSensitive(meta: Pick<PartialMetadata, "dataClassification">): boolean {
  return meta.dataClassification === "confidential" || meta.dataClassification === "restricted";
}

/**
 * The caller's labels, tags or annotations with the governance ones on top: an aigov key always
 * wins over a caller's key of the same name.
 */
export function withGovernance(
  user: Record<string, string> | undefined,
  governed: Record<string, string>,
): Record<string, string> {
  return { ...(user ?? {}), ...governed };
}

/** Options of {@link resolveMetadata}. */
export interface ResolveMetadataOptions {
  /** Property path of the metadata arg; default `metadata`. */
  path?: string;
  /** Cost-center pattern; default that of docs/contract.md. */
  costCenterPattern?: string;
}

type MetadataSchema = ReturnType<typeof metadataSchema>;
const schemas = new Map<
  string | undefined,
  { full: MetadataSchema; partial: ReturnType<MetadataSchema["partial"]> }
>();

/**
 * The metadata schemas for a cost-center pattern, built once: building a zod schema (and its
 * compiled fast path on first use) costs far more than a parse, and every component parses.
 */
function schemasFor(costCenterPattern: string | undefined) {
  let found = schemas.get(costCenterPattern);
  if (!found) {
    const full = metadataSchema(costCenterPattern);
    found = { full, partial: full.partial() };
    schemas.set(costCenterPattern, found);
  }
  return found;
}

/**
 * Merges `aigov:defaults` under the explicit metadata args and validates the result; problems are
 * added with paths under `path` (e.g. `metadata.owner`). Returns the metadata when it is valid.
 */
export function resolveMetadata(
  args: GovernanceMetadataArgs | undefined,
  defaults: PartialMetadata,
  problems: Problems,
  options: ResolveMetadataOptions = {},
): GovernanceMetadata | undefined {
  return validateMerged(
    args,
    defaults,
    problems,
    schemasFor(options.costCenterPattern).full,
    options,
  );
}

/**
 * Like {@link resolveMetadata} for resources that are not AI assets themselves (budgets, topics):
 * every key is optional, and the keys present are validated.
 */
export function resolvePartialMetadata(
  args: GovernanceMetadataArgs | undefined,
  defaults: PartialMetadata,
  problems: Problems,
  options: ResolveMetadataOptions = {},
): PartialMetadata | undefined {
  return validateMerged(
    args,
    defaults,
    problems,
    schemasFor(options.costCenterPattern).partial,
    options,
  );
}

function validateMerged<T extends PartialMetadata>(
  args: GovernanceMetadataArgs | undefined,
  defaults: PartialMetadata,
  problems: Problems,
  schema: z.ZodType<T>,
  options: ResolveMetadataOptions,
): T | undefined {
  const path = options.path ?? "metadata";
  const merged: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(args ?? {})) if (v !== undefined) merged[k] = v;
  const result = schema.safeParse(merged);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join(".");
      if (issue.code === "unrecognized_keys") {
        problems.add(path, `unknown field(s) ${issue.keys.map((k) => `\`${k}\``).join(", ")}`);
      } else if (merged[field] === undefined) {
        problems.add(
          `${path}.${field}`,
          `required: set \`${field}\` here or in the stack config \`aigov:defaults\``,
        );
      } else {
        problems.add(`${path}.${field}`, `${issue.message}, got ${JSON.stringify(merged[field])}`);
      }
    }
    return undefined;
  }
  try {
    encodeAwsTags(result.data);
  } catch (e) {
    if (!(e instanceof AwsTagError)) throw e;
    for (const p of e.problems) problems.add(path, p);
    return undefined;
  }
  return result.data;
}
