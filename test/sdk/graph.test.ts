import {
  type GraphResource,
  StackGraph,
  TYPES,
  UNKNOWN_STRING_SENTINEL,
  analyzeCost,
  bucketsWithSidecar,
  endpointVariants,
  pinnedInstanceType,
  readCapacity,
  scalerBounds,
  scalingTargets,
  workloadScalers,
} from "../../sdk";

/** The relations of the stack graph that the pack's policies and the cost estimate share. */

const urn = (type: string, name: string) => `urn:pulumi:prod::p::${type}::${name}`;

function res(
  type: string,
  name: string,
  props: Record<string, unknown>,
  links: Partial<Pick<GraphResource, "dependencies" | "propertyDependencies" | "parent">> = {},
): GraphResource {
  return {
    type,
    urn: urn(type, name),
    name,
    custom: !type.startsWith("aigov:"),
    props,
    dependencies: links.dependencies ?? [],
    propertyDependencies: links.propertyDependencies ?? {},
    ...(links.parent ? { parent: links.parent } : {}),
  };
}

const graph = (resources: GraphResource[]) => new StackGraph(resources, (r) => r);
const names = (nodes: Iterable<{ name: string }>) => [...nodes].map((n) => n.name).sort();

const TEAM = { "aigov:team": "risk-ml", "aigov:cost-center": "FIN-1234" };
const variant = (name: string, instanceType = "ml.m5.xlarge", count = 1) => ({
  variantName: name,
  instanceType,
  initialInstanceCount: count,
});

describe("endpoint → configuration → variants", () => {
  const config = res(TYPES.sagemakerEndpointConfiguration, "cfg", {
    name: "cfg-1a2b",
    productionVariants: [variant("main", "ml.m5.xlarge", 2), variant("canary")],
    tags: TEAM,
  });

  it("follows the configuration by name, as in a state file without dependencies", () => {
    const ep = res(TYPES.sagemakerEndpoint, "ep", { endpointConfigName: "cfg-1a2b" });
    const g = graph([config, ep]);
    const lines = endpointVariants(g, g.get(ep.urn)!);
    expect(lines.map((l) => [l.name, l.instanceType, l.minReplicas])).toEqual([
      ["main", "ml.m5.xlarge", 2],
      ["canary", "ml.m5.xlarge", 1],
    ]);
  });

  it("follows the property dependency when the name is not known yet, else plain dependencies", () => {
    const viaProperty = res(
      TYPES.sagemakerEndpoint,
      "ep",
      { endpointConfigName: UNKNOWN_STRING_SENTINEL },
      { propertyDependencies: { endpointConfigName: [config.urn] } },
    );
    const g1 = graph([config, viaProperty]);
    expect(endpointVariants(g1, g1.get(viaProperty.urn)!)).toHaveLength(2);
    const viaDependency = res(
      TYPES.sagemakerEndpoint,
      "ep",
      { endpointConfigName: UNKNOWN_STRING_SENTINEL },
      { dependencies: [config.urn] },
    );
    const g2 = graph([config, viaDependency]);
    expect(endpointVariants(g2, g2.get(viaDependency.urn)!)).toHaveLength(2);
  });

  it("does not fall back to dependencies when a known name matches nothing", () => {
    const ep = res(
      TYPES.sagemakerEndpoint,
      "ep",
      { endpointConfigName: "elsewhere" },
      { dependencies: [config.urn] },
    );
    const g = graph([config, ep]);
    expect(endpointVariants(g, g.get(ep.urn)!)).toEqual([]);
  });
});

describe("scaling targets of SageMaker variants", () => {
  const ep = res(TYPES.sagemakerEndpoint, "ep", { name: "ep-1", endpointConfigName: "c" });
  const target = (name: string, resourceId: string, dimension?: string) =>
    res(TYPES.appAutoscalingTarget, name, {
      resourceId,
      ...(dimension ? { scalableDimension: dimension } : {}),
      minCapacity: 2,
      maxCapacity: 5,
    });

  it("maps targets of the instance count by endpoint and variant; other dimensions do not count", () => {
    const g = graph([
      ep,
      target("main", "endpoint/ep-1/variant/main", "sagemaker:variant:DesiredInstanceCount"),
      target("canary", "endpoint/ep-1/variant/canary"),
      target(
        "concurrency",
        "endpoint/ep-1/variant/other",
        "sagemaker:variant:DesiredProvisionedConcurrency",
      ),
      target("table", "table/orders"),
    ]);
    const byVariant = scalingTargets(g).get(g.get(ep.urn)!)!;
    expect([...byVariant.entries()].map(([v, t]) => [v, t.name])).toEqual([
      ["main", "main"],
      ["canary", "canary"],
    ]);
  });

  it("a target whose resource id is not known yet scales any variant of the endpoint it depends on", () => {
    const t = res(
      TYPES.appAutoscalingTarget,
      "t",
      { resourceId: UNKNOWN_STRING_SENTINEL },
      { propertyDependencies: { resourceId: [ep.urn] } },
    );
    const g = graph([ep, t]);
    expect([...scalingTargets(g).get(g.get(ep.urn)!)!.keys()]).toEqual(["*"]);
  });
});

