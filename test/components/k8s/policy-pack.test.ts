import { settle } from "../../helpers/pulumi-mocks";
import { runPack } from "../../helpers/policy-pack";
import { DEFAULTS, PROD_META, SERVED_META, mockStack } from "../../helpers/stack";
import {
  GcpBudgetAlarm,
  K8sAutoscaler,
  K8sCapacityPreset,
  K8sInferenceService,
  K8sPlatform,
  K8sTeamNamespace,
} from "../../../index";

const { mocks } = mockStack({ config: { "aigov:defaults": DEFAULTS } });

it("the Kubernetes components (with a team budget) pass the aigov policy pack with their defaults", async () => {
  const ns = new K8sTeamNamespace("risk-ml", { metadata: { assetId: "risk-ml-serving" } });
  const namespace = ns.namespaceName;
  const gpus = { gpus: 1 };
  new K8sInferenceService("spot", {
    namespace,
    metadata: SERVED_META,
    image: "i",
    platform: K8sPlatform.Gke,
    resources: gpus,
  });
  new K8sInferenceService("prod", {
    namespace,
    metadata: PROD_META,
    image: "i",
    platform: K8sPlatform.Gke,
    resources: gpus,
  });
  new K8sInferenceService("keda", {
    namespace,
    metadata: SERVED_META,
    image: "i",
    platform: K8sPlatform.Aks,
    capacityPreset: K8sCapacityPreset.SpotWithOnDemandFallback,
    autoscaler: K8sAutoscaler.Keda,
    keda: { prometheusServerAddress: "http://prometheus:9090", query: "sum(up)", threshold: "1" },
  });
  new K8sInferenceService("kserve", {
    namespace,
    metadata: SERVED_META,
    platform: K8sPlatform.Karpenter,
    kserve: { storageUri: "s3://models/fraud", modelFormat: "sklearn" },
  });
  new GcpBudgetAlarm("budgets", {
    billingAccount: "012345-6789AB-CDEF01",
    budgets: [{ name: "risk-ml", monthlyLimitUsd: 50000, team: "risk-ml" }],
  });
  await settle();
  const diagnostics = await runPack(mocks.resources);
  expect(diagnostics.filter((d) => d.level === "mandatory")).toEqual([]);
  // The only advisory finding: the registry `fraud-registry` is not part of this stack.
  expect([...new Set(diagnostics.map((d) => d.policy))]).toEqual(["aigov-orphaned-endpoint"]);
});
