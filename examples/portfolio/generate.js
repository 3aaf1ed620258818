"use strict";
// Writes the example portfolio: four `pulumi stack export` files of three teams' stacks on AWS,
// GCP and Kubernetes, on which `aigov portfolio` shows every cross-stack finding.
// Usage: node examples/portfolio/generate.js [DIR]   (default: rewrites examples/portfolio/exports)
const fs = require("fs");
const path = require("path");

const TIME = "2026-11-20T09:58:02.118342Z";

/** GCP label value encoding (contract §1). */
const gcpValue = (v) =>
  v
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "_")
    .slice(0, 63);

const encoders = {
  aws: (meta) => Object.fromEntries(Object.entries(meta).map(([k, v]) => [`aigov:${k}`, v])),
  gcp: (meta) =>
    Object.fromEntries(Object.entries(meta).map(([k, v]) => [`aigov-${k}`, gcpValue(v)])),
  k8s: (meta) => Object.fromEntries(Object.entries(meta).map(([k, v]) => [`aigov.dev/${k}`, v])),
};

class Stack {
  constructor(project, stack) {
    this.project = project;
    this.stack = stack;
    this.resources = [];
    this.root = this.add("pulumi:pulumi:Stack", `${project}-${stack}`, { custom: false });
    this.providers = {};
  }

  urn(type, name) {
    return `urn:pulumi:${this.stack}::${this.project}::${type}::${name}`;
  }

  provider(pkg, inputs) {
    const r = this.add(`pulumi:providers:${pkg}`, "default", { inputs, outputs: inputs });
    this.providers[pkg] = `${r.urn}::${r.id}`;
  }

  add(type, name, options = {}) {
    const { custom = true, inputs = {}, outputs, deps = [], propertyDependencies = {} } = options;
    const urn = this.urn(type, name);
    const pkg = type.split(":")[0];
    const r = {
      urn,
      custom,
      ...(custom ? { id: `${name}-${this.resources.length.toString(16).padStart(4, "0")}` } : {}),
      type,
      inputs,
      outputs: outputs ?? inputs,
      ...(this.root ? { parent: this.root.urn } : {}),
      ...(custom && this.providers[pkg] ? { provider: this.providers[pkg] } : {}),
      ...(deps.length ? { dependencies: deps } : {}),
      ...(Object.keys(propertyDependencies).length ? { propertyDependencies } : {}),
      created: TIME,
      modified: TIME,
    };
    this.resources.push(r);
    return r;
  }

  /** An AWS resource with aigov tags (and `tagsAll` in its outputs, as the provider writes). */
  aws(type, name, props, meta, extraOutputs = {}) {
    const tags = encoders.aws(meta);
    return this.add(type, name, {
      inputs: { ...props, tags },
      outputs: { ...props, ...extraOutputs, tags, tagsAll: tags },
    });
  }

  /** A GCP resource with aigov labels (and `effectiveLabels` in its outputs). */
  gcp(type, name, props, meta, extraOutputs = {}) {
    const labels = encoders.gcp(meta);
    return this.add(type, name, {
      inputs: { ...props, labels },
      outputs: {
        ...props,
        ...extraOutputs,
        labels,
        effectiveLabels: { ...labels, "goog-pulumi-provisioned": "true" },
      },
    });
  }

  /** Writes the stack as `pulumi stack export` does. */
  write(file) {
    const doc = {
      version: 3,
      deployment: {
        manifest: { time: TIME, magic: "", version: "v3.248.0" },
        secrets_providers: { type: "passphrase" },
        resources: this.resources,
      },
    };
    fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  }
}

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/0d3c2f0e-5b7a-4c1e-9a0b-2f6f1b3c4d5e";
const ROLE = "arn:aws:iam::111122223333:role/sagemaker-execution";

