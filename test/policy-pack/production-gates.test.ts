import {
  piiSafeguards,
  productionEvaluation,
  productionModelCard,
  trainingDataLicense,
} from "../../policy-packs/aigov/policies";
import { UNKNOWN_VALUE, analyze, cantRun, runResource, serverMessage } from "./harness";
import {
  awsTags,
  deployment,
  endpoint,
  endpointConfig,
  gcpLabels,
  inferenceService,
  meta,
  sagemakerModel,
  vertexEndpoint,
} from "./fixtures";

const messages = async (...args: Parameters<typeof runResource>) =>
  (await runResource(...args)).violations.map((v) => v.message);

describe("aigov-production-model-card", () => {
  const noCard = meta({ modelCard: undefined });

  it("passes production resources with a model card, and non-production ones without", async () => {
    for (const r of [endpoint(), vertexEndpoint(), deployment(), sagemakerModel()]) {
      expect(await analyze([productionModelCard], r)).toEqual([]);
    }
    expect(
      await messages(
        productionModelCard,
        endpoint({}, meta({ modelCard: undefined, stage: "staging" })),
      ),
    ).toEqual([]);
  });

  it("reports production resources without a card on each cloud", async () => {
    const r = endpoint({}, noCard);
    expect(await analyze([productionModelCard], r)).toEqual([
      {
        policy: "aigov-production-model-card",
        level: "mandatory",
        urn: r.urn,
        message: serverMessage(
          productionModelCard,
          "SageMaker Endpoint serves `production` without a model card: the AWS tag `aigov:model-card` is missing; set it in `tags` (or the provider's `defaultTags`) to the `https://` URL of the model card.",
        ),
      },
    ]);
    expect(await messages(productionModelCard, vertexEndpoint({}, noCard))).toEqual([
      "Vertex AI Endpoint serves `production` without a model card: the GCP label `aigov-model-card` is missing; set it in `labels` (or the provider's `defaultLabels`) to the `https://` URL of the model card (as a GCP label value: lower case, `_` for other characters).",
    ]);
    expect(await messages(productionModelCard, inferenceService({}, noCard))).toEqual([
      "KServe InferenceService serves `production` without a model card: the annotation `aigov.dev/model-card` is missing; set it in `metadata.annotations` to the `https://` URL of the model card.",
    ]);
  });

  it("does not apply to non-deployable AI resources", async () => {
    const group = {
      type: "aws:sagemaker/modelPackageGroup:ModelPackageGroup",
      name: "g",
      props: { tags: awsTags(noCard) },
    };
    expect(await messages(productionModelCard, group)).toEqual([]);
  });

  it("gives the advisory when the stage is unknown", async () => {
    const r = endpoint({ tags: { ...awsTags(noCard), "aigov:stage": UNKNOWN_VALUE } });
    expect(await analyze([productionModelCard], r)).toEqual([
      {
        policy: "aigov-production-model-card",
        level: "advisory",
        urn: "",
        message: cantRun(
          "aigov-production-model-card",
          "string value at .tags.aigov:stage can't be known during preview",
        ),
      },
    ]);
  });
});

