// A governed namespace and one inference service per serving path: a Deployment scaled by an HPA
// on GKE spot nodes, one scaled by KEDA on Karpenter spot nodes with on-demand fallback, and a
// KServe InferenceService.
import {
  K8sAutoscaler,
  K8sCapacityPreset,
  K8sPlatform,
  K8sInferenceService,
  K8sKServeDeploymentMode,
  K8sTeamNamespace,
  Stage,
} from "aigov";

const team = new K8sTeamNamespace("platform-ml", {
  metadata: { assetId: "platform-ml-serving", stage: Stage.Staging },
  namespaceName: "platform-ml",
  quota: { gpus: 8, cpuRequests: "64", memoryRequests: "256Gi", memoryLimits: "320Gi" },
});

const hpa = new K8sInferenceService("ranker", {
  namespace: team.namespaceName,
  metadata: {
    assetId: "ranker",
    stage: Stage.Staging,
    trainingDataLicense: ["proprietary"],
    modelRegistry: "ranker-models",
  },
  image: "ghcr.io/example/ranker:1.4.0",
  port: 8080,
  resources: { cpu: "2", memory: "8Gi", gpus: 1 },
  platform: K8sPlatform.Gke,
  capacityPreset: K8sCapacityPreset.Spot,
  minReplicas: 2,
  maxReplicas: 6,
  autoscaler: K8sAutoscaler.Hpa,
  cpuUtilizationTarget: 70,
});

const keda = new K8sInferenceService("assistant", {
  namespace: team.namespaceName,
  metadata: {
    assetId: "assistant",
    stage: Stage.Staging,
    trainingDataLicense: ["apache-2.0"],
    modelRegistry: "assistant-models",
  },
  image: "vllm/vllm-openai:v0.6.3",
  args: ["--model", "mistralai/Mistral-7B-Instruct-v0.3"],
  port: 8000,
  resources: { cpu: "4", memory: "24Gi", gpus: 1 },
  writablePaths: ["/tmp"],
  platform: K8sPlatform.Karpenter,
  capacityPreset: K8sCapacityPreset.SpotWithOnDemandFallback,
  minReplicas: 2,
  maxReplicas: 4,
  autoscaler: K8sAutoscaler.Keda,
  keda: {
    prometheusServerAddress: "http://prometheus.monitoring:9090",
    query: 'sum(vllm:num_requests_running{namespace="platform-ml"})',
    threshold: "4",
  },
});

const kserve = new K8sInferenceService("churn", {
  namespace: team.namespaceName,
  metadata: {
    assetId: "churn",
    stage: Stage.Staging,
    trainingDataLicense: ["proprietary"],
    modelRegistry: "churn-models",
  },
  platform: K8sPlatform.Gke,
  capacityPreset: K8sCapacityPreset.OnDemand,
  minReplicas: 2,
  maxReplicas: 3,
  kserve: {
    storageUri: "gs://example-models/churn/v3",
    modelFormat: "sklearn",
    deploymentMode: K8sKServeDeploymentMode.RawDeployment,
  },
});

export const namespace = team.namespaceName;
export const workloads = [hpa.workloadName, keda.workloadName, kserve.workloadName];
