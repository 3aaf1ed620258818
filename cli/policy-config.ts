import type { PolicyConfig, PolicyPackConfig } from "./analyzer/config";
import { readAigovConfig } from "./cost/estimate";
import { stackPolicyConfig } from "../sdk";

/**
 * The built-in pack's config that carries the stack's `aigov:*` config (prices, usage, budgets)
 * to the policies that read it, under `given` (an `--aigov-config` file), whose properties win.
 * Bad `aigov:*` config throws a `ConfigError` naming every key path.
 */
export function withStackConfig(
  stackConfig: Readonly<Record<string, string>>,
  given: PolicyPackConfig,
): PolicyPackConfig {
  const fromStack = stackPolicyConfig(readAigovConfig(stackConfig));
  const result: Record<string, PolicyConfig> = {};
  for (const [policy, properties] of Object.entries(fromStack)) {
    result[policy] = { properties };
  }
  for (const [policy, config] of Object.entries(given)) {
    const base = result[policy]?.properties;
    const properties = base || config.properties ? { ...base, ...config.properties } : undefined;
    result[policy] = {
      ...(config.enforcementLevel ? { enforcementLevel: config.enforcementLevel } : {}),
      ...(properties ? { properties } : {}),
    };
  }
  return result;
}

/** A pack config as a `--policy-pack-config` document (the shape `pulumi preview` reads). */
export function policyPackConfigDocument(config: PolicyPackConfig): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([policy, { enforcementLevel, properties }]) => [
      policy,
      properties
        ? { ...(enforcementLevel ? { enforcementLevel } : {}), ...properties }
        : (enforcementLevel ?? {}),
    ]),
  );
}
