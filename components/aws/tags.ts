import {
  AWS_MAX_TAGS,
  AWS_TAG_PREFIX,
  GovernanceMetadata,
  PartialMetadata,
  awsTagProblems,
  encodeAwsTags,
} from "../../sdk";
import { isSensitive, withGovernance } from "../common/governance";

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

/**
 * Contract rules on a complete set of metadata that every component enforces before it creates
 * anything (docs/contract.md §3 `aigov-pii-safeguards` and `aigov-lifecycle-state`).
 */
export function metadataRuleIssues(metadata: GovernanceMetadata, path = "metadata"): Issue[] {
  const issues: Issue[] = [];
  if (metadata.containsPii === true && !isSensitive(metadata)) {
    issues.push({
      path: `${path}.dataClassification`,
      reason: `assets that contain personal data (\`containsPii: true\`) must be \`confidential\` or \`restricted\`, got "${metadata.dataClassification}"`,
    });
  }
  if (metadata.stage === "deprecated" && metadata.sunsetDate === undefined) {
    issues.push({
      path: `${path}.sunsetDate`,
      reason: "required when `stage` is `deprecated`: set the planned retirement day as YYYY-MM-DD",
    });
  }
  return issues;
}

/** What kind of model resource a component creates, for the advisory gate warnings. */
export type ModelResourceKind = "registry" | "deployable";

/**
 * Warnings for metadata that the mandatory policies will reject later (production model card and
 * evaluation, training-data license, past sunset date). They stay warnings because the pack config
 * decides the exact rules.
 */
export function metadataGateWarnings(
  metadata: GovernanceMetadata,
  kind: ModelResourceKind,
  today: string = new Date().toISOString().slice(0, 10),
): string[] {
  const warnings: string[] = [];
  if (metadata.trainingDataLicense === undefined) {
    warnings.push(
      "`metadata.trainingDataLicense` is not set; policy `aigov-training-data-license` requires it on model resources",
    );
  } else if (metadata.trainingDataLicense.includes("unknown")) {
    warnings.push(
      "`metadata.trainingDataLicense` contains `unknown`, which policy `aigov-training-data-license` denies by default",
    );
  }
  if (kind === "deployable" && metadata.stage === "production") {
    if (metadata.modelCard === undefined) {
      warnings.push(
        "production deployments need `metadata.modelCard` (policy `aigov-production-model-card`)",
      );
    }
    if (metadata.evalStatus !== "passed") {
      warnings.push(
        "production deployments need `metadata.evalStatus: passed` (policy `aigov-production-evaluation`)",
      );
    }
  }
  if (metadata.sunsetDate !== undefined && metadata.sunsetDate < today) {
    warnings.push(
      `the sunset date ${metadata.sunsetDate} has passed (policy \`aigov-lifecycle-state\`); retire the asset`,
    );
  }
  return warnings;
}
