import * as fs from "fs";
import { z } from "zod";
import { ConfigError } from "../errors";
import { ROOT_FIELD, validateJsonSchema, type JsonSchema } from "./json-schema";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** The configuration of one policy: an enforcement level and properties. */
export interface PolicyConfig {
  readonly enforcementLevel?: EnforcementLevel;
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** Policy name (or `all`) → configuration. */
export type PolicyPackConfig = Readonly<Record<string, PolicyConfig>>;

/** What a pack says about one of its policies (`GetAnalyzerInfo`). */
export interface PolicyMetadata {
  readonly name: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly configSchema?: {
    readonly properties: Readonly<Record<string, JsonSchema>>;
    readonly required?: readonly string[];
  };
}

function isEnforcementLevel(value: unknown): value is EnforcementLevel {
  return ENFORCEMENT_LEVELS.includes(value as EnforcementLevel);
}

const configFileSchema = z.record(
  z.string(),
  z.union([z.string(), z.record(z.string(), z.unknown())], {
    error: "must be an enforcement level or an object",
  }),
);

/**
 * Parses a `--policy-pack-config` document as the Pulumi CLI does:
 * `{"all": "mandatory", "<policy>": "advisory" | {"enforcementLevel": …, <property>: …}}`.
 */
export function parsePolicyPackConfig(document: unknown): PolicyPackConfig {
  const parsed = configFileSchema.safeParse(document ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `"${issue.path.join(".")}": ` : "";
    throw new Error(`${where}${issue.message}`);
  }
  const result: Record<string, PolicyConfig> = {};
  for (const [name, value] of Object.entries(parsed.data)) {
    if (typeof value === "string") {
      if (!isEnforcementLevel(value)) {
        throw new Error(`"${name}": "${value}" is not a valid enforcement level`);
      }
      result[name] = { enforcementLevel: value };
      continue;
    }
    const { enforcementLevel, ...properties } = value;
    if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
      throw new Error(
        `"${name}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`,
      );
    }
    const hasProperties = Object.keys(properties).length > 0;
    if (enforcementLevel !== undefined || hasProperties) {
      result[name] = { enforcementLevel, properties: hasProperties ? properties : undefined };
    }
  }
  return result;
}

/** Reads and parses a policy pack config file (JSON); an empty file is an empty config. */
export function readPolicyPackConfigFile(file: string): PolicyPackConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`cannot read policy pack config ${file}: ${(err as Error).message}`);
  }
  try {
    return parsePolicyPackConfig(text.trim() === "" ? {} : JSON.parse(text));
  } catch (err) {
    throw new ConfigError(`policy pack config ${file}: ${(err as Error).message}`);
  }
}

function applyConfig(
  result: Record<string, PolicyConfig>,
  config: PolicyPackConfig,
): Record<string, PolicyConfig> {
  const all = config.all?.enforcementLevel;
  if (all) {
    for (const name of Object.keys(result)) {
      result[name] = { ...result[name], enforcementLevel: all };
    }
  }
  for (const [name, given] of Object.entries(config)) {
    const current = result[name] ?? {};
    const properties =
      given.properties && Object.keys(given.properties).length > 0
        ? { ...current.properties, ...given.properties }
        : current.properties;
    result[name] = {
      enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
      properties,
    };
  }
  return result;
}

/**
 * Reconciles a pack's configuration as the Pulumi CLI does before `Configure`: each policy's
 * level and schema defaults, then the pack's initial config, then the given config (`all` first),
 * and validates the result against each policy's `configSchema`. Errors read
 * `<policy>: <field>: <reason>` (`<policy>: <reason>` at the top level), as the engine's do.
 */
export function reconcilePolicyPackConfig(
  policies: readonly PolicyMetadata[],
  initialConfig: PolicyPackConfig,
  config: PolicyPackConfig,
): { config: PolicyPackConfig; errors: string[] } {
  const result: Record<string, PolicyConfig> = {};
  for (const policy of policies) {
    const defaults = Object.entries(policy.configSchema?.properties ?? {}).filter(
      ([, schema]) => "default" in schema,
    );
    result[policy.name] = {
      enforcementLevel: policy.enforcementLevel,
      properties:
        defaults.length > 0
          ? Object.fromEntries(defaults.map(([key, schema]) => [key, schema.default]))
          : undefined,
    };
  }
  applyConfig(result, initialConfig);
  applyConfig(result, config);

  const errors: string[] = [];
  for (const policy of policies) {
    if (!policy.configSchema) {
      continue;
    }
    const rootPrefix = `${ROOT_FIELD}: `;
    const properties = result[policy.name]?.properties ?? {};
    for (const error of validateJsonSchema(policyConfigSchema(policy.configSchema), properties)) {
      const message = error.startsWith(rootPrefix) ? error.slice(rootPrefix.length) : error;
      errors.push(`${policy.name}: ${message}`);
    }
  }
  return { config: result, errors };
}

/** The JSON schema a policy's config is validated against, as the engine builds it. */
function policyConfigSchema(configSchema: NonNullable<PolicyMetadata["configSchema"]>): JsonSchema {
  const { properties, required } = configSchema;
  return {
    type: "object",
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(required && required.length > 0 ? { required } : {}),
  };
}
