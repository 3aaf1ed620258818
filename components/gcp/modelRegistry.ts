import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { validateGovernedComponent } from "../common/governance-gates";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import {
  artifactLifecycleRules,
  evidenceLifecycleRules,
  imageCleanupPolicies,
  resolveRegistry,
  validateRegistryArgs,
} from "./registry-rules";
import { deletionPolicy, governedLabels, provisionCmek } from "./shared";
import { COMPONENT_RULE_SCOPES } from "../common/rule-scopes";

/** Archival and versioning rules of the artifact bucket. */
export interface GcpArtifactArchivalArgs {
  /** Days after which live objects move to the ARCHIVE storage class; default 90 (0 = at once). */
  archiveAfterDays?: number;
  /** Days a version must be noncurrent before it may be deleted; default 30 (0 = at once). */
  noncurrentVersionDays?: number;
  /**
   * A noncurrent version is deleted only once it has at least this many newer versions, so the
   * newest N versions (counting the live one) always survive; default 3 (0 = age alone decides).
   */
  keepNewerVersions?: number;
  /** Days after which incomplete multipart uploads are aborted; default 7. */
  abortIncompleteUploadDays?: number;
  /** Soft-delete retention in days (0 disables, else 7–90); default 30 when protected, else 7. */
  softDeleteDays?: number;
}

/** Cleanup policies of the container image repository. */
export interface GcpImageCleanupArgs {
  /** Number of most recent versions of each image that are always kept; default 10. */
  keepRecent?: number;
  /** Untagged versions older than this many days are deleted; default 14. */
  deleteUntaggedAfterDays?: number;
  /** Only log what cleanup would delete; default true in `experimental` and `staging`. */
  dryRun?: boolean;
  /** Make tags immutable; default true in `production`. */
  immutableTags?: boolean;
}

/** A second, write-once bucket for evaluation evidence and model documentation. */
export interface GcpEvidenceRetentionArgs {
  /** Days every object is retained; default 3650 (EU AI Act Art. 18: ten years). */
  retentionDays?: number;
  /** Lock the retention policy (irreversible; only for `riskTier: high`); default false. */
  locked?: boolean;
  /** Days after which evidence moves to ARCHIVE; default 30. */
  archiveAfterDays?: number;
  /** Bucket name; default `<team>-<asset>-<stage>-evidence`. */
  bucketName?: string;
}

/** Arguments of {@link GcpModelRegistry}. */
export interface GcpModelRegistryArgs {
  /** Governance metadata; fields left out come from the stack config `aigov:defaults`. */
  metadata?: GovernanceMetadataArgs;
  /** Region of every child, e.g. `us-central1` (bucket, repository, key ring, metadata store). */
  location: string;
  /** Project of every child; default the provider's project. */
  project?: pulumi.Input<string>;
  /** Customer-managed key (`projects/…/cryptoKeys/…`, in `location`) to use instead of creating one. */
  kmsKeyName?: pulumi.Input<string>;
  /** Grant the Storage, Artifact Registry and Vertex AI service agents use of the key; default true. */
  grantKeyAccess?: boolean;
  /** Artifact bucket name; default `<team>-<asset>-<stage>-artifacts`. */
  bucketName?: string;
  /** Create the Artifact Registry Docker repository; default true. */
  containerRepository?: boolean;
  /** Repository id; default `<team>-<asset>-<stage>-images`. */
  repositoryId?: string;
  /** Create the Vertex AI ML metadata (lineage) store; default true. */
  metadataStore?: boolean;
  /** Metadata store name; default `<team>_<asset>_<stage>_metadata`. */
  metadataStoreName?: string;
  /** Archival and versioning rules of the artifact bucket. */
  archival?: GcpArtifactArchivalArgs;
  /** Cleanup policies of the image repository. */
  imageCleanup?: GcpImageCleanupArgs;
  /** Creates a retention-locked (WORM) evidence bucket when set. */
  evidenceRetention?: GcpEvidenceRetentionArgs;
  /** Refuse deletion of data-holding children (`deletionPolicy: PREVENT`); default true from `production` on. */
  deletionProtection?: boolean;
  /** Extra labels for every labelable child; the aigov labels win on conflicts. */
  labels?: { [key: string]: string };
}

/** Validates the args (throwing every problem at once) and applies the defaults. */
function planRegistry(name: string, args: GcpModelRegistryArgs) {
  const { meta } = validateGovernedComponent("GcpModelRegistry", name, args.metadata, {
    scope: COMPONENT_RULE_SCOPES.GcpModelRegistry,
    validateArgs: (meta, problems) => validateRegistryArgs(args, meta, problems),
  });
  return { meta, r: resolveRegistry(args, meta) };
}

/**
 * A governed model registry on GCP: a CMEK-encrypted, versioned artifact bucket with archival
 * rules, an Artifact Registry Docker repository with scanning and cleanup policies, and a Vertex
 * AI metadata store for lineage.
 */
