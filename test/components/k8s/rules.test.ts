import { Stage } from "../../../sdk";
import { K8sCapacityPreset, K8sPlatform } from "../../../components/k8s/enums";
import { defaultPreset, resolveService } from "../../../components/k8s/inference-config";
import { parseQuantity } from "../../../components/k8s/namespace-config";
import { SPOT_PLATFORMS, capacityScheduling } from "../../../components/k8s/scheduling";
import { METADATA } from "../../helpers/stack";

const POD = { app: "x" };

describe("capacityScheduling", () => {
  test.each([
    [K8sPlatform.Karpenter, { nodeSelector: { "karpenter.sh/capacity-type": "on-demand" } }],
    [K8sPlatform.EksManaged, { nodeSelector: { "eks.amazonaws.com/capacityType": "ON_DEMAND" } }],
    [K8sPlatform.Aks, {}],
    [
      K8sPlatform.Gke,
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: "cloud.google.com/gke-spot", operator: "DoesNotExist" },
                  ],
                },
              ],
            },
          },
        },
      },
    ],
  ])("on-demand on %s", (platform, expected) => {
    expect(capacityScheduling(K8sCapacityPreset.OnDemand, platform, POD, undefined)).toEqual(
      expected,
    );
  });

  test.each(Object.values(K8sPlatform))(
    "spot on %s: selector, toleration, spread, grace",
    (platform) => {
      const p = SPOT_PLATFORMS[platform];
      const s = capacityScheduling(K8sCapacityPreset.Spot, platform, POD, undefined);
      expect(s.nodeSelector).toEqual({ [p.labelKey]: p.spotValue });
      expect(s.tolerations).toEqual(p.toleration ? [p.toleration] : undefined);
      expect(s.topologySpreadConstraints?.map((c) => c.topologyKey)).toEqual([
        "kubernetes.io/hostname",
        "topology.kubernetes.io/zone",
      ]);
      expect(s.terminationGracePeriodSeconds).toBeLessThanOrEqual(p.maxGraceSeconds);
      expect(p.maxGraceSeconds).toBeLessThan(p.noticeSeconds);
    },
  );

  test.each(Object.values(K8sPlatform))("spot with fallback on %s prefers spot", (platform) => {
    const p = SPOT_PLATFORMS[platform];
    const s = capacityScheduling(K8sCapacityPreset.SpotWithOnDemandFallback, platform, POD, 10);
    expect(s.nodeSelector).toBeUndefined();
    expect(s.affinity?.nodeAffinity).toEqual({
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          preference: {
            matchExpressions: [{ key: p.labelKey, operator: "In", values: [p.spotValue] }],
          },
        },
      ],
    });
    expect(s.terminationGracePeriodSeconds).toBe(10);
  });

  test.each([
    [K8sPlatform.Gke, 25],
    [K8sPlatform.Aks, 25],
    [K8sPlatform.Karpenter, 30],
    [K8sPlatform.EksManaged, 30],
  ])("default spot grace on %s is %p s", (platform, grace) => {
    expect(
      capacityScheduling(K8sCapacityPreset.Spot, platform, POD, undefined)
        .terminationGracePeriodSeconds,
    ).toBe(grace);
  });
});

describe("service defaults", () => {
  test.each<[Stage, K8sPlatform | undefined, K8sCapacityPreset, number]>([
    ["experimental", K8sPlatform.Gke, K8sCapacityPreset.Spot, 2],
    ["staging", K8sPlatform.Aks, K8sCapacityPreset.Spot, 2],
    ["staging", undefined, K8sCapacityPreset.OnDemand, 1],
    ["production", K8sPlatform.Gke, K8sCapacityPreset.OnDemand, 2],
    ["deprecated", K8sPlatform.Gke, K8sCapacityPreset.OnDemand, 1],
  ])("%s on %s → %s with %p replicas", (stage, platform, preset, min) => {
    expect(defaultPreset(stage, platform)).toBe(preset);
    const r = resolveService("x", { image: "i", platform }, { ...METADATA, stage });
    expect([r.preset, r.minReplicas, r.maxReplicas]).toEqual([preset, min, Math.max(min * 2, 2)]);
  });
});

describe("parseQuantity", () => {
  test.each([
    ["2", 2],
    ["500m", 0.5],
    ["1.5", 1.5],
    ["16Gi", 16 * 2 ** 30],
    ["1G", 1e9],
    ["lots", undefined],
    ["-1", undefined],
    ["1GB", undefined],
  ])("%p → %p", (q, value) => {
    expect(parseQuantity(q)).toBe(value);
  });
});
