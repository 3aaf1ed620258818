import * as pulumi from "@pulumi/pulumi";
import {
  AigovStackConfig,
  GovernanceMetadata,
  PartialMetadata,
  RuleScope,
  isProtectedStage,
} from "../../sdk";
import { Problems, readStackConfig, resolveMetadata } from "../common/governance";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import { Issue, userTagIssues } from "./tags";

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
 * Reads the stack config, merges `aigov:defaults` under the metadata args and judges the result
 * as the pack's metadata policies judge resources of `scope`, then checks the caller's tags.
 * Problems are recorded, not thrown.
 */
export function resolveAwsGovernance(
  metadataArgs: GovernanceMetadataArgs | undefined,
  userTags: Record<string, string> | undefined,
  problems: Problems,
  scope: RuleScope,
): AwsGovernance {
  const config = readStackConfig();
  const metadata = resolveMetadata(metadataArgs, config.defaults, problems, { scope });
  addIssues(problems, userTagIssues(userTags, metadata));
  return { config, metadata };
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

/** `retainOnDelete` for artifacts of assets in a protected stage, so that `pulumi destroy` keeps them. */
export function artifactProtection(metadata: PartialMetadata): pulumi.CustomResourceOptions {
  return metadata.stage !== undefined && isProtectedStage(metadata.stage)
    ? { retainOnDelete: true }
    : {};
}