describe("aigov-production-evaluation", () => {
  it("passes a passed evaluation on every cloud", async () => {
    for (const r of [endpointConfig(), vertexEndpoint(), deployment()]) {
      expect(await analyze([productionEvaluation], r)).toEqual([]);
    }
  });

  it("reports missing and failed evaluations", async () => {
    const r = endpointConfig({}, meta({ evalStatus: "failed" }));
    expect(await analyze([productionEvaluation], r)).toEqual([
      {
        policy: "aigov-production-evaluation",
        level: "mandatory",
        urn: r.urn,
        message: serverMessage(
          productionEvaluation,
          "SageMaker EndpointConfiguration serves `production` but the AWS tag `aigov:eval-status` is `failed`: only models whose evaluation passed may serve production; after a passing evaluation, set it in `tags` (or the provider's `defaultTags`) to the evaluation outcome (`passed`, `failed` or `pending`).",
        ),
      },
    ]);
    expect(
      await messages(productionEvaluation, vertexEndpoint({}, meta({ evalStatus: undefined }))),
    ).toEqual([
      "Vertex AI Endpoint serves `production` without an evaluation: the GCP label `aigov-eval-status` is missing; set it in `labels` (or the provider's `defaultLabels`) to the evaluation outcome (`passed`, `failed` or `pending`).",
    ]);
    expect(
      await messages(productionEvaluation, deployment({}, meta({ evalStatus: "pending" }))),
    ).toHaveLength(1);
  });

  it("requires the configured requiredBenchmarks, in verbatim and GCP form", async () => {
    const cfg = { requiredBenchmarks: ["accuracy", "fairness"] };
    expect(await messages(productionEvaluation, endpointConfig(), cfg)).toEqual([
      "SageMaker EndpointConfiguration serves `production` but the AWS tag `aigov:eval-benchmarks` lacks the required benchmark(s) `fairness`: set it in `tags` (or the provider's `defaultTags`) to the passed benchmarks, sorted and joined with `+` (e.g. `accuracy+toxicity`), including every benchmark in `requiredBenchmarks`.",
    ]);
    expect(
      await messages(productionEvaluation, vertexEndpoint(), { requiredBenchmarks: ["toxicity"] }),
    ).toEqual([]);
    expect(
      await messages(
        productionEvaluation,
        vertexEndpoint({}, meta({ evalBenchmarks: undefined })),
        { requiredBenchmarks: ["toxicity"] },
      ),
    ).toHaveLength(1);
  });
});

describe("aigov-training-data-license", () => {
  it("passes declared, allowed licenses on model resources", async () => {
    for (const r of [sagemakerModel(), vertexEndpoint(), deployment()]) {
      expect(await analyze([trainingDataLicense], r)).toEqual([]);
    }
  });

  it("reports a missing license and the default denied `unknown`", async () => {
    const job = {
      type: "aws:sagemaker/trainingJob:TrainingJob",
      name: "train",
      props: { tags: awsTags(meta({ trainingDataLicense: undefined })) },
    };
    const d = await analyze([trainingDataLicense], job);
    expect(d.map((x) => [x.level, x.message])).toEqual([
      [
        "mandatory",
        serverMessage(
          trainingDataLicense,
          "SageMaker TrainingJob does not declare its training-data licenses: the AWS tag `aigov:training-data-license` is missing; set it in `tags` (or the provider's `defaultTags`) to the training-data licenses as lower-case SPDX ids joined with `+` (e.g. `apache-2.0+cc-by-4.0`).",
        ),
      ],
    ]);
    const unknownLicense = vertexEndpoint({}, meta({ trainingDataLicense: ["mit", "unknown"] }));
    expect(await messages(trainingDataLicense, unknownLicense)).toEqual([
      "Vertex AI Endpoint has the GCP label `aigov-training-data-license` = `mit_unknown`, which includes the denied license(s) `unknown` (`deniedLicenses`): use training data whose license is known and allowed, then update the key.",
    ]);
  });

  it("applies deniedLicenses and allowedLicenses from config", async () => {
    const cfg = { deniedLicenses: ["cc-by-nc-4.0"], allowedLicenses: ["apache-2.0", "mit"] };
    expect(await messages(trainingDataLicense, deployment(), cfg)).toEqual([
      "Kubernetes Deployment has the annotation `aigov.dev/training-data-license` = `apache-2.0+cc-by-4.0` with licenses outside `allowedLicenses` (`cc-by-4.0`): only `apache-2.0`, `mit` are allowed.",
    ]);
    const gcp = vertexEndpoint({}, meta({ trainingDataLicense: ["apache-2.0", "mit"] }));
    expect(await messages(trainingDataLicense, gcp, cfg)).toEqual([]);
    const nc = vertexEndpoint({}, meta({ trainingDataLicense: ["cc-by-nc-4.0"] }));
    expect(await messages(trainingDataLicense, nc, cfg)).toHaveLength(2);
    expect(
      await messages(
        trainingDataLicense,
        endpoint({}, meta({ trainingDataLicense: ["unknown"] })),
        { deniedLicenses: [] },
      ),
    ).toEqual([]);
  });
});

