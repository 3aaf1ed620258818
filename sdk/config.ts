import { z } from "zod";
import { EMAIL_PATTERN, PartialMetadata, PartialMetadataSchema } from "./metadata";
import { PricingOverridesSchema, Usage, UsageSchema } from "./pricing";

/** The `aigov` stack config keys (docs/contract.md §4). */
export const CONFIG_KEYS = ["defaults", "budgets", "pricing", "usage"] as const;
/** One `aigov` stack config key. */
export type ConfigKey = (typeof CONFIG_KEYS)[number];

const percent = (what: string) =>
  z
    .number({ error: `expected ${what} between 1 and 1000` })
    .min(1, { error: `expected ${what} between 1 and 1000` })
    .max(1000, { error: `expected ${what} between 1 and 1000` });

/** What a budget covers: exactly one of a team, a cost center or an asset. */
export const BudgetScopeSchema = z
  .object({
    team: z.string().optional(),
    costCenter: z.string().optional(),
    assetId: z.string().optional(),
  })
  .strict()
  .refine((s) => [s.team, s.costCenter, s.assetId].filter((v) => v !== undefined).length === 1, {
    error:
      "expected exactly one of `team`, `costCenter` or `assetId` (GCP budgets filter on one label)",
  });

/** Who hears about a budget. */
export const BudgetNotifySchema = z
  .object({
    emails: z
      .array(z.string().regex(EMAIL_PATTERN, { error: "expected an e-mail address" }))
      .default([]),
    snsTopicArn: z.string().regex(/^arn:/, { error: "expected an SNS topic ARN" }).optional(),
    pubsubTopic: z
      .string()
      .regex(/^projects\/[^/]+\/topics\/[^/]+$/, {
        error: "expected projects/<project>/topics/<topic>",
      })
      .optional(),
  })
  .strict();

/** One budget as FinOps write it in `aigov:budgets`. */
export const BudgetSchema = z
  .object({
    name: z
      .string({ error: "expected a budget name" })
      .min(1, { error: "expected a budget name" })
      .max(100, { error: "expected at most 100 characters" })
      .regex(/^[^:\\]+$/, { error: "must not contain `:` or `\\`" }),
    monthlyLimitUsd: z
      .number({ error: "expected a positive number" })
      .positive({ error: "expected a positive number" }),
    scope: BudgetScopeSchema,
    thresholdsPercent: z.array(percent("a percentage")).min(1).default([50, 80, 100]),
    forecastThresholdPercent: percent("a percentage").default(100),
    notify: BudgetNotifySchema.default({ emails: [] }),
    denyNewEndpointsAtPercent: percent("a percentage").optional(),
  })
  .strict();

/** A budget with its defaults applied. */
export type Budget = z.infer<typeof BudgetSchema>;
/** A budget as written, before defaults. */
export type BudgetInput = z.input<typeof BudgetSchema>;

/** The list of budgets; names must be unique. */
export const BudgetsSchema = z.array(BudgetSchema).superRefine((budgets, ctx) => {
  const seen = new Set<string>();
  budgets.forEach((b, i) => {
    if (seen.has(b.name)) {
      ctx.addIssue({
        code: "custom",
        path: [i, "name"],
        message: `duplicate budget name "${b.name}"`,
        input: b.name,
      });
    }
    seen.add(b.name);
  });
});

/** The schema of each `aigov` config key. */
export const STACK_CONFIG_SCHEMAS = {
  defaults: PartialMetadataSchema,
  budgets: BudgetsSchema,
  pricing: PricingOverridesSchema,
  usage: UsageSchema,
} as const;

/** The parsed `aigov` stack configuration. */
export interface AigovStackConfig {
  /** Metadata defaults for every governed resource of the stack. */
  defaults: PartialMetadata;
  /** Budgets from `aigov:budgets`. */
  budgets: Budget[];
  /** Price catalog overrides in USD per hour. */
  pricing: Record<string, number>;
  /** Expected usage of usage-priced assets by `asset-id` (v2). */
  usage: Usage;
}

/** Bad `aigov` configuration: every problem, each naming its key path. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid aigov stack configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Formats a key path the way users write it: `aigov:budgets[1].monthlyLimitUsd`. */
export function formatKeyPath(key: string, path: readonly PropertyKey[]): string {
  let out = `aigov:${key}`;
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(p))) out += `.${String(p)}`;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out;
}

function describeInput(input: unknown): string {
  if (input === undefined) return "nothing";
  const json = JSON.stringify(input);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** Turns zod issues into `key.path: reason, got value` lines. */
export function formatIssues(key: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const got = "input" in issue ? `, got ${describeInput(issue.input)}` : "";
    const message =
      issue.code === "unrecognized_keys"
        ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`
        : issue.message;
    return `${formatKeyPath(key, issue.path)}: ${message}${issue.code === "unrecognized_keys" ? "" : got}`;
  });
}

/**
 * Parses the `aigov:*` stack config. `read` returns a key's raw value: a JSON string as Pulumi
 * passes structured config, an already-parsed value, or `undefined` when the key is not set.
 * Every problem is reported at once in one {@link ConfigError}.
 */
export function parseStackConfig(read: (key: ConfigKey) => unknown): AigovStackConfig {
  const problems: string[] = [];
  const values: Partial<Record<ConfigKey, unknown>> = {};
  for (const key of CONFIG_KEYS) {
    let raw = read(key);
    if (raw === undefined) continue;
    if (typeof raw === "string") {
      try {
        raw = JSON.parse(raw);
      } catch {
        problems.push(
          `${formatKeyPath(key, [])}: expected a JSON object or list, got ${describeInput(raw)}`,
        );
        continue;
      }
    }
    const result = STACK_CONFIG_SCHEMAS[key].safeParse(raw, { reportInput: true });
    if (result.success) values[key] = result.data;
    else problems.push(...formatIssues(key, result.error));
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    defaults: (values.defaults as PartialMetadata | undefined) ?? {},
    budgets: (values.budgets as Budget[] | undefined) ?? [],
    pricing: (values.pricing as Record<string, number> | undefined) ?? {},
    usage: (values.usage as Usage | undefined) ?? {},
  };
}

/** Budgets whose scope covers a team, cost center or asset. */
export function budgetScopeLabel(budget: Budget): {
  key: "team" | "cost-center" | "asset-id";
  value: string;
} {
  const { team, costCenter, assetId } = budget.scope;
  if (team !== undefined) return { key: "team", value: team };
  if (costCenter !== undefined) return { key: "cost-center", value: costCenter };
  return { key: "asset-id", value: assetId as string };
}
