/** Pulumi type tokens of the resources docs/contract.md talks about. */
export const TYPES = {
  sagemakerModel: "aws:sagemaker/model:Model",
  sagemakerEndpointConfiguration: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
  sagemakerEndpoint: "aws:sagemaker/endpoint:Endpoint",
  sagemakerModelPackageGroup: "aws:sagemaker/modelPackageGroup:ModelPackageGroup",
  sagemakerModelPackageGroupPolicy: "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy",
  sagemakerModelCard: "aws:sagemaker/modelCard:ModelCard",
  sagemakerNotebookInstance: "aws:sagemaker/notebookInstance:NotebookInstance",
  sagemakerDomain: "aws:sagemaker/domain:Domain",
  sagemakerTrainingJob: "aws:sagemaker/trainingJob:TrainingJob",
  sagemakerMlflowTrackingServer: "aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer",
  bedrockCustomModel: "aws:bedrock/customModel:CustomModel",
  bedrockProvisionedThroughput: "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput",
  appAutoscalingTarget: "aws:appautoscaling/target:Target",
  s3Bucket: "aws:s3/bucket:Bucket",
  s3BucketV2: "aws:s3/bucketV2:BucketV2",
  s3PublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  s3Versioning: "aws:s3/bucketVersioning:BucketVersioning",
  s3VersioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
  s3Encryption:
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  s3EncryptionV2:
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  s3Lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  s3LifecycleV2: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  ecrRepository: "aws:ecr/repository:Repository",
  ecrLifecyclePolicy: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
  awsBudget: "aws:budgets/budget:Budget",
  vertexEndpoint: "gcp:vertex/aiEndpoint:AiEndpoint",
  vertexModelGardenDeployment:
    "gcp:vertex/aiEndpointWithModelGardenDeployment:AiEndpointWithModelGardenDeployment",
  vertexDeploymentResourcePool: "gcp:vertex/aiDeploymentResourcePool:AiDeploymentResourcePool",
  vertexMetadataStore: "gcp:vertex/aiMetadataStore:AiMetadataStore",
  vertexDataset: "gcp:vertex/aiDataset:AiDataset",
  vertexIndex: "gcp:vertex/aiIndex:AiIndex",
  vertexIndexEndpoint: "gcp:vertex/aiIndexEndpoint:AiIndexEndpoint",
  workbenchInstance: "gcp:workbench/instance:Instance",
  notebooksInstance: "gcp:notebooks/instance:Instance",
  gcsBucket: "gcp:storage/bucket:Bucket",
  artifactRegistryRepository: "gcp:artifactregistry/repository:Repository",
  gcpBudget: "gcp:billing/budget:Budget",
  k8sDeployment: "kubernetes:apps/v1:Deployment",
  k8sStatefulSet: "kubernetes:apps/v1:StatefulSet",
  kserveInferenceService: "kubernetes:serving.kserve.io/v1beta1:InferenceService",
  k8sHpaV2: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  k8sHpaV1: "kubernetes:autoscaling/v1:HorizontalPodAutoscaler",
  k8sHpaV2beta2: "kubernetes:autoscaling/v2beta2:HorizontalPodAutoscaler",
  kedaScaledObject: "kubernetes:keda.sh/v1alpha1:ScaledObject",
} as const;

/** A cloud (or platform) whose metadata encoding docs/contract.md defines. */
export type Cloud = "aws" | "gcp" | "kubernetes";

/** The cloud of a type token (`aws:…`, `gcp:…`, `kubernetes:…`), or `undefined`. */
export function cloudOf(type: string): Cloud | undefined {
  const pkg = type.slice(0, type.indexOf(":"));
  return pkg === "aws" || pkg === "gcp" || pkg === "kubernetes" ? pkg : undefined;
}

const MODULE_NAMES: Record<string, string> = {
  "aws:sagemaker": "SageMaker",
  "aws:bedrock": "Bedrock",
  "aws:s3": "S3",
  "aws:ecr": "ECR",
  "aws:appautoscaling": "Application Auto Scaling",
  "aws:budgets": "AWS",
  "gcp:vertex": "Vertex AI",
  "gcp:workbench": "Workbench",
  "gcp:notebooks": "Notebooks",
  "gcp:storage": "Cloud Storage",
  "gcp:artifactregistry": "Artifact Registry",
  "gcp:billing": "GCP",
  "kubernetes:serving.kserve.io": "KServe",
  "kubernetes:keda.sh": "KEDA",
};

/**
 * A readable name of a type token for messages: `aws:sagemaker/endpoint:Endpoint` →
 * `SageMaker Endpoint`, `gcp:vertex/aiEndpoint:AiEndpoint` → `Vertex AI Endpoint`,
 * `kubernetes:apps/v1:Deployment` → `Kubernetes Deployment`.
 */
export function describeType(type: string): string {
  let name = described.get(type);
  if (name === undefined) {
    name = readableType(type);
    described.set(type, name);
  }
  return name;
}

/** Readable names by type token: policies describe the same few types for every resource. */
const described = new Map<string, string>();

function readableType(type: string): string {
  const [pkg, mod = "", cls = type] = type.split(":");
  const module = mod.split("/")[0];
  const prefix =
    MODULE_NAMES[`${pkg}:${module}`] ?? (pkg === "kubernetes" ? "Kubernetes" : pkg.toUpperCase());
  const name = module === "vertex" && /^Ai[A-Z]/.test(cls) ? cls.slice(2) : cls;
  return `${prefix} ${name}`;
}
