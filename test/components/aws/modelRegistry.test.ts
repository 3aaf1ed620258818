import * as pulumi from "@pulumi/pulumi";
import { expectInputError, inputError } from "../../helpers/input-errors";
import { recordOptions } from "../../helpers/options-recorder";
import { setStackConfig, settle, unwrap } from "../../helpers/pulumi-mocks";
import { ACCOUNT_ID, CALLER_IDENTITY, DEFAULTS, mockStack } from "../../helpers/stack";
import { AwsModelRegistry, AwsModelRegistryArgs, RiskTier, Stage } from "../../../index";
import { PolicyStatement, registryKeyPolicy } from "../../../components/aws/iam-policies";
import { allowed, policyOf, taggable } from "./util";

const stack = mockStack({
  invokes: CALLER_IDENTITY,
  config: { "aigov:defaults": { ...DEFAULTS, trainingDataLicense: ["apache-2.0"] } },
});
const { mocks } = stack;

const TAGS = {
  "aigov:asset-id": "fraud-scorer",
  "aigov:owner": "jane.doe@example.com",
  "aigov:team": "risk-ml",
  "aigov:cost-center": "FIN-1234",
  "aigov:data-classification": "internal",
  "aigov:training-data-license": "apache-2.0",
};
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:reg-key";
const BUCKET_ARN = "arn:aws:s3:us-east-1:123456789012:reg-bucket";

async function build(args: Partial<AwsModelRegistryArgs> = {}, stage = Stage.Staging) {
  const rec = recordOptions();
  const registry = new AwsModelRegistry(
    "reg",
    { ...args, metadata: { assetId: "fraud-scorer", stage, ...args.metadata } },
    { transformations: rec.transformations },
  );
  await settle();
  return { registry, rec };
}
const get = (type: string, name: string) => mocks.get(type, name).inputs;

