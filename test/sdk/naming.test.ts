import fc from "fast-check";
import { NAME_TARGETS, NameTargetName, fitName, resourceName, shortHash } from "../../sdk";

const targets = Object.keys(NAME_TARGETS) as NameTargetName[];

describe("fitName", () => {
  test.each([
    ["sagemaker", "risk-ml-fraud-scorer-prod", "risk-ml-fraud-scorer-prod"],
    ["sagemaker", "Risk_ML fraud", `Risk-ML-fraud-${shortHash("Risk_ML fraud")}`],
    ["s3", "Risk-ML-Artifacts", `risk-ml-artifacts-${shortHash("Risk-ML-Artifacts")}`],
    ["s3", "ab", `ab-${shortHash("ab")}`],
    ["gcs", "google-models", `g00gle-models-${shortHash("google-models")}`],
    ["k8s", "team_a.server", `team-a-server-${shortHash("team_a.server")}`],
    ["gcpId", "1-repo", `x1-repo-${shortHash("1-repo")}`],
  ] as const)("%s: %s → %s", (target, raw, expected) => {
    expect(fitName(raw, target)).toBe(expected);
  });

  test("long names are cut deterministically and keep a hash of the whole input", () => {
    const raw = `team-${"a".repeat(80)}-prod`;
    const name = fitName(raw, "sagemaker");
    expect(name).toHaveLength(63);
    expect(name).toBe(`team-${"a".repeat(49)}-${shortHash(raw)}`);
    expect(fitName(raw, "sagemaker")).toBe(name);
  });

  test("never exceeds a target's limits, for any input", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.constantFrom(...targets),
        (raw, target) => {
          const name = fitName(raw, target);
          const limits = NAME_TARGETS[target];
          expect(name.length).toBeLessThanOrEqual(limits.maxLength);
          expect(name.length).toBeGreaterThanOrEqual(limits.minLength);
          expect(name).toMatch(limits.pattern);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test.each(targets)(
    "never maps two distinct inputs to the same %s name in a 100k sample",
    (target) => {
      const inputs = new Set(
        fc.sample(
          fc.oneof(
            fc.string({ unit: fc.constantFrom(..."abcAB-_.9 x".split("")), maxLength: 12 }),
            fc.string({ unit: fc.constantFrom(..."ab-".split("")), minLength: 60, maxLength: 90 }),
            fc.string({ maxLength: 70 }),
          ),
          { numRuns: 100_000, seed: 42 },
        ),
      );
      const seen = new Map<string, string>();
      for (const raw of inputs) {
        const name = fitName(raw, target);
        const before = seen.get(name);
        if (before !== undefined && before !== raw)
          throw new Error(`"${before}" and "${raw}" both map to "${name}"`);
        seen.set(name, raw);
      }
      expect(seen.size).toBe(inputs.size);
    },
  );
});

describe("resourceName", () => {
  test("joins team, asset, short stage and suffix", () => {
    expect(
      resourceName(
        { team: "risk-ml", assetId: "fraud-scorer", stage: "production", suffix: "ep" },
        "sagemaker",
      ),
    ).toBe("risk-ml-fraud-scorer-prod-ep");
    expect(resourceName({ team: "nlp", assetId: "summarizer", stage: "experimental" }, "k8s")).toBe(
      "nlp-summarizer-exp",
    );
  });
});
