// The governed assets of a retrieval-augmented LLM application: the LLM served from Model Garden,
// the bucket the embedding pipeline writes to, and the Vertex AI Vector Search index with its
// private endpoint. aigov has no component for buckets and indexes; they are raw resources that
// carry the aigov labels (encodeGcpLabels) and meet the policies themselves, which the `aigov`
// policy pack checks like any other AI resource.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { EvalStatus, GcpBudgetAlarm, GcpInferenceEndpoint, RiskTier, Stage } from "aigov";
import { encodeGcpLabels, parseStackConfig, type ConfigKey } from "aigov/sdk";

const config = new pulumi.Config();
const gcpConfig = new pulumi.Config("gcp");
const project = gcpConfig.require("project");
const region = gcpConfig.require("region");
const aigovConfig = new pulumi.Config("aigov");
const { defaults } = parseStackConfig((key: ConfigKey) => aigovConfig.get(key));

/** The labels of one asset: the stack's `aigov:defaults` plus what is specific to the asset. */
function labels(assetId: string, extra: { modelRegistry?: string } = {}) {
  return encodeGcpLabels({
    ...defaults,
    assetId,
    stage: Stage.Production,
    ...extra,
  });
}

// 1. The LLM: an open model on dedicated GPUs, two replicas or more in production.
const llm = new GcpInferenceEndpoint("llm", {
  location: region,
  project,
  metadata: {
    assetId: "assistant-llm",
    stage: Stage.Production,
    riskTier: RiskTier.Limited,
    modelCard: "https://ai.google.dev/gemma/docs/model_card_2",
    evalStatus: EvalStatus.Passed,
    evalBenchmarks: ["groundedness", "toxicity"],
    evalReport: "https://wiki.example.com/assistant/evals/2025-06",
    trainingDataLicense: ["gemma"],
  },
  modelGarden: {
    publisherModelName: "publishers/google/models/gemma2@gemma-2-27b-it",
    acceptEula: true,
  },
  machineType: "g2-standard-24",
  acceleratorType: "NVIDIA_L4",
  acceleratorCount: 2,
  minReplicas: 2,
  maxReplicas: 4,
});

// 2. A customer-managed key for the embeddings and the index (policy aigov-encryption-at-rest).
const projectNumber = gcp.organizations.getProjectOutput({ projectId: project }).number;
const keyRing = new gcp.kms.KeyRing("rag-keys", { location: region, project });
const key = new gcp.kms.CryptoKey("rag-key", {
  keyRing: keyRing.id,
  rotationPeriod: "7776000s",
  labels: labels("assistant-rag"),
});
const agents = {
  storage: pulumi.interpolate`serviceAccount:service-${projectNumber}@gs-project-accounts.iam.gserviceaccount.com`,
  vertex: pulumi.interpolate`serviceAccount:service-${projectNumber}@gcp-sa-aiplatform.iam.gserviceaccount.com`,
};
const grants = Object.entries(agents).map(
  ([agent, member]) =>
    new gcp.kms.CryptoKeyIAMMember(`rag-key-${agent}`, {
      cryptoKeyId: key.id,
      role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
      member,
    }),
);

// 3. The embeddings: private, versioned, encrypted, archived after 90 days, old versions deleted
// (policies aigov-artifact-store-protection and aigov-archival-rule).
const embeddings = new gcp.storage.Bucket(
  "embeddings",
  {
    location: region.toUpperCase(),
    project,
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    versioning: { enabled: true },
    encryption: { defaultKmsKeyName: key.id },
    softDeletePolicy: { retentionDurationSeconds: 30 * 24 * 3600 },
    lifecycleRules: [
      { action: { type: "SetStorageClass", storageClass: "ARCHIVE" }, condition: { age: 90 } },
      {
        action: { type: "Delete" },
        condition: { daysSinceNoncurrentTime: 30, numNewerVersions: 3, withState: "ARCHIVED" },
      },
      { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: 7 } },
    ],
    labels: labels("assistant-rag"),
  },
  { dependsOn: grants, protect: true },
);

// 4. The vector index over the embeddings, updated in streaming mode, and its private endpoint.
const index = new gcp.vertex.AiIndex(
  "knowledge-index",
  {
    displayName: "assistant-knowledge",
    region,
    project,
    indexUpdateMethod: "STREAM_UPDATE",
    metadata: {
      contentsDeltaUri: pulumi.interpolate`${embeddings.url}/index/`,
      config: {
        dimensions: config.requireNumber("embeddingDimensions"),
        approximateNeighborsCount: 150,
        distanceMeasureType: "DOT_PRODUCT_DISTANCE",
        shardSize: "SHARD_SIZE_SMALL",
        algorithmConfig: {
          treeAhConfig: { leafNodeEmbeddingCount: 500, leafNodesToSearchPercent: 7 },
        },
      },
    },
    encryptionSpec: { kmsKeyName: key.id },
    labels: labels("assistant-rag"),
  },
  { dependsOn: grants },
);

const indexEndpoint = new gcp.vertex.AiIndexEndpoint(
  "knowledge-endpoint",
  {
    displayName: "assistant-knowledge",
    region,
    project,
    privateServiceConnectConfig: {
      enablePrivateServiceConnect: true,
      projectAllowlists: [project],
    },
    encryptionSpec: { kmsKeyName: key.id },
    labels: labels("assistant-retrieval", { modelRegistry: "assistant-rag" }),
  },
  { dependsOn: grants },
);

new gcp.vertex.AiIndexEndpointDeployedIndex("knowledge-deployed", {
  indexEndpoint: indexEndpoint.id,
  index: index.id,
  deployedIndexId: "assistant_knowledge_v1",
  region,
  automaticResources: { minReplicaCount: 2, maxReplicaCount: 4 },
});

// 5. The team's budget from `aigov:budgets`.
new GcpBudgetAlarm("budget", { billingAccount: config.require("billingAccount"), project });

export const llmEndpoint = llm.endpointId;
export const embeddingsBucket = embeddings.url;
export const indexId = index.id;
export const indexEndpointId = indexEndpoint.id;
