/** Resource fixtures for the policy-pack tests: compliant AI resources on each cloud. */
import {
  PartialMetadata,
  TYPES,
  encodeAwsTags,
  encodeGcpLabels,
  encodeK8sMetadata,
} from "aigov/sdk";
import { ResourceSpec, UNKNOWN_VALUE, urnOf } from "./harness";

/** Metadata that satisfies every policy for a production asset. */
export const META: PartialMetadata = {
  assetId: "fraud-scorer",
  owner: "jane.doe@example.com",
  team: "risk-ml",
  costCenter: "FIN-1234",
  stage: "production",
  dataClassification: "confidential",
  riskTier: "high",
  modelCard: "https://models.example.com/fraud-scorer/card",
  evalStatus: "passed",
  evalBenchmarks: ["accuracy", "toxicity"],
  evalReport: "https://models.example.com/fraud-scorer/eval",
  trainingDataLicense: ["apache-2.0", "cc-by-4.0"],
  containsPii: false,
  modelRegistry: "fraud-registry",
};

/** `META` with changes; `undefined` removes a field. */
export function meta(
  changes: Partial<Record<keyof PartialMetadata, unknown>> = {},
): PartialMetadata {
  const out: Record<string, unknown> = { ...META, ...changes };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as PartialMetadata;
}

/** AWS tags of `m`, plus an unrelated tag. */
export const awsTags = (m: PartialMetadata = META) => ({ Name: "x", ...encodeAwsTags(m) });
/** GCP labels of `m`. */
export const gcpLabels = (m: PartialMetadata = META) => ({ env: "x", ...encodeGcpLabels(m) });

type Props = Record<string, unknown>;

function spec(type: string, name: string, props: Props): ResourceSpec {
  return { type, name, props, urn: urnOf(type, name) };
}

export const sagemakerModel = (props: Props = {}, m = META) =>
  spec(TYPES.sagemakerModel, "model", {
    executionRoleArn: "arn:aws:iam::123456789012:role/x",
    enableNetworkIsolation: true,
    tags: awsTags(m),
    ...props,
  });

export const endpointConfig = (props: Props = {}, m = META, name = "config") =>
  spec(TYPES.sagemakerEndpointConfiguration, name, {
    name: `${name}-a1b2`,
    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
    productionVariants: [
      {
        variantName: "primary",
        modelName: "model-1",
        instanceType: "ml.m5.xlarge",
        initialInstanceCount: 2,
      },
    ],
    tags: awsTags(m),
    ...props,
  });

export const endpoint = (props: Props = {}, m = META, name = "endpoint") =>
  spec(TYPES.sagemakerEndpoint, name, {
    name: `${name}-prod`,
    endpointConfigName: "config-a1b2",
    tags: awsTags(m),
    ...props,
  });

export const notebook = (props: Props = {}, m = META) =>
  spec(TYPES.sagemakerNotebookInstance, "notebook", {
    instanceType: "ml.t3.medium",
    roleArn: "arn:aws:iam::123456789012:role/x",
    directInternetAccess: "Disabled",
    rootAccess: "Disabled",
    subnetId: "subnet-1",
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
    tags: awsTags(m),
    ...props,
  });

export const vertexEndpoint = (props: Props = {}, m = META) =>
  spec(TYPES.vertexEndpoint, "vertex-endpoint", {
    name: "fraud-scorer",
    displayName: "fraud-scorer",
    location: "us-central1",
    encryptionSpec: { kmsKeyName: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k" },
    privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: ["p"] },
    labels: gcpLabels(m),
    ...props,
  });

/** Kubernetes metadata (labels + annotations) of `m` with extra labels. */
export function k8sMeta(m: PartialMetadata = META, extraLabels: Props = {}) {
  const enc = encodeK8sMetadata(m);
  return { labels: { ...extraLabels, ...enc.labels }, annotations: enc.annotations };
}

export const deployment = (
  props: Props = {},
  m = META,
  podSpec: Props = { nodeSelector: { "karpenter.sh/capacity-type": "spot" } },
  name = "server",
) => {
  const md = k8sMeta(m, { "app.kubernetes.io/name": name });
  return spec(TYPES.k8sDeployment, name, {
    metadata: { name, namespace: "ml", ...md },
    spec: {
      replicas: 2,
      selector: { matchLabels: { "app.kubernetes.io/name": name } },
      template: {
        metadata: structuredClone(md),
        spec: {
          containers: [
            { name: "server", image: "srv:1", resources: { limits: { "nvidia.com/gpu": 1 } } },
          ],
          ...podSpec,
        },
      },
    },
    ...props,
  });
};

