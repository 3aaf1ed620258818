import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  AigovStackConfig,
  AwsTagError,
  CONFIG_KEYS,
  ConfigKey,
  GovernanceMetadata,
  PartialMetadata,
  FIELD_OF_KEY,
  RuleScope,
  describeMetadataProblem,
  encodeAwsTags,
  judgeMetadata,
  metadataSchema,
  metadataToStrings,
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

/** Options of {@link resolveMetadata} and {@link resolvePartialMetadata}. */
export interface ResolveMetadataOptions {
  /** Property path of the metadata arg; default `metadata`. */
  path?: string;
  /** Cost-center pattern; default that of docs/contract.md. */
  costCenterPattern?: string;
}

/** Options of {@link resolveMetadata}. */
export interface ResolveAssetMetadataOptions extends ResolveMetadataOptions {
  /** Which rules apply besides the ones for every AI resource: what the component creates. */
  scope: RuleScope;
  /** Today as `YYYY-MM-DD` (UTC); default the current day. */
  today?: string;
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

/** `aigov:defaults` under the explicit metadata args. */
function merge(args: GovernanceMetadataArgs | undefined, defaults: PartialMetadata) {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(args ?? {})) if (v !== undefined) merged[k] = v;
  return merged;
}

/**
 * Merges `aigov:defaults` under the explicit metadata args and judges the result exactly as the
 * pack's mandatory metadata policies judge the component's resources (sdk `judgeMetadata`, in
 * the pack's default configuration); problems are added with paths under `path` (e.g.
 * `metadata.owner`). Returns the metadata when it passes.
 */
export function resolveMetadata(
  args: GovernanceMetadataArgs | undefined,
  defaults: PartialMetadata,
  problems: Problems,
  options: ResolveAssetMetadataOptions,
): GovernanceMetadata | undefined {
  const path = options.path ?? "metadata";
  const merged = merge(args, defaults);
  const parsed = schemasFor(options.costCenterPattern).full.safeParse(merged);
  // Fields of the wrong type or unknown fields: the rules below judge the values themselves.
  const shapeIssues = parsed.success
    ? []
    : parsed.error.issues.filter(
        (i) =>
          i.code === "unrecognized_keys" ||
          (i.code === "invalid_type" && merged[String(i.path[0])] !== undefined),
      );
  if (shapeIssues.length > 0) {
    addIssues(problems, path, merged, shapeIssues);
    return undefined;
  }
  const { problems: found } = judgeMetadata(
    { values: metadataToStrings(merged as PartialMetadata), complete: true },
    options.scope,
    { costCenterPattern: options.costCenterPattern, today: options.today },
  );
  for (const p of found) {
    const field = FIELD_OF_KEY[p.key];
    problems.add(`${path}.${field}`, describeMetadataProblem(p, merged[field]));
  }
  if (!parsed.success) {
    if (found.length > 0) return undefined;
    throw new Error(`aigov: the metadata schema and the metadata rules disagree: ${parsed.error}`);
  }
  // Valid but failing a gate: the problems are recorded, and the args are still checked with it.
  return awsTaggable(parsed.data, problems, path);
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
  const path = options.path ?? "metadata";
  const merged = merge(args, defaults);
  const result = schemasFor(options.costCenterPattern).partial.safeParse(merged);
  if (!result.success) {
    addIssues(problems, path, merged, result.error.issues);
    return undefined;
  }
  return awsTaggable(result.data, problems, path);
}

function addIssues(
  problems: Problems,
  path: string,
  merged: Record<string, unknown>,
  issues: readonly z.core.$ZodIssue[],
): void {
  for (const issue of issues) {
    const field = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      problems.add(path, `unknown field(s) ${issue.keys.map((k) => `\`${k}\``).join(", ")}`);
    } else {
      problems.add(`${path}.${field}`, `${issue.message}, got ${JSON.stringify(merged[field])}`);
    }
  }
}

/** The metadata, when it can be written as AWS tags (the strictest encoding). */
function awsTaggable<T extends PartialMetadata>(
  meta: T,
  problems: Problems,
  path: string,
): T | undefined {
  try {
    encodeAwsTags(meta);
  } catch (e) {
    if (!(e instanceof AwsTagError)) throw e;
    for (const p of e.problems) problems.add(path, p);
    return undefined;
  }
  return meta;
}
