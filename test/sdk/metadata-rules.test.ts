import fc from "fast-check";
import {
  FIELD_OF_KEY,
  GovernanceMetadataSchema,
  JudgedMetadata,
  METADATA_KEYS,
  MetadataValues,
  RuleScope,
  TYPES,
  UNKNOWN,
  describeMetadataProblem,
  isProtectedStage,
  isSensitiveClassification,
  judgeMetadata,
  metadataToStrings,
  ruleScopeOfTypes,
} from "../../sdk";
import { metadata as metadataArb } from "./arbitraries";

const GOVERNED: RuleScope = { serving: false, deployable: false, model: false };
const SERVING: RuleScope = { serving: true, deployable: true, model: true };

const VALID: MetadataValues = {
  "asset-id": "fraud-api",
  owner: "jane.doe@example.com",
  team: "risk-ml",
  "cost-center": "FIN-1234",
  stage: "staging",
  "data-classification": "internal",
  "training-data-license": "apache-2.0",
};
const known = (values: MetadataValues): JudgedMetadata => ({ values, complete: true });
const codes = (meta: JudgedMetadata, scope = SERVING, config = {}) =>
  judgeMetadata(meta, scope, { today: "2026-06-01", ...config }).problems.map(
    (p) => `${p.policy} ${p.key} ${p.code}`,
  );

describe("judgeMetadata", () => {
  it("passes complete, valid metadata", () => {
    expect(judgeMetadata(known(VALID), SERVING)).toEqual({ problems: [], unknown: [] });
  });

  it.each([
    ["missing keys", { ...VALID, owner: undefined }, ["aigov-required-metadata owner missing"]],
    [
      "a bad value",
      { ...VALID, "cost-center": "fin" },
      ["aigov-metadata-values cost-center invalid"],
    ],
    [
      "production without card and evaluation",
      { ...VALID, stage: "production" },
      [
        "aigov-production-model-card model-card missing",
        "aigov-production-evaluation eval-status missing",
      ],
    ],
    [
      "a failed evaluation",
      {
        ...VALID,
        stage: "production",
        "model-card": "https://x.example.com",
        "eval-status": "failed",
      },
      ["aigov-production-evaluation eval-status not-passed"],
    ],
    [
      "a denied license",
      { ...VALID, "training-data-license": "mit+unknown" },
      ["aigov-training-data-license training-data-license denied-license"],
    ],
    [
      "personal data in internal data",
      { ...VALID, "contains-pii": "true" },
      ["aigov-pii-safeguards data-classification not-sensitive"],
    ],
    [
      "deprecated without a sunset date",
      { ...VALID, stage: "deprecated" },
      ["aigov-lifecycle-state sunset-date missing"],
    ],
    [
      "deprecated with a bad date",
      { ...VALID, stage: "deprecated", "sunset-date": "2026-02-30" },
      ["aigov-metadata-values sunset-date invalid", "aigov-lifecycle-state sunset-date invalid"],
    ],
    [
      "a passed sunset date in any stage but retired",
      { ...VALID, "sunset-date": "2026-05-31" },
      ["aigov-lifecycle-state sunset-date sunset-passed"],
    ],
    [
      "a retired serving resource",
      { ...VALID, stage: "retired", "sunset-date": "2020-01-01" },
      ["aigov-lifecycle-state stage retired-serving"],
    ],
  ])("%s", (_name, values, expected) => {
    expect(codes(known(values as MetadataValues))).toEqual(expected);
  });

  it("applies the production gates, the license and retirement only in their scope", () => {
    const values = { ...VALID, stage: "retired", "training-data-license": undefined };
    expect(codes(known(values), GOVERNED)).toEqual([]);
    expect(codes(known(values), { ...GOVERNED, model: true })).toEqual([
      "aigov-training-data-license training-data-license missing",
    ]);
    expect(codes(known({ ...VALID, stage: "production" }), { ...GOVERNED, model: true })).toEqual(
      [],
    );
  });

  it("takes the pack's config", () => {
    const values = {
      ...VALID,
      stage: "production",
      "model-card": "https://x.example.com",
      "eval-status": "passed",
      "eval-benchmarks": "accuracy",
    };
    expect(
      codes(known(values), SERVING, {
        requiredKeys: ["risk-tier"],
        requiredBenchmarks: ["accuracy", "toxicity"],
        deniedLicenses: [],
        allowedLicenses: ["mit"],
        policies: [
          "aigov-required-metadata",
          "aigov-production-evaluation",
          "aigov-training-data-license",
        ],
      }),
    ).toEqual([
      "aigov-required-metadata risk-tier missing",
      "aigov-production-evaluation eval-benchmarks missing-benchmarks",
      "aigov-training-data-license training-data-license license-not-allowed",
    ]);
  });

  it("judges GCP label values in their encoded form", () => {
    const gcp = (values: MetadataValues): JudgedMetadata => ({
      values,
      complete: true,
      encoding: "gcp",
    });
    const encoded = { ...VALID, owner: "jane_doe_example_com", "cost-center": "fin-1234" };
    expect(codes(gcp(encoded))).toEqual([]);
    expect(codes(gcp({ ...encoded, "training-data-license": "mit_unknown" }))).toEqual([
      "aigov-training-data-license training-data-license denied-license",
    ]);
  });

  it("reports the values it needs but cannot know, instead of guessing", () => {
    const values = { ...VALID, stage: UNKNOWN, owner: undefined } as MetadataValues;
    expect(judgeMetadata({ values, complete: false }, SERVING).unknown).toEqual([
      { key: "owner", where: "map" },
      { key: "stage", where: "value" },
      { key: "contains-pii", where: "value" },
      { key: "sunset-date", where: "value" },
    ]);
    const template = { values: { team: "risk-ml" }, complete: true };
    expect(codes({ values: VALID, complete: true, template }, GOVERNED)).toEqual([
      "aigov-required-metadata asset-id template-label-missing",
      "aigov-required-metadata cost-center template-label-missing",
      "aigov-required-metadata stage template-label-missing",
      "aigov-required-metadata data-classification template-label-missing",
    ]);
  });

  it("accepts exactly what the typed metadata schema accepts (one implementation of the formats)", () => {
    fc.assert(
      fc.property(
        metadataArb,
        fc.constantFrom(...METADATA_KEYS),
        fc.string(),
        (meta, key, junk) => {
          const values = { ...metadataToStrings(meta), [key]: junk };
          const judged = judgeMetadata(known(values), GOVERNED, {
            policies: ["aigov-required-metadata", "aigov-metadata-values"],
          });
          if (
            key === "eval-benchmarks" ||
            key === "training-data-license" ||
            key === "contains-pii"
          )
            return; // no string form in typed metadata
          const typed: Record<string, unknown> = { ...meta, [FIELD_OF_KEY[key]]: junk };
          expect(GovernanceMetadataSchema.safeParse(typed).success).toBe(
            judged.problems.length === 0,
          );
        },
      ),
    );
  });
});

