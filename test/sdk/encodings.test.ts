import fc from "fast-check";
import {
  GCP_LABEL_KEY_PATTERN,
  GCP_LABEL_VALUE_PATTERN,
  GovernanceMetadataSchema,
  K8S_LABEL_VALUE_PATTERN,
  awsTagProblems,
  decodeAwsTags,
  decodeGcpLabels,
  decodeK8sMetadata,
  encodeAwsTags,
  encodeGcpLabels,
  encodeK8sMetadata,
  gcpLabelProblems,
  gcpLabelValue,
  k8sLabelValue,
  metadataFromStrings,
} from "../../sdk";
import { metadata } from "./arbitraries";

const example = {
  assetId: "fraud-scorer",
  owner: "jane.doe@example.com",
  team: "risk-ml",
  costCenter: "FIN-1234",
  stage: "production",
  dataClassification: "confidential",
  evalBenchmarks: ["accuracy", "toxicity"],
  trainingDataLicense: ["apache-2.0", "cc-by-4.0"],
  containsPii: false,
} as const;

describe("AWS tags", () => {
  test("are written as aigov:<key> with verbatim values", () => {
    expect(
      encodeAwsTags({
        ...example,
        evalBenchmarks: [...example.evalBenchmarks],
        trainingDataLicense: [...example.trainingDataLicense],
      }),
    ).toEqual({
      "aigov:asset-id": "fraud-scorer",
      "aigov:owner": "jane.doe@example.com",
      "aigov:team": "risk-ml",
      "aigov:cost-center": "FIN-1234",
      "aigov:stage": "production",
      "aigov:data-classification": "confidential",
      "aigov:eval-benchmarks": "accuracy+toxicity",
      "aigov:training-data-license": "apache-2.0+cc-by-4.0",
      "aigov:contains-pii": "false",
    });
  });

  test("decode back to the same metadata for any valid metadata", () => {
    fc.assert(
      fc.property(metadata, (meta) => {
        const decoded = GovernanceMetadataSchema.parse(
          metadataFromStrings(decodeAwsTags(encodeAwsTags(meta))),
        );
        expect(decoded).toEqual(meta);
      }),
      { numRuns: 500 },
    );
  });

  test("limits are enforced with the tag named", () => {
    expect(
      awsTagProblems({ ["k".repeat(129)]: "v", "aws:x": "v", ok: "a?b", long: "v".repeat(257) }),
    ).toEqual([
      `tag key "${"k".repeat(129)}" must have 1 to 128 characters`,
      'tag key "aws:x" must not start with the reserved prefix aws:',
      'tag "ok" value may only contain letters, digits, spaces and _ . : / = + - @',
      'tag "long" value must have at most 256 characters',
    ]);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    expect(awsTagProblems(many)).toEqual(["at most 50 tags are allowed, got 51"]);
  });
});

describe("GCP labels", () => {
  test("encode values lower-cased with other characters replaced by _", () => {
    expect(gcpLabelValue("jane.doe@example.com")).toBe("jane_doe_example_com");
    expect(gcpLabelValue("FIN-1234")).toBe("fin-1234");
    expect(gcpLabelValue("x".repeat(80))).toHaveLength(63);
    expect(
      encodeGcpLabels({
        ...example,
        evalBenchmarks: ["accuracy", "toxicity"],
        trainingDataLicense: ["apache-2.0"],
      }),
    ).toEqual({
      "aigov-asset-id": "fraud-scorer",
      "aigov-owner": "jane_doe_example_com",
      "aigov-team": "risk-ml",
      "aigov-cost-center": "fin-1234",
      "aigov-stage": "production",
      "aigov-data-classification": "confidential",
      "aigov-eval-benchmarks": "accuracy_toxicity",
      "aigov-training-data-license": "apache-2_0",
      "aigov-contains-pii": "false",
    });
  });

  test("every label produced satisfies GCP's rules for any input string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        expect(gcpLabelValue(s)).toMatch(GCP_LABEL_VALUE_PATTERN);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(metadata, (meta) => {
        const labels = encodeGcpLabels(meta);
        expect(gcpLabelProblems(labels)).toEqual([]);
        for (const k of Object.keys(labels)) expect(k).toMatch(GCP_LABEL_KEY_PATTERN);
        expect(decodeGcpLabels(labels)["stage"]).toBe(meta.stage);
      }),
      { numRuns: 300 },
    );
  });
});

describe("Kubernetes metadata", () => {
  test("writes every key as an annotation and the label-safe keys as labels", () => {
    const { labels, annotations } = encodeK8sMetadata({
      ...example,
      evalBenchmarks: ["accuracy"],
      trainingDataLicense: ["mit"],
    });
    expect(Object.keys(labels).sort()).toEqual([
      "aigov.dev/asset-id",
      "aigov.dev/contains-pii",
      "aigov.dev/cost-center",
      "aigov.dev/data-classification",
      "aigov.dev/stage",
      "aigov.dev/team",
    ]);
    expect(annotations["aigov.dev/owner"]).toBe("jane.doe@example.com");
    expect(annotations["aigov.dev/training-data-license"]).toBe("mit");
  });

  test("annotations decode back to the same metadata for any valid metadata", () => {
    fc.assert(
      fc.property(metadata, (meta) => {
        const { labels, annotations } = encodeK8sMetadata(meta);
        const decoded = GovernanceMetadataSchema.parse(
          metadataFromStrings(decodeK8sMetadata(labels, annotations)),
        );
        expect(decoded).toEqual(meta);
        for (const v of Object.values(labels)) expect(v).toMatch(K8S_LABEL_VALUE_PATTERN);
      }),
      { numRuns: 500 },
    );
  });

  test("label values are valid for any input string and valid values are unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        const v = k8sLabelValue(s);
        expect(v).toMatch(K8S_LABEL_VALUE_PATTERN);
        if (K8S_LABEL_VALUE_PATTERN.test(s)) expect(v).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});
