import { policyPackConfigDocument, withStackConfig } from "../../cli/policy-config";
import { ConfigError } from "../../cli/errors";
import { policies } from "../../policy-packs/aigov/policies";
import { CONFIG_KEYS, STACK_CONFIG_OF_POLICY } from "../../sdk";

const STACK = {
  "aws:region": "us-east-1",
  "aigov:pricing": JSON.stringify({ "ml.g5.xlarge": 1.2 }),
  "aigov:usage": JSON.stringify({ "support-bot": { inputTokensPerMonth: 2e8 } }),
  "aigov:budgets": JSON.stringify([{ name: "b", monthlyLimitUsd: 10, scope: { team: "t" } }]),
};

const BUDGET = {
  name: "b",
  monthlyLimitUsd: 10,
  scope: { team: "t" },
  thresholdsPercent: [50, 80, 100],
  forecastThresholdPercent: 100,
  notify: { emails: [] },
};

describe("the stack config the built-in pack gets", () => {
  test("every policy whose config has the estimate's stack-config keys gets them from the stack", () => {
    // `aigov:defaults` is the components' business; `defaults` of the pack's config is only
    // what remediation writes.
    const keys = CONFIG_KEYS.filter((k) => k !== "defaults");
    expect(keys).toEqual(["budgets", "pricing", "usage"]);
    const readers = policies
      .map((p) => [
        p.name,
        Object.keys(p.configSchema?.properties ?? {}).filter((k) =>
          (keys as readonly string[]).includes(k),
        ),
      ])
      .filter(([, keys]) => keys.length > 0);
    expect(Object.fromEntries(readers)).toEqual(STACK_CONFIG_OF_POLICY);
  });

  test("carries prices, usage and budgets; an --aigov-config file's settings win", () => {
    const config = withStackConfig(STACK, {
      all: { enforcementLevel: "mandatory" },
      "aigov-budget-headroom": { enforcementLevel: "disabled" },
      "aigov-instance-allowlist": { properties: { pricing: { "ml.g5.xlarge": 2 } } },
    });
    expect(config).toEqual({
      "aigov-budget-headroom": {
        enforcementLevel: "disabled",
        properties: {
          pricing: { "ml.g5.xlarge": 1.2 },
          usage: { "support-bot": { inputTokensPerMonth: 200_000_000 } },
          budgets: [BUDGET],
        },
      },
      "aigov-instance-allowlist": { properties: { pricing: { "ml.g5.xlarge": 2 } } },
      all: { enforcementLevel: "mandatory" },
    });
    expect(policyPackConfigDocument(config)).toEqual({
      "aigov-budget-headroom": {
        enforcementLevel: "disabled",
        pricing: { "ml.g5.xlarge": 1.2 },
        usage: { "support-bot": { inputTokensPerMonth: 200_000_000 } },
        budgets: [BUDGET],
      },
      "aigov-instance-allowlist": { pricing: { "ml.g5.xlarge": 2 } },
      all: "mandatory",
    });
  });

  test("a stack without aigov config gives empty prices, usage and budgets", () => {
    expect(policyPackConfigDocument(withStackConfig({}, {}))).toEqual({
      "aigov-budget-headroom": { pricing: {}, usage: {}, budgets: [] },
      "aigov-instance-allowlist": { pricing: {} },
    });
  });

  test("bad stack config is a ConfigError naming each key path", () => {
    const bad = { "aigov:usage": JSON.stringify({ bot: { inputTokensPerMonth: -5 } }) };
    expect(() => withStackConfig(bad, {})).toThrow(ConfigError);
    expect(() => withStackConfig(bad, {})).toThrow(
      "aigov:usage.bot.inputTokensPerMonth: expected the number of input tokens a month (a number ≥ 0), got -5",
    );
  });
});
