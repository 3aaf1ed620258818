import { GovernanceMetadata } from "../../../sdk";
import {
  AwsInferenceEndpointArgs,
  AwsScalingMetric,
  AwsTrafficRouting,
} from "../../../components/aws";
import {
  bucketNameOf,
  defaultCaptureUri,
  hasInstanceStore,
  planEndpoint,
} from "../../../components/aws/endpoint-defaults";
import {
  SPOT_REASON,
  endpointIssues,
  endpointWarnings,
} from "../../../components/aws/endpoint-validate";

const meta = (over: Partial<GovernanceMetadata> = {}): GovernanceMetadata => ({
  assetId: "fraud-api",
  owner: "jane@example.com",
  team: "risk-ml",
  costCenter: "FIN-1234",
  stage: "staging",
  dataClassification: "internal",
  modelRegistry: "fraud-scorer",
  ...over,
});
const IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/serving:1";
const base: AwsInferenceEndpointArgs = { image: IMAGE };
const REGISTRY = { bucketArn: "arn:aws:s3:::models-bucket" };

describe("planEndpoint", () => {
  test("staging defaults", () => {
    expect(planEndpoint(base, meta())).toEqual({
      serverless: false,
      variantName: "AllTraffic",
      endpointName: "risk-ml-fraud-api-stg",
      configNamePrefix: "risk-ml-fraud-api-stg-",
      roleNamePrefix: "risk-ml-fraud-api-stg-",
      networkIsolation: true,
      modelPrefix: "models/",
      metadata: meta(),
      instanceType: "ml.m5.large",
      instanceCount: 1,
      autoscaling: {
        minCapacity: 1,
        maxCapacity: 2,
        metric: AwsScalingMetric.InvocationsPerInstance,
        targetValue: 100,
        scaleInCooldownSeconds: 300,
        scaleOutCooldownSeconds: 60,
        disableScaleIn: false,
        schedules: [],
      },
      deployment: {
        trafficRouting: AwsTrafficRouting.AllAtOnce,
        waitIntervalSeconds: 300,
        rollbackErrorThreshold: 5,
      },
    });
  });

  test("production: 2 instances, canary, data capture (100 % for high risk)", () => {
    const plan = planEndpoint(
      { ...base, registry: REGISTRY },
      meta({ stage: "production", riskTier: "high" }),
    );
    expect(plan.instanceCount).toBe(2);
    expect(plan.autoscaling).toMatchObject({ minCapacity: 2, maxCapacity: 4 });
    expect(plan.deployment).toEqual({
      trafficRouting: AwsTrafficRouting.Canary,
      stepPercent: 10,
      waitIntervalSeconds: 300,
      rollbackErrorThreshold: 5,
    });
    expect(plan.dataCapture).toEqual({ samplingPercentage: 100 });
  });

  test("serverless: no instances, no autoscaling, no deployment, no isolation", () => {
    const plan = planEndpoint(
      { ...base, serverless: { memorySizeInMb: 2048, maxConcurrency: 10 } },
      meta({ stage: "production" }),
    );
    expect(plan).toMatchObject({ serverless: true, networkIsolation: false });
    expect(plan.instanceType).toBeUndefined();
    expect(plan.autoscaling).toBeUndefined();
    expect(plan.deployment).toBeUndefined();
    expect(plan.dataCapture).toBeUndefined();
  });

  test("the concurrency metric has its own target; linear steps default to 25 %", () => {
    const plan = planEndpoint(
      {
        ...base,
        autoscaling: { metric: AwsScalingMetric.ConcurrentRequestsPerModel, maxCapacity: 6 },
        deployment: { trafficRouting: AwsTrafficRouting.Linear },
      },
      meta(),
    );
    expect(plan.autoscaling).toMatchObject({
      metric: "SageMakerVariantConcurrentRequestsPerModelHighResolution",
      targetValue: 5,
      maxCapacity: 6,
    });
    expect(plan.deployment?.stepPercent).toBe(25);
  });

  test("registry.assetId becomes the model-registry metadata", () => {
    const plan = planEndpoint(
      { ...base, registry: { assetId: "fraud-scorer" } },
      meta({ modelRegistry: undefined }),
    );
    expect(plan.metadata.modelRegistry).toBe("fraud-scorer");
  });
});

