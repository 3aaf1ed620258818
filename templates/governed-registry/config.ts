// The template's own stack config (`aigov-registry:*`), validated with zod before anything is
// registered: every problem at once, each naming its key path, like the `aigov:*` keys.
import * as pulumi from "@pulumi/pulumi";
import { AwsBudgetApproval, COMPONENT_RULE_SCOPES, K8sPlatform } from "aigov";
import {
  type AigovStackConfig,
  type ConfigKey,
  ConfigError,
  FIELD_OF_KEY,
  type PartialMetadata,
  PartialMetadataSchema,
  type RuleScope,
  describeMetadataProblem,
  formatIssues,
  judgeMetadata,
  metadataToStrings,
  parseStackConfig,
} from "aigov/sdk";
import { z } from "zod";
import { endpointMetadata, registryMetadata } from "./metadata";

/**
 * The namespace of the template's keys, whatever the project is called (like `aigov:*`), so that
 * the sample stack and the docs apply to every project created from the template.
 */
export const TEMPLATE_NAMESPACE = "aigov-registry";

/** Where the registry, endpoints, archival and budgets are built. */
export const CLOUDS = ["aws", "gcp", "k8s"] as const;
export type Cloud = (typeof CLOUDS)[number];

/** The serving endpoint of one model; which fields apply depends on the cloud. */
const EndpointSchema = z
  .object({
    /** Asset id of the endpoint; default `<model assetId>-api`. */
    assetId: z.string().optional(),
    /** AWS: tag of the serving image in the registry's ECR repository. */
    imageTag: z.string().min(1).optional(),
    /** Kubernetes: the serving image. */
    image: z.string().min(1).optional(),
    /** AWS: SageMaker instance type; GCP: machine type of the pool or Model Garden deployment. */
    instanceType: z.string().min(1).optional(),
    /** AWS: serverless capacity instead of instances. */
    serverless: z
      .object({
        memorySizeInMb: z.number().int(),
        maxConcurrency: z.number().int(),
      })
      .strict()
      .optional(),
    /** GCP: accelerator type, e.g. `NVIDIA_L4`. */
    acceleratorType: z.string().optional(),
    /** GCP: accelerators per replica; Kubernetes: GPUs per replica. */
    gpus: z.number().int().min(0).optional(),
    /** GCP: a Model Garden model, `publishers/<publisher>/models/<model>@<version>`. */
    modelGarden: z.string().optional(),
    /** Fewest replicas/instances. */
    minReplicas: z.number().int().min(0).optional(),
    /** Most replicas/instances. */
    maxReplicas: z.number().int().min(1).optional(),
  })
  .strict();

/** One model family: its registry and, optionally, its endpoint. */
const ModelSchema = PartialMetadataSchema.pick({
  owner: true,
  team: true,
  costCenter: true,
  dataClassification: true,
  riskTier: true,
  modelCard: true,
  evalStatus: true,
  evalBenchmarks: true,
  evalReport: true,
  trainingDataLicense: true,
  containsPii: true,
  sunsetDate: true,
})
  .extend({
    assetId: PartialMetadataSchema.shape.assetId.unwrap(),
    stage: PartialMetadataSchema.shape.stage.unwrap(),
    description: z.string().max(1024).optional(),
    endpoint: EndpointSchema.optional(),
  })
  .strict();

export type ModelConfig = z.infer<typeof ModelSchema>;
export type EndpointConfig = z.infer<typeof EndpointSchema>;

