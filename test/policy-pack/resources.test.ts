import {
  TYPES,
  UNKNOWN,
  asObject,
  at,
  capacityCost,
  describeType,
  hasLocalInstanceStorage,
  isAiResource,
  isDeployableModelResource,
  isGovernedResource,
  isModelResource,
  isServingResource,
  isTaggable,
  keyState,
  knownMetadata,
  readBudget,
  readCapacity,
  readMetadata,
  selectsSpot,
} from "aigov/sdk";
import { UNKNOWN_VALUE } from "./harness";
import { awsTags, deployment, endpointConfig, inferenceService, meta } from "./fixtures";

describe("classification (docs/contract.md §2)", () => {
  it.each([
    [TYPES.sagemakerEndpoint, true, true, true, true],
    [TYPES.sagemakerEndpointConfiguration, true, true, true, true],
    [TYPES.sagemakerModel, true, false, true, true],
    [TYPES.sagemakerModelPackageGroup, true, false, false, true],
    [TYPES.sagemakerTrainingJob, true, false, false, true],
    [TYPES.sagemakerModelCard, true, false, false, false],
    [TYPES.bedrockCustomModel, true, false, true, true],
    [TYPES.bedrockProvisionedThroughput, true, false, false, false],
    [TYPES.vertexEndpoint, true, true, true, true],
    [TYPES.vertexDeploymentResourcePool, true, true, true, true],
    [TYPES.vertexModelGardenDeployment, true, true, true, true],
    [TYPES.vertexDataset, true, false, false, false],
    [TYPES.workbenchInstance, true, false, false, false],
    [TYPES.kserveInferenceService, true, true, true, true],
    ["aws:iam/role:Role", false, false, false, false],
  ])("%s: AI %s, serving %s, deployable %s, model %s", (type, ai, serving, deployable, model) => {
    expect(isAiResource(type, {})).toBe(ai);
    expect(isServingResource(type, {})).toBe(serving);
    expect(isDeployableModelResource(type, {})).toBe(deployable);
    expect(isModelResource(type, {})).toBe(model);
  });

  it("holds only taggable types to the metadata rules", () => {
    expect(isTaggable(TYPES.sagemakerModelPackageGroupPolicy)).toBe(false);
    expect(isTaggable(TYPES.vertexMetadataStore)).toBe(false);
    expect(isTaggable("gcp:vertex/aiEndpointIamMember:AiEndpointIamMember")).toBe(false);
    expect(isTaggable(TYPES.vertexEndpoint)).toBe(true);
    expect(isGovernedResource(TYPES.vertexDeploymentResourcePool, {})).toBe(false);
    expect(
      isGovernedResource(
        "aws:comprehend/endpoint:Endpoint",
        {},
        { extraResourceTypes: ["aws:comprehend/*"] },
      ),
    ).toBe(true);
  });

  it("classifies Kubernetes workloads by accelerators or aigov metadata", () => {
    expect(isAiResource(TYPES.k8sDeployment, deployment().props)).toBe(true);
    const cpu = {
      spec: {
        template: { spec: { containers: [{ name: "c", resources: { limits: { cpu: "1" } } }] } },
      },
    };
    expect(isAiResource(TYPES.k8sDeployment, cpu)).toBe(false);
    for (const gpu of ["amd.com/gpu", "aws.amazon.com/neuroncore", "google.com/tpu"]) {
      const p = {
        spec: {
          template: {
            spec: { containers: [{ name: "c", resources: { requests: { [gpu]: 1 } } }] },
          },
        },
      };
      expect(isAiResource(TYPES.k8sStatefulSet, p)).toBe(true);
    }
    const labelled = { spec: { template: { metadata: { labels: { "aigov.dev/team": "x" } } } } };
    expect(isServingResource(TYPES.k8sDeployment, labelled)).toBe(true);
    expect(isAiResource(TYPES.k8sDeployment, { spec: UNKNOWN_VALUE })).toBe(false);
  });

  it("describes types for messages", () => {
    expect(describeType(TYPES.sagemakerEndpoint)).toBe("SageMaker Endpoint");
    expect(describeType(TYPES.vertexEndpoint)).toBe("Vertex AI Endpoint");
    expect(describeType(TYPES.k8sDeployment)).toBe("Kubernetes Deployment");
    expect(describeType(TYPES.kserveInferenceService)).toBe("KServe InferenceService");
  });
});

