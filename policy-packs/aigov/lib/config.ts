import { PolicyConfigSchema } from "@pulumi/policy";
import { z } from "zod";
import {
  BenchmarkSchema,
  DEFAULT_COST_CENTER_PATTERN,
  DEFAULT_REQUIRED_KEYS,
  LicenseSchema,
  METADATA_KEYS,
  PartialMetadataSchema,
  BudgetsSchema,
  PricingOverridesSchema,
  STAGES,
  UsageSchema,
} from "aigov/sdk";

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const names = (what: string) => z.array(z.string().min(1)).default([]).describe(what);

/** Config fields shared by several policies; each policy declares the ones it reads. */
export const fields = {
  extraResourceTypes: names(
    "Extra resource type tokens treated as AI resources (exact, or a prefix ending in `*`).",
  ),
  requiredKeys: z
    .array(z.enum(METADATA_KEYS))
    .default([...DEFAULT_REQUIRED_KEYS])
    .describe("Metadata keys every AI resource must carry."),
  costCenterPattern: z
    .string()
    .refine(isRegex, { message: "expected a valid regular expression" })
    .default(DEFAULT_COST_CENTER_PATTERN)
    .describe("Regular expression cost centers must match (case-insensitive on GCP labels)."),
  defaults: PartialMetadataSchema.extend({ costCenter: z.string().min(1).optional() })
    .default({})
    .describe(
      "Metadata (camelCase, as in `aigov:defaults`) written onto resources that lack it when the level is `remediate`.",
    ),
  requiredBenchmarks: z
    .array(BenchmarkSchema)
    .default([])
    .describe("Benchmarks that `eval-benchmarks` must contain in production."),
  deniedLicenses: z
    .array(LicenseSchema)
    .default(["unknown"])
    .describe("Training-data license ids that are not allowed."),
  allowedLicenses: z
    .array(LicenseSchema)
    .optional()
    .describe("When set, the only training-data license ids allowed."),
  allowedInstanceTypes: z
    .partialRecord(z.enum(STAGES), z.array(z.string().min(1)))
    .optional()
    .describe('Allowed instance/machine types per stage, e.g. `{"production": ["ml.g5.xlarge"]}`.'),
  maxHourlyUsd: z
    .partialRecord(z.enum(STAGES), z.number().positive())
    .optional()
    .describe("Highest on-demand USD/hour of one instance (with its accelerators) per stage."),
  pricing: PricingOverridesSchema.default({}).describe(
    'Price overrides in USD/hour by sku (as `aigov:pricing`), e.g. `{"ml.g5.xlarge": 1.2}`.',
  ),
  usage: UsageSchema.default({}).describe(
    'Expected usage of usage-priced assets by asset id (as `aigov:usage`), e.g. `{"support-bot": {"inputTokensPerMonth": 200000000}}`.',
  ),
  budgets: BudgetsSchema.default([]).describe(
    "The stack's `aigov:budgets`: compared with the estimate like the budget resources of the stack.",
  ),
  budgetedTeams: names("Teams whose AI spend is budgeted outside this stack."),
  budgetedCostCenters: names("Cost centers whose AI spend is budgeted outside this stack."),
  externalRegistries: names("Asset ids of model registries that live outside this stack."),
};

/** The config schema of a policy without settings. */
export const noConfig = z.object({});

/**
 * The CrossGuard `configSchema` of a policy, generated from its zod schema (input side, so that
 * defaults appear as `default` and defaulted fields are not required).
 */
export function configSchema(schema: z.ZodObject): PolicyConfigSchema {
  const json = z.toJSONSchema(schema, { io: "input", target: "draft-7" }) as {
    properties?: PolicyConfigSchema["properties"];
    required?: string[];
  };
  const out: PolicyConfigSchema = { properties: json.properties ?? {} };
  if (json.required?.length) out.required = json.required;
  return out;
}

const cache = new WeakMap<z.ZodObject, { key: string; value: unknown }>();

/**
 * Parses a policy's config (`args.getConfig()`) with its schema, applying the defaults that the
 * Pulumi CLI normally fills in. Bad config throws, naming the policy and each key.
 */
export function parseConfig<S extends z.ZodObject>(
  policy: string,
  schema: S,
  config: object,
): z.output<S> {
  const key = JSON.stringify(config);
  const hit = cache.get(schema);
  if (hit?.key === key) return hit.value as z.output<S>;
  const result = schema.safeParse(config);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.join(".") || "(config)"}: ${i.message}`,
    );
    throw new Error(`invalid config of policy '${policy}': ${problems.join("; ")}`);
  }
  cache.set(schema, { key, value: result.data });
  return result.data;
}
