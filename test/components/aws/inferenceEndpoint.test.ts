import * as pulumi from "@pulumi/pulumi";
import { expectInputError, inputError } from "../../helpers/input-errors";
import { recordOptions } from "../../helpers/options-recorder";
import { setStackConfig, settle, unwrap } from "../../helpers/pulumi-mocks";
import { DEFAULTS, mockStack } from "../../helpers/stack";
import {
  AwsInferenceEndpoint,
  AwsInferenceEndpointArgs,
  AwsScalingMetric,
  AwsTrafficRouting,
  DataClassification,
  EvalStatus,
  RiskTier,
  Stage,
} from "../../../index";
import { SPOT_REASON } from "../../../components/aws/endpoint-validate";
import { PolicyStatement } from "../../../components/aws/iam-policies";
import { allowed, policyOf, taggable } from "./util";

const stack = mockStack({
  config: { "aigov:defaults": { ...DEFAULTS, trainingDataLicense: ["apache-2.0"] } },
});
/** What the production gates want of a `production` endpoint. */
const PRODUCTION_GATES = {
  modelCard: "https://models.example.com/fraud-scorer",
  evalStatus: EvalStatus.Passed,
};
/** The metadata args of the tests' endpoint in `stage`. */
const metadataIn = (stage: Stage) => ({
  assetId: "fraud-api",
  stage,
  ...(stage === Stage.Production ? PRODUCTION_GATES : {}),
});
const { mocks } = stack;
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/risk-ml-fraud-scorer:1.4.0";
const REGISTRY = {
  assetId: "fraud-scorer",
  bucketArn: "arn:aws:s3:::risk-ml-fraud-scorer-20260101",
  kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/registry",
  repositoryArn: "arn:aws:ecr:us-east-1:123456789012:repository/risk-ml-fraud-scorer",
};
const T = {
  model: "aws:sagemaker/model:Model",
  config: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
  endpoint: "aws:sagemaker/endpoint:Endpoint",
  target: "aws:appautoscaling/target:Target",
  policy: "aws:appautoscaling/policy:Policy",
  schedule: "aws:appautoscaling/scheduledAction:ScheduledAction",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  key: "aws:kms/key:Key",
};

async function build(args: Partial<AwsInferenceEndpointArgs> = {}, stage = Stage.Staging) {
  const rec = recordOptions();
  const endpoint = new AwsInferenceEndpoint(
    "api",
    {
      image: IMAGE,
      registry: REGISTRY,
      ...args,
      metadata: { ...metadataIn(stage), ...args.metadata },
    },
    { transformations: rec.transformations },
  );
  await settle();
  return { endpoint, rec };
}
const get = (type: string, name: string) => mocks.get(type, name).inputs;
const tags = (stage: string) => ({
  "aigov:asset-id": "fraud-api",
  "aigov:owner": "jane.doe@example.com",
  "aigov:team": "risk-ml",
  "aigov:cost-center": "FIN-1234",
  "aigov:stage": stage,
  "aigov:data-classification": "internal",
  ...(stage === "production"
    ? { "aigov:model-card": PRODUCTION_GATES.modelCard, "aigov:eval-status": "passed" }
    : {}),
  "aigov:training-data-license": "apache-2.0",
  "aigov:model-registry": "fraud-scorer",
});

