import * as pulumi from "@pulumi/pulumi";
import { settle } from "../../helpers/pulumi-mocks";
import { runPack, stackDiagnostics } from "../../helpers/policy-pack";
import { CALLER_IDENTITY, mockStack } from "../../helpers/stack";
import { Diagnostic } from "../../policy-pack/harness";
import {
  AwsBudgetAlarm,
  AwsInferenceEndpoint,
  AwsModelRegistry,
  DataClassification,
  EvalStatus,
  RiskTier,
  Stage,
} from "../../../index";

// The acceptance check of the AWS components: a stack built from them in their default
// configuration has no mandatory violation of the aigov policy pack.

const { mocks } = mockStack({
  invokes: CALLER_IDENTITY,
  config: {
    "aigov:defaults": {
      owner: "jane@example.com",
      team: "risk-ml",
      costCenter: "FIN-1234",
      dataClassification: "confidential",
      trainingDataLicense: ["proprietary"],
    },
    "aigov:budgets": [
      {
        name: "risk-ml",
        monthlyLimitUsd: 20000,
        scope: { team: "risk-ml" },
        notify: { emails: ["finops@example.com"] },
      },
    ],
  },
});

const describeDiagnostic = (d: Diagnostic) =>
  `${d.level} ${d.policy} ${d.urn.split("::").pop()}: ${d.message.split("\n").slice(1).join(" ")}`;

test("a stack of the AWS components has no mandatory policy violation", async () => {
  const registry = new AwsModelRegistry("registry", {
    metadata: { assetId: "fraud-scorer", stage: Stage.Production, riskTier: RiskTier.High },
    consumerAccountIds: ["111122223333"],
    modelCard: { description: "Card fraud scoring" },
  });
  new AwsInferenceEndpoint("api", {
    metadata: {
      assetId: "fraud-api",
      stage: Stage.Production,
      containsPii: true,
      dataClassification: DataClassification.Restricted,
      modelCard: "https://wiki.example.com/models/fraud-scorer",
      evalStatus: EvalStatus.Passed,
      evalBenchmarks: ["auc"],
    },
    image: pulumi.interpolate`${registry.repositoryUrl}:1.0.0`,
    registry: {
      assetId: "fraud-scorer",
      bucketArn: registry.bucketArn,
      kmsKeyArn: registry.kmsKeyArn,
      repositoryArn: registry.repositoryArn,
    },
  });
  new AwsInferenceEndpoint("dev", {
    metadata: { assetId: "fraud-dev", stage: Stage.Experimental, modelRegistry: "fraud-scorer" },
    image: pulumi.interpolate`${registry.repositoryUrl}:1.1.0-rc1`,
    // NVMe instance storage: no `kmsKeyArn`, which the pack exempts.
    instanceType: "ml.g5.xlarge",
  });
  new AwsInferenceEndpoint("triage", {
    metadata: { assetId: "triage", stage: Stage.Staging, modelRegistry: "fraud-scorer" },
    modelPackageArn:
      "arn:aws:sagemaker:us-east-1:123456789012:model-package/risk-ml-fraud-scorer/3",
    serverless: { memorySizeInMb: 2048, maxConcurrency: 5 },
  });
  new AwsBudgetAlarm("budgets", {});
  await settle();

  expect(mocks.children().length).toBeGreaterThan(40);
  const mandatory = (await runPack(mocks.resources))
    .filter((d) => d.level === "mandatory")
    .map(describeDiagnostic);
  expect(mandatory).toEqual([]);

  // The check is not vacuous: without these children the pack finds what is missing.
  const without = async (pattern: RegExp) =>
    (await stackDiagnostics(mocks.resources.filter((r) => !pattern.test(r.name))))
      .filter((d) => d.level === "mandatory")
      .map((d) => `${d.policy} ${d.urn.split("::").pop()}`)
      .sort();
  expect(await without(/-scaling-target$/)).toEqual([
    "aigov-endpoint-autoscaling api-endpoint",
    "aigov-endpoint-autoscaling dev-endpoint",
  ]);
  expect(await without(/-public-access-block$/)).toEqual([
    "aigov-artifact-store-protection registry-bucket",
  ]);
  expect(await without(/-archival-lifecycle$/)).toEqual(["aigov-archival-rule registry-bucket"]);
  expect(await without(/-archival-image-lifecycle$/)).toEqual([
    "aigov-archival-rule registry-repository",
  ]);
  expect(await without(/^budgets-risk-ml$/)).toHaveLength(1);
}, 60_000);
