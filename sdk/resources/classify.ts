/**
 * Which resources are AI resources, serving resources, deployable model resources and model
 * resources (docs/contract.md §2), and which of them can carry tags or labels.
 */
import { K8S_KEY_PREFIX } from "../encodings/k8s";
import { hasOwnAigovMetadata, podTemplatePath } from "./metadata";
import { TYPES, cloudOf } from "./types";
import { asArray, asObject, at } from "./unknown";

/** Options of the classifiers. */
export interface ClassifyOptions {
  /** Extra AI resource types (exact tokens, or a prefix ending in `*` such as `aws:comprehend/*`). */
  extraResourceTypes?: readonly string[];
}

const sagemaker = (name: string) =>
  `aws:sagemaker/${name[0].toLowerCase()}${name.slice(1)}:${name}`;

/** SageMaker types that serve, store, train or document models and take `tags`. */
const SAGEMAKER_TAGGABLE = [
  "Model",
  "EndpointConfiguration",
  "Endpoint",
  "ModelPackageGroup",
  "ModelCard",
  "NotebookInstance",
  "Domain",
  "Space",
  "TrainingJob",
  "HyperParameterTuningJob",
  "MlflowTrackingServer",
  "MlflowApp",
  "Hub",
  "Pipeline",
  "MonitoringSchedule",
  "DataQualityJobDefinition",
  "FeatureGroup",
].map(sagemaker);

/** AI types that have no tags/labels field: never required to carry metadata themselves. */
const UNTAGGABLE_AI_TYPES: ReadonlySet<string> = new Set([
  TYPES.sagemakerModelPackageGroupPolicy,
  sagemaker("ModelCardExportJob"),
  TYPES.vertexMetadataStore,
  TYPES.vertexDeploymentResourcePool,
  TYPES.vertexModelGardenDeployment,
]);

/** Vertex AI types with a `labels` field (every other `gcp:vertex/*` type has none). */
const VERTEX_TAGGABLE = [
  "AiDataset",
  "AiEndpoint",
  "AiEvaluationMetric",
  "AiFeatureGroup",
  "AiFeatureGroupFeature",
  "AiFeatureOnlineStore",
  "AiFeatureOnlineStoreFeatureview",
  "AiFeatureStore",
  "AiFeatureStoreEntityType",
  "AiFeatureStoreEntityTypeFeature",
  "AiIndex",
  "AiIndexEndpoint",
  "AiPersistentResource",
  "AiReasoningEngine",
  "AiTensorboard",
  "AiTensorboardExperiment",
  "AiTensorboardRun",
].map((n) => `gcp:vertex/${n[0].toLowerCase()}${n.slice(1)}:${n}`);

/** AI types recognised by type token alone, each of which can carry tags/labels. */
const TAGGABLE_AI_TYPES: ReadonlySet<string> = new Set([
  ...SAGEMAKER_TAGGABLE,
  TYPES.bedrockCustomModel,
  TYPES.bedrockProvisionedThroughput,
  ...VERTEX_TAGGABLE,
  TYPES.workbenchInstance,
  TYPES.notebooksInstance,
  TYPES.kserveInferenceService,
]);

/** Artifact stores: AI resources only when they carry aigov tags/labels themselves. */
export const ARTIFACT_STORE_TYPES: ReadonlySet<string> = new Set([
  TYPES.s3Bucket,
  TYPES.s3BucketV2,
  TYPES.ecrRepository,
  TYPES.gcsBucket,
  TYPES.artifactRegistryRepository,
]);

/** Kubernetes workload types that are AI resources when they request accelerators or carry aigov metadata. */
export const K8S_WORKLOAD_TYPES: ReadonlySet<string> = new Set([
  TYPES.k8sDeployment,
  TYPES.k8sStatefulSet,
]);

/** Extended resource names of accelerators in pod resource requests/limits. */
export const ACCELERATOR_RESOURCES: readonly string[] = [
  "nvidia.com/gpu",
  "amd.com/gpu",
  "aws.amazon.com/neuron",
  "aws.amazon.com/neuroncore",
  "google.com/tpu",
];

const SERVING_TYPES: ReadonlySet<string> = new Set([
  TYPES.sagemakerEndpointConfiguration,
  TYPES.sagemakerEndpoint,
  TYPES.vertexEndpoint,
  TYPES.vertexDeploymentResourcePool,
  TYPES.vertexModelGardenDeployment,
  TYPES.kserveInferenceService,
]);

const DEPLOYABLE_EXTRA_TYPES: ReadonlySet<string> = new Set([
  TYPES.sagemakerModel,
  TYPES.bedrockCustomModel,
]);

const MODEL_EXTRA_TYPES: ReadonlySet<string> = new Set([
  TYPES.sagemakerModelPackageGroup,
  TYPES.sagemakerTrainingJob,
]);

const IAM_LIKE = /(Iam(Binding|Member|Policy)|Policy|PolicyAttachment)$/;

function matchesExtra(type: string, options?: ClassifyOptions): boolean {
  return (options?.extraResourceTypes ?? []).some((t) =>
    t.endsWith("*") ? type.startsWith(t.slice(0, -1)) : t === type,
  );
}