describe("HPA and KEDA scalers of Kubernetes workloads", () => {
  const workload = (type: string, name: string, namespace?: string) =>
    res(type, `${name}-${type.split(":").pop()}-${namespace ?? ""}`, {
      metadata: { name, ...(namespace ? { namespace } : {}) },
      spec: { template: { spec: { containers: [] } } },
    });
  const hpa = (
    name: string,
    ref: Record<string, unknown>,
    namespace?: string,
    type = TYPES.k8sHpaV2,
  ) =>
    res(type, name, {
      metadata: { name, ...(namespace ? { namespace } : {}) },
      spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 8, minReplicaCount: 1 },
    });

  it("matches the kind, the name and the namespace", () => {
    const deployment = workload(TYPES.k8sDeployment, "ranker", "ml");
    const statefulSet = workload(TYPES.k8sStatefulSet, "ranker", "ml");
    const other = workload(TYPES.k8sDeployment, "ranker", "other");
    const g = graph([
      deployment,
      statefulSet,
      other,
      hpa("sts", { kind: "StatefulSet", name: "ranker" }, "ml"),
      hpa("dep", { kind: "Deployment", name: "ranker" }, "ml"),
      hpa("job", { kind: "Job", name: "ranker" }, "ml"),
    ]);
    const scalers = workloadScalers(g);
    expect(scalers.get(g.get(deployment.urn)!)?.name).toBe("dep");
    expect(scalers.get(g.get(statefulSet.urn)!)?.name).toBe("sts");
    expect(scalers.has(g.get(other.urn)!)).toBe(false);
  });

  it("reads HPA and KEDA bounds with their defaults", () => {
    const keda = res(TYPES.kedaScaledObject, "keda", { spec: { scaleTargetRef: { name: "x" } } });
    const g = graph([keda, hpa("h", { name: "x" })]);
    expect(scalerBounds(g.get(keda.urn)!)).toEqual({
      min: 0,
      max: 100,
      from: "KEDA ScaledObject keda",
    });
    expect(scalerBounds(g.get(urn(TYPES.k8sHpaV2, "h"))!)).toEqual({
      min: 2,
      max: 8,
      from: "HorizontalPodAutoscaler h",
    });
  });
});

describe("instance-type labels", () => {
  const podSpec = (values: string[][]) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: values.map((v) => ({
            matchExpressions: [
              { key: "node.kubernetes.io/instance-type", operator: "In", values: v },
            ],
          })),
        },
      },
    },
  });
  const line = (spec: unknown) => {
    const lines = readCapacity(TYPES.k8sDeployment, { spec: { template: { spec } } });
    if (!Array.isArray(lines)) throw new Error("expected capacity lines");
    return pinnedInstanceType(lines[0], spec).instanceType;
  };

  it("takes the one type every required term pins; the node selector wins", () => {
    expect(line(podSpec([["g5.xlarge"], ["g5.xlarge"]]))).toBe("g5.xlarge");
    expect(line(podSpec([["g5.xlarge", "g5.2xlarge"]]))).toBeUndefined();
    expect(line(podSpec([["g5.xlarge"], ["g6.xlarge"]]))).toBeUndefined();
    expect(
      line({
        ...podSpec([["g5.xlarge"]]),
        nodeSelector: { "beta.kubernetes.io/instance-type": "p4d.24xlarge" },
      }),
    ).toBe("p4d.24xlarge");
  });
});

describe("sidecars of S3 buckets", () => {
  it("links sidecars by bucket name, and counts the ones whose setting is not known yet", () => {
    const bucket = res(TYPES.s3BucketV2, "b", { bucket: "models-1a2b" });
    const other = res(TYPES.s3BucketV2, "o", { bucket: "other" });
    const on = res(TYPES.s3Versioning, "v", {
      bucket: "models-1a2b",
      versioningConfiguration: { status: "Enabled" },
    });
    const off = res(TYPES.s3Versioning, "w", {
      bucket: "other",
      versioningConfiguration: { status: "Suspended" },
    });
    const g = graph([bucket, other, on, off]);
    const covered = bucketsWithSidecar(g, [TYPES.s3Versioning], (n) => {
      const status = (n.props.versioningConfiguration as { status: string }).status;
      return status === "Enabled";
    });
    expect(names(covered)).toEqual(["b"]);
  });
});

describe("the cost estimate over the graph", () => {
  it("gives Vertex pools of a component the labels the component registered", () => {
    const component = {
      ...res("aigov:index:VertexEndpoint", "vision", {}),
      componentOutputs: { labels: { "aigov-team": "vision", "aigov-cost-center": "ml-1234" } },
    };
    const pool = res(
      TYPES.vertexDeploymentResourcePool,
      "pool",
      {
        dedicatedResources: {
          machineSpec: { machineType: "n1-standard-4" },
          minReplicaCount: 1,
          maxReplicaCount: 1,
        },
      },
      { parent: component.urn },
    );
    const analysis = analyzeCost(graph([component, pool]));
    expect(analysis.byTeam).toEqual({ vision: { min: 159.51, max: 159.51 } });
    // A custom parent is not a component: its labels are not the pool's.
    const custom = { ...component, custom: true };
    expect(Object.keys(analyzeCost(graph([custom, pool])).byTeam)).toEqual(["__unallocated__"]);
  });

  it("echoes aigov:usage in the price basis and prices nothing from it (no token prices yet)", () => {
    const usage = { "support-bot": { inputTokensPerMonth: 2e8, outputTokensPerMonth: 4e7 } };
    const analysis = analyzeCost(graph([]), { usage });
    expect(analysis.pricing.usage).toEqual(usage);
    expect(analysis.monthlyUsd).toEqual({ min: 0, max: 0 });
  });
});
