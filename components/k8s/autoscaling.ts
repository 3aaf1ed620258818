import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { ResolvedService } from "./inference-config";
import type { K8sCustomMetricArgs, K8sKedaArgs } from "./inference-service-args";

type HpaSpec = k8s.types.input.autoscaling.v2.HorizontalPodAutoscalerSpec;

/** Reference from an autoscaler to the Deployment (its name is the Deployment's output). */
export function deploymentRef(name: pulumi.Input<string>) {
  return { apiVersion: "apps/v1", kind: "Deployment", name };
}

/** `autoscaling/v2` HPA spec on CPU utilization or a custom pods metric. */
export function hpaSpec(
  r: ResolvedService,
  target: pulumi.Input<string>,
  customMetric: K8sCustomMetricArgs | undefined,
): HpaSpec {
  const metric = customMetric
    ? {
        type: "Pods",
        pods: {
          metric: { name: customMetric.name },
          target: { type: "AverageValue", averageValue: customMetric.targetAverageValue },
        },
      }
    : {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: r.cpuTarget } },
      };
  return {
    scaleTargetRef: deploymentRef(target),
    minReplicas: r.minReplicas,
    maxReplicas: r.maxReplicas,
    metrics: [metric],
    behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
  };
}

/**
 * KEDA `ScaledObject` spec on a Prometheus query. With `scaleToZero`, the Deployment idles at 0
 * replicas and jumps to `minReplicas` (at least 2 on spot) once the query is active.
 */
export function scaledObjectSpec(
  r: ResolvedService,
  target: pulumi.Input<string>,
  keda: K8sKedaArgs,
): Record<string, unknown> {
  return {
    scaleTargetRef: deploymentRef(target),
    minReplicaCount: r.minReplicas,
    maxReplicaCount: r.maxReplicas,
    ...(r.scaleToZero ? { idleReplicaCount: 0 } : {}),
    cooldownPeriod: keda.cooldownSeconds ?? 300,
    pollingInterval: keda.pollingIntervalSeconds ?? 30,
    triggers: [
      {
        type: "prometheus",
        metadata: {
          serverAddress: keda.prometheusServerAddress,
          query: keda.query,
          threshold: keda.threshold,
          ...(keda.activationThreshold !== undefined
            ? { activationThreshold: keda.activationThreshold }
            : {}),
        },
      },
    ],
  };
}
