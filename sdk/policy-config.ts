/**
 * The stack config that policies read. `@pulumi/policy` gives policies no stack config, so the
 * `aigov:*` keys that a policy needs travel as that policy's pack config: `aigov check` passes
 * them to the built-in pack, and `aigov policy-config` writes them as the
 * `--policy-pack-config` file of `pulumi preview --policy-pack`.
 */
import type { AigovStackConfig } from "./config";

/** Policy → the `aigov:*` stack config keys it reads, as pack-config properties of the same name. */
export const STACK_CONFIG_OF_POLICY = {
  "aigov-budget-headroom": ["pricing", "usage", "budgets"],
  "aigov-instance-allowlist": ["pricing"],
} as const satisfies Record<string, readonly (keyof AigovStackConfig)[]>;

/** The pack-config properties, by policy, that carry a stack's parsed `aigov:*` config. */
export function stackPolicyConfig(
  config: AigovStackConfig,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(STACK_CONFIG_OF_POLICY).map(([policy, keys]) => [
      policy,
      Object.fromEntries(keys.map((key) => [key, config[key]])),
    ]),
  );
}
