import { settle } from "../../helpers/pulumi-mocks";
import { runPack } from "../../helpers/policy-pack";
import { DEFAULTS, GCP_PROJECT, PROD_META, SERVED_META, mockStack } from "../../helpers/stack";
import {
  DataClassification,
  GcpBudgetAlarm,
  GcpInferenceEndpoint,
  GcpModelRegistry,
  RiskTier,
  Stage,
} from "../../../index";

const { mocks } = mockStack({
  invokes: GCP_PROJECT,
  config: {
    "aigov:defaults": DEFAULTS,
    "aigov:budgets": [{ name: "risk-ml", monthlyLimitUsd: 50000, scope: { team: "risk-ml" } }],
  },
});

it("the GCP components pass the aigov policy pack with their defaults", async () => {
  new GcpModelRegistry("registry", {
    location: "us-central1",
    metadata: { assetId: "fraud-registry" },
  });
  new GcpModelRegistry("registry-prod", {
    location: "us-central1",
    metadata: { assetId: "fraud-registry", stage: Stage.Production, riskTier: RiskTier.High },
    evidenceRetention: { locked: true },
  });
  new GcpInferenceEndpoint("private", {
    location: "us-central1",
    metadata: { ...SERVED_META, dataClassification: DataClassification.Confidential },
  });
  new GcpInferenceEndpoint("pool", {
    location: "us-central1",
    metadata: PROD_META,
    sharedPool: true,
    machineType: "n1-standard-4",
  });
  new GcpInferenceEndpoint("garden", {
    location: "us-central1",
    metadata: SERVED_META,
    modelGarden: { huggingFaceModelId: "google/gemma-2-2b-it" },
    machineType: "g2-standard-8",
    acceleratorType: "NVIDIA_L4",
  });
  new GcpBudgetAlarm("budgets", { billingAccount: "012345-6789AB-CDEF01" });
  await settle();
  expect(await runPack(mocks.resources)).toEqual([]);
});
