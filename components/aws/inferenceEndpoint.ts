import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resolvePrice } from "../../sdk";
import { Problems } from "../common/governance";
import { AwsInferenceEndpointArgs } from "./endpoint-args";
import { defaultCaptureUri, hasInstanceStore, planEndpoint } from "./endpoint-defaults";
import { createExecutionRole } from "./endpoint-role";
import { createEndpointScaling } from "./endpoint-scaling";
import { endpointIssues, endpointWarnings } from "./endpoint-validate";
import { AwsTrafficRouting } from "./enums";
import { addIssues, artifactProtection, resolveAwsGovernance, warnAll } from "./governance";
import { buildTags, tagOverrideWarnings } from "./tags";
import { COMPONENT_RULE_SCOPES } from "../common/rule-scopes";

const COMPONENT = "AwsInferenceEndpoint";

/**
 * A governed SageMaker real-time endpoint: a network-isolated model with a least-privilege
 * execution role, an auto-named endpoint configuration encrypted with KMS (a model change
 * replaces it, then the endpoint swaps to it), optional data capture, blue/green deployment with
 * alarm rollback and target-tracking autoscaling; or a serverless endpoint.
 */
export class AwsInferenceEndpoint extends pulumi.ComponentResource {
  /** Name of the endpoint. */
  public readonly endpointName: pulumi.Output<string>;
  /** ARN of the endpoint. */
  public readonly endpointArn: pulumi.Output<string>;
  /** Name of the current endpoint configuration. */
  public readonly endpointConfigurationName: pulumi.Output<string>;
  /** Name of the SageMaker model. */
  public readonly modelName: pulumi.Output<string>;
  /** ARN of the model's execution role (created or given). */
  public readonly executionRoleArn: pulumi.Output<string>;
  /** ARN of the KMS key of the endpoint (created or given). */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** Name of the alarm that rolls deployments back (instance endpoints only). */
  public readonly rollbackAlarmName?: pulumi.Output<string>;
  /** Resource id of the autoscaling target, `endpoint/<name>/variant/<variant>` (instance endpoints only). */
  public readonly scalingResourceId?: pulumi.Output<string>;

