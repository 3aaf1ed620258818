import { GovernanceMetadata, fitName, hasLocalInstanceStorage, resourceName } from "../../sdk";
import { AwsInferenceEndpointArgs, AwsScheduledScalingArgs } from "./endpoint-args";
import { AwsScalingMetric, AwsTrafficRouting } from "./enums";
import { MODEL_PREFIX } from "./iam-policies";

/** Defaults of the endpoint args. */
export const ENDPOINT_DEFAULTS = {
  instanceType: "ml.m5.large",
  productionInstanceCount: 2,
  instanceCount: 1,
  variantName: "AllTraffic",
  metric: AwsScalingMetric.InvocationsPerInstance,
  targetValue: {
    [AwsScalingMetric.InvocationsPerInstance]: 100,
    [AwsScalingMetric.ConcurrentRequestsPerModel]: 5,
  },
  scaleInCooldownSeconds: 300,
  scaleOutCooldownSeconds: 60,
  samplingPercentage: 20,
  highRiskSamplingPercentage: 100,
  stepPercent: { [AwsTrafficRouting.Canary]: 10, [AwsTrafficRouting.Linear]: 25 },
  waitIntervalSeconds: 300,
  rollbackErrorThreshold: 5,
} as const;

/** The application autoscaling dimension of an instance variant. */
export const VARIANT_INSTANCE_DIMENSION = "sagemaker:variant:DesiredInstanceCount";

/** Longest `namePrefix` of an endpoint configuration (the provider appends 26 characters). */
const CONFIG_PREFIX_MAX = 37;
/** Longest `namePrefix` of an IAM role. */
const ROLE_PREFIX_MAX = 38;

/** Resolved autoscaling of an instance variant. */
export interface ResolvedAutoscaling {
  minCapacity: number;
  maxCapacity: number;
  metric: AwsScalingMetric;
  targetValue: number;
  scaleInCooldownSeconds: number;
  scaleOutCooldownSeconds: number;
  disableScaleIn: boolean;
  schedules: AwsScheduledScalingArgs[];
}

/** Resolved blue/green deployment. */
export interface ResolvedDeployment {
  trafficRouting: AwsTrafficRouting;
  stepPercent?: number;
  waitIntervalSeconds: number;
  rollbackErrorThreshold: number;
}

/** Every structural decision about an endpoint, made before anything is created. */
export interface EndpointPlan {
  serverless: boolean;
  instanceType?: string;
  instanceCount?: number;
  variantName: string;
  endpointName: string;
  configNamePrefix: string;
  roleNamePrefix: string;
  networkIsolation: boolean;
  modelPrefix: string;
  /** Metadata with `modelRegistry` taken from `registry.assetId` when only that is given. */
  metadata: GovernanceMetadata;
  autoscaling?: ResolvedAutoscaling;
  dataCapture?: { samplingPercentage: number };
  deployment?: ResolvedDeployment;
}

const prefix = (name: string, max: number) =>
  `${name.slice(0, max - 1).replace(/[^A-Za-z0-9]+$/, "")}-`;

/** The default endpoint name: `<team>-<assetId>-<stage>`. */
export function defaultEndpointName(metadata: GovernanceMetadata): string {
  return resourceName(
    { team: metadata.team, assetId: metadata.assetId, stage: metadata.stage },
    "sagemaker",
  );
}

/** True when data capture is on: as asked, else in `production`. */
export function dataCaptureEnabled(args: AwsInferenceEndpointArgs, metadata: GovernanceMetadata) {
  return (
    args.serverless === undefined && (args.dataCapture?.enabled ?? metadata.stage === "production")
  );
}