export class GcpModelRegistry extends pulumi.ComponentResource {
  /** Name of the artifact bucket. */
  public readonly bucketName: pulumi.Output<string>;
  /** `gs://` URL of the artifact bucket. */
  public readonly bucketUrl: pulumi.Output<string>;
  /** Id of the image repository, when created. */
  public readonly repositoryId?: pulumi.Output<string>;
  /** Docker host path of the repository (`<region>-docker.pkg.dev/<project>/<id>`), when created. */
  public readonly repositoryUrl?: pulumi.Output<string>;
  /** Resource id of the Vertex AI metadata store, when created. */
  public readonly metadataStoreId?: pulumi.Output<string>;
  /** Name of the evidence bucket, when created. */
  public readonly evidenceBucketName?: pulumi.Output<string>;
  /** The customer-managed key that encrypts every child. */
  public readonly kmsKeyName: pulumi.Output<string>;
  /** The labels written on every labelable child. */
  public readonly labels: pulumi.Output<{ [key: string]: string }>;

  constructor(name: string, args: GcpModelRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    const { meta, r } = planRegistry(name, args);
    super("aigov:index:GcpModelRegistry", name, {}, opts);
    const labels = governedLabels(meta, args.labels);
    const prevent = deletionPolicy(r.protect);
    const agents = [
      "storage" as const,
      ...(r.containerRepository ? ["artifactregistry" as const] : []),
      ...(r.metadataStore ? ["aiplatform" as const] : []),
    ];
    const cmek = provisionCmek(name, this, args, {
      grantKeyAccess: r.grantKeyAccess,
      agents,
      labels,
      protect: r.protect,
    });
    const afterKey = { parent: this, dependsOn: cmek.bindings };

    const bucketBase = {
      location: args.location,
      project: args.project,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      encryption: { defaultKmsKeyName: cmek.kmsKeyName },
      forceDestroy: false,
      labels,
      ...prevent,
    };
    const bucket = new gcp.storage.Bucket(
      `${name}-artifacts`,
      {
        ...bucketBase,
        name: r.bucketName,
        versioning: { enabled: true },
        softDeletePolicy: { retentionDurationSeconds: r.softDeleteDays * 86400 },
        lifecycleRules: artifactLifecycleRules(r),
      },
      afterKey,
    );

    let evidence: gcp.storage.Bucket | undefined;
    if (r.evidence) {
      evidence = new gcp.storage.Bucket(
        `${name}-evidence`,
        {
          ...bucketBase,
          name: r.evidence.bucketName,
          retentionPolicy: {
            retentionPeriod: String(r.evidence.retentionDays * 86400),
            isLocked: r.evidence.locked,
          },
          lifecycleRules: evidenceLifecycleRules(
            r.evidence.archiveAfterDays,
            r.abortIncompleteUploadDays,
          ),
        },
        afterKey,
      );
    }

    let repository: gcp.artifactregistry.Repository | undefined;
    if (r.containerRepository) {
      repository = new gcp.artifactregistry.Repository(
        `${name}-images`,
        {
          repositoryId: r.repositoryId,
          location: args.location,
          project: args.project,
          format: "DOCKER",
          description: `Container images of ${meta.assetId} (${meta.stage}), governed by aigov`,
          kmsKeyName: cmek.kmsKeyName,
          dockerConfig: { immutableTags: r.immutableTags },
          vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
          cleanupPolicies: imageCleanupPolicies(r),
          cleanupPolicyDryRun: r.cleanupDryRun,
          labels,
          ...prevent,
        },
        afterKey,
      );
    }

    let store: gcp.vertex.AiMetadataStore | undefined;
    if (r.metadataStore) {
      store = new gcp.vertex.AiMetadataStore(
        `${name}-metadata`,
        {
          name: r.metadataStoreName,
          region: args.location,
          project: args.project,
          description: `Lineage of ${meta.assetId} (${meta.stage}), governed by aigov`,
          encryptionSpec: { kmsKeyName: cmek.kmsKeyName },
          ...prevent,
        },
        afterKey,
      );
    }

    this.bucketName = bucket.name;
    this.bucketUrl = pulumi.interpolate`gs://${bucket.name}`;
    this.repositoryId = repository?.repositoryId;
    this.repositoryUrl = repository
      ? pulumi.interpolate`${args.location}-docker.pkg.dev/${repository.project}/${repository.repositoryId}`
      : undefined;
    this.metadataStoreId = store?.id;
    this.evidenceBucketName = evidence?.name;
    this.kmsKeyName = cmek.kmsKeyName;
    this.labels = pulumi.output(labels);
    this.registerOutputs({
      bucketName: this.bucketName,
      bucketUrl: this.bucketUrl,
      repositoryId: this.repositoryId,
      repositoryUrl: this.repositoryUrl,
      metadataStoreId: this.metadataStoreId,
      evidenceBucketName: this.evidenceBucketName,
      kmsKeyName: this.kmsKeyName,
      labels: this.labels,
    });
  }
}
