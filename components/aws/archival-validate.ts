import { GovernanceMetadata, awsTagProblems } from "../../sdk";
import { AwsArchivalRulesArgs, AwsScopedArchivalRuleArgs } from "./archival-args";
import { HIGH_RISK_RETENTION_DAYS, resolveArchivalRules } from "./archival-defaults";
import { AwsArchiveStorageClass } from "./enums";
import { Issue } from "./tags";

const STORAGE_CLASSES: readonly string[] = Object.values(AwsArchiveStorageClass);
const RULE_ID = /^[A-Za-z0-9._-]{1,200}$/;
/** Minimum days before S3 accepts a transition to Standard-IA. */
export const STANDARD_IA_MIN_DAYS = 30;
/** Minimum storage duration of Glacier Instant Retrieval before the next move. */
export const GLACIER_IR_MIN_DAYS = 90;
/** S3 keeps at most this many newer noncurrent versions in a rule. */
export const MAX_NONCURRENT_VERSIONS = 100;
/** S3 lifecycle filters accept at most this many object tags. */
const MAX_FILTER_TAGS = 10;

/** Checks that `value` (when given) is an integer of at least `min` (and at most `max`). */
export function checkCount(
  issues: Issue[],
  path: string,
  value: number | undefined,
  min: number,
  max?: number,
): void {
  if (value === undefined) return;
  const range = max === undefined ? `of at least ${min}` : `between ${min} and ${max}`;
  if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
    issues.push({ path, reason: `expected a whole number ${range}, got ${value}` });
  }
}

const floorReason = (what: string, days: number) =>
  `\`high\` risk-tier assets keep artifacts at least ${HIGH_RISK_RETENTION_DAYS} days (10 years); ${what} ${days} days is too early`;

/** Every problem of the archival rules, with paths under `path`. */
export function archivalIssues(
  args: AwsArchivalRulesArgs | undefined,
  metadata: Pick<GovernanceMetadata, "riskTier" | "stage">,
  path: string,
): Issue[] {
  const a = args ?? {};
  const issues: Issue[] = [];
  const at = (field: string) => `${path}.${field}`;
  checkCount(issues, at("glacierInstantRetrievalAfterDays"), a.glacierInstantRetrievalAfterDays, 0);
  checkCount(issues, at("deepArchiveAfterDays"), a.deepArchiveAfterDays, 0);
  checkCount(issues, at("expireAfterDays"), a.expireAfterDays, 0);
  checkCount(issues, at("noncurrentArchiveAfterDays"), a.noncurrentArchiveAfterDays, 0);
  checkCount(issues, at("noncurrentExpireAfterDays"), a.noncurrentExpireAfterDays, 1);
  checkCount(
    issues,
    at("noncurrentVersionsToKeep"),
    a.noncurrentVersionsToKeep,
    1,
    MAX_NONCURRENT_VERSIONS,
  );
  checkCount(issues, at("abortIncompleteUploadsAfterDays"), a.abortIncompleteUploadsAfterDays, 1);
  checkCount(issues, at("keepTaggedImages"), a.keepTaggedImages, 1);
  checkCount(issues, at("expireUntaggedImagesAfterDays"), a.expireUntaggedImagesAfterDays, 1);
  if (issues.length > 0) return issues;

  const r = resolveArchivalRules(a, metadata);
  if (
    r.glacierInstantRetrievalAfterDays !== undefined &&
    r.deepArchiveAfterDays !== undefined &&
    r.deepArchiveAfterDays < r.glacierInstantRetrievalAfterDays + GLACIER_IR_MIN_DAYS
  ) {
    issues.push({
      path: at("deepArchiveAfterDays"),
      reason: `must be at least ${GLACIER_IR_MIN_DAYS} days after \`glacierInstantRetrievalAfterDays\` (${r.glacierInstantRetrievalAfterDays}), the minimum storage duration of Glacier Instant Retrieval, got ${r.deepArchiveAfterDays}`,
    });
  }
  const lastMove = Math.max(r.glacierInstantRetrievalAfterDays ?? 0, r.deepArchiveAfterDays ?? 0);
  if (r.expireAfterDays !== undefined && r.expireAfterDays <= lastMove) {
    issues.push({
      path: at("expireAfterDays"),
      reason: `must be greater than the last storage-class move (day ${lastMove}), got ${r.expireAfterDays}`,
    });
  }
  if (
    r.noncurrentArchiveAfterDays !== undefined &&
    r.noncurrentExpireAfterDays <= r.noncurrentArchiveAfterDays
  ) {
    issues.push({
      path: at("noncurrentExpireAfterDays"),
      reason: `must be greater than \`noncurrentArchiveAfterDays\` (${r.noncurrentArchiveAfterDays}), got ${r.noncurrentExpireAfterDays}`,
    });
  }
  if (metadata.riskTier === "high") {
    if (r.expireAfterDays !== undefined && r.expireAfterDays < HIGH_RISK_RETENTION_DAYS) {
      issues.push({
        path: at("expireAfterDays"),
        reason: floorReason("expiring objects after", r.expireAfterDays),
      });
    }
    if (r.noncurrentExpireAfterDays < HIGH_RISK_RETENTION_DAYS) {
      issues.push({
        path: at("noncurrentExpireAfterDays"),
        reason: floorReason("expiring noncurrent versions after", r.noncurrentExpireAfterDays),
      });
    }
    if (a.keepTaggedImages !== undefined) {
      issues.push({
        path: at("keepTaggedImages"),
        reason: `\`high\` risk-tier assets keep artifacts at least ${HIGH_RISK_RETENTION_DAYS} days (10 years), so tagged images expire by age, not by count; remove \`keepTaggedImages\``,
      });
    }
  }
  const ids = new Set<string>();
  (a.scopedRules ?? []).forEach((rule, i) => {
    issues.push(...scopedRuleIssues(rule, `${path}.scopedRules[${i}]`, metadata, ids));
  });
  return issues;
}