/** A SageMaker model, endpoint configuration and endpoint of one asset. */
function sagemakerEndpoint(s, id, meta, { instanceType = "ml.g5.xlarge", count = 2 } = {}) {
  const model = s.aws(
    "aws:sagemaker/model:Model",
    `${id}-model`,
    {
      name: `${id}-model`,
      executionRoleArn: ROLE,
      enableNetworkIsolation: true,
      primaryContainer: {
        image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/${id}:1`,
        modelDataUrl: `s3://models/${id}/model.tar.gz`,
      },
    },
    meta,
  );
  const config = s.aws(
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
    `${id}-config`,
    {
      name: `${id}-config`,
      kmsKeyArn: KEY,
      productionVariants: [
        {
          variantName: "main",
          modelName: `${id}-model`,
          instanceType,
          initialInstanceCount: count,
        },
      ],
    },
    meta,
  );
  config.dependencies = [model.urn];
  config.propertyDependencies = { productionVariants: [model.urn] };
  const endpoint = s.aws(
    "aws:sagemaker/endpoint:Endpoint",
    id,
    { name: id, endpointConfigName: `${id}-config` },
    meta,
  );
  endpoint.dependencies = [config.urn];
  endpoint.propertyDependencies = { endpointConfigName: [config.urn] };
  return endpoint;
}

/** An AWS budget on a team's tag. */
function awsBudget(s, team, limit) {
  s.add("aws:budgets/budget:Budget", `${team}-budget`, {
    inputs: {
      name: `${team}-ai`,
      budgetType: "COST",
      limitAmount: String(limit),
      limitUnit: "USD",
      timeUnit: "MONTHLY",
      costFilters: [{ name: "TagKeyValue", values: [`user:aigov:team$${team}`] }],
    },
  });
}

/** A Bedrock fine-tune (adapter) with its lineage keys. */
function customModel(s, id, meta, base, datasets) {
  return s.aws(
    "aws:bedrock/customModel:CustomModel",
    id,
    {
      customModelName: id,
      baseModelIdentifier: `arn:aws:bedrock:eu-west-1::foundation-model/${base}`,
      customizationType: "FINE_TUNING",
      roleArn: ROLE,
      customModelKmsKeyId: KEY,
      trainingDataConfig: { s3Uri: `s3://datasets/${datasets}/train.jsonl` },
      outputDataConfig: { s3Uri: `s3://models/${id}/` },
    },
    { ...meta, "base-model": base, "source-datasets": datasets },
  );
}

const person = (name) => `${name}@example.com`;

// 1. fraud-platform/prod (AWS): the risk team's registry and endpoints, and a fine-tune.
function fraudPlatform() {
  const s = new Stack("fraud-platform", "prod");
  s.provider("aws", { region: "eu-west-1", version: "7.48.0" });
  const risk = {
    owner: person("ana.ruiz"),
    team: "risk-ml",
    "cost-center": "RISK-1001",
    "data-classification": "confidential",
    "risk-tier": "high",
    "training-data-license": "apache-2.0",
  };
  s.aws(
    "aws:sagemaker/modelPackageGroup:ModelPackageGroup",
    "fraud-registry",
    { modelPackageGroupName: "fraud-registry" },
    { ...risk, "asset-id": "fraud-registry", stage: "production" },
  );
  // Governed and in order: the model card, evaluation and registry are all there.
  sagemakerEndpoint(s, "fraud-scoring", {
    ...risk,
    "asset-id": "fraud-scoring",
    stage: "production",
    "model-card": "https://models.example.com/cards/fraud-scoring",
    "eval-status": "passed",
    "eval-benchmarks": "auc+fairness",
    "model-registry": "fraud-registry",
  });
  // In production without a card or a passed evaluation, from a registry in no stack.
  sagemakerEndpoint(s, "churn-api", {
    ...risk,
    "asset-id": "churn-api",
    stage: "production",
    "risk-tier": "limited",
    "eval-status": "pending",
    "model-registry": "legacy-registry",
  });
  // Deprecated with a sunset date long gone.
  sagemakerEndpoint(
    s,
    "credit-v1",
    {
      ...risk,
      "asset-id": "credit-v1",
      stage: "deprecated",
      "sunset-date": "2026-06-30",
      "model-card": "https://models.example.com/cards/credit-v1",
      "eval-status": "passed",
      "eval-benchmarks": "auc",
      "model-registry": "fraud-registry",
    },
    { instanceType: "ml.m5.xlarge", count: 1 },
  );
  awsBudget(s, "risk-ml", 9000);
  // The document team's cluster spend is budgeted here, on the AWS bill.
  awsBudget(s, "docs-ml", 3000);
  // The customer-experience team tunes the same model on the same tickets as support-ai does.
  customModel(
    s,
    "faq-tuned",
    {
      owner: person("li.wei"),
      team: "cx-analytics",
      "cost-center": "CX-2040",
      "asset-id": "faq-tuned",
      stage: "staging",
      "data-classification": "internal",
      "risk-tier": "limited",
      "training-data-license": "cc-by-4.0",
    },
    "amazon.titan-text-express-v1",
    "support-tickets",
  );
  awsBudget(s, "cx-analytics", 2000);
  return s;
}

