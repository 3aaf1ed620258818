/**
 * Relations between the resources of a stack (docs/contract.md §3): an endpoint and its configuration
 * and variants, the Application Auto Scaling targets of SageMaker variants, the HPA or KEDA
 * ScaledObject of a Kubernetes workload, the sidecars of an S3 bucket. One implementation for
 * the policies and the cost estimate.
 */
import { CapacityLine, readCapacity } from "./capacity";
import { GraphNode, KeyOf, StackGraph } from "./graph";
import { TYPES } from "./types";
import { UNKNOWN, asNumber, asString, at } from "./unknown";

/** S3 bucket types (sidecar resources refer to them through their `bucket` property). */
export const S3_BUCKETS: string[] = [TYPES.s3Bucket, TYPES.s3BucketV2];

/** The `name` of a SageMaker resource, as endpoints and scaling targets refer to it. */
export const sagemakerName: KeyOf = (n) => asString(at(n.props, "name"));

/** The `metadata.name` of a Kubernetes object, as scalers refer to it. */
export const k8sName: KeyOf = (n) => asString(at(n.props, "metadata", "name"));

/** The known stage of a node, or `undefined`. */
export function stageOf<S>(stack: StackGraph<S>, node: GraphNode<S>): string | undefined {
  const v = stack.meta(node)?.values.stage;
  return typeof v === "string" ? v : undefined;
}

/** The endpoint configurations of a SageMaker endpoint (by dependency, or by name). */
export function endpointConfigurations<S>(
  stack: StackGraph<S>,
  endpoint: GraphNode<S>,
): GraphNode<S>[] {
  return stack.refs(endpoint, "endpointConfigName", [TYPES.sagemakerEndpointConfiguration], {
    id: "sm-config",
    value: asString(at(endpoint.props, "endpointConfigName")),
    key: sagemakerName as KeyOf<S>,
  });
}

/**
 * The production variants of a SageMaker endpoint, read from its endpoint configuration. Empty
 * when the configuration is not in the stack or not known yet.
 */
export function endpointVariants<S>(stack: StackGraph<S>, endpoint: GraphNode<S>): CapacityLine[] {
  return endpointConfigurations(stack, endpoint).flatMap((c) => {
    const lines = readCapacity(c.type, c.props);
    return lines === UNKNOWN ? [] : lines;
  });
}

/** The scalable dimension of SageMaker variant instance counts. */
const VARIANT_INSTANCE_COUNT = "sagemaker:variant:DesiredInstanceCount";

/**
 * The Application Auto Scaling targets of SageMaker variant instance counts, by endpoint and by
 * variant name (`*` when the target's `resourceId` is not known yet: it may scale any variant).
 */
export function scalingTargets<S>(
  stack: StackGraph<S>,
): Map<GraphNode<S>, Map<string, GraphNode<S>>> {
  return stack.once("scaling-targets", () => {
    const out = new Map<GraphNode<S>, Map<string, GraphNode<S>>>();
    for (const t of stack.ofType(TYPES.appAutoscalingTarget)) {
      const dimension = asString(at(t.props, "scalableDimension"));
      if (typeof dimension === "string" && dimension !== VARIANT_INSTANCE_COUNT) continue;
      const resourceId = asString(at(t.props, "resourceId"));
      const m =
        typeof resourceId === "string"
          ? /^endpoint\/([^/]+)\/variant\/(.+)$/.exec(resourceId)
          : null;
      if (typeof resourceId === "string" && !m) continue;
      const endpoints = stack.refs(t, "resourceId", [TYPES.sagemakerEndpoint], {
        id: "sm-endpoint",
        value: m ? m[1] : UNKNOWN,
        key: sagemakerName as KeyOf<S>,
      });
      for (const ep of endpoints) {
        const byVariant = out.get(ep) ?? new Map<string, GraphNode<S>>();
        byVariant.set(m ? m[2] : "*", t);
        out.set(ep, byVariant);
      }
    }
    return out;
  });
}

