import { AwsArchiveStorageClass } from "./enums";

/** An extra archival rule for the objects under a key prefix and/or carrying object tags. */
export interface AwsScopedArchivalRuleArgs {
  /** Rule id, unique within the bucket, e.g. `evaluation-evidence` (the `aigov-` prefix is reserved). */
  id: string;
  /** Only objects whose key starts with this prefix, e.g. `evidence/`. */
  prefix?: string;
  /** Only objects carrying all of these object tags, e.g. `{"lifecycle": "archive"}`. */
  objectTags?: { [key: string]: string };
  /** Storage class the matching objects move to. */
  storageClass?: AwsArchiveStorageClass;
  /** Days after creation before the move; default 0 (at once; Standard-IA needs at least 30). */
  transitionAfterDays?: number;
  /** Days after creation before the matching objects expire; default never. */
  expireAfterDays?: number;
}

/**
 * Auto-archival rules of an artifact bucket and container repository. Every field has a default;
 * `high` risk-tier assets never expire artifacts before 10 years (3650 days).
 */
export interface AwsArchivalRulesArgs {
  /** Days after creation before current objects move to S3 Glacier Instant Retrieval; default 90, 0 turns the move off. */
  glacierInstantRetrievalAfterDays?: number;
  /** Days after creation before current objects move to S3 Glacier Deep Archive (endpoints can then no longer load them); default off (0), but `retired` assets move at once. */
  deepArchiveAfterDays?: number;
  /** Days after creation before current objects expire; default never (0). At least 3650 for `high` risk tier. */
  expireAfterDays?: number;
  /** Days a version stays noncurrent before it moves to Glacier Instant Retrieval; default 30, 0 turns the move off. */
  noncurrentArchiveAfterDays?: number;
  /** Days a version stays noncurrent before it expires; default 365 (3650 for `high` risk tier, which is also the minimum there). */
  noncurrentExpireAfterDays?: number;
  /** Newest noncurrent versions kept whatever their age (1 to 100); default 3. */
  noncurrentVersionsToKeep?: number;
  /** Days after which incomplete multipart uploads are aborted; default 7. */
  abortIncompleteUploadsAfterDays?: number;
  /** Move objects tagged `aigov:stage=retired` to Glacier Deep Archive at once; default true. */
  archiveRetiredObjects?: boolean;
  /** Further rules scoped by key prefix and/or object tags. */
  scopedRules?: AwsScopedArchivalRuleArgs[];
  /** Tagged images kept in the repository, older ones expire; default 30. Not allowed for `high` risk tier, whose tagged images expire only after 3650 days. */
  keepTaggedImages?: number;
  /** Days after push before untagged images expire; default 7. */
  expireUntaggedImagesAfterDays?: number;
}