describe("AwsModelRegistry", () => {
  test("creates the governed children, each parented to the registry", async () => {
    const { rec } = await build();
    expect(rec.records.map((c) => [c.type, c.name, c.parent])).toEqual([
      ["aigov:index:AwsModelRegistry", "reg", undefined],
      ["aws:kms/key:Key", "reg-key", "reg"],
      ["aws:sagemaker/modelPackageGroup:ModelPackageGroup", "reg-group", "reg"],
      ["aws:s3/bucket:Bucket", "reg-bucket", "reg"],
      ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "reg-public-access-block", "reg"],
      ["aws:s3/bucketOwnershipControls:BucketOwnershipControls", "reg-ownership", "reg"],
      ["aws:s3/bucketVersioning:BucketVersioning", "reg-versioning", "reg"],
      [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "reg-encryption",
        "reg",
      ],
      ["aws:s3/bucketPolicy:BucketPolicy", "reg-bucket-policy", "reg"],
      ["aws:ecr/repository:Repository", "reg-repository", "reg"],
      ["aigov:index:AwsArchivalPolicy", "reg-archival", "reg"],
      [
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        "reg-archival-lifecycle",
        "reg-archival",
      ],
      ["aws:ecr/lifecyclePolicy:LifecyclePolicy", "reg-archival-image-lifecycle", "reg-archival"],
    ]);
    expect(mocks.resources.map((r) => r.type)).not.toContainEqual(expect.stringMatching(/V2$/));
    expect(rec.retained()).toEqual([]);
  });

  test("tags every taggable child with the metadata and the caller's tags", async () => {
    await build({ tags: { "cost-owner": "finops", "aigov:team": "ignored" } });
    const tagged = taggable(mocks.resources);
    expect(tagged.map((r) => r.name).sort()).toEqual([
      "reg-bucket",
      "reg-group",
      "reg-key",
      "reg-repository",
    ]);
    for (const r of tagged) {
      expect(r.inputs.tags).toEqual({ "cost-owner": "finops", ...TAGS, "aigov:stage": "staging" });
    }
    expect(stack.warn).toHaveBeenCalledWith(
      'AwsModelRegistry "reg": `tags` "aigov:team" replaced by the governance metadata; set `metadata` instead',
      expect.anything(),
    );
  });

  test("the artifact bucket is private, owner-enforced, versioned, KMS-encrypted and TLS-only", async () => {
    await build();
    expect(get("aws:kms/key:Key", "reg-key")).toEqual({
      description: "aigov model registry risk-ml/fraud-scorer",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: { ...TAGS, "aigov:stage": "staging" },
    });
    expect(get("aws:s3/bucket:Bucket", "reg-bucket")).toEqual({
      bucketPrefix: "risk-ml-fraud-scorer-",
      tags: { ...TAGS, "aigov:stage": "staging" },
    });
    expect(
      get("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "reg-public-access-block"),
    ).toEqual({
      bucket: "reg-bucket-id",
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(get("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "reg-ownership")).toEqual({
      bucket: "reg-bucket-id",
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    expect(get("aws:s3/bucketVersioning:BucketVersioning", "reg-versioning")).toEqual({
      bucket: "reg-bucket-id",
      versioningConfiguration: { status: "Enabled" },
    });
    expect(
      get(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "reg-encryption",
      ),
    ).toEqual({
      bucket: "reg-bucket-id",
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN },
          bucketKeyEnabled: true,
        },
      ],
    });
    const policy = policyOf(mocks.get("aws:s3/bucketPolicy:BucketPolicy", "reg-bucket-policy"));
    expect(policy.Statement.map((s: PolicyStatement) => [s.Sid, s.Effect, s.Condition])).toEqual([
      ["DenyInsecureTransport", "Deny", { Bool: { "aws:SecureTransport": "false" } }],
      ["DenyOutdatedTls", "Deny", { NumericLessThan: { "s3:TlsVersion": "1.2" } }],
    ]);
    expect(policy.Statement[0].Resource).toEqual([BUCKET_ARN, `${BUCKET_ARN}/*`]);
    for (const r of mocks.resources) expect(r.inputs.forceDestroy).toBeUndefined();
  });

  test("the group, repository and merged lifecycle configuration", async () => {
    await build({ description: "Card fraud scoring models" });
    expect(get("aws:sagemaker/modelPackageGroup:ModelPackageGroup", "reg-group")).toEqual({
      modelPackageGroupName: "risk-ml-fraud-scorer",
      modelPackageGroupDescription: "Card fraud scoring models",
      tags: { ...TAGS, "aigov:stage": "staging" },
    });
    expect(get("aws:ecr/repository:Repository", "reg-repository")).toEqual({
      name: "risk-ml-fraud-scorer",
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY_ARN }],
      tags: { ...TAGS, "aigov:stage": "staging" },
    });
    const lifecycles = mocks.ofType(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    );
    expect(lifecycles).toHaveLength(1);
    expect(lifecycles[0].inputs.bucket).toBe("reg-bucket-id");
    expect(
      lifecycles[0].inputs.rules.map((r: { id: string; status: string }) => [r.id, r.status]),
    ).toEqual([
      ["aigov-current-objects", "Enabled"],
      ["aigov-noncurrent-versions", "Enabled"],
      ["aigov-abort-incomplete-uploads", "Enabled"],
      ["aigov-retired-objects", "Enabled"],
    ]);
    const image = get("aws:ecr/lifecyclePolicy:LifecyclePolicy", "reg-archival-image-lifecycle");
    expect(image.repository).toBe("risk-ml-fraud-scorer");
    expect(
      JSON.parse(image.policy).rules.map(
        (r: { selection: { tagStatus: string } }) => r.selection.tagStatus,
      ),
    ).toEqual(["untagged", "tagged"]);
  });

  test("production keeps the key, the bucket with its settings and the repository on delete", async () => {
    const { registry, rec } = await build(
      { modelCard: { intendedUses: "Payments" } },
      Stage.Production,
    );
    expect(rec.retained()).toEqual([
      "reg-archival",
      "reg-archival-image-lifecycle",
      "reg-archival-lifecycle",
      "reg-bucket",
      "reg-bucket-policy",
      "reg-encryption",
      "reg-key",
      "reg-ownership",
      "reg-public-access-block",
      "reg-repository",
      "reg-versioning",
    ]);
    const card = get("aws:sagemaker/modelCard:ModelCard", "reg-model-card");
    expect(card).toMatchObject({
      modelCardName: "risk-ml-fraud-scorer-card",
      modelCardStatus: "Approved",
      securityConfig: { kmsKeyId: KEY_ARN },
      tags: { ...TAGS, "aigov:stage": "production" },
    });
    expect(JSON.parse(card.content).intended_uses).toEqual({
      risk_rating: "Unknown",
      intended_uses: "Payments",
    });
    expect(rec.parentOf("reg-model-card")).toBe("reg");
    expect(await unwrap(registry.modelCardName!)).toBe("risk-ml-fraud-scorer-card");
    for (const r of mocks.resources) expect(r.inputs.forceDestroy).toBeUndefined();
    expect(stack.warn).not.toHaveBeenCalled();
  });

  test("consumer accounts get read-only access to the group, artifacts, key and images", async () => {
    await build({ consumerAccountIds: ["111122223333"] });
    const consumer = { AWS: ["arn:aws:iam::111122223333:root"] };
    const group = JSON.parse(
      get("aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy", "reg-group-policy")
        .resourcePolicy,
    );
    expect(
      get("aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy", "reg-group-policy")
        .modelPackageGroupName,
    ).toBe("risk-ml-fraud-scorer");
    expect(allowed(group).actions).toEqual([
      "sagemaker:DescribeModelPackageGroup",
      "sagemaker:DescribeModelPackage",
      "sagemaker:ListModelPackages",
    ]);
    expect(
      group.Statement.every(
        (s: PolicyStatement) => JSON.stringify(s.Principal) === JSON.stringify(consumer),
      ),
    ).toBe(true);
    // The key policy itself is pinned in policies.test.ts: here, that the caller's account and
    // the consumers reach it.
    expect(JSON.parse(get("aws:kms/key:Key", "reg-key").policy)).toEqual(
      registryKeyPolicy("aws", ACCOUNT_ID, ["111122223333"]),
    );
    const bucket = policyOf(mocks.get("aws:s3/bucketPolicy:BucketPolicy", "reg-bucket-policy"));
    expect(allowed(bucket)).toEqual({
      actions: ["s3:GetObject", "s3:ListBucket"],
      resources: [`${BUCKET_ARN}/models/*`, BUCKET_ARN],
    });
    const pull = get("aws:ecr/repositoryPolicy:RepositoryPolicy", "reg-repository-policy");
    expect(pull.repository).toBe("risk-ml-fraud-scorer");
    expect(allowed(JSON.parse(pull.policy)).actions).toEqual([
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchCheckLayerAvailability",
    ]);
  });

  test("a caller's key, no repository, and outputs", async () => {
    const keyArn = "arn:aws:kms:us-east-1:123456789012:key/given";
    const { registry } = await build({
      kmsKeyArn: keyArn,
      createRepository: false,
      consumerAccountIds: ["111122223333"],
    });
    expect(mocks.ofType("aws:kms/key:Key")).toEqual([]);
    expect(mocks.ofType("aws:ecr/repository:Repository")).toEqual([]);
    expect(mocks.ofType("aws:ecr/lifecyclePolicy:LifecyclePolicy")).toEqual([]);
    expect(
      get(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "reg-encryption",
      ).rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId,
    ).toBe(keyArn);
    expect(stack.warn).toHaveBeenCalledWith(
      'AwsModelRegistry "reg": the given `kmsKeyArn` must let the consumer accounts decrypt (kms:Decrypt)',
      registry,
    );
    expect(registry.repositoryUrl).toBeUndefined();
    expect(
      await unwrap(
        pulumi.all([
          registry.assetId,
          registry.modelPackageGroupName,
          registry.modelPackageGroupArn,
          registry.bucketName,
          registry.bucketArn,
          registry.kmsKeyArn,
        ]),
      ),
    ).toEqual([
      "fraud-scorer",
      "risk-ml-fraud-scorer",
      "arn:aws:sagemaker:us-east-1:123456789012:reg-group",
      "reg-bucket-id",
      BUCKET_ARN,
      keyArn,
    ]);
  });

  test("high risk tier keeps noncurrent versions and images for 10 years", async () => {
    await build({ metadata: { riskTier: RiskTier.High } });
    const rules = mocks.get(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "reg-archival-lifecycle",
    ).inputs.rules;
    expect(rules[1].noncurrentVersionExpiration).toEqual({
      noncurrentDays: 3650,
      newerNoncurrentVersions: 3,
    });
    const image = JSON.parse(
      get("aws:ecr/lifecyclePolicy:LifecyclePolicy", "reg-archival-image-lifecycle").policy,
    );
    expect(image.rules[1].selection).toEqual({
      tagStatus: "tagged",
      tagPatternList: ["*"],
      countType: "sinceImagePushed",
      countUnit: "days",
      countNumber: 3650,
    });
  });

  test("explicit metadata wins over aigov:defaults", async () => {
    await build({ metadata: { team: "fraud-ml", costCenter: "FIN-9999" } });
    expect(
      get("aws:sagemaker/modelPackageGroup:ModelPackageGroup", "reg-group").tags,
    ).toMatchObject({
      "aigov:team": "fraud-ml",
      "aigov:cost-center": "FIN-9999",
      "aigov:owner": "jane.doe@example.com",
    });
    expect(get("aws:s3/bucket:Bucket", "reg-bucket").bucketPrefix).toBe("fraud-ml-fraud-scorer-");
  });

  describe("rejects bad args before creating anything", () => {
    const required = (f: string) => ({
      propertyPath: `metadata.${f}`,
      reason: `required: set \`${f}\` here or in the stack config \`aigov:defaults\` (aigov-required-metadata)`,
    });

    test("missing metadata", () => {
      setStackConfig({});
      expectInputError(
        () => new AwsModelRegistry("reg", {}),
        inputError("AwsModelRegistry", "reg", [
          required("assetId"),
          required("owner"),
          required("team"),
          required("costCenter"),
          {
            propertyPath: "metadata.stage",
            reason:
              "required: set `stage` here or in the stack config `aigov:defaults` (aigov-required-metadata)",
          },
          {
            propertyPath: "metadata.dataClassification",
            reason:
              "required: set `dataClassification` here or in the stack config `aigov:defaults` (aigov-required-metadata)",
          },
          {
            propertyPath: "metadata.trainingDataLicense",
            reason:
              "required on model resources: list the SPDX ids of the training data licenses (aigov-training-data-license)",
          },
        ]),
      );
      expect(mocks.resources).toEqual([]);
    });

    test("bad stage and bad consumer account, at once", () => {
      expectInputError(
        () =>
          new AwsModelRegistry("reg", {
            metadata: { assetId: "fraud-scorer", stage: "prod" as Stage },
            consumerAccountIds: ["1234"],
          }),
        inputError("AwsModelRegistry", "reg", [
          {
            propertyPath: "metadata.stage",
            reason:
              'expected one of `experimental`, `staging`, `production`, `deprecated`, `retired`, got "prod" (aigov-metadata-values)',
          },
          {
            propertyPath: "consumerAccountIds[0]",
            reason: 'expected a 12-digit AWS account id, got "1234"',
          },
        ]),
      );
      expect(mocks.resources).toEqual([]);
    });

    test("high risk archival below the 10-year floor, personal data in internal assets", () => {
      expectInputError(
        () =>
          new AwsModelRegistry("reg", {
            metadata: {
              assetId: "fraud-scorer",
              stage: Stage.Production,
              riskTier: RiskTier.High,
              containsPii: true,
            },
            archival: { noncurrentExpireAfterDays: 365, noncurrentVersionsToKeep: 0 },
          }),
        inputError("AwsModelRegistry", "reg", [
          {
            propertyPath: "metadata.dataClassification",
            reason:
              'assets with `containsPii: true` must be `confidential` or `restricted`, got "internal" (aigov-pii-safeguards)',
          },
          {
            propertyPath: "archival.noncurrentVersionsToKeep",
            reason: "expected a whole number between 1 and 100, got 0",
          },
        ]),
      );
      expectInputError(
        () =>
          new AwsModelRegistry("reg", {
            metadata: { assetId: "fraud-scorer", stage: Stage.Production, riskTier: RiskTier.High },
            archival: { noncurrentExpireAfterDays: 365 },
          }),
        inputError("AwsModelRegistry", "reg", [
          {
            propertyPath: "archival.noncurrentExpireAfterDays",
            reason:
              "`high` risk-tier assets keep artifacts at least 3650 days (10 years); expiring noncurrent versions after 365 days is too early",
          },
        ]),
      );
      expect(mocks.resources).toEqual([]);
    });
  });
});