const TemplateSchema = z
  .object({
    cloud: z.enum(CLOUDS, { error: "expected `aws`, `gcp` or `k8s`" }),
    region: z.string().min(1).optional(),
    gcpProject: z.string().min(1).optional(),
    billingAccount: z
      .string()
      .regex(/^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/, {
        error: "expected a billing account id like 012345-6789AB-CDEF01",
      })
      .optional(),
    platform: z.enum(K8sPlatform).optional(),
    hostCloud: z.enum(["aws", "gcp", "none"]).optional(),
    models: z.array(ModelSchema).min(1, { error: "list at least one model" }),
    budgetEnforcement: z
      .object({
        roleNames: z.array(z.string()).optional(),
        groupNames: z.array(z.string()).optional(),
        userNames: z.array(z.string()).optional(),
        approval: z.enum(AwsBudgetApproval).optional(),
      })
      .strict()
      .optional(),
  })
  .superRefine((c, ctx) => {
    // `input` is the offending value (`got …` in the report; `got nothing` when missing).
    const problem = (path: PropertyKey[], message: string, input?: unknown) =>
      ctx.addIssue({ code: "custom", path, message, input });
    const host = hostCloudOf(c);
    if (c.cloud === "k8s" && !c.platform) {
      problem(
        ["platform"],
        "set the cluster's platform: karpenter, gke, eksManaged or aks",
        c.platform,
      );
    }
    if (host !== "none" && !c.region) {
      problem(
        ["region"],
        `set the ${host === "aws" ? "AWS region" : "GCP region"} to build in`,
        c.region,
      );
    }
    if (host === "gcp" && !c.billingAccount) {
      problem(
        ["billingAccount"],
        "GCP budgets need the Cloud Billing account id",
        c.billingAccount,
      );
    }
    const seen = new Set<string>();
    c.models.forEach((m, i) => {
      if (seen.has(m.assetId))
        problem(["models", i, "assetId"], `duplicate model "${m.assetId}"`, m.assetId);
      seen.add(m.assetId);
      const e = m.endpoint;
      if (!e) return;
      if (c.cloud === "aws" && !e.imageTag) {
        problem(
          ["models", i, "endpoint", "imageTag"],
          "AWS endpoints need the tag of the image in the registry's repository",
          e.imageTag,
        );
      }
      if (c.cloud === "k8s" && !e.image) {
        problem(
          ["models", i, "endpoint", "image"],
          "Kubernetes endpoints need the serving image",
          e.image,
        );
      }
      if (c.cloud !== "gcp" && e.modelGarden) {
        problem(
          ["models", i, "endpoint", "modelGarden"],
          "Model Garden exists on GCP only",
          e.modelGarden,
        );
      }
      if (c.cloud !== "aws" && e.serverless) {
        problem(
          ["models", i, "endpoint", "serverless"],
          "serverless endpoints exist on AWS only",
          e.serverless,
        );
      }
    });
  });

export type TemplateConfig = z.infer<typeof TemplateSchema> & {
  /** Where registries and budgets live: the cloud itself, or for `k8s` the cluster's cloud. */
  host: "aws" | "gcp" | "none";
  /** The parsed `aigov:*` config. */
  aigov: AigovStackConfig;
};

/** `aws`/`gcp` build there; a Kubernetes cluster keeps registries and budgets on its own cloud. */
function hostCloudOf(c: { cloud: Cloud; platform?: K8sPlatform; hostCloud?: string }) {
  if (c.cloud !== "k8s") return c.cloud;
  if (c.hostCloud) return c.hostCloud as "aws" | "gcp" | "none";
  if (c.platform === K8sPlatform.Gke) return "gcp";
  if (c.platform === K8sPlatform.Aks) return "none";
  return "aws";
}

/** The registry component of each host cloud (Kubernetes clusters keep registries on their host). */
const REGISTRY_SCOPES: Record<"aws" | "gcp", RuleScope> = {
  aws: COMPONENT_RULE_SCOPES.AwsModelRegistry,
  gcp: COMPONENT_RULE_SCOPES.GcpModelRegistry,
};
/** The endpoint component of each cloud. */
const ENDPOINT_SCOPES: Record<Cloud, RuleScope> = {
  aws: COMPONENT_RULE_SCOPES.AwsInferenceEndpoint,
  gcp: COMPONENT_RULE_SCOPES.GcpInferenceEndpoint,
  k8s: COMPONENT_RULE_SCOPES.K8sInferenceService,
};

/**
 * The metadata problems of model `i` (sdk `judgeMetadata`, as the registry and endpoint
 * components will judge it): `aigov-registry:models[i].<field>: reason (policy)`, once per path.
 */
function modelProblems(
  ns: string,
  i: number,
  m: ModelConfig,
  c: { cloud: Cloud; host: "aws" | "gcp" | "none" },
  defaults: PartialMetadata,
): string[] {
  const judged: { meta: PartialMetadata; scope: RuleScope; assetIdAt: string }[] = [];
  if (c.host !== "none") {
    judged.push({
      meta: registryMetadata(m),
      scope: REGISTRY_SCOPES[c.host],
      assetIdAt: "assetId",
    });
  }
  if (m.endpoint) {
    // The endpoint's own asset id is `endpoint.assetId`; every other field is the model's.
    const scope = ENDPOINT_SCOPES[c.cloud];
    judged.push({ meta: endpointMetadata(m), scope, assetIdAt: "endpoint.assetId" });
  }
  const out = new Set<string>();
  for (const { meta, scope, assetIdAt } of judged) {
    const merged: Record<string, unknown> = { ...defaults };
    for (const [k, v] of Object.entries(meta)) if (v !== undefined) merged[k] = v;
    const values = metadataToStrings(merged as PartialMetadata);
    for (const p of judgeMetadata({ values, complete: true }, scope).problems) {
      const field = FIELD_OF_KEY[p.key];
      const at = field === "assetId" ? assetIdAt : field;
      out.add(`${ns}:models[${i}].${at}: ${describeMetadataProblem(p, merged[field])}`);
    }
  }
  return [...out];
}

