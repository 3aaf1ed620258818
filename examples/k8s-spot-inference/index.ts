// A team's governed namespace on a GPU cluster and an open-weights LLM server that runs on spot
// GPU nodes, falls back to on-demand nodes when no spot capacity is left, and is scaled by KEDA on
// the number of requests in flight (down to zero when idle). Owner, team, cost center and data
// classification come from the stack config `aigov:defaults`.
import * as pulumi from "@pulumi/pulumi";
import {
  AwsBudgetAlarm,
  K8sAutoscaler,
  K8sCapacityPreset,
  K8sInferenceService,
  K8sPlatform,
  K8sTeamNamespace,
  Stage,
} from "aigov";

const config = new pulumi.Config();
const platforms = Object.values(K8sPlatform) as string[];
const platform = config.require("platform") as K8sPlatform;
if (!platforms.includes(platform)) {
  throw new pulumi.RunError(
    `${pulumi.getProject()}:platform: expected one of ${platforms.join(", ")}, got "${platform}"`,
  );
}

// Quota of 4 GPUs, default-deny networking and the restricted Pod Security Standard.
const team = new K8sTeamNamespace("support-ml", {
  metadata: { assetId: "support-ml-serving", stage: Stage.Staging },
  namespaceName: "support-ml",
  quota: { gpus: 4, cpuRequests: "32", memoryRequests: "192Gi", memoryLimits: "256Gi" },
});

const assistant = new K8sInferenceService("assistant", {
  namespace: team.namespaceName,
  metadata: {
    assetId: "support-assistant",
    stage: Stage.Staging,
    trainingDataLicense: ["apache-2.0"],
    modelRegistry: "support-models",
  },
  image: "vllm/vllm-openai:v0.6.3",
  args: ["--model", "mistralai/Mistral-7B-Instruct-v0.3", "--max-model-len", "8192"],
  port: 8000,
  resources: { cpu: "4", memory: "24Gi", gpus: 1 },
  writablePaths: ["/tmp", "/home/vllm/.cache"],
  platform,
  // Spot nodes when there are any, on-demand nodes otherwise; at least two replicas spread over
  // nodes and zones so that one reclaimed node takes out one replica.
  capacityPreset: K8sCapacityPreset.SpotWithOnDemandFallback,
  minReplicas: 2,
  maxReplicas: 4,
  autoscaler: K8sAutoscaler.Keda,
  keda: {
    prometheusServerAddress: "http://prometheus.monitoring:9090",
    query: 'sum(vllm:num_requests_running{namespace="support-ml"})',
    threshold: "4",
    cooldownSeconds: 600,
  },
});

// The team's budget from `aigov:budgets`: on EKS, the GPU nodes that Karpenter launches for the
// team carry the `aigov:team` tag (EC2NodeClass tags), so their cost lands in this budget.
const budgets = new AwsBudgetAlarm("team-budget", {});

export const namespace = team.namespaceName;
export const assistantUrl = assistant.url;
export const capacityPreset = assistant.capacityPreset;
export const budgetNames = budgets.budgetNames;
