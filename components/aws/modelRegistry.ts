import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Problems } from "../common/governance";
import { AwsArchivalPolicy } from "./archivalPolicy";
import { addIssues, artifactProtection, resolveAwsGovernance, warnAll } from "./governance";
import {
  artifactBucketPolicy,
  modelPackageGroupReadPolicy,
  parseArn,
  registryKeyPolicy,
  repositoryPullPolicy,
} from "./iam-policies";
import { AwsModelRegistryArgs } from "./registry-args";
import {
  MODEL_CARD_STATUS,
  modelCardJson,
  registryNames,
  toMetadataArgs,
} from "./registry-defaults";
import { registryIssues } from "./registry-validate";
import { buildTags, tagOverrideWarnings } from "./tags";
import { COMPONENT_RULE_SCOPES } from "../common/rule-scopes";

/**
 * The governed registry of one model family: a SageMaker model package group, an encrypted,
 * private and versioned artifact bucket with archival rules, a KMS key, an optional ECR
 * repository and an optional model card. Production artifacts survive `pulumi destroy`.
 */
export class AwsModelRegistry extends pulumi.ComponentResource {
  /** `assetId` of the registry; set it as `modelRegistry` on the endpoints that serve its models. */
  public readonly assetId: pulumi.Output<string>;
  /** Name of the model package group. */
  public readonly modelPackageGroupName: pulumi.Output<string>;
  /** ARN of the model package group. */
  public readonly modelPackageGroupArn: pulumi.Output<string>;
  /** Name of the artifact bucket. */
  public readonly bucketName: pulumi.Output<string>;
  /** ARN of the artifact bucket. */
  public readonly bucketArn: pulumi.Output<string>;
  /** ARN of the KMS key that encrypts the artifacts (created or given). */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** URL of the ECR repository (only with a repository). */
  public readonly repositoryUrl?: pulumi.Output<string>;
  /** ARN of the ECR repository (only with a repository). */
  public readonly repositoryArn?: pulumi.Output<string>;
  /** Name of the model card (only with a model card). */
  public readonly modelCardName?: pulumi.Output<string>;

  constructor(name: string, args: AwsModelRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = new Problems();
    const { metadata: meta } = resolveAwsGovernance(
      args.metadata,
      args.tags,
      problems,
      COMPONENT_RULE_SCOPES.AwsModelRegistry,
    );
    addIssues(problems, registryIssues(args, meta));
    problems.throwIfAny("AwsModelRegistry", name);
    const metadata = meta!;

    super("aigov:index:AwsModelRegistry", name, {}, opts);
    warnAll(tagOverrideWarnings(args.tags, metadata), "AwsModelRegistry", name, this);
    if (args.kmsKeyArn !== undefined && (args.consumerAccountIds ?? []).length > 0) {
      warnAll(
        ["the given `kmsKeyArn` must let the consumer accounts decrypt (kms:Decrypt)"],
        "AwsModelRegistry",
        name,
        this,
      );
    }
    const tags = buildTags(metadata, args.tags);
    const names = registryNames(metadata, args.modelPackageGroupName);
    const consumers = args.consumerAccountIds ?? [];
    const parent = { parent: this };
    const kept = { parent: this, ...artifactProtection(metadata) };

    let kmsKeyArn: pulumi.Output<string>;
    if (args.kmsKeyArn !== undefined) {
      kmsKeyArn = pulumi.output(args.kmsKeyArn);
    } else {
      const policy =
        consumers.length === 0
          ? undefined
          : aws
              .getCallerIdentityOutput({}, parent)
              .apply((id) =>
                JSON.stringify(
                  registryKeyPolicy(parseArn(id.arn)?.partition ?? "aws", id.accountId, consumers),
                ),
              );
      const key = new aws.kms.Key(
        `${name}-key`,
        {
          description: `aigov model registry ${metadata.team}/${metadata.assetId}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy,
          tags,
        },
        kept,
      );
      kmsKeyArn = key.arn;
    }

    const group = new aws.sagemaker.ModelPackageGroup(
      `${name}-group`,
      {
        modelPackageGroupName: names.modelPackageGroup,
        modelPackageGroupDescription: args.description,
        tags,
      },
      parent,
    );
    if (consumers.length > 0) {
      new aws.sagemaker.ModelPackageGroupPolicy(
        `${name}-group-policy`,
        {
          modelPackageGroupName: group.modelPackageGroupName,
          resourcePolicy: group.arn.apply((arn) =>
            JSON.stringify(modelPackageGroupReadPolicy(arn, names.modelPackageGroup, consumers)),
          ),
        },
        parent,
      );
    }

    const bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { bucketPrefix: names.bucketPrefix, tags },
      kept,
    );
    const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access-block`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      kept,
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      kept,
    );
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      kept,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: "aws:kms",
              kmsMasterKeyId: kmsKeyArn,
            },
            bucketKeyEnabled: true,
          },
        ],
      },
      kept,
    );
    new aws.s3.BucketPolicy(
      `${name}-bucket-policy`,
      {
        bucket: bucket.id,
        policy: bucket.arn.apply((arn) => JSON.stringify(artifactBucketPolicy(arn, consumers))),
      },
      { ...kept, dependsOn: [publicAccessBlock] },
    );

    let repository: aws.ecr.Repository | undefined;
    if (args.createRepository ?? true) {
      repository = new aws.ecr.Repository(
        `${name}-repository`,
        {
          name: names.repository,
          imageTagMutability: "IMMUTABLE",
          imageScanningConfiguration: { scanOnPush: true },
          encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: kmsKeyArn }],
          tags,
        },
        kept,
      );
      if (consumers.length > 0) {
        new aws.ecr.RepositoryPolicy(
          `${name}-repository-policy`,
          {
            repository: repository.name,
            policy: repository.arn.apply((arn) =>
              JSON.stringify(repositoryPullPolicy(parseArn(arn)?.partition ?? "aws", consumers)),
            ),
          },
          parent,
        );
      }
      this.repositoryUrl = repository.repositoryUrl;
      this.repositoryArn = repository.arn;
    }

    new AwsArchivalPolicy(
      `${name}-archival`,
      {
        metadata: toMetadataArgs(metadata),
        bucketName: bucket.id,
        repositoryName: repository?.name,
        rules: args.archival,
      },
      { ...kept, dependsOn: [versioning] },
    );

    if (args.modelCard !== undefined) {
      const card = new aws.sagemaker.ModelCard(
        `${name}-model-card`,
        {
          modelCardName: names.modelCard,
          modelCardStatus: MODEL_CARD_STATUS[metadata.stage],
          content: modelCardJson(metadata, args.modelCard),
          securityConfig: { kmsKeyId: kmsKeyArn },
          tags,
        },
        parent,
      );
      this.modelCardName = card.modelCardName;
    }

    this.assetId = pulumi.output(metadata.assetId);
    this.modelPackageGroupName = group.modelPackageGroupName;
    this.modelPackageGroupArn = group.arn;
    this.bucketName = bucket.id;
    this.bucketArn = bucket.arn;
    this.kmsKeyArn = kmsKeyArn;
    this.registerOutputs({
      assetId: this.assetId,
      modelPackageGroupName: this.modelPackageGroupName,
      modelPackageGroupArn: this.modelPackageGroupArn,
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      kmsKeyArn: this.kmsKeyArn,
      repositoryUrl: this.repositoryUrl,
      repositoryArn: this.repositoryArn,
      modelCardName: this.modelCardName,
    });
  }
}