const KEYS = [
  "cloud",
  "region",
  "gcpProject",
  "billingAccount",
  "platform",
  "hostCloud",
  "models",
  "budgetEnforcement",
];
/** Keys whose values are lists or objects (passed to the program as JSON). */
const STRUCTURED = ["models", "budgetEnforcement"];

/** `aigov:defaults` when they are valid though other `aigov:*` keys are not, else `undefined`. */
function validDefaults(): PartialMetadata | undefined {
  try {
    const config = new pulumi.Config("aigov");
    return parseStackConfig((key) => (key === "defaults" ? config.get(key) : undefined)).defaults;
  } catch (e) {
    if (e instanceof ConfigError) return undefined;
    throw e;
  }
}

/**
 * Reads the template config (`aigov-registry:cloud`, `region`, `models`, …) and the `aigov:*` keys.
 * Throws one error listing every problem, each with its key path.
 */
export function readTemplateConfig(): TemplateConfig {
  const ns = TEMPLATE_NAMESPACE;
  const config = new pulumi.Config(TEMPLATE_NAMESPACE);
  const problems: string[] = [];
  let aigov: AigovStackConfig | undefined;
  try {
    aigov = parseStackConfig((key: ConfigKey) => new pulumi.Config("aigov").get(key));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
  }
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = config.get(key);
    if (value === undefined) continue;
    try {
      raw[key] = STRUCTURED.includes(key) ? JSON.parse(value) : value;
    } catch {
      problems.push(`${ns}:${key}: expected a list or an object, got ${JSON.stringify(value)}`);
    }
  }
  const parsed = TemplateSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    // formatIssues writes `aigov:<path>`; the template's keys live in their own namespace.
    problems.push(
      ...formatIssues("@", parsed.error).map((p) => p.replace(/^aigov:@\.?/, `${ns}:`)),
    );
  }
  const cloud = CLOUDS.find((c) => c === raw.cloud);
  const defaults = aigov?.defaults ?? validDefaults();
  if (cloud && defaults && Array.isArray(raw.models)) {
    const host = hostCloudOf({
      cloud,
      platform: raw.platform as K8sPlatform | undefined,
      hostCloud: raw.hostCloud as string | undefined,
    });
    raw.models.forEach((m: unknown, i: number) => {
      const model = ModelSchema.safeParse(m);
      if (model.success) {
        problems.push(...modelProblems(ns, i, model.data, { cloud, host }, defaults));
      }
    });
  }
  if (
    parsed.success &&
    aigov &&
    aigov.budgets.length === 0 &&
    hostCloudOf(parsed.data) !== "none"
  ) {
    problems.push(
      "aigov:budgets: list at least one budget (policy aigov-budget-coverage requires every team's AI spend to be budgeted)",
    );
  }
  if (parsed.success && aigov && hostCloudOf(parsed.data) === "aws") {
    const denying = aigov.budgets.findIndex((b) => b.denyNewEndpointsAtPercent !== undefined);
    if (denying >= 0 && !parsed.data.budgetEnforcement) {
      problems.push(
        `aigov:budgets[${denying}].denyNewEndpointsAtPercent: set ${ns}:budgetEnforcement to the IAM roles, groups or users to deny`,
      );
    }
    if (denying < 0 && parsed.data.budgetEnforcement) {
      problems.push(
        `${ns}:budgetEnforcement: no budget in aigov:budgets sets denyNewEndpointsAtPercent, so nothing would be enforced`,
      );
    }
  }
  if (problems.length > 0 || !parsed.success || !aigov) {
    // A RunError is shown without a stack trace, as a configuration problem should be.
    throw new pulumi.RunError(
      `invalid stack configuration of the aigov registry template:\n${problems
        .map((p) => `  ${p}`)
        .join("\n")}`,
    );
  }
  return { ...parsed.data, host: hostCloudOf(parsed.data), aigov };
}