/** The HorizontalPodAutoscaler types and the KEDA ScaledObject. */
export const WORKLOAD_SCALERS: readonly string[] = [
  TYPES.k8sHpaV2,
  TYPES.k8sHpaV1,
  TYPES.k8sHpaV2beta2,
  TYPES.kedaScaledObject,
];

/** Workload types by the `kind` a `scaleTargetRef` names. */
const WORKLOAD_OF_KIND: Readonly<Record<string, string>> = {
  Deployment: TYPES.k8sDeployment,
  StatefulSet: TYPES.k8sStatefulSet,
};

/**
 * The HPA or KEDA ScaledObject that scales each Deployment or StatefulSet: its
 * `spec.scaleTargetRef` names the workload (kind, name, same namespace when both are known), or,
 * when the name is not known yet, the scaler depends on it. The first scaler found wins.
 */
export function workloadScalers<S>(stack: StackGraph<S>): Map<GraphNode<S>, GraphNode<S>> {
  return stack.once("workload-scalers", () => {
    const out = new Map<GraphNode<S>, GraphNode<S>>();
    for (const scaler of stack.ofType(...WORKLOAD_SCALERS)) {
      const kind = asString(at(scaler.props, "spec", "scaleTargetRef", "kind")) ?? "Deployment";
      if (typeof kind === "string" && !(kind in WORKLOAD_OF_KIND)) continue;
      const types =
        typeof kind === "string" ? [WORKLOAD_OF_KIND[kind]] : Object.values(WORKLOAD_OF_KIND);
      const namespace = asString(at(scaler.props, "metadata", "namespace"));
      const targets = stack.refs(scaler, "spec", types, {
        id: "k8s-workload",
        value: asString(at(scaler.props, "spec", "scaleTargetRef", "name")),
        key: k8sName as KeyOf<S>,
      });
      for (const w of targets) {
        const ns = asString(at(w.props, "metadata", "namespace"));
        if (typeof ns === "string" && typeof namespace === "string" && ns !== namespace) continue;
        if (!out.has(w)) out.set(w, scaler);
      }
    }
    return out;
  });
}

/** The replica bounds a scaler sets: HPA `minReplicas` (default 1), KEDA 0..100 by default. */
export function scalerBounds<S>(scaler: GraphNode<S>): {
  min: ReturnType<typeof asNumber>;
  max: ReturnType<typeof asNumber>;
  from: string;
} {
  const keda = scaler.type === TYPES.kedaScaledObject;
  const min = asNumber(at(scaler.props, "spec", keda ? "minReplicaCount" : "minReplicas"));
  const max = asNumber(at(scaler.props, "spec", keda ? "maxReplicaCount" : "maxReplicas"));
  return {
    min: min ?? (keda ? 0 : 1),
    max: max ?? (keda ? 100 : undefined),
    from: `${keda ? "KEDA ScaledObject" : "HorizontalPodAutoscaler"} ${scaler.name}`,
  };
}

/**
 * The S3 buckets that at least one sidecar of `sidecarTypes` (linked through its `bucket`
 * property) satisfies; `ok` decides per sidecar and may return `undefined` when not known yet,
 * which counts as satisfied (no violation on unknowns).
 */
export function bucketsWithSidecar<S>(
  stack: StackGraph<S>,
  sidecarTypes: readonly string[],
  ok: (sidecar: GraphNode<S>) => boolean | undefined,
): Set<GraphNode<S>> {
  const covered = new Set<GraphNode<S>>();
  for (const sidecar of stack.ofType(...sidecarTypes)) {
    if (ok(sidecar) === false) continue;
    const buckets = stack.refs(sidecar, "bucket", S3_BUCKETS, {
      id: "s3-bucket",
      value: asString(at(sidecar.props, "bucket")),
      key: (n) => asString(at(n.props, "bucket")),
    });
    for (const b of buckets) covered.add(b);
  }
  return covered;
}