// 2. vision/prod (GCP): the vision team's registry and endpoints, and no budget.
function vision() {
  const s = new Stack("vision", "prod");
  s.provider("gcp", { project: "acme-vision", region: "europe-west4", version: "9.37.0" });
  const team = {
    owner: person("sam.okafor"),
    team: "vision",
    "cost-center": "VIS-3300",
    "data-classification": "internal",
    "risk-tier": "limited",
    "training-data-license": "cc-by-4.0",
  };
  s.gcp(
    "gcp:storage/bucket:Bucket",
    "vision-registry",
    {
      name: "acme-vision-registry",
      location: "EU",
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      versioning: { enabled: true },
      lifecycleRules: [{ action: { type: "Delete" }, condition: { age: 365 } }],
    },
    { ...team, "asset-id": "vision-registry", stage: "production" },
  );
  const deployed = (machineType, min, max) => ({
    deployedModels: [
      {
        id: "1",
        dedicatedResources: {
          machineSpec: { machineType, acceleratorType: "NVIDIA_TESLA_T4", acceleratorCount: 1 },
          minReplicaCount: min,
          maxReplicaCount: max,
        },
      },
    ],
  });
  s.gcp(
    "gcp:vertex/aiEndpoint:AiEndpoint",
    "image-tagger",
    {
      name: "image-tagger",
      displayName: "image-tagger",
      location: "europe-west4",
      encryptionSpec: {
        kmsKeyName: "projects/acme-vision/locations/europe-west4/keyRings/ml/cryptoKeys/ml",
      },
    },
    {
      ...team,
      "asset-id": "image-tagger",
      stage: "production",
      "model-card": "https://models.example.com/cards/image-tagger",
      "eval-status": "passed",
      "eval-benchmarks": "accuracy",
      "model-registry": "vision-registry",
    },
    deployed("n1-standard-8", 2, 4),
  );
  // Retired, yet still deployed.
  s.gcp(
    "gcp:vertex/aiEndpoint:AiEndpoint",
    "ocr-legacy",
    { name: "ocr-legacy", displayName: "ocr-legacy", location: "europe-west4" },
    {
      ...team,
      "asset-id": "ocr-legacy",
      stage: "retired",
      "sunset-date": "2026-03-31",
      "model-registry": "vision-registry",
    },
    deployed("n1-standard-4", 1, 1),
  );
  // The document classifier: the vision team's, says this stack.
  s.gcp(
    "gcp:vertex/aiEndpoint:AiEndpoint",
    "doc-classifier",
    { name: "doc-classifier", displayName: "doc-classifier", location: "europe-west4" },
    {
      ...team,
      "asset-id": "doc-classifier",
      stage: "staging",
      "model-registry": "vision-registry",
    },
    deployed("n1-standard-4", 1, 2),
  );
  return s;
}

