import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsBudgetAlarm, AwsInferenceEndpoint, AwsModelRegistry } from "aigov";
import type { ModelConfig, TemplateConfig } from "./config";
import { endpointMetadata, registryMetadata } from "./metadata";

/** What the registry of one model exposes to its endpoint. */
export interface AwsRegistryRef {
  registry: AwsModelRegistry;
  assetId: string;
}

/** The provider of every AWS resource of the template, in the configured region. */
export function awsProvider(cfg: TemplateConfig): aws.Provider {
  return new aws.Provider("aws", { region: cfg.region as aws.Region });
}

/** A governed registry per model: model package group, artifact bucket with archival, ECR. */
export function awsRegistry(m: ModelConfig, provider: aws.Provider): AwsRegistryRef {
  const registry = new AwsModelRegistry(
    `${m.assetId}-registry`,
    { metadata: registryMetadata(m), description: m.description },
    { providers: [provider] },
  );
  return { registry, assetId: m.assetId };
}

/** The endpoint of a model, serving its image and artifact from the model's registry. */
export function awsEndpoint(
  m: ModelConfig,
  ref: AwsRegistryRef,
  provider: aws.Provider,
): AwsInferenceEndpoint {
  const e = m.endpoint!;
  const { registry } = ref;
  return new AwsInferenceEndpoint(
    `${m.assetId}-endpoint`,
    {
      metadata: endpointMetadata(m),
      image: pulumi.interpolate`${registry.repositoryUrl}:${e.imageTag}`,
      modelDataUrl: pulumi.interpolate`s3://${registry.bucketName}/models/${m.assetId}/${e.imageTag}/model.tar.gz`,
      registry: {
        assetId: ref.assetId,
        bucketArn: registry.bucketArn,
        kmsKeyArn: registry.kmsKeyArn,
        repositoryArn: registry.repositoryArn,
      },
      instanceType: e.serverless ? undefined : e.instanceType,
      instanceCount: e.serverless ? undefined : e.minReplicas,
      serverless: e.serverless,
      autoscaling: e.serverless
        ? undefined
        : { minCapacity: e.minReplicas, maxCapacity: e.maxReplicas },
    },
    { providers: [provider] },
  );
}

/** The budgets of `aigov:budgets` as AWS Budgets on the aigov cost allocation tags. */
export function awsBudgets(cfg: TemplateConfig, provider: aws.Provider): AwsBudgetAlarm {
  return new AwsBudgetAlarm(
    "budgets",
    { enforcement: cfg.budgetEnforcement },
    { providers: [provider] },
  );
}

/** The whole AWS stack: a registry and an endpoint per model, and the budgets. */
export function buildAws(cfg: TemplateConfig) {
  const provider = awsProvider(cfg);
  const models = cfg.models.map((m) => {
    const ref = awsRegistry(m, provider);
    const endpoint = m.endpoint ? awsEndpoint(m, ref, provider) : undefined;
    return {
      assetId: m.assetId,
      modelPackageGroup: ref.registry.modelPackageGroupName,
      artifactBucket: ref.registry.bucketName,
      imageRepository: ref.registry.repositoryUrl,
      endpoint: endpoint?.endpointName,
    };
  });
  const budgets = awsBudgets(cfg, provider);
  return { models, budgets: budgets.budgetNames };
}