describe("rule scopes and definitions", () => {
  it("classify component children as the pack does", () => {
    expect(ruleScopeOfTypes([TYPES.sagemakerEndpoint])).toEqual(SERVING);
    expect(ruleScopeOfTypes([TYPES.k8sDeployment])).toEqual(SERVING);
    expect(ruleScopeOfTypes([TYPES.sagemakerModelPackageGroup, TYPES.s3Bucket])).toEqual({
      ...GOVERNED,
      model: true,
    });
    // Untaggable types cannot carry the metadata, so they add no rules.
    expect(ruleScopeOfTypes([TYPES.vertexModelGardenDeployment])).toEqual(GOVERNED);
  });

  it('"sensitive data" and "protected stage" have one definition each', () => {
    expect(
      ["public", "internal", "confidential", "restricted", undefined].map(
        isSensitiveClassification,
      ),
    ).toEqual([false, false, true, true, false]);
    expect(
      (["experimental", "staging", "production", "deprecated", "retired"] as const).map(
        isProtectedStage,
      ),
    ).toEqual([false, false, true, true, true]);
  });

  it("describes problems in the words of component args", () => {
    const [p] = judgeMetadata(known({ ...VALID, "contains-pii": "true" }), GOVERNED).problems;
    expect(describeMetadataProblem(p, "internal")).toBe(
      'assets with `containsPii: true` must be `confidential` or `restricted`, got "internal" (aigov-pii-safeguards)',
    );
  });
});
