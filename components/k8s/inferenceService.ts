import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { GovernanceMetadata, encodeK8sMetadata, isNonProductionStage } from "../../sdk";
import { withGovernance } from "../common/governance";
import { validateGovernedComponent } from "../common/governance-gates";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import { hpaSpec, scaledObjectSpec } from "./autoscaling";
import { K8sAutoscaler, K8sCapacityPreset, K8sPlatform } from "./enums";
import { ResolvedService, resolveService, validateServiceArgs } from "./inference-config";
import {
  K8sCustomMetricArgs,
  K8sKServeArgs,
  K8sKedaArgs,
  K8sProbesArgs,
  K8sResourcesArgs,
} from "./inference-service-args";
import { KSERVE_POD_LABEL, inferenceServiceSpec, kserveAnnotations } from "./kserve";
import { buildPodSpec, serverContainer } from "./pod-spec";
import { capacityScheduling } from "./scheduling";
import { COMPONENT_RULE_SCOPES } from "../common/rule-scopes";

/** Arguments of {@link K8sInferenceService}. */
export interface K8sInferenceServiceArgs {
  /** Governance metadata; fields left out come from the stack config `aigov:defaults`. */
  metadata?: GovernanceMetadataArgs;
  /** Namespace; default the provider's namespace. */
  namespace?: pulumi.Input<string>;
  /** Name of the Deployment, Service and autoscaler; default the component name as a DNS label. */
  workloadName?: string;
  /** Model server image (required unless `kserve` is set). */
  image?: pulumi.Input<string>;
  /** Container entrypoint. */
  command?: pulumi.Input<string>[];
  /** Container arguments. */
  args?: pulumi.Input<string>[];
  /** Environment variables of the server (of the KServe model container with `kserve`). */
  env?: { [key: string]: pulumi.Input<string> };
  /** Container port serving HTTP; default 8080. */
  port?: number;
  /** Requests and limits, including GPUs. */
  resources?: K8sResourcesArgs;
  /** Health checks. */
  probes?: K8sProbesArgs;
  /** Minimum replicas; default 2 in `production` or on spot, else 1. */
  minReplicas?: number;
  /** Maximum replicas; default twice the minimum (at least 2). */
  maxReplicas?: number;
  /** Autoscaler; default `hpa`. */
  autoscaler?: K8sAutoscaler;
  /** HPA target CPU utilization in percent; default 70. */
  cpuUtilizationTarget?: number;
  /** HPA on a custom pods metric instead of CPU. */
  customMetric?: K8sCustomMetricArgs;
  /** KEDA settings (required with autoscaler `keda`). */
  keda?: K8sKedaArgs;
  /** Capacity preset; default `spot` in `experimental`/`staging` when `platform` is set, else `onDemand`. */
  capacityPreset?: K8sCapacityPreset;
  /** How the cluster provisions nodes (required for the spot presets). */
  platform?: K8sPlatform;
  /** Termination grace period; on spot at most what the platform's preemption notice allows. */
  terminationGracePeriodSeconds?: number;
  /** Non-root user (and group) id of the pod; default 1000. */
  runAsUser?: number;
  /** Writable emptyDir mounts (the root file system is read-only); default `["/tmp"]`. */
  writablePaths?: string[];
  /** Service account of the pods (its token is mounted only when set). */
  serviceAccountName?: pulumi.Input<string>;
  /** Priority class of the pods. */
  priorityClassName?: string;
  /** Serve through a KServe InferenceService instead of a Deployment. */
  kserve?: K8sKServeArgs;
  /** Extra labels for every object; the aigov labels win on conflicts. */
  labels?: { [key: string]: string };
  /** Extra annotations for every object; the aigov annotations win on conflicts. */
  annotations?: { [key: string]: string };
}

interface ServicePlan {
  meta: GovernanceMetadata;
  r: ResolvedService;
}

function planService(name: string, args: K8sInferenceServiceArgs): ServicePlan {
  const { meta } = validateGovernedComponent("K8sInferenceService", name, args.metadata, {
    scope: COMPONENT_RULE_SCOPES.K8sInferenceService,
    validateArgs: (meta, problems) => validateServiceArgs(args, meta, problems),
  });
  return { meta, r: resolveService(name, args, meta) };
}

/**
 * A governed model server on Kubernetes: a hardened Deployment (or a KServe InferenceService) with
 * a Service, a PodDisruptionBudget, an HPA or KEDA ScaledObject, and capacity presets that place
 * it on spot or on-demand nodes of Karpenter, GKE, EKS or AKS.
 */
export class K8sInferenceService extends pulumi.ComponentResource {
  /** Name of the Deployment or InferenceService. */
  public readonly workloadName: pulumi.Output<string>;
  /** Name of the Service (plain Deployments only). */
  public readonly serviceName?: pulumi.Output<string>;
  /** In-cluster URL `http://<service>.<namespace>.svc:<port>` (plain Deployments only; KServe reports its URL in the InferenceService status). */
  public readonly url?: pulumi.Output<string>;
  /** The capacity preset in effect. */
  public readonly capacityPreset: pulumi.Output<string>;

