import {
  instanceAllowlist,
  lifecycleState,
  productionHighAvailability,
  spotForNonProduction,
} from "../../policy-packs/aigov/policies";
import { UNKNOWN_VALUE, analyze, cantRun, runResource, serverMessage } from "./harness";
import {
  awsTags,
  deployment,
  endpoint,
  endpointConfig,
  inferenceService,
  meta,
  notebook,
  vertexEndpoint,
  edit,
} from "./fixtures";

const messages = async (...args: Parameters<typeof runResource>) =>
  (await runResource(...args)).violations.map((v) => v.message);

const variant = (v: object) => ({
  productionVariants: [
    { variantName: "primary", instanceType: "ml.m5.xlarge", initialInstanceCount: 2, ...v },
  ],
});

describe("aigov-production-high-availability", () => {
  it("passes production capacity of 2 or more, serverless variants and non-production", async () => {
    for (const r of [endpointConfig(), deployment(), inferenceService()]) {
      expect(await analyze([productionHighAvailability], r)).toEqual([]);
    }
    const serverless = endpointConfig({
      productionVariants: [
        { variantName: "s", serverlessConfig: { memorySizeInMb: 2048, maxConcurrency: 5 } },
      ],
    });
    expect(await analyze([productionHighAvailability], serverless)).toEqual([]);
    expect(
      await analyze(
        [productionHighAvailability],
        endpointConfig(variant({ initialInstanceCount: 1 }), meta({ stage: "staging" })),
      ),
    ).toEqual([]);
  });

  it("reports a single SageMaker instance as advisory", async () => {
    const r = endpointConfig(variant({ initialInstanceCount: 1 }));
    expect(await analyze([productionHighAvailability], r)).toEqual([
      {
        policy: "aigov-production-high-availability",
        level: "advisory",
        urn: r.urn,
        message: serverMessage(
          productionHighAvailability,
          "SageMaker EndpointConfiguration serves `production` with 1 replica(s) in `productionVariants[0].initialInstanceCount`: set `productionVariants[0].initialInstanceCount` to at least 2.",
        ),
      },
    ]);
  });

  it("reports Kubernetes replicas (default 1) and KServe minReplicas", async () => {
    const d = deployment();
    edit(d, ["spec", "replicas"], undefined);
    expect(await messages(productionHighAvailability, d)).toEqual([
      "Kubernetes Deployment serves `production` with 1 replica(s) in `spec.replicas`: set `spec.replicas` to at least 2.",
    ]);
    const isvc = inferenceService({ spec: { predictor: { minReplicas: 1 } } });
    expect(await messages(productionHighAvailability, isvc)).toEqual([
      "KServe InferenceService serves `production` with 1 replica(s) in `spec.predictor.minReplicas`: set `spec.predictor.minReplicas` to at least 2.",
    ]);
  });

  it("reads Vertex minReplicaCount of deployed models (outputs)", async () => {
    const deployed = [
      {
        dedicatedResources: {
          machineSpec: { machineType: "n1-standard-4" },
          minReplicaCount: 1,
          maxReplicaCount: 3,
        },
      },
    ];
    expect(
      await messages(productionHighAvailability, vertexEndpoint({ deployedModels: deployed })),
    ).toEqual([
      "Vertex AI Endpoint serves `production` with 1 replica(s) in `deployedModels[0].dedicatedResources.minReplicaCount`: set `deployedModels[0].dedicatedResources.minReplicaCount` to at least 2.",
    ]);
  });

  it("gives the advisory when the count is unknown", async () => {
    const r = endpointConfig(variant({ initialInstanceCount: UNKNOWN_VALUE }));
    expect(await analyze([productionHighAvailability], r)).toEqual([
      {
        policy: "aigov-production-high-availability",
        level: "advisory",
        urn: "",
        message: cantRun(
          "aigov-production-high-availability",
          "string value at .productionVariants[0].initialInstanceCount can't be known during preview",
        ),
      },
    ]);
  });
});

