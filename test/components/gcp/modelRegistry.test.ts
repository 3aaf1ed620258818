import { expectInputError, inputError } from "../../helpers/input-errors";
import { recordOptions } from "../../helpers/options-recorder";
import { setStackConfig, settle, unwrap } from "../../helpers/pulumi-mocks";
import { DEFAULTS, GCP_PROJECT, mockStack } from "../../helpers/stack";
import { GcpModelRegistry, RiskTier, Stage } from "../../../index";

const { mocks } = mockStack({ invokes: GCP_PROJECT, config: { "aigov:defaults": DEFAULTS } });

const BUCKET = "gcp:storage/bucket:Bucket";
const REPO = "gcp:artifactregistry/repository:Repository";
const STORE = "gcp:vertex/aiMetadataStore:AiMetadataStore";
const RING = "gcp:kms/keyRing:KeyRing";
const KEY = "gcp:kms/cryptoKey:CryptoKey";
const MEMBER = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";

const LABELS = {
  "aigov-asset-id": "fraud-scorer",
  "aigov-owner": "jane_doe_example_com",
  "aigov-team": "risk-ml",
  "aigov-cost-center": "fin-1234",
  "aigov-stage": "staging",
  "aigov-data-classification": "internal",
};

describe("GcpModelRegistry", () => {
  it("creates the key, bucket, repository and metadata store under the component", async () => {
    const rec = recordOptions();
    const registry = new GcpModelRegistry(
      "fraud",
      {
        location: "us-central1",
        project: "acme-ml",
        metadata: { assetId: "fraud-scorer" },
        labels: { "aigov-team": "spoofed", env: "dev" },
      },
      { transformations: rec.transformations },
    );
    await settle();

    expect(mocks.childKeys()).toEqual(
      [
        `${BUCKET}::fraud-artifacts`,
        `${KEY}::fraud-kms-key`,
        `${MEMBER}::fraud-kms-aiplatform`,
        `${MEMBER}::fraud-kms-artifactregistry`,
        `${MEMBER}::fraud-kms-storage`,
        `${REPO}::fraud-images`,
        `${RING}::fraud-kms-ring`,
        `${STORE}::fraud-metadata`,
      ].sort(),
    );
    expect(rec.childrenOf("aigov:index:GcpModelRegistry", "fraud")).toEqual(mocks.childKeys());

    const bindings = ["fraud-kms-storage", "fraud-kms-artifactregistry", "fraud-kms-aiplatform"];
    expect(bindings.map((b) => rec.of(b).type)).toEqual([MEMBER, MEMBER, MEMBER]);
    for (const [type, child] of [
      [BUCKET, "fraud-artifacts"],
      [REPO, "fraud-images"],
      [STORE, "fraud-metadata"],
    ]) {
      expect(rec.of(child, type).dependsOn).toEqual(bindings);
    }

    const labels = { ...LABELS, env: "dev" };
    const bucket = mocks.get(BUCKET, "fraud-artifacts").inputs;
    expect(bucket).toMatchObject({
      name: "risk-ml-fraud-scorer-stg-artifacts",
      location: "us-central1",
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      versioning: { enabled: true },
      encryption: { defaultKmsKeyName: "fraud-kms-key-id" },
      softDeletePolicy: { retentionDurationSeconds: 7 * 86400 },
      forceDestroy: false,
      labels,
    });
    expect(bucket.deletionPolicy).toBeUndefined();
    expect(bucket.lifecycleRules).toEqual([
      {
        action: { type: "SetStorageClass", storageClass: "ARCHIVE" },
        condition: {
          age: 90,
          withState: "LIVE",
          matchesStorageClasses: [
            "STANDARD",
            "MULTI_REGIONAL",
            "REGIONAL",
            "NEARLINE",
            "COLDLINE",
            "DURABLE_REDUCED_AVAILABILITY",
          ],
        },
      },
      {
        action: { type: "Delete" },
        condition: { withState: "ARCHIVED", daysSinceNoncurrentTime: 30, numNewerVersions: 3 },
      },
      { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
    ]);

    expect(mocks.get(REPO, "fraud-images").inputs).toEqual({
      repositoryId: "risk-ml-fraud-scorer-stg-images",
      location: "us-central1",
      project: "acme-ml",
      format: "DOCKER",
      description: "Container images of fraud-scorer (staging), governed by aigov",
      kmsKeyName: "fraud-kms-key-id",
      dockerConfig: { immutableTags: false },
      vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
      cleanupPolicies: [
        { id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: 10 } },
        {
          id: "delete-untagged",
          action: "DELETE",
          condition: { tagState: "UNTAGGED", olderThan: "14d" },
        },
      ],
      cleanupPolicyDryRun: true,
      labels,
    });
    expect(mocks.get(STORE, "fraud-metadata").inputs).toEqual({
      name: "risk_ml_fraud_scorer_stg_metadata",
      region: "us-central1",
      project: "acme-ml",
      description: "Lineage of fraud-scorer (staging), governed by aigov",
      encryptionSpec: { kmsKeyName: "fraud-kms-key-id" },
    });
    expect(mocks.get(KEY, "fraud-kms-key").inputs).toEqual({
      keyRing: "fraud-kms-ring-id",
      purpose: "ENCRYPT_DECRYPT",
      rotationPeriod: "7776000s",
      labels,
    });
    expect(mocks.get(MEMBER, "fraud-kms-aiplatform").inputs).toEqual({
      cryptoKeyId: "fraud-kms-key-id",
      role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
      member: "serviceAccount:service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com",
    });
    expect(mocks.get(MEMBER, "fraud-kms-storage").inputs.member).toBe(
      "serviceAccount:service-123456789012@gs-project-accounts.iam.gserviceaccount.com",
    );
    expect(mocks.get(MEMBER, "fraud-kms-artifactregistry").inputs.member).toBe(
      "serviceAccount:service-123456789012@gcp-sa-artifactregistry.iam.gserviceaccount.com",
    );

    expect(await unwrap(registry.bucketUrl)).toBe("gs://risk-ml-fraud-scorer-stg-artifacts");
    expect(await unwrap(registry.repositoryUrl!)).toBe(
      "us-central1-docker.pkg.dev/acme-ml/risk-ml-fraud-scorer-stg-images",
    );
    expect(await unwrap(registry.kmsKeyName)).toBe("fraud-kms-key-id");
    expect(registry.evidenceBucketName).toBeUndefined();
  });

  it("protects production data and turns off cleanup dry run", async () => {
    new GcpModelRegistry("fraud", {
      location: "us-central1",
      metadata: { assetId: "fraud-scorer", stage: Stage.Production },
    });
    await settle();
    for (const [type, name] of [
      [BUCKET, "fraud-artifacts"],
      [REPO, "fraud-images"],
      [STORE, "fraud-metadata"],
      [KEY, "fraud-kms-key"],
    ]) {
      expect(mocks.get(type, name).inputs.deletionPolicy).toBe("PREVENT");
    }
    const repo = mocks.get(REPO, "fraud-images").inputs;
    expect(repo.cleanupPolicyDryRun).toBe(false);
    expect(repo.dockerConfig).toEqual({ immutableTags: true });
    const bucket = mocks.get(BUCKET, "fraud-artifacts").inputs;
    expect(bucket.softDeletePolicy).toEqual({ retentionDurationSeconds: 30 * 86400 });
  });

  it("sends zero values of the lifecycle conditions with their flags", async () => {
    new GcpModelRegistry("fraud", {
      location: "us-central1",
      metadata: { assetId: "fraud-scorer" },
      archival: { archiveAfterDays: 0, noncurrentVersionDays: 0, keepNewerVersions: 0 },
    });
    await settle();
    expect(mocks.get(BUCKET, "fraud-artifacts").inputs.lifecycleRules.slice(0, 2)).toEqual([
      {
        action: { type: "SetStorageClass", storageClass: "ARCHIVE" },
        condition: expect.objectContaining({ age: 0, sendAgeIfZero: true }),
      },
      {
        action: { type: "Delete" },
        condition: {
          withState: "ARCHIVED",
          daysSinceNoncurrentTime: 0,
          numNewerVersions: 0,
          sendDaysSinceNoncurrentTimeIfZero: true,
          sendNumNewerVersionsIfZero: true,
        },
      },
    ]);
  });

  it("uses a caller's key, skips optional children and adds a locked evidence bucket", async () => {
    const key = "projects/acme-sec/locations/us-central1/keyRings/ml/cryptoKeys/registry";
    const registry = new GcpModelRegistry("fraud", {
      location: "us-central1",
      kmsKeyName: key,
      containerRepository: false,
      metadataStore: false,
      metadata: { assetId: "fraud-scorer", riskTier: RiskTier.High },
      evidenceRetention: { locked: true },
    });
    await settle();
    expect(mocks.ofType(RING)).toEqual([]);
    expect(mocks.ofType(KEY)).toEqual([]);
    expect(mocks.ofType(REPO)).toEqual([]);
    expect(mocks.ofType(STORE)).toEqual([]);
    expect(mocks.ofType(MEMBER).map((m) => [m.name, m.inputs.cryptoKeyId])).toEqual([
      ["fraud-kms-storage", key],
    ]);
    const evidence = mocks.get(BUCKET, "fraud-evidence").inputs;
    expect(evidence).toMatchObject({
      name: "risk-ml-fraud-scorer-stg-evidence",
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      encryption: { defaultKmsKeyName: key },
      retentionPolicy: { retentionPeriod: "315360000", isLocked: true },
      labels: { ...LABELS, "aigov-risk-tier": "high" },
    });
    expect(evidence.versioning).toBeUndefined();
    expect(evidence.lifecycleRules[0].condition.age).toBe(30);
    expect(await unwrap(registry.evidenceBucketName!)).toBe("risk-ml-fraud-scorer-stg-evidence");
    expect(registry.repositoryId).toBeUndefined();
  });

  it("reports every bad argument at once and creates nothing", async () => {
    setStackConfig({ "aigov:defaults": { ...DEFAULTS, owner: undefined } });
    expectInputError(
      () =>
        new GcpModelRegistry("fraud", {
          location: "us-central1",
          metadata: { assetId: "Fraud", stage: "prod" as Stage, containsPii: true },
          bucketName: "Bad_Bucket",
          archival: { archiveAfterDays: -1, keepNewerVersions: 1.5, softDeleteDays: 3 },
          imageCleanup: { keepRecent: 0 },
          evidenceRetention: { retentionDays: 40000, locked: true },
        }),
      inputError("GcpModelRegistry", "fraud", [
        {
          propertyPath: "metadata.owner",
          reason:
            "required: set `owner` here or in the stack config `aigov:defaults` (aigov-required-metadata)",
        },
        {
          propertyPath: "metadata.assetId",
          reason:
            'expected an asset id matching ^[a-z][a-z0-9-]{1,62}$, got "Fraud" (aigov-metadata-values)',
        },
        {
          propertyPath: "metadata.stage",
          reason:
            'expected one of `experimental`, `staging`, `production`, `deprecated`, `retired`, got "prod" (aigov-metadata-values)',
        },
        {
          propertyPath: "metadata.dataClassification",
          reason:
            'assets with `containsPii: true` must be `confidential` or `restricted`, got "internal" (aigov-pii-safeguards)',
        },
        {
          propertyPath: "bucketName",
          reason: "expected a GCS bucket name matching ^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$",
        },
        { propertyPath: "archival.archiveAfterDays", reason: "expected an integer >= 0, got -1" },
        {
          propertyPath: "archival.keepNewerVersions",
          reason: "expected an integer >= 0, got 1.5",
        },
        {
          propertyPath: "archival.softDeleteDays",
          reason: "expected an integer between 7 and 90, got 3",
        },
        { propertyPath: "imageCleanup.keepRecent", reason: "expected an integer >= 1, got 0" },
        {
          propertyPath: "evidenceRetention.retentionDays",
          reason: "expected an integer between 1 and 36500, got 40000",
        },
      ]),
    );
    await settle();
    expect(mocks.resources).toEqual([]);
  });

  it("applies the PII and lifecycle gates and refuses locking below risk tier high", () => {
    expectInputError(
      () =>
        new GcpModelRegistry("fraud", {
          location: "us-central1",
          metadata: { assetId: "fraud-scorer", containsPii: true, stage: Stage.Deprecated },
          evidenceRetention: { locked: true },
        }),
      inputError("GcpModelRegistry", "fraud", [
        {
          propertyPath: "metadata.dataClassification",
          reason:
            'assets with `containsPii: true` must be `confidential` or `restricted`, got "internal" (aigov-pii-safeguards)',
        },
        {
          propertyPath: "metadata.sunsetDate",
          reason:
            "required for stage `deprecated`: set the planned retirement day as YYYY-MM-DD (aigov-lifecycle-state)",
        },
        {
          propertyPath: "evidenceRetention.locked",
          reason:
            "locking a retention policy is irreversible and offered only for `riskTier: high` assets",
        },
      ]),
    );
  });
});
