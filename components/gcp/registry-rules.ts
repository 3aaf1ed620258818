import type * as gcp from "@pulumi/gcp";
import {
  GovernanceMetadata,
  NAME_TARGETS,
  isNonProductionStage,
  isProtectedStage,
  resourceName,
  shortHash,
} from "../../sdk";
import { checkInteger } from "../common/checks";
import { Problems } from "../common/governance";
import type { GcpModelRegistryArgs } from "./modelRegistry";

type LifecycleRule = gcp.types.input.storage.BucketLifecycleRule;
type CleanupPolicy = gcp.types.input.artifactregistry.RepositoryCleanupPolicy;

/** Storage classes that the archive rule moves to `ARCHIVE`. */
export const ARCHIVABLE_CLASSES = [
  "STANDARD",
  "MULTI_REGIONAL",
  "REGIONAL",
  "NEARLINE",
  "COLDLINE",
  "DURABLE_REDUCED_AVAILABILITY",
];

/** Longest retention GCS accepts, in days (just under 3,155,760,000 s). */
export const MAX_RETENTION_DAYS = 36500;

/** Registry settings with every default applied. */
export interface ResolvedRegistry {
  bucketName: string;
  repositoryId: string;
  metadataStoreName: string;
  containerRepository: boolean;
  metadataStore: boolean;
  grantKeyAccess: boolean;
  protect: boolean;
  archiveAfterDays: number;
  noncurrentVersionDays: number;
  keepNewerVersions: number;
  abortIncompleteUploadDays: number;
  softDeleteDays: number;
  keepRecentImages: number;
  deleteUntaggedAfterDays: number;
  cleanupDryRun: boolean;
  immutableTags: boolean;
  evidence?: {
    bucketName: string;
    retentionDays: number;
    locked: boolean;
    archiveAfterDays: number;
  };
}

/** Vertex metadata store names: `[a-z0-9_]`, at most 60 characters, not starting with a digit. */
export const METADATA_STORE_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,59}$/;

/** Default metadata store name: `<team>_<asset>_<stage>_metadata`, fitted to Vertex's limits. */
export function defaultMetadataStoreName(meta: GovernanceMetadata): string {
  const id = resourceName(
    { team: meta.team, assetId: meta.assetId, stage: meta.stage, suffix: "metadata" },
    "gcpId",
  );
  const fitted = id.length <= 60 ? id : `${id.slice(0, 51).replace(/-+$/, "")}-${shortHash(id)}`;
  return fitted.replace(/-/g, "_");
}

/** Applies the defaults of {@link GcpModelRegistryArgs}. */
export function resolveRegistry(
  args: GcpModelRegistryArgs,
  meta: GovernanceMetadata,
): ResolvedRegistry {
  const parts = { team: meta.team, assetId: meta.assetId, stage: meta.stage };
  const protect = args.deletionProtection ?? isProtectedStage(meta.stage);
  const archival = args.archival ?? {};
  const cleanup = args.imageCleanup ?? {};
  const evidence = args.evidenceRetention;
  return {
    bucketName: args.bucketName ?? resourceName({ ...parts, suffix: "artifacts" }, "gcs"),
    repositoryId: args.repositoryId ?? resourceName({ ...parts, suffix: "images" }, "gcpId"),
    metadataStoreName: args.metadataStoreName ?? defaultMetadataStoreName(meta),
    containerRepository: args.containerRepository ?? true,
    metadataStore: args.metadataStore ?? true,
    grantKeyAccess: args.grantKeyAccess ?? true,
    protect,
    archiveAfterDays: archival.archiveAfterDays ?? 90,
    noncurrentVersionDays: archival.noncurrentVersionDays ?? 30,
    keepNewerVersions: archival.keepNewerVersions ?? 3,
    abortIncompleteUploadDays: archival.abortIncompleteUploadDays ?? 7,
    softDeleteDays: archival.softDeleteDays ?? (protect ? 30 : 7),
    keepRecentImages: cleanup.keepRecent ?? 10,
    deleteUntaggedAfterDays: cleanup.deleteUntaggedAfterDays ?? 14,
    cleanupDryRun: cleanup.dryRun ?? isNonProductionStage(meta.stage),
    immutableTags: cleanup.immutableTags ?? meta.stage === "production",
    evidence:
      evidence === undefined
        ? undefined
        : {
            bucketName:
              evidence.bucketName ?? resourceName({ ...parts, suffix: "evidence" }, "gcs"),
            retentionDays: evidence.retentionDays ?? 3650,
            locked: evidence.locked ?? false,
            archiveAfterDays: evidence.archiveAfterDays ?? 30,
          },
  };
}