  constructor(
    name: string,
    args: AwsInferenceEndpointArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const problems = new Problems();
    const { config: stack, metadata: meta } = resolveAwsGovernance(
      args.metadata,
      args.tags,
      problems,
      COMPONENT_RULE_SCOPES.AwsInferenceEndpoint,
    );
    addIssues(problems, endpointIssues(args, meta));
    problems.throwIfAny(COMPONENT, name);
    const plan = planEndpoint(args, meta!);
    const metadata = plan.metadata;

    super("aigov:index:AwsInferenceEndpoint", name, {}, opts);
    const isPriced = (t: string) => resolvePrice("sagemaker", t, stack.pricing) !== undefined;
    warnAll(
      [...endpointWarnings(args, meta!, isPriced), ...tagOverrideWarnings(args.tags, metadata)],
      COMPONENT,
      name,
      this,
    );
    const tags = buildTags(metadata, args.tags);
    const parent = { parent: this };
    const registry = args.registry ?? {};

    let kmsKeyArn: pulumi.Output<string>;
    const givenKey = args.kmsKeyArn ?? registry.kmsKeyArn;
    if (givenKey !== undefined) {
      kmsKeyArn = pulumi.output(givenKey);
    } else {
      kmsKeyArn = new aws.kms.Key(
        `${name}-key`,
        {
          description: `aigov endpoint ${plan.endpointName}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          tags,
        },
        { ...parent, ...artifactProtection(metadata) },
      ).arn;
    }
    const captureKeyArn =
      registry.kmsKeyArn !== undefined ? pulumi.output(registry.kmsKeyArn) : kmsKeyArn;
    const captureUri =
      plan.dataCapture === undefined
        ? undefined
        : args.dataCapture?.destinationS3Uri !== undefined
          ? pulumi.output(args.dataCapture.destinationS3Uri)
          : pulumi
              .output(registry.bucketArn!)
              .apply((arn) => defaultCaptureUri(arn, metadata.assetId));

    let executionRoleArn: pulumi.Output<string>;
    let roleReady: pulumi.Resource[] = [];
    if (args.executionRoleArn !== undefined) {
      executionRoleArn = pulumi.output(args.executionRoleArn);
    } else {
      const created = createExecutionRole({
        name,
        component: COMPONENT,
        args,
        plan,
        kmsKeyArn,
        captureUri,
        captureKeyArn,
        tags,
        parent: this,
      });
      executionRoleArn = created.roleArn;
      roleReady = created.ready;
    }

    const model = new aws.sagemaker.Model(
      `${name}-model`,
      {
        executionRoleArn,
        primaryContainer: {
          image: args.image,
          modelDataUrl: args.modelDataUrl,
          modelPackageName: args.modelPackageArn,
          environment: args.environment,
        },
        enableNetworkIsolation: plan.networkIsolation,
        vpcConfig:
          args.vpc === undefined
            ? undefined
            : { subnets: args.vpc.subnetIds, securityGroupIds: args.vpc.securityGroupIds },
        tags,
      },
      { ...parent, dependsOn: roleReady },
    );

    let alarm: aws.cloudwatch.MetricAlarm | undefined;
    if (plan.deployment !== undefined) {
      alarm = new aws.cloudwatch.MetricAlarm(
        `${name}-rollback-alarm`,
        {
          name: `${plan.endpointName}-invocation-5xx`,
          alarmDescription: `Rolls back deployments of SageMaker endpoint ${plan.endpointName} on 5XX errors (aigov)`,
          namespace: "AWS/SageMaker",
          metricName: "Invocation5XXErrors",
          dimensions: { EndpointName: plan.endpointName, VariantName: plan.variantName },
          statistic: "Sum",
          period: 60,
          evaluationPeriods: 1,
          threshold: plan.deployment.rollbackErrorThreshold,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          tags,
        },
        parent,
      );
      this.rollbackAlarmName = alarm.name;
    }

    const useKey = plan.instanceType === undefined || !hasInstanceStore(plan.instanceType);
    if (!useKey) {
      warnAll(
        [
          `${plan.instanceType} has NVMe instance storage, which its hardware encrypts; SageMaker rejects a KMS key for it, so the endpoint configuration has no \`kmsKeyArn\``,
        ],
        COMPONENT,
        name,
        this,
      );
    }
    const config = new aws.sagemaker.EndpointConfiguration(
      `${name}-config`,
      {
        namePrefix: plan.configNamePrefix,
        productionVariants: [
          plan.serverless
            ? {
                variantName: plan.variantName,
                modelName: model.name,
                serverlessConfig: {
                  memorySizeInMb: args.serverless!.memorySizeInMb,
                  maxConcurrency: args.serverless!.maxConcurrency,
                  provisionedConcurrency: args.serverless!.provisionedConcurrency,
                },
              }
            : {
                variantName: plan.variantName,
                modelName: model.name,
                instanceType: plan.instanceType,
                initialInstanceCount: plan.instanceCount,
                initialVariantWeight: 1,
              },
        ],
        kmsKeyArn: useKey ? kmsKeyArn : undefined,
        dataCaptureConfig:
          plan.dataCapture === undefined
            ? undefined
            : {
                enableCapture: true,
                initialSamplingPercentage: plan.dataCapture.samplingPercentage,
                destinationS3Uri: captureUri!,
                kmsKeyId: captureKeyArn,
                captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
              },
        tags,
      },
      parent,
    );

    const d = plan.deployment;
    const endpoint = new aws.sagemaker.Endpoint(
      `${name}-endpoint`,
      {
        name: plan.endpointName,
        endpointConfigName: config.name,
        deploymentConfig:
          d === undefined || alarm === undefined
            ? undefined
            : {
                blueGreenUpdatePolicy: {
                  trafficRoutingConfiguration: {
                    type: d.trafficRouting,
                    waitIntervalInSeconds: d.waitIntervalSeconds,
                    canarySize:
                      d.trafficRouting === AwsTrafficRouting.Canary
                        ? { type: "CAPACITY_PERCENT", value: d.stepPercent! }
                        : undefined,
                    linearStepSize:
                      d.trafficRouting === AwsTrafficRouting.Linear
                        ? { type: "CAPACITY_PERCENT", value: d.stepPercent! }
                        : undefined,
                  },
                },
                autoRollbackConfiguration: {
                  alarms: [
                    { alarmName: alarm.name },
                    ...(args.deployment?.rollbackAlarmNames ?? []).map((alarmName) => ({
                      alarmName,
                    })),
                  ],
                },
              },
        tags,
      },
      parent,
    );

    if (plan.autoscaling !== undefined) {
      const target = createEndpointScaling({
        name,
        endpointName: plan.endpointName,
        endpoint,
        variantName: plan.variantName,
        autoscaling: plan.autoscaling,
        tags,
        parent: this,
      });
      this.scalingResourceId = target.resourceId;
    }

    this.endpointName = endpoint.name;
    this.endpointArn = endpoint.arn;
    this.endpointConfigurationName = config.name;
    this.modelName = model.name;
    this.executionRoleArn = executionRoleArn;
    this.kmsKeyArn = kmsKeyArn;
    this.registerOutputs({
      endpointName: this.endpointName,
      endpointArn: this.endpointArn,
      endpointConfigurationName: this.endpointConfigurationName,
      modelName: this.modelName,
      executionRoleArn: this.executionRoleArn,
      kmsKeyArn: this.kmsKeyArn,
      rollbackAlarmName: this.rollbackAlarmName,
      scalingResourceId: this.scalingResourceId,
    });
  }
}
