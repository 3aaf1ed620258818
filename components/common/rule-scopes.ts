import { RuleScope, TYPES, ruleScopeOfTypes } from "../../sdk";

/**
 * Which metadata rules each governed component applies to its metadata (sdk `judgeMetadata`):
 * those of the tagged or labelled resources it creates, classified as the pack classifies them.
 * Components that create no AI resource apply the rules for every governed asset only.
 */
export const COMPONENT_RULE_SCOPES = {
  /** Model package group (a model resource), model card, artifact bucket and repository. */
  AwsModelRegistry: ruleScopeOfTypes([
    TYPES.sagemakerModelPackageGroup,
    TYPES.sagemakerModelCard,
    TYPES.s3Bucket,
    TYPES.ecrRepository,
  ]),
  /** SageMaker model, endpoint configuration and endpoint: serving. */
  AwsInferenceEndpoint: ruleScopeOfTypes([
    TYPES.sagemakerModel,
    TYPES.sagemakerEndpointConfiguration,
    TYPES.sagemakerEndpoint,
  ]),
  /** Lifecycle rules of artifact stores. */
  AwsArchivalPolicy: ruleScopeOfTypes([]),
  /** Artifact bucket and image repository (the metadata store carries no labels). */
  GcpModelRegistry: ruleScopeOfTypes([TYPES.gcsBucket, TYPES.artifactRegistryRepository]),
  /** A Vertex AI endpoint: serving (pools and Model Garden deployments serve the same asset). */
  GcpInferenceEndpoint: ruleScopeOfTypes([TYPES.vertexEndpoint]),
  /** A Deployment or a KServe InferenceService: serving. */
  K8sInferenceService: ruleScopeOfTypes([TYPES.k8sDeployment, TYPES.kserveInferenceService]),
  /** A namespace with its quota and policies. */
  K8sTeamNamespace: ruleScopeOfTypes([]),
} as const satisfies Record<string, RuleScope>;

/** A component listed in {@link COMPONENT_RULE_SCOPES}. */
export type GovernedComponent = keyof typeof COMPONENT_RULE_SCOPES;