describe("helpers", () => {
  test.each([
    ["ml.m5.large", false],
    ["ml.g5.xlarge", true],
    ["ml.g4dn.xlarge", true],
    ["ml.m5d.large", true],
    ["ml.c6id.2xlarge", true],
    ["ml.p4d.24xlarge", true],
    ["ml.inf2.xlarge", false],
    ["ml.c5.xlarge", false],
  ])("hasInstanceStore(%s) = %s", (type, expected) =>
    expect(hasInstanceStore(type)).toBe(expected),
  );

  test("capture destinations", () => {
    expect(bucketNameOf("arn:aws:s3:::models-bucket")).toBe("models-bucket");
    expect(defaultCaptureUri("arn:aws:s3:::models-bucket", "fraud-api")).toBe(
      "s3://models-bucket/data-capture/fraud-api/",
    );
  });
});

describe("endpointIssues", () => {
  test("valid args have no issues", () => {
    expect(endpointIssues(base, meta())).toEqual([]);
    expect(endpointIssues({ modelPackageArn: "arn:aws:sagemaker:x" }, meta())).toEqual([]);
    expect(endpointIssues({ ...base, registry: REGISTRY }, meta({ stage: "production" }))).toEqual(
      [],
    );
  });

  test.each<[string, AwsInferenceEndpointArgs, Partial<GovernanceMetadata>, object[]]>([
    ["spot", { ...base, spot: true }, {}, [{ path: "spot", reason: SPOT_REASON }]],
    [
      "no model",
      {},
      {},
      [
        {
          path: "image",
          reason:
            "set `image` (with `modelDataUrl` if the image does not hold the model) or `modelPackageArn`",
        },
      ],
    ],
    [
      "two model sources and bad URLs",
      { ...base, modelPackageArn: "arn:x", modelDataUrl: "https://x", kmsKeyArn: "alias/k" },
      {},
      [
        {
          path: "modelPackageArn",
          reason: "`modelPackageArn` and `image`/`modelDataUrl` are mutually exclusive",
        },
        { path: "modelDataUrl", reason: 'expected an s3:// URL, got "https://x"' },
        { path: "kmsKeyArn", reason: 'expected a KMS key ARN, got "alias/k"' },
      ],
    ],
    [
      "bad instance type",
      { ...base, instanceType: "g5.xlarge" },
      {},
      [
        {
          path: "instanceType",
          reason: 'expected a SageMaker instance type like `ml.g5.xlarge`, got "g5.xlarge"',
        },
      ],
    ],
    [
      "burstable instance type",
      { ...base, instanceType: "ml.t3.medium" },
      {},
      [
        {
          path: "instanceType",
          reason:
            "burstable ml.t3.medium instances cannot be autoscaled, which instance endpoints require; pick e.g. `ml.m5.large`",
        },
      ],
    ],
    [
      "min > max",
      { ...base, autoscaling: { minCapacity: 5, maxCapacity: 3 } },
      {},
      [
        {
          path: "autoscaling.minCapacity",
          reason: "must be at most `autoscaling.maxCapacity` (3), got 5",
        },
      ],
    ],
    [
      "default min > max",
      { ...base, instanceCount: 4, autoscaling: { maxCapacity: 3 } },
      {},
      [
        {
          path: "autoscaling.maxCapacity",
          reason: "must be at least the instance count (4), got 3",
        },
      ],
    ],
    [
      "production with one instance",
      { ...base, instanceCount: 1, registry: REGISTRY },
      { stage: "production" },
      [
        {
          path: "instanceCount",
          reason: "`production` endpoints need at least 2 instances (or `serverless`), got 1",
        },
      ],
    ],
    [
      "production scaling down to one instance",
      { ...base, registry: REGISTRY, autoscaling: { minCapacity: 1 } },
      { stage: "production" },
      [
        {
          path: "autoscaling.minCapacity",
          reason: "`production` endpoints need at least 2 instances, got 1",
        },
      ],
    ],
    [
      "schedules",
      {
        ...base,
        autoscaling: {
          schedules: [
            { name: "night", schedule: "0 19 * * *", minCapacity: 3, maxCapacity: 1 },
            { name: "night", schedule: "cron(0 7 ? * MON-FRI *)" },
          ],
        },
      },
      {},
      [
        {
          path: "autoscaling.schedules[0].schedule",
          reason: 'expected cron(...), rate(...) or at(...), got "0 19 * * *"',
        },
        {
          path: "autoscaling.schedules[0].minCapacity",
          reason: "must be at most `maxCapacity` (1), got 3",
        },
        { path: "autoscaling.schedules[1].name", reason: 'duplicate schedule name "night"' },
        { path: "autoscaling.schedules[1]", reason: "set `minCapacity` and/or `maxCapacity`" },
      ],
    ],
    [
      "serverless limits and exclusions",
      {
        ...base,
        serverless: { memorySizeInMb: 1500, maxConcurrency: 5, provisionedConcurrency: 8 },
        instanceType: "ml.m5.large",
        vpc: { subnetIds: ["s"], securityGroupIds: ["g"] },
        dataCapture: { enabled: true },
      },
      {},
      [
        {
          path: "serverless.memorySizeInMb",
          reason: "expected 1024, 2048, 3072, 4096, 5120 or 6144, got 1500",
        },
        {
          path: "serverless.provisionedConcurrency",
          reason: "must be at most `serverless.maxConcurrency` (5), got 8",
        },
        {
          path: "instanceType",
          reason: "not allowed with `serverless`: serverless endpoints have no instances",
        },
        {
          path: "vpc",
          reason:
            "not allowed with `serverless`: SageMaker serverless endpoints cannot run in a VPC",
        },
        {
          path: "dataCapture",
          reason:
            "not allowed with `serverless`: SageMaker serverless endpoints do not support data capture",
        },
      ],
    ],
    [
      "production capture without destination",
      base,
      { stage: "production" },
      [
        {
          path: "dataCapture",
          reason:
            "data capture (on by default in `production`) needs a destination: set `registry.bucketArn` or `dataCapture.destinationS3Uri`, or set `dataCapture.enabled: false`",
        },
      ],
    ],
    [
      "registry mismatch and deployment ranges",
      {
        ...base,
        registry: { assetId: "other-registry", modelPrefix: "/models" },
        deployment: { trafficRouting: AwsTrafficRouting.AllAtOnce, stepPercent: 150 },
      },
      {},
      [
        { path: "deployment.stepPercent", reason: "only for `CANARY` or `LINEAR` traffic routing" },
        {
          path: "deployment.stepPercent",
          reason: "expected a whole number between 1 and 99, got 150",
        },
        {
          path: "registry.assetId",
          reason: 'differs from `metadata.modelRegistry` ("fraud-scorer"); set one of them',
        },
        {
          path: "registry.modelPrefix",
          reason: 'expected a key prefix ending in `/`, like `models/`, got "/models"',
        },
      ],
    ],
  ])("%s", (_what, args, over, expected) => {
    expect(endpointIssues(args, meta(over))).toEqual(expected);
  });
});

describe("endpointWarnings", () => {
  test("unpriced instance type and missing registry", () => {
    expect(
      endpointWarnings(
        { ...base, instanceType: "ml.x9.huge" },
        meta({ modelRegistry: undefined }),
        () => false,
      ),
    ).toEqual([
      "instance type ml.x9.huge is not in the aigov price catalog, so its cost is unknown; add its USD/hour to the stack config `aigov:pricing`",
      "no model registry: set `metadata.modelRegistry` or `registry.assetId` (policy `aigov-orphaned-endpoint`)",
    ]);
    expect(endpointWarnings(base, meta(), () => true)).toEqual([]);
  });
});