describe("aigov-instance-allowlist", () => {
  const cfg = {
    allowedInstanceTypes: {
      production: ["ml.m5.xlarge", "ml.g5.xlarge", "n1-standard-4"],
      experimental: ["ml.t3.medium"],
    },
    maxHourlyUsd: { production: 1.0, staging: 0.5 },
  };

  it("does nothing unless configured (also through the server)", async () => {
    expect(
      await analyze(
        [instanceAllowlist],
        endpointConfig(variant({ instanceType: "ml.p4d.24xlarge" })),
      ),
    ).toEqual([]);
  });

  it("passes allowed types under the ceiling", async () => {
    expect(await messages(instanceAllowlist, endpointConfig(), cfg)).toEqual([]);
    expect(
      await messages(instanceAllowlist, notebook({}, meta({ stage: "experimental" })), cfg),
    ).toEqual([]);
  });

  it("reports types outside the stage's list and prices above the ceiling", async () => {
    const r = endpointConfig(variant({ instanceType: "ml.g5.xlarge" }));
    expect(await messages(instanceAllowlist, r, cfg)).toEqual([
      "SageMaker EndpointConfiguration uses `ml.g5.xlarge` in `productionVariants[0].instanceType` at $1.41/hour on demand, above the `production` ceiling of $1.00/hour (`maxHourlyUsd.production`): pick a smaller instance type.",
    ]);
    expect(
      await messages(instanceAllowlist, r, { ...cfg, pricing: { "ml.g5.xlarge": 0.9 } }),
    ).toEqual([]);
    const nb = notebook({ instanceType: "ml.c5.xlarge" }, meta({ stage: "experimental" }));
    expect(await messages(instanceAllowlist, nb, cfg)).toEqual([
      "SageMaker NotebookInstance uses `ml.c5.xlarge` in `instanceType`, which is not allowed in `experimental` (allowed: `ml.t3.medium`): pick an allowed type or extend `allowedInstanceTypes.experimental`.",
    ]);
  });

  it("prices Vertex machine types with accelerators and reports unknown prices", async () => {
    const deployed = (machineSpec: object) => [
      { dedicatedResources: { machineSpec, minReplicaCount: 2 } },
    ];
    const t4 = vertexEndpoint({
      deployedModels: deployed({
        machineType: "n1-standard-4",
        acceleratorType: "NVIDIA_TESLA_T4",
        acceleratorCount: 2,
      }),
    });
    expect(await messages(instanceAllowlist, t4, cfg)).toEqual([
      "Vertex AI Endpoint uses `n1-standard-4` in `deployedModels[0].dedicatedResources.machineSpec.machineType` at $1.02/hour on demand, above the `production` ceiling of $1.00/hour (`maxHourlyUsd.production`): pick a smaller instance type.",
    ]);
    const odd = endpointConfig(variant({ instanceType: "ml.x9.huge" }), meta({ stage: "staging" }));
    expect(await messages(instanceAllowlist, odd, cfg)).toEqual([
      "SageMaker EndpointConfiguration uses `ml.x9.huge` in `productionVariants[0].instanceType`, whose price is unknown so the `staging` ceiling of $0.50/hour cannot be checked: No sagemaker price for ml.x9.huge in the offline catalog; add a stack-config pricing override (USD/hour) to price it.",
    ]);
  });

  it("checks Kubernetes node instance types", async () => {
    const d = deployment({}, undefined, {
      nodeSelector: { "node.kubernetes.io/instance-type": "g5.12xlarge" },
    });
    expect(await messages(instanceAllowlist, d, cfg)).toEqual([
      "Kubernetes Deployment uses `g5.12xlarge` in `spec.template.spec.nodeSelector`, which is not allowed in `production` (allowed: `ml.m5.xlarge`, `ml.g5.xlarge`, `n1-standard-4`): pick an allowed type or extend `allowedInstanceTypes.production`.",
    ]);
  });
});

