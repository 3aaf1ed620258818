import type * as k8s from "@pulumi/kubernetes";
import { K8sCapacityPreset, K8sPlatform } from "./enums";

type Toleration = k8s.types.input.core.v1.Toleration;
type Affinity = k8s.types.input.core.v1.Affinity;
type Spread = k8s.types.input.core.v1.TopologySpreadConstraint;

/** How a platform labels (and taints) spot nodes, and how much notice a preemption gives. */
export interface SpotPlatform {
  /** Node label that tells spot from on-demand capacity. */
  labelKey: string;
  /** Its value on spot nodes. */
  spotValue: string;
  /** Its value on on-demand nodes, where the platform sets one. */
  onDemandValue?: string;
  /** Toleration for the taint spot nodes carry (AKS always; GKE when the node pool sets it). */
  toleration?: Toleration;
  /** Whether the platform always taints spot nodes, so that pods without the toleration avoid them. */
  alwaysTainted: boolean;
  /** Seconds between the preemption notice and the node going away. */
  noticeSeconds: number;
  /** Longest `terminationGracePeriodSeconds` that still finishes within the notice. */
  maxGraceSeconds: number;
}

/** Spot scheduling facts per platform (cloud-resource-map §1.4). */
export const SPOT_PLATFORMS: Readonly<Record<K8sPlatform, SpotPlatform>> = {
  [K8sPlatform.Karpenter]: {
    labelKey: "karpenter.sh/capacity-type",
    spotValue: "spot",
    onDemandValue: "on-demand",
    alwaysTainted: false,
    noticeSeconds: 120,
    maxGraceSeconds: 110,
  },
  [K8sPlatform.Gke]: {
    labelKey: "cloud.google.com/gke-spot",
    spotValue: "true",
    toleration: {
      key: "cloud.google.com/gke-spot",
      operator: "Equal",
      value: "true",
      effect: "NoSchedule",
    },
    alwaysTainted: false,
    noticeSeconds: 30,
    maxGraceSeconds: 25,
  },
  [K8sPlatform.EksManaged]: {
    labelKey: "eks.amazonaws.com/capacityType",
    spotValue: "SPOT",
    onDemandValue: "ON_DEMAND",
    alwaysTainted: false,
    noticeSeconds: 120,
    maxGraceSeconds: 110,
  },
  [K8sPlatform.Aks]: {
    labelKey: "kubernetes.azure.com/scalesetpriority",
    spotValue: "spot",
    toleration: {
      key: "kubernetes.azure.com/scalesetpriority",
      operator: "Equal",
      value: "spot",
      effect: "NoSchedule",
    },
    alwaysTainted: true,
    noticeSeconds: 30,
    maxGraceSeconds: 25,
  },
};

/** Kubernetes' default termination grace period. */
export const DEFAULT_GRACE_SECONDS = 30;

/** Scheduling fields of a pod spec. */
export interface Scheduling {
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: Affinity;
  topologySpreadConstraints?: Spread[];
  terminationGracePeriodSeconds?: number;
}

/** True for presets that may place pods on spot nodes. */
export function usesSpot(preset: K8sCapacityPreset): boolean {
  return preset !== K8sCapacityPreset.OnDemand;
}

/** Spread over nodes (hard) and zones (soft) so that one preemption takes out at most one pod. */
export function spotSpread(podLabels: Record<string, string>): Spread[] {
  return [
    {
      maxSkew: 1,
      topologyKey: "kubernetes.io/hostname",
      whenUnsatisfiable: "DoNotSchedule",
      labelSelector: { matchLabels: podLabels },
    },
    {
      maxSkew: 1,
      topologyKey: "topology.kubernetes.io/zone",
      whenUnsatisfiable: "ScheduleAnyway",
      labelSelector: { matchLabels: podLabels },
    },
  ];
}

function onDemandScheduling(platform: K8sPlatform | undefined): Scheduling {
  if (platform === undefined) return {};
  const p = SPOT_PLATFORMS[platform];
  if (p.onDemandValue !== undefined) return { nodeSelector: { [p.labelKey]: p.onDemandValue } };
  if (p.alwaysTainted) return {};
  return {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: p.labelKey, operator: "DoesNotExist" }] },
          ],
        },
      },
    },
  };
}

/**
 * Node selection, tolerations, affinity, spread and grace period of a capacity preset on a
 * platform. Spot presets cap the grace period at what the preemption notice allows.
 */
export function capacityScheduling(
  preset: K8sCapacityPreset,
  platform: K8sPlatform | undefined,
  podLabels: Record<string, string>,
  graceSeconds: number | undefined,
): Scheduling {
  if (!usesSpot(preset) || platform === undefined) {
    const base = onDemandScheduling(platform);
    return graceSeconds === undefined
      ? base
      : { ...base, terminationGracePeriodSeconds: graceSeconds };
  }
  const p = SPOT_PLATFORMS[platform];
  const common: Scheduling = {
    ...(p.toleration ? { tolerations: [p.toleration] } : {}),
    topologySpreadConstraints: spotSpread(podLabels),
    terminationGracePeriodSeconds:
      graceSeconds ?? Math.min(DEFAULT_GRACE_SECONDS, p.maxGraceSeconds),
  };
  if (preset === K8sCapacityPreset.Spot) {
    return { nodeSelector: { [p.labelKey]: p.spotValue }, ...common };
  }
  return {
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            preference: {
              matchExpressions: [{ key: p.labelKey, operator: "In", values: [p.spotValue] }],
            },
          },
        ],
      },
    },
    ...common,
  };
}
