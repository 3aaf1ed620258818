"use strict";
// The portfolio declared with the aigov components: each asset is a registry (with archival), an
// endpoint with autoscaling and a team budget. `assets` comes from bench/portfolio.js.
const aigov = require("aigov");

const BILLING_ACCOUNT = "012345-6789AB-CDEF01";
const GCP_PROJECT = "acme-ml";

function metadata(a) {
  const production = a.stage === "production";
  return {
    assetId: a.id,
    owner: `${a.team}-lead@example.com`,
    team: a.team,
    costCenter: a.costCenter,
    stage: a.stage,
    dataClassification: a.dataClassification,
    trainingDataLicense: ["proprietary"],
    modelRegistry: `${a.id}-registry`,
    ...(production && {
      modelCard: `https://models.example.com/${a.id}`,
      evalStatus: "passed",
      evalBenchmarks: ["accuracy"],
    }),
  };
}

function budget(a) {
  return {
    name: `${a.id}-budget`,
    monthlyLimitUsd: a.teamBudgetUsd,
    emails: [`finops-${a.team}@example.com`],
  };
}

function awsRegistry(a, meta) {
  return new aigov.AwsModelRegistry(`${a.id}-registry`, {
    metadata: { ...meta, assetId: `${a.id}-registry` },
    archival: { glacierInstantRetrievalAfterDays: 60 },
  });
}

function awsBudget(a, meta) {
  const b = budget(a);
  new aigov.AwsBudgetAlarm(`${a.id}-budget`, {
    accountId: "123456789012",
    activateCostAllocationTags: false,
    metadata: { team: a.team, costCenter: a.costCenter, owner: meta.owner },
    budgets: [
      {
        name: b.name,
        monthlyLimitUsd: b.monthlyLimitUsd,
        scope: { team: a.team },
        notify: { emails: b.emails },
      },
    ],
  });
}

function gcpRegistry(a, meta) {
  new aigov.GcpModelRegistry(`${a.id}-registry`, {
    location: "europe-west4",
    project: GCP_PROJECT,
    metadata: { ...meta, assetId: `${a.id}-registry` },
    archival: { archiveAfterDays: 180 },
  });
}

function gcpBudget(a) {
  const b = budget(a);
  new aigov.GcpBudgetAlarm(`${a.id}-budget`, {
    billingAccount: BILLING_ACCOUNT,
    project: GCP_PROJECT,
    budgets: [{ name: b.name, monthlyLimitUsd: b.monthlyLimitUsd, team: a.team, emails: b.emails }],
  });
}

function awsAsset(a) {
  const meta = metadata(a);
  const registry = awsRegistry(a, meta);
  new aigov.AwsInferenceEndpoint(`${a.id}-endpoint`, {
    metadata: meta,
    image: registry.repositoryUrl.apply((url) => `${url}:1.0.0`),
    modelDataUrl: registry.bucketName.apply((b) => `s3://${b}/models/${a.id}/1.0.0/model.tar.gz`),
    registry: {
      assetId: `${a.id}-registry`,
      bucketArn: registry.bucketArn,
      kmsKeyArn: registry.kmsKeyArn,
      repositoryArn: registry.repositoryArn,
    },
    instanceType: "ml.c5.xlarge",
    instanceCount: a.stage === "production" ? 2 : 1,
    autoscaling: { maxCapacity: 4 },
  });
  awsBudget(a, meta);
}

function gcpAsset(a) {
  const meta = metadata(a);
  gcpRegistry(a, meta);
  new aigov.GcpInferenceEndpoint(`${a.id}-endpoint`, {
    location: "europe-west4",
    project: GCP_PROJECT,
    metadata: meta,
    sharedPool: true,
    machineType: "n1-standard-8",
    minReplicas: a.stage === "production" ? 2 : 1,
    maxReplicas: 4,
  });
  gcpBudget(a);
}

/** A model served on an EKS or GKE cluster: registry and budget on the cluster's cloud. */
function k8sAsset(a) {
  const meta = metadata(a);
  const onAws = a.cluster === "eks";
  if (onAws) {
    awsRegistry(a, meta);
    awsBudget(a, meta);
  } else {
    gcpRegistry(a, meta);
    gcpBudget(a);
  }
  const ns = new aigov.K8sTeamNamespace(`${a.id}-ns`, {
    metadata: { ...meta, assetId: `${a.id}-ns` },
    quota: { gpus: 4 },
  });
  new aigov.K8sInferenceService(`${a.id}-endpoint`, {
    namespace: ns.namespaceName,
    metadata: meta,
    image: "vllm/vllm-openai:v0.6.3",
    resources: { cpu: "4", memory: "16Gi", gpus: 1 },
    platform: onAws ? "karpenter" : "gke",
    capacityPreset: a.stage === "production" ? "onDemand" : "spot",
    minReplicas: 2,
    maxReplicas: 4,
  });
}

const DECLARE = { aws: awsAsset, gcp: gcpAsset, k8s: k8sAsset };

/** Declares every asset of the portfolio. */
module.exports = function declarePortfolio(assets) {
  for (const a of assets) {
    DECLARE[a.cloud](a);
  }
};