/** Checks the plain registry args; metadata is checked separately. */
export function validateRegistryArgs(
  args: GcpModelRegistryArgs,
  meta: GovernanceMetadata | undefined,
  problems: Problems,
): void {
  if (args.bucketName !== undefined && !NAME_TARGETS.gcs.pattern.test(args.bucketName)) {
    problems.add(
      "bucketName",
      `expected a GCS bucket name matching ${NAME_TARGETS.gcs.pattern.source}`,
    );
  }
  if (args.repositoryId !== undefined && !NAME_TARGETS.gcpId.pattern.test(args.repositoryId)) {
    problems.add(
      "repositoryId",
      `expected a repository id matching ${NAME_TARGETS.gcpId.pattern.source}`,
    );
  }
  if (
    args.metadataStoreName !== undefined &&
    !METADATA_STORE_NAME_PATTERN.test(args.metadataStoreName)
  ) {
    problems.add(
      "metadataStoreName",
      `expected a metadata store name matching ${METADATA_STORE_NAME_PATTERN.source}`,
    );
  }
  const a = args.archival ?? {};
  checkInteger(problems, "archival.archiveAfterDays", a.archiveAfterDays, 0);
  checkInteger(problems, "archival.noncurrentVersionDays", a.noncurrentVersionDays, 0);
  checkInteger(problems, "archival.keepNewerVersions", a.keepNewerVersions, 0);
  checkInteger(problems, "archival.abortIncompleteUploadDays", a.abortIncompleteUploadDays, 1);
  if (a.softDeleteDays !== undefined && a.softDeleteDays !== 0) {
    checkInteger(problems, "archival.softDeleteDays", a.softDeleteDays, 7, 90);
  }
  const c = args.imageCleanup ?? {};
  checkInteger(problems, "imageCleanup.keepRecent", c.keepRecent, 1);
  checkInteger(problems, "imageCleanup.deleteUntaggedAfterDays", c.deleteUntaggedAfterDays, 1);
  const e = args.evidenceRetention;
  if (e !== undefined) {
    checkInteger(
      problems,
      "evidenceRetention.retentionDays",
      e.retentionDays,
      1,
      MAX_RETENTION_DAYS,
    );
    checkInteger(problems, "evidenceRetention.archiveAfterDays", e.archiveAfterDays, 0);
    if (e.bucketName !== undefined && !NAME_TARGETS.gcs.pattern.test(e.bucketName)) {
      problems.add(
        "evidenceRetention.bucketName",
        `expected a GCS bucket name matching ${NAME_TARGETS.gcs.pattern.source}`,
      );
    }
    if (e.locked === true && meta !== undefined && meta.riskTier !== "high") {
      problems.add(
        "evidenceRetention.locked",
        "locking a retention policy is irreversible and offered only for `riskTier: high` assets",
      );
    }
  }
}

function archiveRule(days: number): LifecycleRule {
  return {
    action: { type: "SetStorageClass", storageClass: "ARCHIVE" },
    condition: {
      age: days,
      withState: "LIVE",
      matchesStorageClasses: ARCHIVABLE_CLASSES,
      ...(days === 0 ? { sendAgeIfZero: true } : {}),
    },
  };
}

function abortUploadsRule(days: number): LifecycleRule {
  return { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: days } };
}

/**
 * Lifecycle rules of the artifact bucket: live objects move to ARCHIVE after `archiveAfterDays`;
 * a noncurrent version is deleted once it is noncurrent for `noncurrentVersionDays` and has at
 * least `keepNewerVersions` newer versions. GCS ignores zeros in these fields unless the matching
 * `send…IfZero` flag is set, so a zero always comes with its flag.
 */
export function artifactLifecycleRules(r: ResolvedRegistry): LifecycleRule[] {
  return [
    archiveRule(r.archiveAfterDays),
    {
      action: { type: "Delete" },
      condition: {
        withState: "ARCHIVED",
        daysSinceNoncurrentTime: r.noncurrentVersionDays,
        numNewerVersions: r.keepNewerVersions,
        ...(r.noncurrentVersionDays === 0 ? { sendDaysSinceNoncurrentTimeIfZero: true } : {}),
        ...(r.keepNewerVersions === 0 ? { sendNumNewerVersionsIfZero: true } : {}),
      },
    },
    abortUploadsRule(r.abortIncompleteUploadDays),
  ];
}

/** Lifecycle rules of the evidence bucket: archive only (its retention policy forbids deletes). */
export function evidenceLifecycleRules(
  archiveAfterDays: number,
  abortDays: number,
): LifecycleRule[] {
  return [archiveRule(archiveAfterDays), abortUploadsRule(abortDays)];
}

/**
 * Artifact Registry cleanup policies: keep the `keepRecentImages` newest versions of every
 * package, and delete untagged versions older than `deleteUntaggedAfterDays` (KEEP wins over DELETE).
 */
export function imageCleanupPolicies(r: ResolvedRegistry): CleanupPolicy[] {
  return [
    { id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: r.keepRecentImages } },
    {
      id: "delete-untagged",
      action: "DELETE",
      condition: { tagState: "UNTAGGED", olderThan: `${r.deleteUntaggedAfterDays}d` },
    },
  ];
}
