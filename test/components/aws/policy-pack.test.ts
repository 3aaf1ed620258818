import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { policies } from "../../../policy-packs/aigov/policies";
import { Diagnostic, ResourceSpec, analyze, analyzeStack } from "../../policy-pack/harness";
import { setStackConfig } from "../../helpers/pulumi-mocks";
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
// configuration has no mandatory violation of the aigov policy pack. The mock monitor records
// each registration as the engine would send it to the pack: URN, parent, dependencies and
// property dependencies, so that the stack policies find bucket sidecars, endpoint configurations
// and scaling targets the way they do in a real preview.

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
const settings = require("@pulumi/pulumi/runtime/settings");
const records: ResourceSpec[] = [];
class RecordingMonitor extends MockMonitor {
  override async registerResource(req: any, callback: (err: any, resp: any) => void) {
    return super.registerResource(req, (err: any, resp: any) => {
      if (!err) {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, prop: string) => {
          propertyDependencies[prop] = deps.getUrnsList();
        });
        records.push({
          type: req.getType(),
          name: req.getName(),
          urn: resp.getUrn(),
          parent: req.getParent() || undefined,
          props: req.getObject()?.toJavaScript() ?? {},
          dependencies: req.getDependenciesList(),
          propertyDependencies,
        });
      }
      callback(err, resp);
    });
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

beforeAll(() => {
  jest.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
  settings.setMockOptions(
    new RecordingMonitor({
      newResource: (args: pulumi.runtime.MockResourceArgs) => ({
        id: `${args.name}-id`,
        state: {
          ...args.inputs,
          arn: `arn:aws:${args.type.split(":")[1].split("/")[0]}:us-east-1:123456789012:${args.name}`,
          name: args.inputs.name ?? args.name,
        },
      }),
      call: (args: pulumi.runtime.MockCallArgs) => {
        if (args.token !== "aws:index/getCallerIdentity:getCallerIdentity") {
          throw new Error(`unexpected invoke ${args.token}`);
        }
        return { accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/ci" };
      },
    }),
    "project",
    "stack",
    false,
  );
});

const describeDiagnostic = (d: Diagnostic) =>
  `${d.level} ${d.policy} ${d.urn.split("::").pop()}: ${d.message.split("\n").slice(1).join(" ")}`;

test("a stack of the AWS components has no mandatory policy violation", async () => {
  setStackConfig({
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
  });
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
  await settings.waitForRPCs();

  const custom = records.filter((r) => !r.type.startsWith("aigov:"));
  expect(custom.length).toBeGreaterThan(40);
  const diagnostics = [
    ...(await analyzeStack(policies, records)),
    ...(await Promise.all(custom.map((r) => analyze(policies, r)))).flat(),
  ];
  const mandatory = diagnostics.filter((d) => d.level === "mandatory").map(describeDiagnostic);
  expect(mandatory).toEqual([]);

  // The check is not vacuous: without these children the pack finds what is missing.
  const without = async (pattern: RegExp) =>
    (
      await analyzeStack(
        policies,
        records.filter((r) => !pattern.test(r.name)),
      )
    )
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