  constructor(name: string, args: K8sInferenceServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const { meta, r } = planService(name, args);
    super("aigov:index:K8sInferenceService", name, {}, opts);
    if (
      isNonProductionStage(meta.stage) &&
      args.platform === undefined &&
      args.capacityPreset === undefined
    ) {
      pulumi.log.warn(
        `set \`platform\` so that \`${meta.stage}\` workloads run on spot capacity (aigov-spot-for-non-production)`,
        this,
      );
    }
    const gov = encodeK8sMetadata(meta);
    const labels = withGovernance(args.labels, gov.labels);
    const annotations = withGovernance(args.annotations, gov.annotations);
    const namespace = args.namespace !== undefined ? { namespace: args.namespace } : {};
    const objectMeta = { name: r.workloadName, ...namespace, labels, annotations };
    const parent = { parent: this };

    if (r.kserve && args.kserve) {
      const podLabels = { [KSERVE_POD_LABEL]: r.workloadName };
      const scheduling = capacityScheduling(r.preset, r.platform, podLabels, r.graceSeconds);
      const isvc = new k8s.apiextensions.CustomResource(
        `${name}-inferenceservice`,
        {
          apiVersion: "serving.kserve.io/v1beta1",
          kind: "InferenceService",
          metadata: {
            ...objectMeta,
            annotations: { ...annotations, ...kserveAnnotations(r.kserveMode) },
          },
          spec: inferenceServiceSpec(r, args.kserve, scheduling, {
            labels: gov.labels,
            annotations: gov.annotations,
            serviceAccountName: args.serviceAccountName,
            priorityClassName: args.priorityClassName,
            env: args.env,
          }),
        },
        parent,
      );
      createPdb(this, name, objectMeta, podLabels);
      this.workloadName = isvc.metadata.name;
    } else {
      const selector = { "app.kubernetes.io/name": r.workloadName };
      const scheduling = capacityScheduling(r.preset, r.platform, selector, r.graceSeconds);
      const container = serverContainer(r, args.image!, args);
      const deployment = new k8s.apps.v1.Deployment(
        `${name}-deployment`,
        {
          metadata: { ...objectMeta, labels: { ...labels, ...selector } },
          spec: {
            replicas: r.minReplicas,
            selector: { matchLabels: selector },
            template: {
              metadata: { labels: { ...labels, ...selector }, annotations },
              spec: buildPodSpec(r, container, scheduling, args),
            },
          },
        },
        { parent: this, ignoreChanges: ["spec.replicas"] },
      );
      const service = new k8s.core.v1.Service(
        `${name}-service`,
        {
          metadata: objectMeta,
          spec: {
            type: "ClusterIP",
            selector,
            ports: [{ name: "http", port: r.port, targetPort: "http", protocol: "TCP" }],
          },
        },
        parent,
      );
      createPdb(this, name, objectMeta, selector);
      if (r.autoscaler === K8sAutoscaler.Keda && args.keda) {
        new k8s.apiextensions.CustomResource(
          `${name}-scaledobject`,
          {
            apiVersion: "keda.sh/v1alpha1",
            kind: "ScaledObject",
            metadata: objectMeta,
            spec: scaledObjectSpec(r, deployment.metadata.name, args.keda),
          },
          parent,
        );
      } else {
        new k8s.autoscaling.v2.HorizontalPodAutoscaler(
          `${name}-hpa`,
          { metadata: objectMeta, spec: hpaSpec(r, deployment.metadata.name, args.customMetric) },
          parent,
        );
      }
      this.workloadName = deployment.metadata.name;
      this.serviceName = service.metadata.name;
      this.url = pulumi.interpolate`http://${service.metadata.name}.${service.metadata.namespace}.svc:${r.port}`;
    }
    this.capacityPreset = pulumi.output(r.preset);
    this.registerOutputs({
      workloadName: this.workloadName,
      serviceName: this.serviceName,
      url: this.url,
      capacityPreset: this.capacityPreset,
    });
  }
}

/** A PodDisruptionBudget that lets voluntary disruptions take one pod at a time. */
function createPdb(
  parent: pulumi.Resource,
  name: string,
  objectMeta: k8s.types.input.meta.v1.ObjectMeta,
  podLabels: Record<string, string>,
): k8s.policy.v1.PodDisruptionBudget {
  return new k8s.policy.v1.PodDisruptionBudget(
    `${name}-pdb`,
    {
      metadata: objectMeta,
      spec: {
        maxUnavailable: 1,
        unhealthyPodEvictionPolicy: "AlwaysAllow",
        selector: { matchLabels: podLabels },
      },
    },
    { parent },
  );
}
