import { emptyOptions, type StackResource } from "../../cli/model";
import { UNKNOWN } from "../../cli/properties";

/**
 * Hand-built stacks for the cost estimate tests: the resources as `aigov check` records them
 * (inputs; outputs equal to the inputs plus provider-computed values).
 */
export const STACK = "urn:pulumi:prod::ml::pulumi:pulumi:Stack::ml-prod";
export const urn = (type: string, name: string, parentType?: string) =>
  `urn:pulumi:prod::ml::${parentType ? `${parentType}$` : ""}${type}::${name}`;

export interface ResourceSpec {
  readonly type: string;
  readonly name: string;
  readonly props?: Record<string, unknown>;
  readonly parent?: string;
  readonly parentType?: string;
  readonly custom?: boolean;
  readonly outputs?: Record<string, unknown>;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Record<string, readonly string[]>;
  readonly provider?: string;
}

export function resource(spec: ResourceSpec): StackResource {
  const custom = spec.custom ?? true;
  const props = spec.props ?? {};
  return {
    urn: urn(spec.type, spec.name, spec.parentType),
    type: spec.type,
    name: spec.name,
    custom,
    parent: spec.parent ?? STACK,
    provider: spec.provider,
    external: false,
    inputs: props,
    outputs: spec.outputs ?? (custom ? props : {}),
    dependencies: spec.dependencies ?? [],
    propertyDependencies: spec.propertyDependencies ?? {},
    options: emptyOptions,
  };
}

export const stackResource: StackResource = {
  ...resource({ type: "pulumi:pulumi:Stack", name: "ml-prod", custom: false }),
  urn: STACK,
  parent: undefined,
};

const awsTags = (team: string, assetId: string, costCenter = "ML-1234") => ({
  "aigov:team": team,
  "aigov:asset-id": assetId,
  "aigov:cost-center": costCenter,
  "aigov:stage": "production",
});

/**
 * A SageMaker endpoint on ml.g5.xlarge with an autoscaling target of 2..4 instances, linked by
 * its `resourceId` (endpoint name and variant).
 */
export function sagemakerEndpoint(
  name: string,
  options: {
    instanceType?: unknown;
    initialInstanceCount?: number;
    target?: { min: number; max: number };
    team?: string;
    assetId?: string;
    costCenter?: string;
    serverless?: boolean;
  } = {},
): StackResource[] {
  const tags = awsTags(options.team ?? "risk-ml", options.assetId ?? name, options.costCenter);
  const configName = `${name}-config-1234567`;
  const endpointName = `${name}-abcdef0`;
  const variant = options.serverless
    ? { variantName: "main", serverlessConfig: { memorySizeInMb: 2048, maxConcurrency: 5 } }
    : {
        variantName: "main",
        instanceType: options.instanceType ?? "ml.g5.xlarge",
        initialInstanceCount: options.initialInstanceCount ?? 2,
      };
  const config = resource({
    type: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
    name: `${name}-config`,
    props: { name: configName, productionVariants: [variant], tags },
  });
  const endpoint = resource({
    type: "aws:sagemaker/endpoint:Endpoint",
    name,
    props: { name: endpointName, endpointConfigName: configName, tags },
    dependencies: [config.urn],
    propertyDependencies: { endpointConfigName: [config.urn] },
  });
  const out = [config, endpoint];
  if (options.target) {
    out.push(
      resource({
        type: "aws:appautoscaling/target:Target",
        name: `${name}-scaling`,
        props: {
          serviceNamespace: "sagemaker",
          scalableDimension: "sagemaker:variant:DesiredInstanceCount",
          resourceId: `endpoint/${endpointName}/variant/main`,
          minCapacity: options.target.min,
          maxCapacity: options.target.max,
        },
        dependencies: [endpoint.urn],
        propertyDependencies: { resourceId: [endpoint.urn] },
      }),
    );
  }
  return out;
}

/** An AWS budget on `user:aigov:<key>$<value>`. */
export function awsBudget(name: string, limitUsd: number, filter: string): StackResource {
  return resource({
    type: "aws:budgets/budget:Budget",
    name,
    props: {
      name,
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: limitUsd.toFixed(2),
      limitUnit: "USD",
      costFilters: [{ name: "TagKeyValue", values: [filter] }],
    },
  });
}

/** A GCP budget on one aigov label. */
export function gcpBudget(name: string, limitUsd: number, label: Record<string, string>) {
  return resource({
    type: "gcp:billing/budget:Budget",
    name,
    props: {
      billingAccount: "000000-000000-000000",
      displayName: name,
      amount: { specifiedAmount: { currencyCode: "USD", units: String(limitUsd) } },
      budgetFilter: { labels: label },
    },
  });
}

const GCP_COMPONENT = "aigov:index:GcpInferenceEndpoint";

/**
 * A Vertex AI endpoint and its shared deployment resource pool in a component: n1-standard-4 with
 * one T4 per replica, 1..2 replicas. The pool has no labels; the endpoint carries them.
 */
export function vertexPool(name: string, labels: Record<string, string>): StackResource[] {
  const component = resource({ type: GCP_COMPONENT, name, custom: false, outputs: { labels } });
  const child = (type: string, childName: string, props: Record<string, unknown>) =>
    resource({ type, name: childName, props, parent: component.urn, parentType: GCP_COMPONENT });
  return [
    component,
    child("gcp:vertex/aiEndpoint:AiEndpoint", `${name}-endpoint`, {
      displayName: name,
      location: "us-central1",
      labels,
      deployedModels: UNKNOWN,
    }),
    child("gcp:vertex/aiDeploymentResourcePool:AiDeploymentResourcePool", `${name}-pool`, {
      name: `${name}-pool`,
      region: "us-central1",
      dedicatedResources: {
        machineSpec: {
          machineType: "n1-standard-4",
          acceleratorType: "NVIDIA_TESLA_T4",
          acceleratorCount: 1,
        },
        minReplicaCount: 1,
        maxReplicaCount: 2,
      },
    }),
  ];
}

/** A GPU Deployment with an HPA; `nodeType` goes into the instance-type node selector. */
export function gpuDeployment(
  name: string,
  options: { nodeType?: string; gpus?: number; hpa?: { min: number; max: number }; spot?: boolean },
): StackResource[] {
  const labels = { app: name, "aigov.dev/team": "search", "aigov.dev/asset-id": name };
  const nodeSelector: Record<string, string> = {};
  if (options.nodeType) nodeSelector["node.kubernetes.io/instance-type"] = options.nodeType;
  if (options.spot) nodeSelector["karpenter.sh/capacity-type"] = "spot";
  const deployment = resource({
    type: "kubernetes:apps/v1:Deployment",
    name,
    props: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: `${name}-1a2b3c4d`, namespace: "search", labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels },
          spec: {
            nodeSelector,
            containers: [
              {
                name,
                image: "vllm/vllm-openai:v0.6.3",
                resources: { limits: { "nvidia.com/gpu": String(options.gpus ?? 1) } },
              },
            ],
          },
        },
      },
    },
  });
  if (!options.hpa) return [deployment];
  const hpa = resource({
    type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    name: `${name}-hpa`,
    props: {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: `${name}-hpa`, namespace: "search" },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: `${name}-1a2b3c4d` },
        minReplicas: options.hpa.min,
        maxReplicas: options.hpa.max,
      },
    },
  });
  return [deployment, hpa];
}