export const inferenceService = (props: Props = {}, m = META) =>
  spec(TYPES.kserveInferenceService, "isvc", {
    apiVersion: "serving.kserve.io/v1beta1",
    kind: "InferenceService",
    metadata: { name: "fraud", namespace: "ml", ...k8sMeta(m) },
    spec: {
      predictor: { minReplicas: 2, maxReplicas: 4, model: { modelFormat: { name: "sklearn" } } },
    },
    ...props,
  });

/** Provider resources as the engine sends them (nested config as JSON strings). */
export const awsProvider = (tags: Record<string, string>) => ({
  type: "pulumi:providers:aws",
  name: "default_7_48_0",
  props: { region: "us-east-1", defaultTags: JSON.stringify({ tags }) },
});
export const gcpProvider = (labels: Record<string, string>) => ({
  type: "pulumi:providers:gcp",
  name: "default_9_37_0",
  props: { project: "p", defaultLabels: JSON.stringify(labels) },
});

/** Options of the stack builders. */
export interface StackOptions {
  /** Link sidecars by `propertyDependencies` (as the engine does); false = values only (stack export). */
  deps?: boolean;
  /** Make the referenced names unknown (auto-named resources during preview). */
  unknownNames?: boolean;
}

function link(r: ResourceSpec, prop: string, target: ResourceSpec, o: StackOptions): ResourceSpec {
  if (o.deps === false) return r;
  return {
    ...r,
    dependencies: [...(r.dependencies ?? []), target.urn!],
    propertyDependencies: { ...(r.propertyDependencies ?? {}), [prop]: [target.urn!] },
  };
}

/** Metadata of the model registry asset that `META` names as its `modelRegistry`. */
export const REGISTRY = meta({ assetId: "fraud-registry", modelRegistry: undefined });

/** A governed S3 artifact bucket with all its sidecars, as the AWS registry component creates it. */
export function s3ArtifactStack(
  o: StackOptions = {},
  m: PartialMetadata = REGISTRY,
  name = "artifacts",
) {
  const bucketName = o.unknownNames ? UNKNOWN_VALUE : `${name}-a1b2c3`;
  const bucket = spec("aws:s3/bucket:Bucket", name, {
    bucket: bucketName,
    bucketPrefix: `${name}-`,
    tags: awsTags(m),
    tagsAll: awsTags(m),
    forceDestroy: false,
  });
  const side = (type: string, suffix: string, props: Props) =>
    link(spec(type, `${name}-${suffix}`, { bucket: bucketName, ...props }), "bucket", bucket, o);
  return [
    bucket,
    side(TYPES.s3PublicAccessBlock, "pab", {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }),
    side(TYPES.s3Versioning, "versioning", { versioningConfiguration: { status: "Enabled" } }),
    side(TYPES.s3Encryption, "sse", {
      rules: [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: "aws:kms",
            kmsMasterKeyId: "arn:aws:kms:k",
          },
          bucketKeyEnabled: true,
        },
      ],
    }),
    side(TYPES.s3Lifecycle, "lifecycle", {
      rules: [
        {
          id: "archive",
          status: "Enabled",
          filter: {},
          transitions: [{ days: 90, storageClass: "GLACIER" }],
        },
      ],
    }),
  ];
}

/** A governed ECR repository with its lifecycle policy. */
export function ecrStack(o: StackOptions = {}, m: PartialMetadata = REGISTRY) {
  const repoName = o.unknownNames ? UNKNOWN_VALUE : "risk-ml-fraud-registry";
  const repo = spec(TYPES.ecrRepository, "images", { name: repoName, tags: awsTags(m) });
  const policy = link(
    spec(TYPES.ecrLifecyclePolicy, "images-lifecycle", { repository: repoName, policy: "{}" }),
    "repository",
    repo,
    o,
  );
  return [repo, policy];
}

/** A governed SageMaker model package group (the registry). */
export const modelPackageGroup = (m: PartialMetadata = REGISTRY) =>
  spec(TYPES.sagemakerModelPackageGroup, "group", {
    modelPackageGroupName: "fraud",
    tags: awsTags(m),
  });

