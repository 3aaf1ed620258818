import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { TEMPLATE_NAMESPACE, readTemplateConfig } from "../../templates/governed-registry/config";
import {
  TEMPLATE_DIR,
  TEMPLATE_SAMPLE_STACK,
  promptDefaultsStack,
  templatePrompts,
} from "../helpers/pulumi-template";
import { DEFAULTS } from "../helpers/stack";

// The registry template validates its config (`aigov-registry:*`) and `aigov:*` before anything is
// registered, and reports every problem at once with its key path.

const PROJECT = TEMPLATE_NAMESPACE;

/**
 * Sets the stack config as the Pulumi CLI passes it: structured values as JSON strings. The project
 * is named otherwise: the template's keys keep their namespace whatever the project is called.
 */
function setConfig(config: Record<string, unknown>): void {
  pulumi.runtime.setMocks(
    { newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs },
    "fraud-models",
    "test",
    true,
  );
  pulumi.runtime.setAllConfig(
    Object.fromEntries(
      Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    ),
  );
}

/** The problems of a stack whose `aigov:defaults` are the tests' unless `config` sets them. */
const problemsOf = (config: Record<string, unknown>): string[] => {
  setConfig({ "aigov:defaults": DEFAULTS, ...config });
  try {
    readTemplateConfig();
  } catch (e) {
    return (e as Error).message
      .split("\n")
      .slice(1)
      .map((l) => l.trim());
  }
  return [];
};

test("the sample stack Pulumi.example.yaml is valid", () => {
  const stack = parseYaml(
    fs.readFileSync(path.join(TEMPLATE_DIR, `Pulumi.${TEMPLATE_SAMPLE_STACK}.yaml`), "utf8"),
  ).config;
  setConfig(stack);
  const cfg = readTemplateConfig();
  expect(cfg.cloud).toBe("aws");
  expect(cfg.host).toBe("aws");
  expect(cfg.models.map((m) => m.assetId)).toEqual([
    "fraud-scorer",
    "ticket-triage",
    "churn-model",
  ]);
  expect(cfg.aigov.budgets.map((b) => b.name)).toEqual(["risk-ml-monthly", "ops-ml-monthly"]);
});

test("every template prompt of Pulumi.yaml has a description and a valid default", () => {
  const prompts = templatePrompts();
  expect(Object.keys(prompts).sort()).toEqual(
    [
      `${PROJECT}:cloud`,
      `${PROJECT}:region`,
      "aigov:defaults",
      "aigov:budgets",
      `${PROJECT}:models`,
    ].sort(),
  );
  for (const [key, prompt] of Object.entries(prompts)) {
    expect([key, prompt.description?.length ?? 0]).not.toEqual([key, 0]);
  }
  // `pulumi new` with every default makes a valid stack.
  expect(problemsOf(promptDefaultsStack())).toEqual([]);
});

test("bad config reports every problem at once, each with its key path", () => {
  expect(
    problemsOf({
      [`${PROJECT}:cloud`]: "aws",
      [`${PROJECT}:models`]: [
        {
          assetId: "fraud-scorer",
          stage: "production",
          endpoint: { instanceType: "ml.c5.xlarge" },
        },
        { assetId: "old-model", stage: "deprecated", trainingDataLicense: ["proprietary"] },
        { assetId: "Bad_Id", stage: "staging" },
      ],
      "aigov:budgets": [{ name: "x", monthlyLimitUsd: "5k", scope: { team: "risk-ml" } }],
    }),
  ).toEqual([
    'aigov:budgets[0].monthlyLimitUsd: expected a positive number, got "5k"',
    'aigov-registry:models[2].assetId: expected an asset id matching ^[a-z][a-z0-9-]{1,62}$, got "Bad_Id"',
    "aigov-registry:region: set the AWS region to build in, got nothing",
    "aigov-registry:models[0].endpoint.imageTag: AWS endpoints need the tag of the image in the registry's repository, got nothing",
    "aigov-registry:models[0].trainingDataLicense: required on model resources: list the SPDX ids of the training data licenses (aigov-training-data-license)",
    "aigov-registry:models[0].modelCard: required in `production`: set the https:// URL of the model card (aigov-production-model-card)",
    "aigov-registry:models[0].evalStatus: must be `passed` in `production`, got nothing: run the promotion evaluation first (aigov-production-evaluation)",
    "aigov-registry:models[1].sunsetDate: required for stage `deprecated`: set the planned retirement day as YYYY-MM-DD (aigov-lifecycle-state)",
  ]);
});

test("cloud-specific settings are required where they apply", () => {
  const models = [{ assetId: "m1", stage: "staging", trainingDataLicense: ["mit"], endpoint: {} }];
  const budgets = [{ name: "b", monthlyLimitUsd: 10, scope: { team: "t" } }];
  expect(
    problemsOf({
      [`${PROJECT}:cloud`]: "gcp",
      [`${PROJECT}:models`]: models,
      "aigov:budgets": budgets,
    }),
  ).toEqual([
    "aigov-registry:region: set the GCP region to build in, got nothing",
    "aigov-registry:billingAccount: GCP budgets need the Cloud Billing account id, got nothing",
  ]);
  expect(
    problemsOf({
      [`${PROJECT}:cloud`]: "k8s",
      [`${PROJECT}:region`]: "us-east-1",
      [`${PROJECT}:models`]: models,
      "aigov:budgets": budgets,
    }),
  ).toEqual([
    "aigov-registry:platform: set the cluster's platform: karpenter, gke, eksManaged or aks, got nothing",
    "aigov-registry:models[0].endpoint.image: Kubernetes endpoints need the serving image, got nothing",
  ]);
  expect(
    problemsOf({
      [`${PROJECT}:cloud`]: "aws",
      [`${PROJECT}:region`]: "eu-west-1",
      [`${PROJECT}:models`]: models,
    }),
  ).toEqual([
    "aigov-registry:models[0].endpoint.imageTag: AWS endpoints need the tag of the image in the registry's repository, got nothing",
  ]);
});

test("a stack without budgets is refused", () => {
  expect(
    problemsOf({
      [`${PROJECT}:cloud`]: "aws",
      [`${PROJECT}:region`]: "eu-west-1",
      [`${PROJECT}:models`]: [
        { assetId: "m1", stage: "experimental", trainingDataLicense: ["mit"] },
      ],
    }),
  ).toEqual([
    "aigov:budgets: list at least one budget (policy aigov-budget-coverage requires every team's AI spend to be budgeted)",
  ]);
});

test("AWS budget enforcement and denyNewEndpointsAtPercent go together", () => {
  const base = {
    [`${PROJECT}:cloud`]: "aws",
    [`${PROJECT}:region`]: "eu-west-1",
    [`${PROJECT}:models`]: [{ assetId: "m1", stage: "experimental", trainingDataLicense: ["mit"] }],
  };
  const budget = { name: "b", monthlyLimitUsd: 10, scope: { team: "t" } };
  expect(
    problemsOf({ ...base, "aigov:budgets": [{ ...budget, denyNewEndpointsAtPercent: 100 }] }),
  ).toEqual([
    "aigov:budgets[0].denyNewEndpointsAtPercent: set aigov-registry:budgetEnforcement to the IAM roles, groups or users to deny",
  ]);
  expect(
    problemsOf({
      ...base,
      "aigov:budgets": [budget],
      [`${PROJECT}:budgetEnforcement`]: { roleNames: ["deployer"] },
    }),
  ).toEqual([
    "aigov-registry:budgetEnforcement: no budget in aigov:budgets sets denyNewEndpointsAtPercent, so nothing would be enforced",
  ]);
});
