import {
  canTransition,
  checkMetadataValue,
  GovernanceMetadataSchema,
  listValueIncludes,
  listValueOnlyFrom,
  metadataSchema,
  STAGES,
  transitionProblem,
} from "../../sdk";

describe("checkMetadataValue (verbatim)", () => {
  test.each([
    ["asset-id", "fraud-scorer", undefined],
    ["asset-id", "Fraud", "expected an asset id matching ^[a-z][a-z0-9-]{1,62}$"],
    ["owner", "jane@example.com", undefined],
    ["owner", "jane", "expected the owner's e-mail address"],
    ["cost-center", "FIN-1234", undefined],
    ["cost-center", "fin-1234", "expected a cost center matching ^[A-Z]{2,5}-[0-9]{2,8}$"],
    [
      "stage",
      "prod",
      "expected one of `experimental`, `staging`, `production`, `deprecated`, `retired`",
    ],
    ["model-card", "http://x.example.com/card", "expected an https:// URL"],
    ["model-card", "https://wiki.example.com/cards/fraud-scorer", undefined],
    ["eval-benchmarks", "accuracy+toxicity", undefined],
    [
      "eval-benchmarks",
      "toxicity+accuracy",
      "expected benchmark names joined with `+`, sorted and without repeats: `accuracy+toxicity`",
    ],
    ["training-data-license", "apache-2.0+cc-by-4.0", undefined],
    ["training-data-license", "Apache 2", "expected lower-case SPDX ids joined with `+`"],
    ["contains-pii", "yes", "expected one of `true`, `false`"],
    ["sunset-date", "2027-02-30", "expected a date as YYYY-MM-DD"],
    ["sunset-date", "2027-02-28", undefined],
  ] as const)("%s = %s", (key, value, expected) => {
    expect(checkMetadataValue(key, value)).toBe(expected);
  });

  test("a custom cost-center pattern replaces the default", () => {
    expect(
      checkMetadataValue("cost-center", "cc123", { costCenterPattern: "^cc[0-9]+$" }),
    ).toBeUndefined();
    expect(checkMetadataValue("cost-center", "FIN-12", { costCenterPattern: "^cc[0-9]+$" })).toBe(
      "expected a cost center matching ^cc[0-9]+$",
    );
  });
});

describe("checkMetadataValue (GCP-encoded)", () => {
  const gcp = { encoding: "gcp" as const };
  test.each([
    ["cost-center", "fin-1234", undefined],
    [
      "cost-center",
      "fin_1234",
      "expected a cost center matching ^[A-Z]{2,5}-[0-9]{2,8}$ (case-insensitive on GCP labels)",
    ],
    ["owner", "jane_doe_example_com", undefined],
    ["owner", "", "expected a non-empty value"],
    [
      "stage",
      "Production",
      "expected one of `experimental`, `staging`, `production`, `deprecated`, `retired`",
    ],
    ["model-card", "https___wiki", undefined],
  ] as const)("%s = %s", (key, value, expected) => {
    expect(checkMetadataValue(key, value, gcp)).toBe(expected);
  });
});

describe("list values", () => {
  test("verbatim lists are split on +", () => {
    expect(listValueIncludes("accuracy+toxicity", "toxicity", "verbatim")).toBe(true);
    expect(listValueIncludes("accuracy+toxicity", "tox", "verbatim")).toBe(false);
    expect(listValueOnlyFrom("apache-2.0+mit", ["mit", "apache-2.0"], "verbatim")).toBe(true);
    expect(listValueOnlyFrom("apache-2.0+gpl-3.0", ["mit", "apache-2.0"], "verbatim")).toBe(false);
  });

  test("GCP-encoded lists are matched as whole token runs", () => {
    expect(listValueIncludes("accuracy_toxicity", "toxicity", "gcp")).toBe(true);
    expect(listValueIncludes("accuracy_toxicity", "tox", "gcp")).toBe(false);
    expect(listValueIncludes("apache-2_0_cc-by-4_0", "cc-by-4.0", "gcp")).toBe(true);
    expect(listValueOnlyFrom("apache-2_0_cc-by-4_0", ["apache-2.0", "cc-by-4.0"], "gcp")).toBe(
      true,
    );
    expect(listValueOnlyFrom("apache-2_0_gpl-3_0", ["apache-2.0", "cc-by-4.0"], "gcp")).toBe(false);
    expect(listValueOnlyFrom("unknown", ["apache-2.0"], "gcp")).toBe(false);
  });
});

describe("metadata schema", () => {
  test("the typed schema rejects unsorted free text and accepts the contract's example", () => {
    expect(
      GovernanceMetadataSchema.safeParse({
        assetId: "fraud-scorer",
        owner: "jane@example.com",
        team: "risk-ml",
        costCenter: "FIN-1234",
        stage: "production",
        dataClassification: "internal",
        trainingDataLicense: ["apache-2.0", "cc-by-4.0"],
      }).success,
    ).toBe(true);
    expect(metadataSchema("^cc$").safeParse({ costCenter: "FIN-1234" }).success).toBe(false);
  });
});

describe("lifecycle stages", () => {
  test("move forward only", () => {
    const allowed = STAGES.flatMap((from) =>
      STAGES.filter((to) => from !== to && canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      "experimental→staging",
      "experimental→production",
      "experimental→retired",
      "staging→production",
      "staging→retired",
      "production→deprecated",
      "deprecated→retired",
    ]);
    expect(transitionProblem("deprecated", "production")).toBe(
      "stage cannot move from `deprecated` to `production`: stages only move forward (experimental → staging → production → deprecated → retired); from `deprecated` the asset may move to `retired`",
    );
    expect(transitionProblem("retired", "staging")).toMatch(/may move to no other stage$/);
  });
});