/** True when a Kubernetes workload's pod template requests or limits an accelerator. */
export function requestsAccelerator(type: string, props: unknown): boolean {
  const template = podTemplatePath(type);
  if (!template) return false;
  for (const list of ["containers", "initContainers"]) {
    const containers = asArray(at(props, ...template, "spec", list));
    if (!Array.isArray(containers)) continue;
    for (const c of containers) {
      for (const part of ["limits", "requests"]) {
        const resources = asObject(at(c, "resources", part));
        if (typeof resources !== "object") continue;
        if (ACCELERATOR_RESOURCES.some((r) => resources[r] !== undefined)) return true;
      }
    }
  }
  return false;
}

/** True for Kubernetes Deployments/StatefulSets that are AI workloads (docs/contract.md §2). */
export function isKubernetesAiWorkload(type: string, props: unknown): boolean {
  return (
    K8S_WORKLOAD_TYPES.has(type) &&
    (requestsAccelerator(type, props) || hasOwnAigovMetadata(type, props))
  );
}

/**
 * True for AI resources (docs/contract.md §2): SageMaker/Bedrock model types, every Vertex AI type,
 * Workbench/Notebooks instances, KServe InferenceServices, Kubernetes AI workloads, artifact
 * stores that carry aigov tags/labels themselves, and `extraResourceTypes`. Values that are not
 * known yet count as no evidence.
 */
export function isAiResource(type: string, props: unknown, options?: ClassifyOptions): boolean {
  if (TAGGABLE_AI_TYPES.has(type) || UNTAGGABLE_AI_TYPES.has(type)) return true;
  if (type.startsWith("gcp:vertex/")) return true;
  if (K8S_WORKLOAD_TYPES.has(type)) return isKubernetesAiWorkload(type, props);
  if (ARTIFACT_STORE_TYPES.has(type)) return hasOwnAigovMetadata(type, props);
  return matchesExtra(type, options);
}

/**
 * True when resources of `type` can carry tags/labels, so that the metadata rules apply to them.
 * Unlisted types (e.g. `extraResourceTypes`) count as taggable unless they look like IAM
 * bindings or policies.
 */
export function isTaggable(type: string): boolean {
  if (TAGGABLE_AI_TYPES.has(type) || ARTIFACT_STORE_TYPES.has(type)) return true;
  if (UNTAGGABLE_AI_TYPES.has(type) || type.startsWith("gcp:vertex/")) return false;
  if (cloudOf(type) === "kubernetes") return true;
  return cloudOf(type) !== undefined && !IAM_LIKE.test(type);
}

/** True for AI resources that must carry governance metadata (AI and taggable). */
export function isGovernedResource(type: string, props: unknown, options?: ClassifyOptions) {
  return isTaggable(type) && isAiResource(type, props, options);
}

/**
 * True for serving resources: SageMaker EndpointConfiguration/Endpoint, Vertex endpoints,
 * deployment resource pools and Model Garden deployments, KServe InferenceServices and
 * Kubernetes AI workloads.
 */
export function isServingResource(type: string, props: unknown): boolean {
  return SERVING_TYPES.has(type) || isKubernetesAiWorkload(type, props);
}

/** True for deployable model resources: serving resources, SageMaker Models, Bedrock custom models. */
export function isDeployableModelResource(type: string, props: unknown): boolean {
  return DEPLOYABLE_EXTRA_TYPES.has(type) || isServingResource(type, props);
}

/** True for model resources: deployable model resources, ModelPackageGroups and TrainingJobs. */
export function isModelResource(type: string, props: unknown): boolean {
  return MODEL_EXTRA_TYPES.has(type) || isDeployableModelResource(type, props);
}

/** True for the artifact-store types (S3, ECR, GCS, Artifact Registry), governed or not. */
export function isArtifactStoreType(type: string): boolean {
  return ARTIFACT_STORE_TYPES.has(type);
}

/** Which metadata rules apply to a resource besides the ones for every AI resource (contract §2). */
export interface RuleScope {
  /** A serving resource: a `retired` asset must not have one. */
  serving: boolean;
  /** A deployable model resource: the production gates (model card, evaluation) apply. */
  deployable: boolean;
  /** A model resource: the training-data license applies. */
  model: boolean;
}

/** The {@link RuleScope} of one resource. */
export function ruleScope(type: string, props: unknown): RuleScope {
  return {
    serving: isServingResource(type, props),
    deployable: isDeployableModelResource(type, props),
    model: isModelResource(type, props),
  };
}

/**
 * The {@link RuleScope} of an asset whose governed resources are of `types`, each carrying the
 * asset's aigov metadata (as the children of a component do): the union of their scopes.
 */
export function ruleScopeOfTypes(types: readonly string[]): RuleScope {
  const labelled = { metadata: { annotations: { [`${K8S_KEY_PREFIX}asset-id`]: "" } } };
  const scopes = types.filter(isTaggable).map((t) => ruleScope(t, labelled));
  return {
    serving: scopes.some((s) => s.serving),
    deployable: scopes.some((s) => s.deployable),
    model: scopes.some((s) => s.model),
  };
}