function scopedRuleIssues(
  rule: AwsScopedArchivalRuleArgs,
  path: string,
  metadata: Pick<GovernanceMetadata, "riskTier">,
  ids: Set<string>,
): Issue[] {
  const issues: Issue[] = [];
  if (!RULE_ID.test(rule.id ?? "")) {
    issues.push({
      path: `${path}.id`,
      reason: `expected 1 to 200 letters, digits, \`.\`, \`_\` or \`-\`, got ${JSON.stringify(rule.id)}`,
    });
  } else if (rule.id.startsWith("aigov-")) {
    issues.push({
      path: `${path}.id`,
      reason: "the `aigov-` prefix is reserved for built-in rules",
    });
  } else if (ids.has(rule.id)) {
    issues.push({ path: `${path}.id`, reason: `duplicate rule id "${rule.id}"` });
  }
  ids.add(rule.id);
  const tags = rule.objectTags ?? {};
  if (rule.prefix === undefined && Object.keys(tags).length === 0) {
    issues.push({
      path,
      reason: "set `prefix` and/or `objectTags`: scoped rules never apply to the whole bucket",
    });
  }
  if (Object.keys(tags).length > MAX_FILTER_TAGS) {
    issues.push({ path: `${path}.objectTags`, reason: `at most ${MAX_FILTER_TAGS} tags` });
  }
  for (const p of awsTagProblems(tags)) issues.push({ path: `${path}.objectTags`, reason: p });
  if (rule.storageClass === undefined && rule.expireAfterDays === undefined) {
    issues.push({ path, reason: "set `storageClass` and/or `expireAfterDays`" });
  }
  if (rule.storageClass !== undefined && !STORAGE_CLASSES.includes(rule.storageClass)) {
    issues.push({
      path: `${path}.storageClass`,
      reason: `expected one of ${STORAGE_CLASSES.join(", ")}, got ${JSON.stringify(rule.storageClass)}`,
    });
  }
  if (rule.transitionAfterDays !== undefined && rule.storageClass === undefined) {
    issues.push({
      path: `${path}.transitionAfterDays`,
      reason: "needs `storageClass`, the class to move the objects to",
    });
  }
  const before = issues.length;
  checkCount(issues, `${path}.transitionAfterDays`, rule.transitionAfterDays, 0);
  checkCount(issues, `${path}.expireAfterDays`, rule.expireAfterDays, 1);
  if (issues.length > before) return issues;
  const moveDay = rule.transitionAfterDays ?? 0;
  if (
    rule.storageClass === AwsArchiveStorageClass.StandardInfrequentAccess &&
    moveDay < STANDARD_IA_MIN_DAYS
  ) {
    issues.push({
      path: `${path}.transitionAfterDays`,
      reason: `S3 moves objects to STANDARD_IA after at least ${STANDARD_IA_MIN_DAYS} days, got ${moveDay}`,
    });
  }
  if (rule.expireAfterDays !== undefined) {
    if (rule.storageClass !== undefined && rule.expireAfterDays <= moveDay) {
      issues.push({
        path: `${path}.expireAfterDays`,
        reason: `must be greater than \`transitionAfterDays\` (${moveDay}), got ${rule.expireAfterDays}`,
      });
    }
    if (metadata.riskTier === "high" && rule.expireAfterDays < HIGH_RISK_RETENTION_DAYS) {
      issues.push({
        path: `${path}.expireAfterDays`,
        reason: floorReason("expiring objects after", rule.expireAfterDays),
      });
    }
  }
  return issues;
}
