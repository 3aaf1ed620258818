import * as pulumi from "@pulumi/pulumi";
import {
  AigovStackConfig,
  AwsTagError,
  GovernanceMetadata,
  PartialMetadata,
  encodeAwsTags,
  metadataSchema,
} from "../../sdk";
import { Problems, readStackConfig, resolveMetadata } from "../common/governance";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import { Issue, metadataRuleIssues, userTagIssues } from "./tags";

/** Records every issue in `problems`. */
export function addIssues(problems: Problems, issues: readonly Issue[]): void {
  for (const issue of issues) problems.add(issue.path, issue.reason);
}

/** The stack config and the validated metadata of a governed component. */
export interface AwsGovernance {
  /** The parsed `aigov:*` stack config. */
  config: AigovStackConfig;
  /** The complete metadata, or `undefined` when it has problems (recorded in `problems`). */
  metadata: GovernanceMetadata | undefined;
}

/**
 * Reads the stack config, merges `aigov:defaults` under the metadata args and validates the result,
 * the contract's cross-key rules and the caller's tags. Problems are recorded, not thrown.
 */
export function resolveAwsGovernance(
  metadataArgs: GovernanceMetadataArgs | undefined,
  userTags: Record<string, string> | undefined,
  problems: Problems,
): AwsGovernance {
  const config = readStackConfig();
  const metadata = resolveMetadata(metadataArgs, config.defaults, problems);
  if (metadata !== undefined) addIssues(problems, metadataRuleIssues(metadata));
  addIssues(problems, userTagIssues(userTags, metadata));
  return { config, metadata };
}

/**
 * Like {@link resolveMetadata} but for resources that are not AI assets (budgets, topics): every
 * key is optional, and the keys present are validated.
 */
export function resolvePartialMetadata(
  args: GovernanceMetadataArgs | undefined,
  defaults: PartialMetadata,
  problems: Problems,
  path = "metadata",
): PartialMetadata | undefined {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(args ?? {})) if (v !== undefined) merged[k] = v;
  const result = metadataSchema().partial().safeParse(merged);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join(".");
      if (issue.code === "unrecognized_keys") {
        problems.add(path, `unknown field(s) ${issue.keys.map((k) => `\`${k}\``).join(", ")}`);
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

/** Logs each warning on `resource`, prefixed with the component and its name. */
export function warnAll(
  warnings: readonly string[],
  component: string,
  name: string,
  resource?: pulumi.Resource,
): void {
  for (const w of warnings) void pulumi.log.warn(`${component} "${name}": ${w}`, resource);
}

/** `retainOnDelete` for artifacts of production assets, so that `pulumi destroy` keeps them. */
export function artifactProtection(metadata: PartialMetadata): pulumi.CustomResourceOptions {
  return metadata.stage === "production" ? { retainOnDelete: true } : {};
}