describe("metadata reading", () => {
  it("prefers tagsAll, else merges tags over provider defaultTags (JSON string or object)", () => {
    const provider = {
      type: "pulumi:providers:aws",
      props: {
        defaultTags: JSON.stringify({
          tags: { "aigov:team": "platform", "aigov:owner": "a@b.co" },
        }),
      },
    };
    const m = readMetadata(TYPES.s3Bucket, { tags: { "aigov:team": "risk-ml" } }, provider)!;
    expect(knownMetadata(m)).toEqual({ team: "risk-ml", owner: "a@b.co" });
    expect(m.complete).toBe(true);
    const all = readMetadata(
      TYPES.s3Bucket,
      { tags: {}, tagsAll: { "aigov:stage": "staging" } },
      provider,
    )!;
    expect(knownMetadata(all)).toEqual({ stage: "staging" });
    const objectDefaults = {
      type: "pulumi:providers:aws",
      props: { defaultTags: { tags: { "aigov:team": "x" } } },
    };
    expect(knownMetadata(readMetadata(TYPES.s3Bucket, {}, objectDefaults)!)).toEqual({ team: "x" });
  });

  it("keeps default keys present but unknown when the resource's tags are unknown", () => {
    const provider = {
      type: "pulumi:providers:aws",
      props: { defaultTags: { tags: { "aigov:team": "x" } } },
    };
    const m = readMetadata(TYPES.s3Bucket, { tags: UNKNOWN_VALUE }, provider)!;
    expect(m.values.team).toBe(UNKNOWN);
    expect(keyState(m, "team")).toBe("present");
    expect(keyState(m, "owner")).toBe("unknown");
  });

  it("reads GCP effectiveLabels or labels over defaultLabels, in encoded form", () => {
    const provider = {
      type: "pulumi:providers:gcp",
      props: { defaultLabels: '{"aigov-team":"platform"}' },
    };
    const m = readMetadata(
      TYPES.gcsBucket,
      { labels: { "aigov-owner": "jane_doe_example_com" } },
      provider,
    )!;
    expect(m.encoding).toBe("gcp");
    expect(knownMetadata(m)).toEqual({ owner: "jane_doe_example_com", team: "platform" });
  });

  it("reads Kubernetes annotations over labels, and the pod template labels separately", () => {
    const m = readMetadata(TYPES.k8sDeployment, deployment().props)!;
    expect(knownMetadata(m)).toMatchObject({
      owner: "jane.doe@example.com",
      "cost-center": "FIN-1234",
    });
    expect(Object.keys(m.template!.values).sort()).toEqual([
      "asset-id",
      "contains-pii",
      "cost-center",
      "data-classification",
      "eval-status",
      "risk-tier",
      "stage",
      "team",
    ]);
    expect(
      readMetadata(TYPES.kserveInferenceService, inferenceService().props)!.template,
    ).toBeUndefined();
    expect(readMetadata("azure:ml/workspace:Workspace", {})).toBeUndefined();
  });
});

