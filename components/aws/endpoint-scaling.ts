import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedAutoscaling, VARIANT_INSTANCE_DIMENSION } from "./endpoint-defaults";

/** Inputs of the autoscaling children of an instance endpoint. */
export interface ScalingInputs {
  name: string;
  endpointName: string;
  endpoint: aws.sagemaker.Endpoint;
  variantName: string;
  autoscaling: ResolvedAutoscaling;
  tags: Record<string, string>;
  parent: pulumi.Resource;
}

/**
 * The scalable target (its resource id is built from the endpoint's name output, so it is created
 * after the endpoint and deleted before it), the target-tracking policy and the scheduled actions.
 */
export function createEndpointScaling(s: ScalingInputs): aws.appautoscaling.Target {
  const a = s.autoscaling;
  const target = new aws.appautoscaling.Target(
    `${s.name}-scaling-target`,
    {
      serviceNamespace: "sagemaker",
      resourceId: pulumi.interpolate`endpoint/${s.endpoint.name}/variant/${s.variantName}`,
      scalableDimension: VARIANT_INSTANCE_DIMENSION,
      minCapacity: a.minCapacity,
      maxCapacity: a.maxCapacity,
      tags: s.tags,
    },
    { parent: s.parent },
  );
  const onTarget = {
    serviceNamespace: target.serviceNamespace,
    resourceId: target.resourceId,
    scalableDimension: target.scalableDimension,
  };
  new aws.appautoscaling.Policy(
    `${s.name}-scaling-policy`,
    {
      name: `${s.endpointName}-target-tracking`,
      policyType: "TargetTrackingScaling",
      ...onTarget,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: a.targetValue,
        predefinedMetricSpecification: { predefinedMetricType: a.metric },
        scaleInCooldown: a.scaleInCooldownSeconds,
        scaleOutCooldown: a.scaleOutCooldownSeconds,
        disableScaleIn: a.disableScaleIn,
      },
    },
    { parent: s.parent },
  );
  for (const schedule of a.schedules) {
    const action: { minCapacity?: number; maxCapacity?: number } = {};
    if (schedule.minCapacity !== undefined) action.minCapacity = schedule.minCapacity;
    if (schedule.maxCapacity !== undefined) action.maxCapacity = schedule.maxCapacity;
    new aws.appautoscaling.ScheduledAction(
      `${s.name}-schedule-${schedule.name}`,
      {
        name: `${s.endpointName}-${schedule.name}`,
        ...onTarget,
        schedule: schedule.schedule,
        timezone: schedule.timezone,
        scalableTargetAction: action,
      },
      { parent: s.parent },
    );
  }
  return target;
}
