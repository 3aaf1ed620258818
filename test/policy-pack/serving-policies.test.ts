import { endpointAutoscaling, orphanedEndpoint } from "../../policy-packs/aigov/policies";
import { ResourceSpec, analyzeStack, runStack, serverMessage } from "./harness";
import {
  deployment,
  ecrStack,
  endpointConfig,
  gcpLabels,
  hpa,
  inferenceService,
  meta,
  modelPackageGroup,
  pool,
  s3ArtifactStack,
  sagemakerEndpointStack,
  vertexEndpoint,
  edit,
} from "./fixtures";

const messages = async (...args: Parameters<typeof runStack>) =>
  (await runStack(...args)).violations.map((v) => [v.urn, v.message]);

describe("aigov-endpoint-autoscaling", () => {
  it("passes endpoints with scaling targets (dependencies, values, auto-named), scaled Deployments and pools", async () => {
    for (const o of [{}, { deps: false }, { unknownNames: true }]) {
      const d = deployment();
      const stack = [
        ...sagemakerEndpointStack(o).all,
        d,
        hpa(d, o.deps !== false),
        pool({ minReplicaCount: 1, maxReplicaCount: 3 }),
      ];
      expect(await analyzeStack([endpointAutoscaling], stack)).toEqual([]);
    }
  });

  it("reports an endpoint variant without a scaling target on the endpoint URN", async () => {
    const { model, config, endpoint } = sagemakerEndpointStack();
    expect(await analyzeStack([endpointAutoscaling], [model, config, endpoint])).toEqual([
      {
        policy: "aigov-endpoint-autoscaling",
        level: "mandatory",
        urn: endpoint.urn,
        message: serverMessage(
          endpointAutoscaling,
          'SageMaker Endpoint `ep-endpoint` has no Application Auto Scaling target for its variant `primary`: add an aws.appautoscaling.Target with `serviceNamespace: "sagemaker"`, `scalableDimension: "sagemaker:variant:DesiredInstanceCount"` and `resourceId: "endpoint/ep-prod/variant/primary"` (plus a scaling policy).',
        ),
      },
    ]);
  });

  it("exempts serverless variants and endpoints whose configuration is outside the stack", async () => {
    const { endpoint } = sagemakerEndpointStack();
    const serverless = endpointConfig(
      {
        name: "ep-config-a1b2",
        productionVariants: [
          { variantName: "s", serverlessConfig: { memorySizeInMb: 2048, maxConcurrency: 5 } },
        ],
      },
      undefined,
      "ep-config",
    );
    expect(await messages(endpointAutoscaling, [serverless, endpoint])).toEqual([]);
    expect(await messages(endpointAutoscaling, [endpoint])).toEqual([]);
  });

  it("does not count a target of another endpoint or variant", async () => {
    const a = sagemakerEndpointStack({}, undefined, "a");
    const b = sagemakerEndpointStack({ deps: false }, undefined, "b");
    edit(b.target, ["resourceId"], "endpoint/b-prod/variant/other");
    expect((await messages(endpointAutoscaling, [...a.all, ...b.all])).map((m) => m[0])).toEqual([
      b.endpoint.urn,
    ]);
  });

  it("reports Kubernetes AI Deployments without HPA or KEDA ScaledObject, and unscalable Vertex pools", async () => {
    const d = deployment();
    const web = deployment({}, {}, {}, "web");
    edit(web, ["spec", "template"], { spec: { containers: [{ name: "web", image: "nginx" }] } });
    edit(web, ["metadata"], { name: "web" });
    const p = pool({ minReplicaCount: 2 });
    expect(await messages(endpointAutoscaling, [d, web, p, hpa(web, true, "web")])).toEqual([
      [
        d.urn,
        "Kubernetes Deployment `server` is an AI workload without autoscaling: add an autoscaling/v2 HorizontalPodAutoscaler (or a keda.sh/v1alpha1 ScaledObject) whose `spec.scaleTargetRef` names this Deployment.",
      ],
      [
        p.urn,
        "Vertex AI DeploymentResourcePool `pool` cannot scale out: `dedicatedResources.maxReplicaCount` does not set it; set it to at least `minReplicaCount` (2), higher to absorb peaks.",
      ],
    ]);
    const keda: ResourceSpec = {
      type: "kubernetes:keda.sh/v1alpha1:ScaledObject",
      name: "so",
      props: {
        metadata: { name: "so", namespace: "ml" },
        spec: { scaleTargetRef: { name: "server" } },
      },
    };
    expect(await messages(endpointAutoscaling, [d, keda])).toEqual([]);
    const otherNamespace = {
      ...keda,
      props: { ...keda.props, metadata: { name: "so", namespace: "web" } },
    };
    expect(await messages(endpointAutoscaling, [d, otherNamespace])).toHaveLength(1);
    expect(
      await messages(endpointAutoscaling, [pool({ minReplicaCount: 3, maxReplicaCount: 2 })]),
    ).toHaveLength(1);
  });
});

describe("aigov-orphaned-endpoint", () => {
  it("passes serving resources whose registry is in the stack (group, bucket, repository) or external", async () => {
    const ep = sagemakerEndpointStack().all;
    for (const registry of [[modelPackageGroup()], s3ArtifactStack(), ecrStack()]) {
      expect(await analyzeStack([orphanedEndpoint], [...registry, ...ep])).toEqual([]);
    }
    expect(
      (await runStack(orphanedEndpoint, ep, { externalRegistries: ["fraud-registry"] })).violations,
    ).toEqual([]);
    const store = {
      type: "gcp:vertex/aiMetadataStore:AiMetadataStore",
      name: "md",
      props: { name: "fraud-registry" },
    };
    expect(await analyzeStack([orphanedEndpoint], [store, vertexEndpoint()])).toEqual([]);
  });

  it("reports a serving resource without model-registry, as advisory", async () => {
    const d = deployment({}, meta({ modelRegistry: undefined }));
    expect(await analyzeStack([orphanedEndpoint], [modelPackageGroup(), d])).toEqual([
      {
        policy: "aigov-orphaned-endpoint",
        level: "advisory",
        urn: d.urn,
        message: serverMessage(
          orphanedEndpoint,
          "Kubernetes Deployment `server` does not say which registry its model comes from: the annotation `aigov.dev/model-registry` is missing; set it in `metadata.annotations` to the `asset-id` of the registry the served model comes from.",
        ),
      },
    ]);
  });

  it("reports registries that are not in the stack, on every cloud", async () => {
    const isvc = inferenceService({}, meta({ modelRegistry: "ghost" }));
    const v = vertexEndpoint({ labels: { ...gcpLabels(), "aigov-model-registry": "ghost" } });
    // In URN order (stack policies see the stack's resources by URN).
    expect(await messages(orphanedEndpoint, [modelPackageGroup(), isvc, v])).toEqual([
      [
        v.urn,
        "Vertex AI Endpoint `vertex-endpoint` names the model registry `ghost`, but no registry with that `asset-id` is in the stack: deploy the model from a registry of this stack, fix the GCP label `aigov-model-registry`, or add `ghost` to `externalRegistries`.",
      ],
      [
        isvc.urn,
        "KServe InferenceService `isvc` names the model registry `ghost`, but no registry with that `asset-id` is in the stack: deploy the model from a registry of this stack, fix the annotation `aigov.dev/model-registry`, or add `ghost` to `externalRegistries`.",
      ],
    ]);
  });
});
