import {
  TYPES,
  UNKNOWN,
  asNumber,
  at,
  readCapacity,
  scalingTargets,
  workloadScalers,
} from "aigov/sdk";
import { noConfig } from "../lib/config";
import { stackPolicy } from "../lib/policy";
import { StackIndex, endpointVariants, sagemakerName } from "../lib/stack";

function checkSageMaker(stack: StackIndex, report: (urn: string, message: string) => void) {
  const scaled = scalingTargets(stack);
  for (const ep of stack.ofType(TYPES.sagemakerEndpoint)) {
    const variants = endpointVariants(stack, ep);
    const targets = scaled.get(ep) ?? new Map();
    for (const l of variants) {
      if (l.serverless !== false) continue;
      const variant = l.name;
      const covered =
        targets.has("*") || (typeof variant === "string" ? targets.has(variant) : targets.size > 0);
      if (covered || variant === UNKNOWN) continue;
      const v = variant ?? "<variant>";
      const epName = sagemakerName(ep);
      const id = `endpoint/${typeof epName === "string" ? epName : "<endpoint name>"}/variant/${v}`;
      report(
        ep.urn,
        `${ep.what} \`${ep.name}\` has no Application Auto Scaling target for its variant \`${v}\`: add an aws.appautoscaling.Target with \`serviceNamespace: "sagemaker"\`, \`scalableDimension: "sagemaker:variant:DesiredInstanceCount"\` and \`resourceId: "${id}"\` (plus a scaling policy).`,
      );
    }
  }
}

/** `aigov-endpoint-autoscaling`: serving capacity scales with load. */
export const endpointAutoscaling = stackPolicy({
  name: "aigov-endpoint-autoscaling",
  description:
    "Serving capacity must scale with load instead of being sized for the peak: every SageMaker endpoint variant that runs on instances has an Application Auto Scaling target, every Kubernetes AI Deployment has a HorizontalPodAutoscaler or KEDA ScaledObject, and Vertex AI deployment resource pools and Model Garden deployments set `maxReplicaCount` at least `minReplicaCount`.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Use the aigov endpoint components, which add the scaling target and policy, HPA or ScaledObject; on raw resources add the scaler that the message names, targeting the endpoint variant or Deployment.",
  config: noConfig,
  validate(stack, _cfg, report) {
    checkSageMaker(stack, report);
    const scaled = workloadScalers(stack);
    for (const d of stack.ofType(TYPES.k8sDeployment)) {
      if (!stack.isAi(d) || scaled.has(d)) continue;
      report(
        d.urn,
        `${d.what} \`${d.name}\` is an AI workload without autoscaling: add an autoscaling/v2 HorizontalPodAutoscaler (or a keda.sh/v1alpha1 ScaledObject) whose \`spec.scaleTargetRef\` names this Deployment.`,
      );
    }
    for (const n of stack.ofType(
      TYPES.vertexDeploymentResourcePool,
      TYPES.vertexModelGardenDeployment,
    )) {
      const lines = readCapacity(n.type, n.props);
      for (const l of lines === UNKNOWN ? [] : lines) {
        const min = asNumber(at(n.props, ...l.path.split("."), "minReplicaCount"));
        const max = asNumber(at(n.props, ...l.path.split("."), "maxReplicaCount"));
        if (
          min === UNKNOWN ||
          max === UNKNOWN ||
          (max !== undefined && (min === undefined || max >= min))
        )
          continue;
        const now =
          max === undefined ? "does not set it" : `sets ${max}, below \`minReplicaCount\` ${min}`;
        report(
          n.urn,
          `${n.what} \`${n.name}\` cannot scale out: \`${l.path}.maxReplicaCount\` ${now}; set it to at least \`minReplicaCount\`${typeof min === "number" ? ` (${min})` : ""}, higher to absorb peaks.`,
        );
      }
    }
  },
});