describe("capacity", () => {
  it("reads SageMaker variants, serverless and managed scaling", () => {
    const lines = readCapacity(
      TYPES.sagemakerEndpointConfiguration,
      endpointConfig({
        productionVariants: [
          {
            variantName: "a",
            instanceType: "ml.g5.xlarge",
            initialInstanceCount: 2,
            managedInstanceScaling: { maxInstanceCount: 6 },
          },
          { variantName: "s", serverlessConfig: { memorySizeInMb: 1024, maxConcurrency: 2 } },
        ],
      }).props,
    );
    expect(lines).toMatchObject([
      {
        path: "productionVariants[0]",
        name: "a",
        service: "sagemaker",
        instanceType: "ml.g5.xlarge",
        minReplicas: 2,
        maxReplicas: 6,
        serverless: false,
      },
      { path: "productionVariants[1]", name: "s", serverless: true },
    ]);
    expect(
      readCapacity(TYPES.sagemakerEndpointConfiguration, { productionVariants: UNKNOWN_VALUE }),
    ).toBe(UNKNOWN);
  });

  it("reads Kubernetes replicas, instance-type selectors and spot selection", () => {
    const d = deployment({}, meta(), {
      nodeSelector: {
        "node.kubernetes.io/instance-type": "g5.xlarge",
        "eks.amazonaws.com/capacityType": "SPOT",
      },
    });
    expect(readCapacity(TYPES.k8sDeployment, d.props)).toMatchObject([
      { instanceType: "g5.xlarge", minReplicas: 2, spot: true },
    ]);
    expect(selectsSpot({ nodeSelector: { "karpenter.sh/capacity-type": "on-demand" } })).toBe(
      false,
    );
    expect(selectsSpot({ nodeSelector: UNKNOWN_VALUE })).toBe(UNKNOWN);
  });

  it("prices instance-based serving capacity for the cost report", () => {
    const lines = readCapacity(TYPES.sagemakerEndpointConfiguration, {
      productionVariants: [
        {
          instanceType: "ml.m5.xlarge",
          initialInstanceCount: 2,
          managedInstanceScaling: { maxInstanceCount: 4 },
        },
        { instanceType: "ml.x9.huge", initialInstanceCount: 1 },
        { serverlessConfig: { memorySizeInMb: 1024, maxConcurrency: 1 } },
      ],
    });
    const cost = capacityCost(lines === UNKNOWN ? [] : lines, { "ml.m5.xlarge": 0.25 });
    expect(cost).toEqual({ monthlyUsd: { min: 365, max: 730 }, unpriced: ["ml.x9.huge"] });
  });

  it("knows the SageMaker instance types with local NVMe storage", () => {
    for (const t of [
      "ml.g5.xlarge",
      "ml.g4dn.2xlarge",
      "ml.m5d.large",
      "ml.p4d.24xlarge",
      "ml.p4de.24xlarge",
    ]) {
      expect(hasLocalInstanceStorage(t)).toBe(true);
    }
    for (const t of ["ml.m5.xlarge", "ml.c5.large", "ml.inf2.xlarge"])
      expect(hasLocalInstanceStorage(t)).toBe(false);
  });
});

describe("budgets and raw readers", () => {
  it("reads AWS and GCP budget scopes and monthly limits", () => {
    const aws = readBudget(TYPES.awsBudget, {
      limitAmount: "1200.0",
      limitUnit: "USD",
      timeUnit: "QUARTERLY",
      costFilters: [{ name: "TagKeyValue", values: ["user:aigov:team$risk-ml", "user:other$x"] }],
    })!;
    expect(aws.monthlyLimitUsd).toBe(400);
    expect(aws.scope !== UNKNOWN && [...aws.scope.team]).toEqual(["risk-ml"]);
    const gcp = readBudget(TYPES.gcpBudget, {
      amount: { specifiedAmount: { units: "99", nanos: 500000000 } },
      budgetFilter: { labels: { "aigov-cost-center": "fin-1234" } },
    })!;
    expect(gcp.monthlyLimitUsd).toBe(99.5);
    expect(gcp.scope !== UNKNOWN && [...gcp.scope["cost-center"]]).toEqual(["fin-1234"]);
    expect(
      readBudget(TYPES.awsBudget, { costFilters: [{ name: UNKNOWN_VALUE, values: [] }] })!.scope,
    ).toBe(UNKNOWN);
  });

  it("reads paths through arrays and unknowns, and parses JSON-string objects", () => {
    expect(at({ a: [{ b: 1 }] }, "a", 0, "b")).toBe(1);
    expect(at({ a: [{ b: 1 }] }, "a", "0", "b")).toBe(1);
    expect(at({ a: UNKNOWN_VALUE }, "a", "b")).toBe(UNKNOWN);
    expect(at({ a: "x" }, "a", "b")).toBeUndefined();
    expect(asObject('{"k":"v"}')).toEqual({ k: "v" });
    expect(asObject("{not json")).toBeUndefined();
  });

  it("matches tags written by the components' encoder", () => {
    expect(knownMetadata(readMetadata(TYPES.sagemakerModel, { tags: awsTags() })!)).toMatchObject({
      "eval-benchmarks": "accuracy+toxicity",
    });
  });
});
