import { ConfigError, ConfigKey, parseStackConfig } from "../../sdk";

const reader = (values: Partial<Record<ConfigKey, unknown>>) => (key: ConfigKey) => values[key];

describe("parseStackConfig", () => {
  test("applies budget defaults and reads JSON strings as Pulumi passes structured config", () => {
    const config = parseStackConfig(
      reader({
        defaults: JSON.stringify({
          owner: "jane@example.com",
          team: "risk-ml",
          costCenter: "FIN-1234",
        }),
        budgets: JSON.stringify([
          { name: "risk-ml", monthlyLimitUsd: 5000, scope: { team: "risk-ml" } },
        ]),
        pricing: JSON.stringify({ "ml.g5.xlarge": 1.2 }),
        usage: JSON.stringify({
          "support-bot": { inputTokensPerMonth: 2e8, outputTokensPerMonth: 4e7 },
          embedder: { inputTokensPerMonth: 5e9 },
        }),
      }),
    );
    expect(config).toEqual({
      defaults: { owner: "jane@example.com", team: "risk-ml", costCenter: "FIN-1234" },
      budgets: [
        {
          name: "risk-ml",
          monthlyLimitUsd: 5000,
          scope: { team: "risk-ml" },
          thresholdsPercent: [50, 80, 100],
          forecastThresholdPercent: 100,
          notify: { emails: [] },
        },
      ],
      pricing: { "ml.g5.xlarge": 1.2 },
      usage: {
        "support-bot": { inputTokensPerMonth: 200_000_000, outputTokensPerMonth: 40_000_000 },
        embedder: { inputTokensPerMonth: 5_000_000_000 },
      },
    });
  });

  test("missing keys give empty config", () => {
    expect(parseStackConfig(reader({}))).toEqual({
      defaults: {},
      budgets: [],
      pricing: {},
      usage: {},
    });
  });

  test("a stack with three bad keys gets one error listing all three key paths", () => {
    const read = reader({
      defaults: { owner: "not-an-email", stage: "prod" },
      budgets: [
        { name: "a", monthlyLimitUsd: 100, scope: { team: "a" } },
        { name: "b", monthlyLimitUsd: "5k", scope: { team: "b" } },
      ],
    });
    expect(() => parseStackConfig(read)).toThrow(ConfigError);
    try {
      parseStackConfig(read);
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        'aigov:defaults.owner: expected the owner\'s e-mail address, got "not-an-email"',
        'aigov:defaults.stage: expected one of `experimental`, `staging`, `production`, `deprecated`, `retired`, got "prod"',
        'aigov:budgets[1].monthlyLimitUsd: expected a positive number, got "5k"',
      ]);
      expect((e as Error).message).toBe(
        [
          "invalid aigov stack configuration:",
          '  aigov:defaults.owner: expected the owner\'s e-mail address, got "not-an-email"',
          '  aigov:defaults.stage: expected one of `experimental`, `staging`, `production`, `deprecated`, `retired`, got "prod"',
          '  aigov:budgets[1].monthlyLimitUsd: expected a positive number, got "5k"',
        ].join("\n"),
      );
    }
  });

  test.each([
    [{ budgets: "[not json" }, ['aigov:budgets: expected a JSON object or list, got "[not json"']],
    [
      { budgets: [{ name: "x", monthlyLimitUsd: 1, scope: { team: "a", costCenter: "B" } }] },
      [
        'aigov:budgets[0].scope: expected exactly one of `team`, `costCenter` or `assetId` (GCP budgets filter on one label), got {"team":"a","costCenter":"B"}',
      ],
    ],
    [
      {
        budgets: [
          { name: "x", monthlyLimitUsd: 1, scope: { team: "a" }, thresholdsPercent: [0, 1200] },
        ],
      },
      [
        "aigov:budgets[0].thresholdsPercent[0]: expected a percentage between 1 and 1000, got 0",
        "aigov:budgets[0].thresholdsPercent[1]: expected a percentage between 1 and 1000, got 1200",
      ],
    ],
    [
      {
        budgets: [
          { name: "x", monthlyLimitUsd: 1, scope: { team: "a" } },
          { name: "x", monthlyLimitUsd: 2, scope: { team: "b" } },
        ],
      },
      ['aigov:budgets[1].name: duplicate budget name "x", got "x"'],
    ],
    [
      { pricing: { "ml.g5.xlarge": -1 } },
      ['aigov:pricing["ml.g5.xlarge"]: expected a positive price in USD per hour, got -1'],
    ],
    [{ defaults: { colour: "red" } }, ['aigov:defaults: unknown field(s) "colour"']],
    [
      {
        usage: {
          "support-bot": { inputTokensPerMonth: "lots", outputTokensPerMonth: -1 },
          Bad_Id: { inputTokensPerMonth: 1 },
          empty: {},
          chat: { inputTokens: 5 },
        },
      },
      [
        'aigov:usage["support-bot"].inputTokensPerMonth: expected the number of input tokens a month (a number ≥ 0), got "lots"',
        'aigov:usage["support-bot"].outputTokensPerMonth: expected the number of output tokens a month (a number ≥ 0), got -1',
        "aigov:usage.empty: expected `inputTokensPerMonth`, `outputTokensPerMonth` or both, got {}",
        'aigov:usage.chat: unknown field(s) "inputTokens"',
        'aigov:usage.Bad_Id: expected an asset id (lower-case letters, digits and `-`, starting with a letter), got "Bad_Id"',
      ],
    ],
    [
      { usage: [1, 2] },
      [
        "aigov:usage: expected an object of asset ids → {inputTokensPerMonth, outputTokensPerMonth}, got [1,2]",
      ],
    ],
  ])("reports %j", (values, problems) => {
    try {
      parseStackConfig(reader(values));
      throw new Error("expected a ConfigError");
    } catch (e) {
      expect((e as ConfigError).problems).toEqual(problems);
    }
  });
});
