import {
  AWS_MAX_TAGS,
  AWS_TAG_PREFIX,
  GovernanceMetadata,
  PartialMetadata,
  awsTagProblems,
  encodeAwsTags,
} from "../../sdk";
import { withGovernance } from "../common/governance";

/** One validation problem: a property path and the reason. */
export interface Issue {
  /** Property path, e.g. `autoscaling.minCapacity`. */
  path: string;
  /** What is wrong and what to do. */
  reason: string;
}

/**
 * The tags of a governed child: the caller's tags with the aigov metadata tags on top
 * (the aigov keys always win over a caller tag of the same key).
 */
export function buildTags(
  metadata: GovernanceMetadata | PartialMetadata,
  userTags?: Record<string, string>,
): Record<string, string> {
  return withGovernance(userTags, encodeAwsTags(metadata));
}

/** Problems with the caller's `tags` under AWS's rules, once merged with the metadata tags. */
export function userTagIssues(
  userTags: Record<string, string> | undefined,
  metadata: GovernanceMetadata | PartialMetadata | undefined,
  path = "tags",
): Issue[] {
  if (userTags === undefined) return [];
  const issues: Issue[] = awsTagProblems(userTags)
    .filter((p) => !p.startsWith("at most"))
    .map((reason) => ({ path, reason }));
  if (metadata !== undefined) {
    const merged = buildTags(metadata, userTags);
    const count = Object.keys(merged).length;
    if (count > AWS_MAX_TAGS) {
      issues.push({
        path,
        reason: `at most ${AWS_MAX_TAGS} tags are allowed with the aigov tags included, got ${count}`,
      });
    }
  }
  return issues;
}

/** Keys of `userTags` that the aigov metadata tags override. */
export function overriddenTagKeys(
  userTags: Record<string, string> | undefined,
  metadata: GovernanceMetadata | PartialMetadata,
): string[] {
  if (userTags === undefined) return [];
  const aigov = encodeAwsTags(metadata);
  return Object.keys(userTags).filter((k) => k.startsWith(AWS_TAG_PREFIX) && k in aigov);
}

/** A warning when the caller's `tags` set aigov keys that the metadata replaces. */
export function tagOverrideWarnings(
  userTags: Record<string, string> | undefined,
  metadata: GovernanceMetadata | PartialMetadata,
): string[] {
  const keys = overriddenTagKeys(userTags, metadata);
  return keys.length === 0
    ? []
    : [
        `\`tags\` ${keys.map((k) => `"${k}"`).join(", ")} replaced by the governance metadata; set \`metadata\` instead`,
      ];
}
