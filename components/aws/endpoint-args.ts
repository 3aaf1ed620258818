import * as pulumi from "@pulumi/pulumi";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import { AwsScalingMetric, AwsTrafficRouting } from "./enums";

/** The registry the served model comes from (usually the outputs of an `AwsModelRegistry`). */
export interface AwsEndpointRegistryArgs {
  /** `assetId` of the registry, written as the endpoint's `aigov:model-registry` tag. */
  assetId?: string;
  /** ARN of the registry's artifact bucket: the model reads `modelPrefix` there and data capture goes under `data-capture/`. */
  bucketArn?: pulumi.Input<string>;
  /** ARN of the KMS key of the registry bucket; the model may decrypt with it and data capture is encrypted with it. */
  kmsKeyArn?: pulumi.Input<string>;
  /** ARN of the ECR repository of the serving image (derived from a private ECR `image` when left out). */
  repositoryArn?: pulumi.Input<string>;
  /** Key prefix of the model artifacts in the bucket; default `models/`. */
  modelPrefix?: string;
}

/** VPC placement of the model containers. */
export interface AwsEndpointVpcArgs {
  /** Ids of the subnets (private, in two or more availability zones). */
  subnetIds: pulumi.Input<string>[];
  /** Ids of the security groups. */
  securityGroupIds: pulumi.Input<string>[];
}

/** Serverless capacity, the alternative to instances. */
export interface AwsServerlessArgs {
  /** Memory in MB: 1024 to 6144 in steps of 1024. */
  memorySizeInMb: number;
  /** Most concurrent invocations, 1 to 200. */
  maxConcurrency: number;
  /** Pre-warmed concurrency, at most `maxConcurrency`; default none. */
  provisionedConcurrency?: number;
}

/** A scheduled change of the instance limits, e.g. fewer instances outside office hours. */
export interface AwsScheduledScalingArgs {
  /** Name of the action, unique within the endpoint, e.g. `evening`. */
  name: string;
  /** When it runs: `cron(0 19 ? * MON-FRI *)`, `rate(1 day)` or `at(2026-12-24T18:00:00)`. */
  schedule: string;
  /** New fewest instances. */
  minCapacity?: number;
  /** New most instances. */
  maxCapacity?: number;
  /** IANA time zone of the schedule, e.g. `Europe/Berlin`; default UTC. */
  timezone?: string;
}

/** Target-tracking autoscaling of the instance variant. */
export interface AwsEndpointAutoscalingArgs {
  /** Fewest instances; default the initial instance count. */
  minCapacity?: number;
  /** Most instances; default twice the fewest. */
  maxCapacity?: number;
  /** Metric to track; default invocations per instance. */
  metric?: AwsScalingMetric;
  /** Target of the metric; default 100 invocations per instance per minute, or 5 concurrent requests per model. */
  targetValue?: number;
  /** Seconds after a scale-in before the next scale-in; default 300. */
  scaleInCooldownSeconds?: number;
  /** Seconds after a scale-out before the next scale-out; default 60. */
  scaleOutCooldownSeconds?: number;
  /** Never remove instances automatically; default false. */
  disableScaleIn?: boolean;
  /** Scheduled changes of the limits (office hours). */
  schedules?: AwsScheduledScalingArgs[];
}

/** Capture of requests and responses for audit and model monitoring. */
export interface AwsDataCaptureArgs {
  /** Capture; default true in `production`, false otherwise. */
  enabled?: boolean;
  /** Percentage of requests captured, 1 to 100; default 100 for `high` risk tier, else 20. */
  samplingPercentage?: number;
  /** Destination `s3://bucket/prefix/`; default `s3://<registry bucket>/data-capture/<assetId>/`. */
  destinationS3Uri?: pulumi.Input<string>;
}

/** Blue/green deployment of a new configuration with automatic rollback. */
export interface AwsEndpointDeploymentArgs {
  /** How traffic moves to the new fleet; default canary in `production`, all at once otherwise. */
  trafficRouting?: AwsTrafficRouting;
  /** Capacity percent of the canary or of each linear step, 1 to 99; default 10 (canary) or 25 (linear). */
  stepPercent?: number;
  /** Seconds the alarms are watched after each traffic shift, 0 to 3600; default 300. */
  waitIntervalSeconds?: number;
  /** 5XX errors in one minute that raise the rollback alarm; default 5. */
  rollbackErrorThreshold?: number;
  /** Names of further CloudWatch alarms that roll a deployment back. */
  rollbackAlarmNames?: pulumi.Input<string>[];
}

/** Arguments of {@link AwsInferenceEndpoint}. */
export interface AwsInferenceEndpointArgs {
  /** Governance metadata of the endpoint; fields left out come from `aigov:defaults`. Set `modelRegistry` (or `registry.assetId`). */
  metadata?: GovernanceMetadataArgs;
  /** Extra tags for every taggable child; the aigov metadata tags win over tags of the same key. */
  tags?: { [key: string]: string };
  /** Container image URI (with `modelDataUrl`); mutually exclusive with `modelPackageArn`. */
  image?: pulumi.Input<string>;
  /** `s3://` URL of the model artifact (`model.tar.gz`). */
  modelDataUrl?: pulumi.Input<string>;
  /** ARN of a versioned model package of the registry to serve; mutually exclusive with `image`. */
  modelPackageArn?: pulumi.Input<string>;
  /** Environment variables of the container. */
  environment?: { [key: string]: pulumi.Input<string> };
  /** The registry the model comes from: scopes the execution role and receives data capture. */
  registry?: AwsEndpointRegistryArgs;
  /** ARN of an existing execution role; default a new least-privilege role. */
  executionRoleArn?: pulumi.Input<string>;
  /** ARN of the KMS key for the instance storage; default the registry key, else a new key. */
  kmsKeyArn?: pulumi.Input<string>;
  /** Cut the model containers off the network; default true (false for serverless, which does not support it). */
  enableNetworkIsolation?: boolean;
  /** Run the model containers in a VPC. */
  vpc?: AwsEndpointVpcArgs;
  /** SageMaker instance type; default `ml.m5.large`. */
  instanceType?: string;
  /** Instances at creation; default 2 in `production`, else 1. */
  instanceCount?: number;
  /** Serverless capacity instead of instances. */
  serverless?: AwsServerlessArgs;
  /** Spot capacity: SageMaker hosting has none, so `true` is an error (use `K8sInferenceService`). */
  spot?: boolean;
  /** Autoscaling of the instances; always on for instance endpoints, every field has a default. */
  autoscaling?: AwsEndpointAutoscalingArgs;
  /** Data capture for audit and monitoring. */
  dataCapture?: AwsDataCaptureArgs;
  /** Blue/green deployment and rollback (instance endpoints). */
  deployment?: AwsEndpointDeploymentArgs;
  /** Name of the endpoint; default `<team>-<assetId>-<stage>`. */
  endpointName?: string;
  /** Name of the production variant; default `AllTraffic`. */
  variantName?: string;
}