// 3. search/staging (Kubernetes on EKS): the document team's classifier, and an untagged GPU job.
function search() {
  const s = new Stack("search", "staging");
  s.provider("kubernetes", { namespace: "search", version: "4.34.2" });
  const meta = {
    "asset-id": "doc-classifier",
    owner: person("priya.nair"),
    team: "docs-ml",
    "cost-center": "DOC-4410",
    stage: "staging",
    "data-classification": "internal",
    "risk-tier": "minimal",
    "training-data-license": "apache-2.0",
    // The registry lives in the vision stack: no single stack shows that it exists.
    "model-registry": "vision-registry",
  };
  const labels = Object.fromEntries(
    ["asset-id", "team", "cost-center", "stage", "data-classification"].map((k) => [
      `aigov.dev/${k}`,
      meta[k],
    ]),
  );
  const spot = { "karpenter.sh/capacity-type": "spot" };
  s.add("kubernetes:serving.kserve.io/v1beta1:InferenceService", "doc-classifier", {
    inputs: {
      apiVersion: "serving.kserve.io/v1beta1",
      kind: "InferenceService",
      metadata: {
        name: "doc-classifier",
        namespace: "search",
        labels,
        annotations: encoders.k8s(meta),
      },
      spec: {
        predictor: {
          minReplicas: 1,
          maxReplicas: 3,
          nodeSelector: { "node.kubernetes.io/instance-type": "g5.xlarge", ...spot },
          model: {
            modelFormat: { name: "pytorch" },
            storageUri: "s3://models/doc-classifier/",
            resources: { limits: { "nvidia.com/gpu": "1" } },
          },
        },
      },
    },
  });
  // A GPU batch job nobody answers for: an asset id and nothing else.
  s.add("kubernetes:apps/v1:Deployment", "embed-batch", {
    inputs: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: "embed-batch",
        namespace: "search",
        labels: { "aigov.dev/asset-id": "embed-batch", "aigov.dev/stage": "experimental" },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "embed-batch" } },
        template: {
          metadata: { labels: { app: "embed-batch", "aigov.dev/asset-id": "embed-batch" } },
          spec: {
            nodeSelector: { "node.kubernetes.io/instance-type": "g5.2xlarge", ...spot },
            containers: [
              {
                name: "embed",
                image: "ghcr.io/acme/embed:2",
                resources: { limits: { "nvidia.com/gpu": "1" } },
              },
            ],
          },
        },
      },
    },
  });
  return s;
}

// 4. support-ai/dev (AWS): a fine-tune on data whose license nobody knows.
function supportAi() {
  const s = new Stack("support-ai", "dev");
  s.provider("aws", { region: "us-east-1", version: "7.48.0" });
  customModel(
    s,
    "support-tuned",
    {
      owner: person("jo.martin"),
      team: "support-ai",
      "cost-center": "SUP-5120",
      "asset-id": "support-tuned",
      stage: "experimental",
      "data-classification": "confidential",
      "risk-tier": "limited",
      "contains-pii": "true",
      "training-data-license": "unknown",
      "sunset-date": "2027-02-15",
    },
    "amazon.titan-text-express-v1",
    "support-tickets",
  );
  awsBudget(s, "support-ai", 1500);
  return s;
}

/** Writes the four example exports into `dir`. */
function writeExamples(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fraudPlatform().write(path.join(dir, "fraud-platform-prod.json"));
  vision().write(path.join(dir, "vision-prod.json"));
  search().write(path.join(dir, "search-staging.json"));
  supportAi().write(path.join(dir, "support-ai-dev.json"));
}

module.exports = { Stack, sagemakerEndpoint, awsBudget, customModel, writeExamples };

if (require.main === module) {
  writeExamples(path.resolve(process.argv[2] ?? path.join(__dirname, "exports")));
}