describe("AwsInferenceEndpoint", () => {
  test("creates role, model, alarm, config, endpoint and autoscaling under the component", async () => {
    const { rec } = await build();
    expect(rec.records.map((c) => [c.type, c.name, c.parent])).toEqual([
      ["aigov:index:AwsInferenceEndpoint", "api", undefined],
      [T.role, "api-execution-role", "api"],
      [T.rolePolicy, "api-execution-policy", "api"],
      [T.model, "api-model", "api"],
      [T.alarm, "api-rollback-alarm", "api"],
      [T.config, "api-config", "api"],
      [T.endpoint, "api-endpoint", "api"],
      [T.target, "api-scaling-target", "api"],
      [T.policy, "api-scaling-policy", "api"],
    ]);
    for (const r of taggable(mocks.resources)) expect(r.inputs.tags).toEqual(tags("staging"));
    expect(mocks.ofType(T.key)).toEqual([]);
  });

  test("the model is network-isolated and runs with the least-privilege role", async () => {
    await build({ modelDataUrl: "s3://risk-ml-fraud-scorer-20260101/models/fraud/1.4.0.tar.gz" });
    expect(get(T.model, "api-model")).toEqual({
      executionRoleArn: "arn:aws:iam:us-east-1:123456789012:api-execution-role",
      primaryContainer: {
        image: IMAGE,
        modelDataUrl: "s3://risk-ml-fraud-scorer-20260101/models/fraud/1.4.0.tar.gz",
      },
      enableNetworkIsolation: true,
      tags: tags("staging"),
    });
    const role = get(T.role, "api-execution-role");
    expect(role.namePrefix).toBe("risk-ml-fraud-api-stg-");
    expect(JSON.parse(role.assumeRolePolicy).Statement).toEqual([
      {
        Sid: "ServiceAssumesRole",
        Effect: "Allow",
        Principal: { Service: "sagemaker.amazonaws.com" },
        Action: "sts:AssumeRole",
      },
    ]);
    const policy = policyOf(mocks.get(T.rolePolicy, "api-execution-policy"));
    expect(get(T.rolePolicy, "api-execution-policy").role).toBe("api-execution-role-id");
    const { actions, resources } = allowed(policy);
    expect(actions).toEqual([
      "s3:GetObject",
      "s3:ListBucket",
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
      "ecr:GetAuthorizationToken",
      "kms:Decrypt",
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]);
    expect(resources).toEqual([
      "arn:aws:s3:::risk-ml-fraud-scorer-20260101/models/*",
      "arn:aws:s3:::risk-ml-fraud-scorer-20260101/models/fraud/1.4.0.tar.gz",
      "arn:aws:s3:::risk-ml-fraud-scorer-20260101",
      REGISTRY.repositoryArn,
      "*",
      REGISTRY.kmsKeyArn,
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/risk-ml-fraud-api-stg",
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/risk-ml-fraud-api-stg:*",
    ]);
    for (const a of actions) expect(a).not.toContain("*");
    const star = policy.Statement.filter((s: PolicyStatement) => s.Resource === "*").map(
      (s: PolicyStatement) => s.Action,
    );
    expect(star).toEqual(["ecr:GetAuthorizationToken"]);
  });

  test("the auto-named configuration is KMS-encrypted and the endpoint rolls back on its alarm", async () => {
    await build();
    expect(get(T.config, "api-config")).toEqual({
      namePrefix: "risk-ml-fraud-api-stg-",
      productionVariants: [
        {
          variantName: "AllTraffic",
          modelName: "api-model",
          instanceType: "ml.m5.large",
          initialInstanceCount: 1,
          initialVariantWeight: 1,
        },
      ],
      kmsKeyArn: REGISTRY.kmsKeyArn,
      tags: tags("staging"),
    });
    expect(get(T.alarm, "api-rollback-alarm")).toEqual({
      name: "risk-ml-fraud-api-stg-invocation-5xx",
      alarmDescription:
        "Rolls back deployments of SageMaker endpoint risk-ml-fraud-api-stg on 5XX errors (aigov)",
      namespace: "AWS/SageMaker",
      metricName: "Invocation5XXErrors",
      dimensions: { EndpointName: "risk-ml-fraud-api-stg", VariantName: "AllTraffic" },
      statistic: "Sum",
      period: 60,
      evaluationPeriods: 1,
      threshold: 5,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      tags: tags("staging"),
    });
    expect(get(T.endpoint, "api-endpoint")).toEqual({
      name: "risk-ml-fraud-api-stg",
      endpointConfigName: "api-config",
      deploymentConfig: {
        blueGreenUpdatePolicy: {
          trafficRoutingConfiguration: { type: "ALL_AT_ONCE", waitIntervalInSeconds: 300 },
        },
        autoRollbackConfiguration: {
          alarms: [{ alarmName: "risk-ml-fraud-api-stg-invocation-5xx" }],
        },
      },
      tags: tags("staging"),
    });
  });

  test("autoscaling targets the endpoint's variant and tracks invocations per instance", async () => {
    const { endpoint } = await build();
    expect(get(T.target, "api-scaling-target")).toEqual({
      serviceNamespace: "sagemaker",
      resourceId: "endpoint/risk-ml-fraud-api-stg/variant/AllTraffic",
      scalableDimension: "sagemaker:variant:DesiredInstanceCount",
      minCapacity: 1,
      maxCapacity: 2,
      tags: tags("staging"),
    });
    expect(get(T.policy, "api-scaling-policy")).toEqual({
      name: "risk-ml-fraud-api-stg-target-tracking",
      policyType: "TargetTrackingScaling",
      serviceNamespace: "sagemaker",
      resourceId: "endpoint/risk-ml-fraud-api-stg/variant/AllTraffic",
      scalableDimension: "sagemaker:variant:DesiredInstanceCount",
      targetTrackingScalingPolicyConfiguration: {
        targetValue: 100,
        predefinedMetricSpecification: {
          predefinedMetricType: "SageMakerVariantInvocationsPerInstance",
        },
        scaleInCooldown: 300,
        scaleOutCooldown: 60,
        disableScaleIn: false,
      },
    });
    expect(
      await unwrap(
        pulumi.all([
          endpoint.endpointName,
          endpoint.endpointConfigurationName,
          endpoint.modelName,
          endpoint.executionRoleArn,
          endpoint.kmsKeyArn,
          endpoint.rollbackAlarmName!,
          endpoint.scalingResourceId!,
        ]),
      ),
    ).toEqual([
      "risk-ml-fraud-api-stg",
      "api-config",
      "api-model",
      "arn:aws:iam:us-east-1:123456789012:api-execution-role",
      REGISTRY.kmsKeyArn,
      "risk-ml-fraud-api-stg-invocation-5xx",
      "endpoint/risk-ml-fraud-api-stg/variant/AllTraffic",
    ]);
  });

  test("production: 2+ instances, canary, data capture to the registry with KMS, office hours", async () => {
    await build(
      {
        metadata: {
          riskTier: RiskTier.High,
          containsPii: true,
          dataClassification: DataClassification.Confidential,
        },
        instanceType: "ml.c5.xlarge",
        autoscaling: {
          maxCapacity: 8,
          metric: AwsScalingMetric.ConcurrentRequestsPerModel,
          targetValue: 4,
          scaleInCooldownSeconds: 600,
          scaleOutCooldownSeconds: 30,
          schedules: [
            {
              name: "evening",
              schedule: "cron(0 19 ? * MON-FRI *)",
              minCapacity: 2,
              maxCapacity: 2,
              timezone: "Europe/Berlin",
            },
            {
              name: "morning",
              schedule: "cron(0 7 ? * MON-FRI *)",
              maxCapacity: 8,
              timezone: "Europe/Berlin",
            },
          ],
        },
        deployment: { rollbackAlarmNames: ["fraud-api-latency"] },
      },
      Stage.Production,
    );
    const config = get(T.config, "api-config");
    expect(config.productionVariants[0]).toMatchObject({
      instanceType: "ml.c5.xlarge",
      initialInstanceCount: 2,
    });
    expect(config.dataCaptureConfig).toEqual({
      enableCapture: true,
      initialSamplingPercentage: 100,
      destinationS3Uri: "s3://risk-ml-fraud-scorer-20260101/data-capture/fraud-api/",
      kmsKeyId: REGISTRY.kmsKeyArn,
      captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
    });
    expect(config.tags["aigov:contains-pii"]).toBe("true");
    const policy = policyOf(mocks.get(T.rolePolicy, "api-execution-policy"));
    expect(policy.Statement.find((s: PolicyStatement) => s.Sid === "WriteDataCapture")).toEqual({
      Sid: "WriteDataCapture",
      Effect: "Allow",
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::risk-ml-fraud-scorer-20260101/data-capture/fraud-api/*",
    });
    expect(get(T.endpoint, "api-endpoint").deploymentConfig).toEqual({
      blueGreenUpdatePolicy: {
        trafficRoutingConfiguration: {
          type: "CANARY",
          waitIntervalInSeconds: 300,
          canarySize: { type: "CAPACITY_PERCENT", value: 10 },
        },
      },
      autoRollbackConfiguration: {
        alarms: [
          { alarmName: "risk-ml-fraud-api-prod-invocation-5xx" },
          { alarmName: "fraud-api-latency" },
        ],
      },
    });
    expect(get(T.target, "api-scaling-target")).toMatchObject({ minCapacity: 2, maxCapacity: 8 });
    expect(get(T.policy, "api-scaling-policy").targetTrackingScalingPolicyConfiguration).toEqual({
      targetValue: 4,
      predefinedMetricSpecification: {
        predefinedMetricType: "SageMakerVariantConcurrentRequestsPerModelHighResolution",
      },
      scaleInCooldown: 600,
      scaleOutCooldown: 30,
      disableScaleIn: false,
    });
    expect(get(T.schedule, "api-schedule-evening")).toEqual({
      name: "risk-ml-fraud-api-prod-evening",
      serviceNamespace: "sagemaker",
      resourceId: "endpoint/risk-ml-fraud-api-prod/variant/AllTraffic",
      scalableDimension: "sagemaker:variant:DesiredInstanceCount",
      schedule: "cron(0 19 ? * MON-FRI *)",
      timezone: "Europe/Berlin",
      scalableTargetAction: { minCapacity: 2, maxCapacity: 2 },
    });
    expect(get(T.schedule, "api-schedule-morning").scalableTargetAction).toEqual({
      maxCapacity: 8,
    });
  });

  test("creates a key when none is given and keeps it in production", async () => {
    const { rec } = await build(
      {
        registry: { assetId: "fraud-scorer", bucketArn: REGISTRY.bucketArn },
        dataCapture: { samplingPercentage: 5 },
      },
      Stage.Production,
    );
    expect(get(T.key, "api-key")).toEqual({
      description: "aigov endpoint risk-ml-fraud-api-prod",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: tags("production"),
    });
    expect(rec.retained()).toEqual(["api-key"]);
    const config = get(T.config, "api-config");
    expect(config.kmsKeyArn).toBe("arn:aws:kms:us-east-1:123456789012:api-key");
    expect(config.dataCaptureConfig.kmsKeyId).toBe("arn:aws:kms:us-east-1:123456789012:api-key");
    expect(config.dataCaptureConfig.initialSamplingPercentage).toBe(5);
  });

  test("a given role and VPC; an unpriced GPU type with instance storage gets no volume key", async () => {
    const { endpoint } = await build({
      executionRoleArn: "arn:aws:iam::123456789012:role/given",
      vpc: { subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] },
      instanceType: "ml.g6e.2xlarge",
      environment: { MODEL_NAME: "fraud" },
    });
    expect(mocks.ofType(T.role)).toEqual([]);
    expect(mocks.ofType(T.rolePolicy)).toEqual([]);
    expect(get(T.model, "api-model")).toMatchObject({
      executionRoleArn: "arn:aws:iam::123456789012:role/given",
      vpcConfig: { subnets: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] },
      primaryContainer: { image: IMAGE, environment: { MODEL_NAME: "fraud" } },
    });
    expect(get(T.config, "api-config").kmsKeyArn).toBeUndefined();
    expect(stack.warn.mock.calls).toEqual([
      [
        'AwsInferenceEndpoint "api": instance type ml.g6e.2xlarge is not in the aigov price catalog, so its cost is unknown; add its USD/hour to the stack config `aigov:pricing`',
        endpoint,
      ],
      [
        'AwsInferenceEndpoint "api": ml.g6e.2xlarge has NVMe instance storage, which its hardware encrypts; SageMaker rejects a KMS key for it, so the endpoint configuration has no `kmsKeyArn`',
        endpoint,
      ],
    ]);
  });

  test("a price override in aigov:pricing silences the unknown-price warning", async () => {
    setStackConfig({ "aigov:defaults": DEFAULTS, "aigov:pricing": { "ml.c7i.xlarge": 0.25 } });
    await build({
      instanceType: "ml.c7i.xlarge",
      metadata: { trainingDataLicense: ["apache-2.0"] },
    });
    expect(stack.warn).not.toHaveBeenCalled();
  });

  test("serverless: no autoscaling, no deployment config, no isolation", async () => {
    const { rec, endpoint } = await build(
      {
        modelPackageArn:
          "arn:aws:sagemaker:us-east-1:123456789012:model-package/risk-ml-fraud-scorer/3",
        image: undefined,
        serverless: { memorySizeInMb: 4096, maxConcurrency: 20, provisionedConcurrency: 2 },
      },
      Stage.Production,
    );
    expect(rec.records.map((c) => c.type)).not.toContain(T.target);
    expect(rec.records.map((c) => c.type)).not.toContain(T.alarm);
    expect(get(T.model, "api-model")).toMatchObject({
      primaryContainer: {
        modelPackageName:
          "arn:aws:sagemaker:us-east-1:123456789012:model-package/risk-ml-fraud-scorer/3",
      },
      enableNetworkIsolation: false,
    });
    expect(get(T.config, "api-config")).toEqual({
      namePrefix: "risk-ml-fraud-api-prod-",
      productionVariants: [
        {
          variantName: "AllTraffic",
          modelName: "api-model",
          serverlessConfig: { memorySizeInMb: 4096, maxConcurrency: 20, provisionedConcurrency: 2 },
        },
      ],
      kmsKeyArn: REGISTRY.kmsKeyArn,
      tags: tags("production"),
    });
    expect(get(T.endpoint, "api-endpoint").deploymentConfig).toBeUndefined();
    expect(endpoint.scalingResourceId).toBeUndefined();
    expect(endpoint.rollbackAlarmName).toBeUndefined();
  });

  test("linear blue/green steps", async () => {
    await build({
      deployment: {
        trafficRouting: AwsTrafficRouting.Linear,
        stepPercent: 20,
        waitIntervalSeconds: 120,
      },
    });
    expect(get(T.endpoint, "api-endpoint").deploymentConfig.blueGreenUpdatePolicy).toEqual({
      trafficRoutingConfiguration: {
        type: "LINEAR",
        waitIntervalInSeconds: 120,
        linearStepSize: { type: "CAPACITY_PERCENT", value: 20 },
      },
    });
  });

  describe("rejects bad args before creating anything", () => {
    const fail = (
      args: Partial<AwsInferenceEndpointArgs>,
      stage: Stage,
      errors: pulumi.InputPropertyErrorDetails[],
    ) =>
      expectInputError(
        () =>
          new AwsInferenceEndpoint("api", {
            image: IMAGE,
            registry: REGISTRY,
            ...args,
            metadata: { ...metadataIn(stage), ...args.metadata },
          }),
        inputError("AwsInferenceEndpoint", "api", errors),
      );
    afterEach(() => expect(mocks.resources).toEqual([]));

    test("spot points to the Kubernetes component", () => {
      fail({ spot: true }, Stage.Staging, [{ propertyPath: "spot", reason: SPOT_REASON }]);
      expect(SPOT_REASON).toContain("K8sInferenceService");
      expect(SPOT_REASON).toContain("no spot capacity");
    });

    test("min > max and production with one instance", () => {
      fail(
        { instanceCount: 1, autoscaling: { minCapacity: 3, maxCapacity: 2 } },
        Stage.Production,
        [
          {
            propertyPath: "instanceCount",
            reason: "`production` endpoints need at least 2 instances (or `serverless`), got 1",
          },
          {
            propertyPath: "autoscaling.minCapacity",
            reason: "must be at most `autoscaling.maxCapacity` (2), got 3",
          },
        ],
      );
    });

    test("bad stage, missing metadata and a malformed instance type together", () => {
      setStackConfig({
        "aigov:defaults": { ...DEFAULTS, trainingDataLicense: ["apache-2.0"], owner: undefined },
      });
      fail(
        { metadata: { stage: "live" as Stage }, instanceType: "g5.xlarge", spot: true },
        "live" as Stage,
        [
          {
            propertyPath: "metadata.owner",
            reason:
              "required: set `owner` here or in the stack config `aigov:defaults` (aigov-required-metadata)",
          },
          {
            propertyPath: "metadata.stage",
            reason:
              'expected one of `experimental`, `staging`, `production`, `deprecated`, `retired`, got "live" (aigov-metadata-values)',
          },
          { propertyPath: "spot", reason: SPOT_REASON },
          {
            propertyPath: "instanceType",
            reason: 'expected a SageMaker instance type like `ml.g5.xlarge`, got "g5.xlarge"',
          },
        ],
      );
    });

    test("serverless with instance settings", () => {
      fail(
        {
          serverless: { memorySizeInMb: 7168, maxConcurrency: 0 },
          autoscaling: { maxCapacity: 4 },
        },
        Stage.Staging,
        [
          {
            propertyPath: "serverless.memorySizeInMb",
            reason: "expected 1024, 2048, 3072, 4096, 5120 or 6144, got 7168",
          },
          {
            propertyPath: "serverless.maxConcurrency",
            reason: "expected a whole number between 1 and 200, got 0",
          },
          {
            propertyPath: "autoscaling",
            reason:
              "not allowed with `serverless`: serverless endpoints scale by `serverless.maxConcurrency`",
          },
        ],
      );
    });

    test("production data capture without a destination; retired endpoints", () => {
      fail({ registry: { assetId: "fraud-scorer" } }, Stage.Production, [
        {
          propertyPath: "dataCapture",
          reason:
            "data capture (on by default in `production`) needs a destination: set `registry.bucketArn` or `dataCapture.destinationS3Uri`, or set `dataCapture.enabled: false`",
        },
      ]);
      fail({}, Stage.Retired, [
        {
          propertyPath: "metadata.stage",
          reason:
            "retired assets must not have serving resources: remove this component (aigov-lifecycle-state)",
        },
      ]);
    });
  });
});
