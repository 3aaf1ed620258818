import type * as pulumi from "@pulumi/pulumi";
import { K8sKServeDeploymentMode } from "./enums";
import { ResolvedService } from "./inference-config";
import type { K8sKServeArgs } from "./inference-service-args";
import {
  CONTAINER_SECURITY_CONTEXT,
  containerResources,
  envVars,
  podSecurityContext,
  writableVolumes,
} from "./pod-spec";
import { Scheduling } from "./scheduling";

/** Label KServe puts on the pods of an InferenceService. */
export const KSERVE_POD_LABEL = "serving.kserve.io/inferenceservice";

/** Annotations that select the KServe deployment mode (and the HPA for raw deployments). */
export function kserveAnnotations(mode: K8sKServeDeploymentMode): Record<string, string> {
  return mode === K8sKServeDeploymentMode.RawDeployment
    ? { "serving.kserve.io/deploymentMode": mode, "serving.kserve.io/autoscalerClass": "hpa" }
    : { "serving.kserve.io/deploymentMode": mode };
}

/** The scale metric and target KServe autoscales on (CPU for raw deployments, concurrency for Knative). */
export function kserveScaling(
  r: ResolvedService,
  k: K8sKServeArgs,
): { scaleMetric: string; scaleTarget: number } {
  const raw = r.kserveMode === K8sKServeDeploymentMode.RawDeployment;
  return {
    scaleMetric: k.scaleMetric ?? (raw ? "cpu" : "concurrency"),
    scaleTarget: k.scaleTarget ?? (raw ? r.cpuTarget : 10),
  };
}

/**
 * The `spec` of a KServe v1beta1 InferenceService: the predictor carries the governance labels and
 * annotations for its pods, the capacity scheduling and the hardened security contexts.
 */
export function inferenceServiceSpec(
  r: ResolvedService,
  k: K8sKServeArgs,
  scheduling: Scheduling,
  pod: {
    labels: Record<string, string>;
    annotations: Record<string, string>;
    serviceAccountName?: pulumi.Input<string>;
    priorityClassName?: string;
    env?: { [key: string]: pulumi.Input<string> };
  },
): Record<string, unknown> {
  const writable = writableVolumes(r.writablePaths);
  return {
    predictor: {
      minReplicas: r.minReplicas,
      maxReplicas: r.maxReplicas,
      ...kserveScaling(r, k),
      labels: pod.labels,
      annotations: pod.annotations,
      ...(pod.serviceAccountName ? { serviceAccountName: pod.serviceAccountName } : {}),
      ...(pod.priorityClassName ? { priorityClassName: pod.priorityClassName } : {}),
      securityContext: podSecurityContext(r.runAsUser),
      volumes: writable.volumes,
      ...scheduling,
      model: {
        modelFormat: {
          name: k.modelFormat,
          ...(k.modelFormatVersion ? { version: k.modelFormatVersion } : {}),
        },
        ...(k.runtime ? { runtime: k.runtime } : {}),
        storageUri: k.storageUri,
        ...(k.protocolVersion ? { protocolVersion: k.protocolVersion } : {}),
        ...envVars(pod.env),
        resources: containerResources(r),
        securityContext: CONTAINER_SECURITY_CONTEXT,
        volumeMounts: writable.mounts,
      },
    },
  };
}
