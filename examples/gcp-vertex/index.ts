// A governed Vertex AI registry with its production endpoint, a Model Garden model in staging on
// spot VMs, and billing budgets. Owner, team, cost center and data classification come from the
// stack config `aigov:defaults`; the budgets from `aigov:budgets`.
import * as pulumi from "@pulumi/pulumi";
import {
  DataClassification,
  EvalStatus,
  GcpBudgetAlarm,
  GcpEndpointNetworking,
  GcpInferenceEndpoint,
  GcpModelRegistry,
  RiskTier,
  Stage,
} from "aigov";

const config = new pulumi.Config();
const gcpConfig = new pulumi.Config("gcp");
const location = gcpConfig.require("region");
const project = gcpConfig.require("project");

// Artifacts, images and lineage of the fraud model family, encrypted with a registry key.
const registry = new GcpModelRegistry("fraud-registry", {
  location,
  project,
  metadata: {
    assetId: "fraud-registry",
    stage: Stage.Production,
    riskTier: RiskTier.High,
    trainingDataLicense: ["proprietary"],
  },
  archival: { archiveAfterDays: 180, noncurrentVersionDays: 30, keepNewerVersions: 5 },
  imageCleanup: { keepRecent: 20, deleteUntaggedAfterDays: 7 },
  evidenceRetention: { retentionDays: 3650 },
});

// Production: a CMEK endpoint on Private Service Connect backed by a shared pool of two or more
// replicas; the training pipeline deploys model versions onto it.
const scorer = new GcpInferenceEndpoint("fraud-scorer", {
  location,
  project,
  metadata: {
    assetId: "fraud-scorer",
    stage: Stage.Production,
    modelCard: "https://models.example.com/fraud-scorer",
    evalStatus: EvalStatus.Passed,
    evalBenchmarks: ["auc", "fairness"],
    trainingDataLicense: ["proprietary"],
    modelRegistry: "fraud-registry",
  },
  networking: GcpEndpointNetworking.PrivateServiceConnect,
  sharedPool: true,
  machineType: "n1-standard-8",
  minReplicas: 2,
  maxReplicas: 6,
  cpuUtilizationTarget: 65,
  deletionProtection: true,
});

// Staging: an open model from Model Garden on spot VMs (the default for Model Garden outside
// production), for internal data only.
const assistant = new GcpInferenceEndpoint("assistant", {
  location,
  project,
  metadata: {
    assetId: "support-assistant",
    stage: Stage.Staging,
    dataClassification: DataClassification.Internal,
    trainingDataLicense: ["gemma"],
  },
  modelGarden: {
    publisherModelName: "publishers/google/models/gemma2@gemma-2-9b-it",
    acceptEula: true,
  },
  machineType: "g2-standard-8",
  acceleratorType: "NVIDIA_L4",
  acceleratorCount: 1,
  minReplicas: 1,
  maxReplicas: 3,
});

const budgets = new GcpBudgetAlarm("ai-budgets", {
  billingAccount: config.require("billingAccount"),
  project,
});

export const artifactBucket = registry.bucketUrl;
export const imageRepository = registry.repositoryUrl;
export const scorerEndpoint = scorer.endpointId;
export const assistantEndpoint = assistant.endpointId;
export const assistantOnSpot = assistant.spot;
export const budgetIds = budgets.budgetIds;
