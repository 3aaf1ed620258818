import { AwsScopedArchivalRuleArgs } from "./archival-args";
import { RETIRED_OBJECT_TAG, ResolvedArchivalRules } from "./archival-defaults";
import { AwsArchiveStorageClass } from "./enums";

/** One S3 lifecycle rule, in the shape of `aws.s3.BucketLifecycleConfiguration` `rules`. */
export interface LifecycleRule {
  id: string;
  status: "Enabled";
  filter: {
    prefix?: string;
    tag?: { key: string; value: string };
    and?: { prefix?: string; tags: Record<string, string> };
  };
  transitions?: { days: number; storageClass: string }[];
  expiration?: { days?: number; expiredObjectDeleteMarker?: boolean };
  noncurrentVersionTransitions?: { noncurrentDays: number; storageClass: string }[];
  noncurrentVersionExpiration?: { noncurrentDays: number; newerNoncurrentVersions: number };
  abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
}

/** Ids of the built-in rules. */
export const RULE_IDS = {
  current: "aigov-current-objects",
  noncurrent: "aigov-noncurrent-versions",
  multipart: "aigov-abort-incomplete-uploads",
  retired: "aigov-retired-objects",
} as const;

function scopedFilter(rule: AwsScopedArchivalRuleArgs): LifecycleRule["filter"] {
  const tags = Object.entries(rule.objectTags ?? {});
  if (tags.length === 0) return { prefix: rule.prefix };
  if (tags.length === 1 && rule.prefix === undefined) {
    return { tag: { key: tags[0][0], value: tags[0][1] } };
  }
  const and: { prefix?: string; tags: Record<string, string> } = {
    tags: Object.fromEntries(tags),
  };
  if (rule.prefix !== undefined) and.prefix = rule.prefix;
  return { and };
}

function scopedRule(rule: AwsScopedArchivalRuleArgs): LifecycleRule {
  const out: LifecycleRule = { id: rule.id, status: "Enabled", filter: scopedFilter(rule) };
  if (rule.storageClass !== undefined) {
    out.transitions = [{ days: rule.transitionAfterDays ?? 0, storageClass: rule.storageClass }];
  }
  if (rule.expireAfterDays !== undefined) out.expiration = { days: rule.expireAfterDays };
  return out;
}

/**
 * Every lifecycle rule of one bucket, merged into the single list that its one
 * `BucketLifecycleConfiguration` holds (S3 keeps only one configuration per bucket).
 */
export function bucketLifecycleRules(r: ResolvedArchivalRules): LifecycleRule[] {
  const rules: LifecycleRule[] = [];
  const transitions: { days: number; storageClass: string }[] = [];
  if (r.glacierInstantRetrievalAfterDays !== undefined) {
    transitions.push({
      days: r.glacierInstantRetrievalAfterDays,
      storageClass: AwsArchiveStorageClass.GlacierInstantRetrieval,
    });
  }
  if (r.deepArchiveAfterDays !== undefined) {
    transitions.push({
      days: r.deepArchiveAfterDays,
      storageClass: AwsArchiveStorageClass.DeepArchive,
    });
  }
  if (transitions.length > 0 || r.expireAfterDays !== undefined) {
    const current: LifecycleRule = { id: RULE_IDS.current, status: "Enabled", filter: {} };
    if (transitions.length > 0) current.transitions = transitions;
    if (r.expireAfterDays !== undefined) current.expiration = { days: r.expireAfterDays };
    rules.push(current);
  }
  const noncurrent: LifecycleRule = {
    id: RULE_IDS.noncurrent,
    status: "Enabled",
    filter: {},
    expiration: { expiredObjectDeleteMarker: true },
    noncurrentVersionExpiration: {
      noncurrentDays: r.noncurrentExpireAfterDays,
      newerNoncurrentVersions: r.noncurrentVersionsToKeep,
    },
  };
  if (r.noncurrentArchiveAfterDays !== undefined) {
    noncurrent.noncurrentVersionTransitions = [
      {
        noncurrentDays: r.noncurrentArchiveAfterDays,
        storageClass: AwsArchiveStorageClass.GlacierInstantRetrieval,
      },
    ];
  }
  rules.push(noncurrent);
  rules.push({
    id: RULE_IDS.multipart,
    status: "Enabled",
    filter: {},
    abortIncompleteMultipartUpload: { daysAfterInitiation: r.abortIncompleteUploadsAfterDays },
  });
  if (r.archiveRetiredObjects) {
    rules.push({
      id: RULE_IDS.retired,
      status: "Enabled",
      filter: { tag: { ...RETIRED_OBJECT_TAG } },
      transitions: [{ days: 0, storageClass: AwsArchiveStorageClass.DeepArchive }],
    });
  }
  for (const rule of r.scopedRules) rules.push(scopedRule(rule));
  return rules;
}

/** One ECR lifecycle policy rule (the JSON document format of ECR). */
export interface EcrLifecycleRule {
  rulePriority: number;
  description: string;
  selection: {
    tagStatus: "tagged" | "untagged" | "any";
    tagPatternList?: string[];
    countType: "imageCountMoreThan" | "sinceImagePushed";
    countUnit?: "days";
    countNumber: number;
  };
  action: { type: "expire" };
}

/** The ECR lifecycle policy document: expire untagged images, then bound the tagged ones. */
export function ecrLifecyclePolicy(r: ResolvedArchivalRules): { rules: EcrLifecycleRule[] } {
  const rules: EcrLifecycleRule[] = [
    {
      rulePriority: 1,
      description: `aigov: expire untagged images ${r.expireUntaggedImagesAfterDays} days after push`,
      selection: {
        tagStatus: "untagged",
        countType: "sinceImagePushed",
        countUnit: "days",
        countNumber: r.expireUntaggedImagesAfterDays,
      },
      action: { type: "expire" },
    },
  ];
  if (r.keepTaggedImages !== undefined) {
    rules.push({
      rulePriority: 2,
      description: `aigov: keep the newest ${r.keepTaggedImages} tagged images`,
      selection: {
        tagStatus: "tagged",
        tagPatternList: ["*"],
        countType: "imageCountMoreThan",
        countNumber: r.keepTaggedImages,
      },
      action: { type: "expire" },
    });
  } else if (r.taggedImageMaxAgeDays !== undefined) {
    rules.push({
      rulePriority: 2,
      description: `aigov: expire tagged images ${r.taggedImageMaxAgeDays} days after push (risk-tier high)`,
      selection: {
        tagStatus: "tagged",
        tagPatternList: ["*"],
        countType: "sinceImagePushed",
        countUnit: "days",
        countNumber: r.taggedImageMaxAgeDays,
      },
      action: { type: "expire" },
    });
  }
  return { rules };
}