/** A governed SageMaker endpoint: model, configuration, endpoint and its autoscaling target. */
export function sagemakerEndpointStack(
  o: StackOptions = {},
  m: PartialMetadata = META,
  name = "ep",
) {
  const configName = o.unknownNames ? UNKNOWN_VALUE : `${name}-config-a1b2`;
  const epName = o.unknownNames ? UNKNOWN_VALUE : `${name}-prod`;
  const model = sagemakerModel({}, m);
  const config = endpointConfig({ name: configName }, m, `${name}-config`);
  const ep = link(
    endpoint({ name: epName, endpointConfigName: configName }, m, `${name}-endpoint`),
    "endpointConfigName",
    config,
    o,
  );
  const resourceId = o.unknownNames ? UNKNOWN_VALUE : `endpoint/${epName}/variant/primary`;
  const target = link(
    spec(TYPES.appAutoscalingTarget, `${name}-target`, {
      serviceNamespace: "sagemaker",
      resourceId,
      scalableDimension: "sagemaker:variant:DesiredInstanceCount",
      minCapacity: 2,
      maxCapacity: 4,
    }),
    "resourceId",
    ep,
    o,
  );
  return { model, config, endpoint: ep, target, all: [model, config, ep, target] };
}

/** An AWS budget for a team (TagKeyValue cost filter). */
export const awsBudget = (team = "risk-ml", limit = "5000.00", name = "risk-ml-monthly") =>
  spec(TYPES.awsBudget, name, {
    name,
    budgetType: "COST",
    timeUnit: "MONTHLY",
    limitAmount: limit,
    limitUnit: "USD",
    costFilters: [{ name: "TagKeyValue", values: [`user:aigov:team$${team}`] }],
  });

/** A GCP budget for a team (`budgetFilter.labels`). */
export const gcpBudget = (team = "risk-ml", units = "5000") =>
  spec(TYPES.gcpBudget, "gcp-budget", {
    displayName: "risk-ml",
    billingAccount: "000000-000000-000000",
    amount: { specifiedAmount: { currencyCode: "USD", units } },
    budgetFilter: { labels: { "aigov-team": team } },
  });

/** A governed GCS artifact bucket as the GCP registry component creates it. */
export const gcsBucket = (props: object = {}) => ({
  type: "gcp:storage/bucket:Bucket",
  name: "gcs",
  urn: "urn:pulumi:test::aigov-test::gcp:storage/bucket:Bucket::gcs",
  props: {
    name: "risk-ml-fraud-registry-prod-artifacts",
    labels: gcpLabels(REGISTRY),
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    versioning: { enabled: true },
    lifecycleRules: [
      { action: { type: "SetStorageClass", storageClass: "ARCHIVE" }, condition: { age: 90 } },
    ],
    forceDestroy: false,
    ...props,
  },
});

/** A governed Artifact Registry repository with cleanup policies. */
export const arRepo = (props: object = {}) => ({
  type: "gcp:artifactregistry/repository:Repository",
  name: "ar",
  urn: "urn:pulumi:test::aigov-test::gcp:artifactregistry/repository:Repository::ar",
  props: {
    repositoryId: "images",
    format: "DOCKER",
    labels: gcpLabels(REGISTRY),
    cleanupPolicies: [{ id: "keep", action: "KEEP", mostRecentVersions: { keepCount: 10 } }],
    ...props,
  },
});

/** An HPA for a Deployment, linked by dependencies unless `linked` is false. */
export const hpa = (target: ResourceSpec, linked = true, name = "server"): ResourceSpec => ({
  type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  name: `${name}-hpa`,
  urn: urnOf("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", `${name}-hpa`),
  props: {
    metadata: { name, namespace: "ml" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      minReplicas: 2,
      maxReplicas: 4,
    },
  },
  ...(linked ? { dependencies: [target.urn!], propertyDependencies: { spec: [target.urn!] } } : {}),
});

/** A Vertex AI deployment resource pool. */
export const pool = (dedicatedResources: object) => ({
  type: "gcp:vertex/aiDeploymentResourcePool:AiDeploymentResourcePool",
  name: "pool",
  urn: urnOf("gcp:vertex/aiDeploymentResourcePool:AiDeploymentResourcePool", "pool"),
  props: {
    name: "pool",
    region: "us-central1",
    dedicatedResources: { machineSpec: { machineType: "n1-standard-4" }, ...dedicatedResources },
  },
});

/** Sets (or, with `undefined`, deletes) the prop at `path` of a fixture, in place; returns it. */
export function edit<T extends ResourceSpec>(r: T, path: (string | number)[], value: unknown): T {
  let cur = r.props as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) cur = cur[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return r;
}