describe("aigov-spot-for-non-production", () => {
  const staging = meta({ stage: "staging" });

  it("passes spot workloads (node selector or affinity) and production workloads", async () => {
    expect(await analyze([spotForNonProduction], deployment({}, staging))).toEqual([]);
    const affinity = {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              preference: {
                matchExpressions: [
                  { key: "cloud.google.com/gke-spot", operator: "In", values: ["true"] },
                ],
              },
            },
          ],
        },
      },
    };
    expect(await analyze([spotForNonProduction], deployment({}, staging, affinity))).toEqual([]);
    expect(await analyze([spotForNonProduction], deployment({}, meta(), {}))).toEqual([]);
  });

  it("reports on-demand experimental and staging AI workloads", async () => {
    const r = deployment({}, meta({ stage: "experimental" }), {
      nodeSelector: { "karpenter.sh/capacity-type": "on-demand" },
    });
    expect(await analyze([spotForNonProduction], r)).toEqual([
      {
        policy: "aigov-spot-for-non-production",
        level: "advisory",
        urn: r.urn,
        message: serverMessage(
          spotForNonProduction,
          'Kubernetes Deployment is `experimental` but runs on on-demand capacity: select spot nodes in `spec.template.spec.nodeSelector` (or a node affinity), e.g. `karpenter.sh/capacity-type: spot`, `cloud.google.com/gke-spot: "true"`, `eks.amazonaws.com/capacityType: SPOT` or `kubernetes.azure.com/scalesetpriority: spot`.',
        ),
      },
    ]);
  });

  it("gives the advisory when the node selector is unknown", async () => {
    const r = deployment({}, staging, { nodeSelector: UNKNOWN_VALUE });
    expect((await analyze([spotForNonProduction], r)).map((d) => d.level)).toEqual(["advisory"]);
  });
});

describe("aigov-lifecycle-state", () => {
  const deprecated = (sunsetDate?: string) => meta({ stage: "deprecated", sunsetDate });

  it("passes deprecated assets with a future sunset date and retired non-serving assets", async () => {
    expect(await analyze([lifecycleState], endpoint({}, deprecated("2999-12-31")))).toEqual([]);
    const group = {
      type: "aws:sagemaker/modelPackageGroup:ModelPackageGroup",
      name: "g",
      props: { tags: awsTags(meta({ stage: "retired", sunsetDate: "2020-01-01" })) },
    };
    expect(await analyze([lifecycleState], group)).toEqual([]);
  });

  it("reports deprecation without a sunset date", async () => {
    const r = endpoint({}, deprecated());
    expect(await analyze([lifecycleState], r)).toEqual([
      {
        policy: "aigov-lifecycle-state",
        level: "mandatory",
        urn: r.urn,
        message: serverMessage(
          lifecycleState,
          "SageMaker Endpoint is `deprecated` but has no sunset date: the AWS tag `aigov:sunset-date` is missing; set it in `tags` (or the provider's `defaultTags`) to the planned retirement day as `YYYY-MM-DD`.",
        ),
      },
    ]);
  });

  it("reports past sunset dates and invalid dates", async () => {
    expect(await messages(lifecycleState, vertexEndpoint({}, deprecated("2020-02-29")))).toEqual([
      "Vertex AI Endpoint passed its sunset date 2020-02-29 but is still `deprecated`: retire the asset (set the stage to `retired` and remove its serving resources) or move the GCP label `aigov-sunset-date` to a future day.",
    ]);
    expect(await messages(lifecycleState, deployment({}, deprecated("2030-02-30")))).toEqual([
      "Kubernetes Deployment is `deprecated` but the annotation `aigov.dev/sunset-date` = `2030-02-30` is not a valid date: set it in `metadata.annotations` to the planned retirement day as `YYYY-MM-DD`.",
    ]);
  });

  it("reports serving resources of retired assets on every cloud", async () => {
    const retired = meta({ stage: "retired" });
    expect(await messages(lifecycleState, endpointConfig({}, retired))).toEqual([
      "SageMaker EndpointConfiguration serves a `retired` asset: retired assets must not have serving resources; remove this resource (or move the asset back only if it was retired by mistake).",
    ]);
    expect(await messages(lifecycleState, vertexEndpoint({}, retired))).toHaveLength(1);
    expect(await messages(lifecycleState, inferenceService({}, retired))).toHaveLength(1);
  });

  it("applies to extraResourceTypes and waits for unknown stages", async () => {
    const extra = {
      type: "aws:comprehend/endpoint:Endpoint",
      name: "c",
      props: { tags: awsTags(deprecated()) },
    };
    expect(
      await messages(lifecycleState, extra, { extraResourceTypes: ["aws:comprehend/*"] }),
    ).toHaveLength(1);
    const r = endpoint({ tags: { ...awsTags(deprecated()), "aigov:stage": UNKNOWN_VALUE } });
    expect((await analyze([lifecycleState], r)).map((d) => d.level)).toEqual(["advisory"]);
  });
});