/** Applies the defaults to valid args. */
export function planEndpoint(
  args: AwsInferenceEndpointArgs,
  metadata: GovernanceMetadata,
): EndpointPlan {
  const serverless = args.serverless !== undefined;
  const production = metadata.stage === "production";
  const endpointName = args.endpointName ?? defaultEndpointName(metadata);
  const modelRegistry = metadata.modelRegistry ?? args.registry?.assetId;
  const plan: EndpointPlan = {
    serverless,
    variantName: args.variantName ?? ENDPOINT_DEFAULTS.variantName,
    endpointName,
    configNamePrefix: prefix(endpointName, CONFIG_PREFIX_MAX),
    roleNamePrefix: prefix(fitName(endpointName, "iamRole"), ROLE_PREFIX_MAX),
    networkIsolation: args.enableNetworkIsolation ?? !serverless,
    modelPrefix: args.registry?.modelPrefix ?? MODEL_PREFIX,
    metadata: modelRegistry === undefined ? metadata : { ...metadata, modelRegistry },
  };
  if (dataCaptureEnabled(args, metadata)) {
    plan.dataCapture = {
      samplingPercentage:
        args.dataCapture?.samplingPercentage ??
        (metadata.riskTier === "high"
          ? ENDPOINT_DEFAULTS.highRiskSamplingPercentage
          : ENDPOINT_DEFAULTS.samplingPercentage),
    };
  }
  if (serverless) return plan;

  const instanceCount =
    args.instanceCount ??
    (production ? ENDPOINT_DEFAULTS.productionInstanceCount : ENDPOINT_DEFAULTS.instanceCount);
  plan.instanceType = args.instanceType ?? ENDPOINT_DEFAULTS.instanceType;
  plan.instanceCount = instanceCount;
  const a = args.autoscaling ?? {};
  const minCapacity = a.minCapacity ?? instanceCount;
  const metric = a.metric ?? ENDPOINT_DEFAULTS.metric;
  plan.autoscaling = {
    minCapacity,
    maxCapacity: a.maxCapacity ?? minCapacity * 2,
    metric,
    targetValue: a.targetValue ?? ENDPOINT_DEFAULTS.targetValue[metric],
    scaleInCooldownSeconds: a.scaleInCooldownSeconds ?? ENDPOINT_DEFAULTS.scaleInCooldownSeconds,
    scaleOutCooldownSeconds: a.scaleOutCooldownSeconds ?? ENDPOINT_DEFAULTS.scaleOutCooldownSeconds,
    disableScaleIn: a.disableScaleIn ?? false,
    schedules: a.schedules ?? [],
  };
  const d = args.deployment ?? {};
  const trafficRouting =
    d.trafficRouting ?? (production ? AwsTrafficRouting.Canary : AwsTrafficRouting.AllAtOnce);
  plan.deployment = {
    trafficRouting,
    waitIntervalSeconds: d.waitIntervalSeconds ?? ENDPOINT_DEFAULTS.waitIntervalSeconds,
    rollbackErrorThreshold: d.rollbackErrorThreshold ?? ENDPOINT_DEFAULTS.rollbackErrorThreshold,
  };
  if (trafficRouting !== AwsTrafficRouting.AllAtOnce) {
    plan.deployment.stepPercent = d.stepPercent ?? ENDPOINT_DEFAULTS.stepPercent[trafficRouting];
  }
  return plan;
}

/**
 * True when SageMaker rejects a `kmsKeyArn` for this instance type: families with NVMe instance
 * storage, which their hardware encrypts. The policy pack uses the same sdk rule to exempt them.
 */
export function hasInstanceStore(instanceType: string): boolean {
  return hasLocalInstanceStorage(instanceType);
}

/** The bucket name in an S3 bucket ARN (`arn:aws:s3:::name`). */
export function bucketNameOf(bucketArn: string): string {
  const i = bucketArn.indexOf(":::");
  return i >= 0 ? bucketArn.slice(i + 3) : bucketArn.slice(bucketArn.lastIndexOf(":") + 1);
}

/** The default data capture destination in the registry bucket. */
export function defaultCaptureUri(bucketArn: string, assetId: string): string {
  return `s3://${bucketNameOf(bucketArn)}/data-capture/${assetId}/`;
}
