import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { encodeK8sMetadata, fitName } from "../../sdk";
import { withGovernance } from "../common/governance";
import { validateGovernedComponent } from "../common/governance-gates";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import { K8sPodSecurityLevel } from "./enums";
import {
  ALLOW_DNS_SPEC,
  DEFAULT_DENY_SPEC,
  quotaHard,
  resolveNamespace,
  validateNamespaceArgs,
} from "./namespace-config";
import { COMPONENT_RULE_SCOPES } from "../common/rule-scopes";

/** Caps on what all pods of the namespace may request together. */
export interface K8sResourceQuotaArgs {
  /** Accelerators requested in total; default 4. */
  gpus?: number;
  /** Extended resource name of the accelerator; default `nvidia.com/gpu`. */
  gpuResourceName?: string;
  /** CPU requests in total; default `32`. */
  cpuRequests?: string;
  /** CPU limits in total; default `64`. */
  cpuLimits?: string;
  /** Memory requests in total; default `128Gi`. */
  memoryRequests?: string;
  /** Memory limits in total; default `256Gi`. */
  memoryLimits?: string;
  /** Number of pods; default unlimited. */
  pods?: number;
}

/** Defaults for containers that do not set their own requests and limits. */
export interface K8sLimitRangeArgs {
  /** Default CPU request; default `250m`. */
  defaultCpuRequest?: string;
  /** Default memory request; default `512Mi`. */
  defaultMemoryRequest?: string;
  /** Default CPU limit; default `1`. */
  defaultCpuLimit?: string;
  /** Default memory limit; default `2Gi`. */
  defaultMemoryLimit?: string;
}

/** Arguments of {@link K8sTeamNamespace}. */
export interface K8sTeamNamespaceArgs {
  /** Governance metadata; fields left out come from the stack config `aigov:defaults`. */
  metadata?: GovernanceMetadataArgs;
  /** Namespace name; default the component name as a DNS label. */
  namespaceName?: string;
  /** Resource quota of the namespace. */
  quota?: K8sResourceQuotaArgs;
  /** Default container requests and limits. */
  limits?: K8sLimitRangeArgs;
  /** Allow DNS lookups through the default-deny policy; default true. */
  allowDnsEgress?: boolean;
  /** Pod Security Standard enforced on the namespace; default `restricted`. */
  podSecurityLevel?: K8sPodSecurityLevel;
  /** Extra labels for every object; the aigov labels win on conflicts. */
  labels?: { [key: string]: string };
  /** Extra annotations for every object; the aigov annotations win on conflicts. */
  annotations?: { [key: string]: string };
}

/**
 * A team's governed namespace: governance labels and annotations, a ResourceQuota capping GPUs,
 * CPU and memory, a LimitRange with container defaults, the `restricted` Pod Security Standard and
 * a default-deny NetworkPolicy (plus DNS egress).
 */
export class K8sTeamNamespace extends pulumi.ComponentResource {
  /** Name of the namespace. */
  public readonly namespaceName: pulumi.Output<string>;

  constructor(name: string, args: K8sTeamNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    const { meta } = validateGovernedComponent("K8sTeamNamespace", name, args.metadata, {
      scope: COMPONENT_RULE_SCOPES.K8sTeamNamespace,
      validateArgs: (_meta, problems) => validateNamespaceArgs(args, problems),
    });
    super("aigov:index:K8sTeamNamespace", name, {}, opts);

    const r = resolveNamespace(args, fitName(name, "k8s"));
    const gov = encodeK8sMetadata(meta);
    const labels = withGovernance(args.labels, gov.labels);
    const annotations = withGovernance(args.annotations, gov.annotations);
    const parent = { parent: this };
    const ns = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: r.namespaceName,
          labels: {
            ...labels,
            "pod-security.kubernetes.io/enforce": r.podSecurityLevel,
            "pod-security.kubernetes.io/enforce-version": "latest",
          },
          annotations,
        },
      },
      parent,
    );
    const inNamespace = (objectName: string) => ({
      name: objectName,
      namespace: ns.metadata.name,
      labels,
      annotations,
    });
    new k8s.core.v1.ResourceQuota(
      `${name}-quota`,
      { metadata: inNamespace("aigov-quota"), spec: { hard: quotaHard(r) } },
      parent,
    );
    new k8s.core.v1.LimitRange(
      `${name}-limits`,
      {
        metadata: inNamespace("aigov-limits"),
        spec: {
          limits: [
            {
              type: "Container",
              defaultRequest: {
                cpu: r.limits.defaultCpuRequest,
                memory: r.limits.defaultMemoryRequest,
              },
              default: { cpu: r.limits.defaultCpuLimit, memory: r.limits.defaultMemoryLimit },
            },
          ],
        },
      },
      parent,
    );
    new k8s.networking.v1.NetworkPolicy(
      `${name}-default-deny`,
      { metadata: inNamespace("default-deny"), spec: DEFAULT_DENY_SPEC },
      parent,
    );
    if (r.allowDnsEgress) {
      new k8s.networking.v1.NetworkPolicy(
        `${name}-allow-dns`,
        { metadata: inNamespace("allow-dns-egress"), spec: ALLOW_DNS_SPEC },
        parent,
      );
    }
    this.namespaceName = ns.metadata.name;
    this.registerOutputs({ namespaceName: this.namespaceName });
  }
}