describe("aigov-pii-safeguards", () => {
  const pii = meta({ containsPii: true, dataClassification: "internal" });

  it("passes PII assets classified confidential or restricted, and non-PII assets", async () => {
    expect(await analyze([piiSafeguards], endpoint({}, meta({ containsPii: true })))).toEqual([]);
    expect(
      await analyze([piiSafeguards], endpoint({}, meta({ dataClassification: "public" }))),
    ).toEqual([]);
  });

  it("reports PII assets with a weaker classification on every cloud", async () => {
    const r = endpoint({}, pii);
    expect(await analyze([piiSafeguards], r)).toEqual([
      {
        policy: "aigov-pii-safeguards",
        level: "mandatory",
        urn: r.urn,
        message: serverMessage(
          piiSafeguards,
          "SageMaker Endpoint contains personal data (`contains-pii=true`) but the AWS tag `aigov:data-classification` is `internal`: set it in `tags` (or the provider's `defaultTags`) to `confidential` or `restricted`.",
        ),
      },
    ]);
    expect(await messages(piiSafeguards, vertexEndpoint({}, pii))).toHaveLength(1);
    expect(
      await messages(
        piiSafeguards,
        deployment({}, meta({ containsPii: true, dataClassification: undefined })),
      ),
    ).toEqual([
      "Kubernetes Deployment contains personal data (`contains-pii=true`) but the annotation `aigov.dev/data-classification` is missing: set it in `metadata.annotations` and as the label `aigov.dev/data-classification` in `metadata.labels` and `spec.template.metadata.labels` to `confidential` or `restricted`.",
    ]);
  });

  it("requires a KMS key for data capture of PII endpoints", async () => {
    const m = meta({ containsPii: true });
    const capture = (c: object) =>
      endpointConfig(
        {
          dataCaptureConfig: {
            initialSamplingPercentage: 10,
            destinationS3Uri: "s3://b/c",
            captureOptions: [{ captureMode: "Input" }],
            ...c,
          },
        },
        m,
      );
    expect(await messages(piiSafeguards, capture({ enableCapture: true }))).toEqual([
      "SageMaker EndpointConfiguration captures inference data of an asset that contains personal data without a customer-managed key: set `dataCaptureConfig.kmsKeyId` to a KMS key ARN (or set `dataCaptureConfig.enableCapture` to false).",
    ]);
    expect(
      await messages(piiSafeguards, capture({ enableCapture: true, kmsKeyId: "arn:aws:kms:k" })),
    ).toEqual([]);
    expect(await messages(piiSafeguards, capture({ enableCapture: false }))).toEqual([]);
    expect(
      await runResource(piiSafeguards, capture({ enableCapture: true, kmsKeyId: UNKNOWN_VALUE })),
    ).toEqual({ violations: [] });
    expect(
      (await runResource(piiSafeguards, capture({ enableCapture: UNKNOWN_VALUE }))).unknown,
    ).toBe("string value at .dataCaptureConfig.enableCapture can't be known during preview");
  });

  it("applies to extraResourceTypes", async () => {
    const r = {
      type: "aws:comprehend/endpoint:Endpoint",
      name: "c",
      props: { tags: awsTags(pii) },
    };
    expect(await messages(piiSafeguards, r)).toEqual([]);
    expect(
      await messages(piiSafeguards, r, {
        extraResourceTypes: ["aws:comprehend/endpoint:Endpoint"],
      }),
    ).toHaveLength(1);
  });

  it("reads contains-pii and the classification from GCP labels", async () => {
    const r = vertexEndpoint({ labels: { ...gcpLabels(pii) } });
    expect(await messages(piiSafeguards, r)).toHaveLength(1);
  });
});
