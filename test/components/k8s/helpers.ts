import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PodSpec } from "kubernetes-models/v1/PodSpec";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { Service } from "kubernetes-models/v1/Service";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";

/** Validators of the maintained `kubernetes-models` packages, by Pulumi type token. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "kubernetes:apps/v1:Deployment": Deployment,
  "kubernetes:core/v1:Service": Service,
  "kubernetes:policy/v1:PodDisruptionBudget": PodDisruptionBudget,
  "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "kubernetes:keda.sh/v1alpha1:ScaledObject": ScaledObject,
  "kubernetes:core/v1:Namespace": Namespace,
  "kubernetes:core/v1:ResourceQuota": ResourceQuota,
  "kubernetes:core/v1:LimitRange": LimitRange,
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": NetworkPolicy,
};

/**
 * Validates a rendered object against the Kubernetes OpenAPI schema (through `kubernetes-models`);
 * throws with the schema errors when it does not conform.
 */
export function validateRendered(type: string, inputs: Record<string, unknown>): void {
  const Model = MODELS[type];
  if (!Model) throw new Error(`no schema model for ${type}`);
  new Model(inputs as never).validate();
}

/** KServe-only fields of a predictor, dropped before validating the rest as a core/v1 PodSpec. */
const PREDICTOR_EXTENSION_FIELDS = [
  "minReplicas",
  "maxReplicas",
  "scaleMetric",
  "scaleTarget",
  "labels",
  "annotations",
  "model",
];

/** KServe-only fields of a model spec, dropped before validating it as a core/v1 Container. */
const MODEL_EXTENSION_FIELDS = ["modelFormat", "runtime", "storageUri", "protocolVersion"];

const without = (obj: Record<string, unknown>, fields: string[]) =>
  Object.fromEntries(Object.entries(obj).filter(([k]) => !fields.includes(k)));

/**
 * Validates a KServe predictor: its pod fields as a core/v1 PodSpec with the model as the
 * container (KServe's predictor embeds PodSpec, and its model spec embeds Container).
 */
export function validatePredictor(predictor: Record<string, unknown>): void {
  const pod = without(predictor, PREDICTOR_EXTENSION_FIELDS);
  const container = without(predictor.model as Record<string, unknown>, MODEL_EXTENSION_FIELDS);
  new PodSpec({
    ...pod,
    containers: [{ name: "kserve-container", ...container }],
  } as never).validate();
}
