// A governed SageMaker model registry and its production endpoint, with auto-archival of the
// artifacts and the team's monthly budget. Owner, team, cost center, data classification and risk
// tier come from the stack config `aigov:defaults`; the budgets from `aigov:budgets`.
import * as pulumi from "@pulumi/pulumi";
import {
  AwsArchiveStorageClass,
  AwsBudgetAlarm,
  AwsBudgetApproval,
  AwsInferenceEndpoint,
  AwsModelRegistry,
  AwsScalingMetric,
  EvalStatus,
  Stage,
} from "aigov";

const config = new pulumi.Config();
const imageTag = config.require("imageTag");

// The inventory entry of the model family: model package group, versioned KMS-encrypted artifact
// bucket with archival rules, ECR repository and a SageMaker model card.
const registry = new AwsModelRegistry("fraud-registry", {
  metadata: {
    assetId: "fraud-scorer",
    stage: Stage.Production,
    trainingDataLicense: ["proprietary"],
  },
  description: "Card-fraud scoring models",
  modelCard: {
    description: "Gradient-boosted trees that score card transactions for fraud.",
    intendedUses: "Real-time scoring of card payments; not for credit decisions.",
  },
  archival: {
    // Models are read by endpoints: keep them in an instant-retrieval class.
    glacierInstantRetrievalAfterDays: 60,
    scopedRules: [
      {
        id: "evaluation-evidence",
        prefix: "evidence/",
        storageClass: AwsArchiveStorageClass.DeepArchive,
        transitionAfterDays: 30,
      },
    ],
    expireUntaggedImagesAfterDays: 7,
  },
});

// The production endpoint: two instances or more, target tracking on concurrent requests, data
// capture into the registry bucket, canary deployments that roll back on 5XX errors.
const endpoint = new AwsInferenceEndpoint("fraud-api", {
  metadata: {
    assetId: "fraud-api",
    stage: Stage.Production,
    modelCard: "https://wiki.example.com/models/fraud-scorer",
    evalStatus: EvalStatus.Passed,
    evalBenchmarks: ["auc", "fairness"],
    evalReport: "https://wiki.example.com/models/fraud-scorer/eval/1.4.0",
    trainingDataLicense: ["proprietary"],
  },
  image: pulumi.interpolate`${registry.repositoryUrl}:${imageTag}`,
  modelDataUrl: pulumi.interpolate`s3://${registry.bucketName}/models/fraud-scorer/${imageTag}/model.tar.gz`,
  registry: {
    assetId: "fraud-scorer",
    bucketArn: registry.bucketArn,
    kmsKeyArn: registry.kmsKeyArn,
    repositoryArn: registry.repositoryArn,
  },
  instanceType: "ml.c5.xlarge",
  instanceCount: 2,
  autoscaling: {
    maxCapacity: 6,
    metric: AwsScalingMetric.ConcurrentRequestsPerModel,
    targetValue: 4,
    schedules: [
      {
        name: "night",
        schedule: "cron(0 20 ? * MON-FRI *)",
        minCapacity: 2,
        maxCapacity: 2,
        timezone: "Europe/Berlin",
      },
      {
        name: "day",
        schedule: "cron(0 7 ? * MON-FRI *)",
        maxCapacity: 6,
        timezone: "Europe/Berlin",
      },
    ],
  },
  dataCapture: { samplingPercentage: 25 },
});

// The team's budgets from `aigov:budgets`; at 100 % of the budget the deploy role may no longer
// create or update SageMaker endpoints (after manual approval in the AWS Budgets console).
const budgets = new AwsBudgetAlarm("ai-budgets", {
  enforcement: { approval: AwsBudgetApproval.Manual, roleNames: ["risk-ml-deployer"] },
});

export const modelPackageGroup = registry.modelPackageGroupName;
export const artifactBucket = registry.bucketName;
export const imageRepository = registry.repositoryUrl;
export const endpointName = endpoint.endpointName;
export const budgetNames = budgets.budgetNames;
