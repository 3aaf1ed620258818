import { installMocks, setStackConfig, settle } from "../../helpers/pulumi-mocks";
import { Diagnostic, ResourceSpec, analyze, analyzeStack } from "../../policy-pack/harness";
import { policies } from "../../../policy-packs/aigov/policies";
import {
  DataClassification,
  EvalStatus,
  GcpBudgetAlarm,
  GcpInferenceEndpoint,
  GcpModelRegistry,
  RiskTier,
  Stage,
} from "../../../index";
import { DEFAULTS, PROJECT } from "./helpers";

const mocks = installMocks({ "gcp:organizations/getProject:getProject": () => PROJECT });

const META = {
  assetId: "fraud-scorer",
  trainingDataLicense: ["apache-2.0"],
  modelRegistry: "fraud-registry",
};
const PROD = {
  ...META,
  stage: Stage.Production,
  modelCard: "https://models.example.com/fraud-scorer",
  evalStatus: EvalStatus.Passed,
};

/** Runs every resource and stack policy of the aigov pack over the recorded resources. */
async function runPack(): Promise<Diagnostic[]> {
  const specs: ResourceSpec[] = mocks.resources
    .filter((r) => !r.type.startsWith("aigov:"))
    .map((r) => ({ type: r.type, name: r.name, props: { ...r.inputs, id: r.id } }));
  const diagnostics: Diagnostic[] = [];
  for (const spec of specs) diagnostics.push(...(await analyze(policies, spec)));
  diagnostics.push(...(await analyzeStack(policies, specs)));
  return diagnostics;
}

beforeEach(() => {
  mocks.reset();
  setStackConfig({
    "aigov:defaults": DEFAULTS,
    "aigov:budgets": [{ name: "risk-ml", monthlyLimitUsd: 50000, scope: { team: "risk-ml" } }],
  });
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
    metadata: { ...META, dataClassification: DataClassification.Confidential },
  });
  new GcpInferenceEndpoint("pool", {
    location: "us-central1",
    metadata: PROD,
    sharedPool: true,
    machineType: "n1-standard-4",
  });
  new GcpInferenceEndpoint("garden", {
    location: "us-central1",
    metadata: META,
    modelGarden: { huggingFaceModelId: "google/gemma-2-2b-it" },
    machineType: "g2-standard-8",
    acceleratorType: "NVIDIA_L4",
  });
  new GcpBudgetAlarm("budgets", { billingAccount: "012345-6789AB-CDEF01" });
  await settle();
  expect(await runPack()).toEqual([]);
});
