import { Secret } from "@pulumi/policy";
import { at } from "aigov/sdk";
import { metadataValues, requiredMetadata } from "../../policy-packs/aigov/policies";
import {
  UNKNOWN_VALUE,
  analyze,
  cantRun,
  remediate,
  resourceArgs,
  runRemediation,
  runResource,
  serverMessage,
} from "./harness";
import {
  META,
  awsProvider,
  awsTags,
  deployment,
  edit,
  endpoint,
  gcpLabels,
  gcpProvider,
  inferenceService,
  meta,
  vertexEndpoint,
} from "./fixtures";

const P = [requiredMetadata];
const NO_OWNER = meta({ owner: undefined });

describe("aigov-required-metadata", () => {
  it("passes complete metadata on AWS, GCP and Kubernetes", async () => {
    for (const r of [endpoint(), vertexEndpoint(), deployment(), inferenceService()]) {
      expect(await analyze(P, r)).toEqual([]);
    }
  });

  it("reports a missing AWS tag as mandatory, naming the tag, where to set it and the URN", async () => {
    const r = endpoint({}, NO_OWNER);
    expect(await analyze(P, r)).toEqual([
      {
        policy: "aigov-required-metadata",
        level: "mandatory",
        urn: r.urn,
        message: serverMessage(
          requiredMetadata,
          "SageMaker Endpoint is missing the AWS tag `aigov:owner`: set it in `tags` (or the provider's `defaultTags`) to the owner's e-mail address.",
        ),
      },
    ]);
  });

  it("reads AWS tagsAll (outputs) and provider defaultTags (inputs)", async () => {
    const { tags, ...rest } = endpoint({}, NO_OWNER).props;
    const withAll = { ...endpoint().props, tags, tagsAll: awsTags() };
    expect(await analyze(P, { ...endpoint(), props: withAll })).toEqual([]);
    const provider = awsProvider({ "aigov:owner": "jane.doe@example.com" });
    expect(await analyze(P, { ...endpoint(), props: { ...rest, tags }, provider })).toEqual([]);
    const other = awsProvider({ team: "x" });
    expect(
      await analyze(P, { ...endpoint(), props: { ...rest, tags }, provider: other }),
    ).toHaveLength(1);
  });

  it("reports a missing GCP label and reads provider defaultLabels", async () => {
    const r = vertexEndpoint({}, meta({ team: undefined }));
    expect((await runResource(requiredMetadata, r)).violations).toEqual([
      {
        urn: r.urn,
        message:
          "Vertex AI Endpoint is missing the GCP label `aigov-team`: set it in `labels` (or the provider's `defaultLabels`) to the owning team (e.g. `risk-ml`).",
      },
    ]);
    const provider = gcpProvider({ "aigov-team": "risk-ml" });
    expect((await runResource(requiredMetadata, { ...r, provider })).violations).toEqual([]);
    const effective = { ...r.props, effectiveLabels: gcpLabels() };
    expect((await runResource(requiredMetadata, { ...r, props: effective })).violations).toEqual(
      [],
    );
  });

  it("reports Kubernetes keys missing on the workload and labels missing on the pod template", async () => {
    const r = deployment({}, meta({ costCenter: undefined }));
    expect((await runResource(requiredMetadata, r)).violations.map((v) => v.message)).toEqual([
      "Kubernetes Deployment is missing the annotation `aigov.dev/cost-center`: set it in `metadata.annotations` and as the label `aigov.dev/cost-center` in `metadata.labels` and `spec.template.metadata.labels` to the finance cost center (e.g. `FIN-1234`).",
    ]);
    const good = deployment();
    edit(good, ["spec", "template", "metadata"], {
      labels: { "app.kubernetes.io/name": "server" },
    });
    expect((await runResource(requiredMetadata, good)).violations.map((v) => v.message)).toContain(
      "Kubernetes Deployment pod template is missing the label `aigov.dev/team`: set it in `spec.template.metadata.labels` to the owning team (e.g. `risk-ml`), so that cost tools can attribute pod spend.",
    );
  });

  it("ignores Deployments that are not AI workloads, and untaggable AI types", async () => {
    const plain = deployment({ metadata: { name: "web" } }, {}, {});
    edit(plain, ["spec", "template"], { spec: { containers: [{ name: "web", image: "nginx" }] } });
    expect(await analyze(P, plain)).toEqual([]);
    const store = {
      type: "gcp:vertex/aiMetadataStore:AiMetadataStore",
      name: "store",
      props: { name: "s" },
    };
    expect(await analyze(P, store)).toEqual([]);
    const binding = {
      type: "gcp:vertex/aiEndpointIamBinding:AiEndpointIamBinding",
      name: "b",
      props: {},
    };
    expect(await analyze(P, binding)).toEqual([]);
  });

  it("treats artifact stores as AI resources only when they carry aigov tags themselves", async () => {
    const bucket = (tags: object) => ({ type: "aws:s3/bucket:Bucket", name: "b", props: { tags } });
    expect(await analyze(P, bucket({ Name: "logs" }))).toEqual([]);
    expect(
      await analyze(P, {
        ...bucket({ Name: "logs" }),
        provider: awsProvider({ "aigov:team": "risk-ml" }),
      }),
    ).toEqual([]);
    expect(await analyze(P, bucket({ "aigov:team": "risk-ml" }))).toHaveLength(5);
  });

  it("uses the configured requiredKeys and extraResourceTypes", async () => {
    const cfg = {
      requiredKeys: ["asset-id", "risk-tier"],
      extraResourceTypes: ["aws:comprehend/*"],
    };
    const r = endpoint({}, meta({ owner: undefined, riskTier: undefined }));
    expect((await runResource(requiredMetadata, r, cfg)).violations.map((v) => v.message)).toEqual([
      "SageMaker Endpoint is missing the AWS tag `aigov:risk-tier`: set it in `tags` (or the provider's `defaultTags`) to the AI-risk tier (`minimal`, `limited` or `high`).",
    ]);
    const extra = {
      type: "aws:comprehend/documentClassifier:DocumentClassifier",
      name: "c",
      props: { tags: {} },
    };
    expect((await runResource(requiredMetadata, extra, cfg)).violations).toHaveLength(2);
    expect((await runResource(requiredMetadata, extra)).violations).toHaveLength(0);
  });

  it("gives the engine's advisory, never a mandatory violation, when tags are unknown", async () => {
    const r = endpoint({ tags: UNKNOWN_VALUE });
    expect(await analyze(P, r)).toEqual([
      {
        policy: "aigov-required-metadata",
        level: "advisory",
        urn: "",
        message: cantRun(
          "aigov-required-metadata",
          "string value at .tags can't be known during preview",
        ),
      },
    ]);
    const value = endpoint({ tags: { ...awsTags(), "aigov:owner": UNKNOWN_VALUE } });
    expect(await analyze(P, value)).toEqual([]);
  });

  it("still reports known missing keys when the provider defaults are unknown", async () => {
    const r = {
      ...endpoint({}, NO_OWNER),
      provider: { type: "pulumi:providers:aws", props: { defaultTags: UNKNOWN_VALUE } },
    };
    expect((await runResource(requiredMetadata, r)).violations).toEqual([]);
    expect((await runResource(requiredMetadata, r)).unknown).toBe(
      "string value at .tags can't be known during preview",
    );
  });
});

describe("aigov-required-metadata remediation", () => {
  const defaults = {
    owner: "ml-platform@example.com",
    team: "platform",
    riskTier: "limited",
    evalBenchmarks: ["b", "a"],
  };

  it("writes missing AWS tags from the defaults and returns the new props", async () => {
    const r = endpoint({}, meta({ owner: undefined, team: undefined }));
    const out = await runRemediation(requiredMetadata, r, { defaults });
    expect(out?.tags).toEqual({
      ...awsTags(meta({ owner: undefined, team: undefined })),
      "aigov:owner": "ml-platform@example.com",
      "aigov:team": "platform",
    });
    expect(out?.endpointConfigName).toBe("config-a1b2");
  });

  it("writes GCP labels encoded", async () => {
    const r = vertexEndpoint({}, meta({ owner: undefined, evalBenchmarks: undefined }));
    const out = await runRemediation(requiredMetadata, r, { defaults });
    expect(out?.labels).toMatchObject({
      "aigov-owner": "ml-platform_example_com",
      "aigov-eval-benchmarks": "a_b",
    });
  });

  it("writes Kubernetes annotations, labels and pod template labels", async () => {
    const r = deployment({}, meta({ team: undefined }));
    const out = await runRemediation(requiredMetadata, r, { defaults });
    expect(at(out, "metadata", "annotations", "aigov.dev/team")).toBe("platform");
    expect(at(out, "metadata", "labels", "aigov.dev/team")).toBe("platform");
    expect(at(out, "spec", "template", "metadata", "labels", "aigov.dev/team")).toBe("platform");
    expect(at(out, "spec", "template", "spec", "containers")).toHaveLength(1);
    expect(at(out, "metadata", "annotations", "aigov.dev/owner")).toBe(META.owner);
  });

  it("returns nothing when nothing is missing, and keeps secret tag maps secret", async () => {
    expect(await runRemediation(requiredMetadata, endpoint(), { defaults })).toBeUndefined();
    const args = {
      ...resourceArgs(endpoint({}, NO_OWNER), { defaults }),
      props: { ...endpoint({}, NO_OWNER).props, tags: new Secret(awsTags(NO_OWNER)) },
    };
    const out = await requiredMetadata.remediateResource!(args);
    const tags = at(out, "tags");
    expect(tags).toBeInstanceOf(Secret);
    expect(at((tags as Secret).value, "aigov:owner")).toBe("ml-platform@example.com");
  });

  it("runs through the policy server only at the remediate level", async () => {
    const r = endpoint({}, NO_OWNER);
    expect(await remediate([requiredMetadata], r)).toEqual([]);
    // The server harness cannot set config: with no defaults there is nothing to write.
    expect(await remediate([{ ...requiredMetadata, enforcementLevel: "remediate" }], r)).toEqual(
      [],
    );
    const d = await analyze([{ ...requiredMetadata, enforcementLevel: "remediate" }], r);
    expect(d.map((x) => x.level)).toEqual(["mandatory"]);
  });
});

describe("aigov-metadata-values", () => {
  const M = [metadataValues];

  it("passes valid values on every cloud", async () => {
    for (const r of [endpoint(), vertexEndpoint(), deployment(), inferenceService()]) {
      expect(await analyze(M, r)).toEqual([]);
    }
  });

  it("reports invalid AWS values as mandatory with the expected form", async () => {
    const r = endpoint({ tags: { ...awsTags(), "aigov:stage": "prod", "aigov:owner": "jane" } });
    const d = await analyze(M, r);
    expect(d.map((x) => [x.level, x.urn, x.message])).toEqual([
      [
        "mandatory",
        r.urn,
        serverMessage(
          metadataValues,
          "SageMaker Endpoint has an invalid value `jane` for the AWS tag `aigov:owner`: expected the owner's e-mail address; set it in `tags` (or the provider's `defaultTags`) to the owner's e-mail address.",
        ),
      ],
      [
        "mandatory",
        r.urn,
        serverMessage(
          metadataValues,
          "SageMaker Endpoint has an invalid value `prod` for the AWS tag `aigov:stage`: expected one of `experimental`, `staging`, `production`, `deprecated`, `retired`; set it in `tags` (or the provider's `defaultTags`) to the lifecycle stage (`experimental`, `staging`, `production`, `deprecated` or `retired`).",
        ),
      ],
    ]);
  });

  it("checks GCP values in encoded form (cost centers case-insensitively)", async () => {
    expect((await runResource(metadataValues, vertexEndpoint())).violations).toEqual([]);
    const r = vertexEndpoint({ labels: { ...gcpLabels(), "aigov-cost-center": "fin_1234" } });
    expect((await runResource(metadataValues, r)).violations.map((v) => v.message)).toEqual([
      "Vertex AI Endpoint has an invalid value `fin_1234` for the GCP label `aigov-cost-center`: expected a cost center matching ^[A-Z]{2,5}-[0-9]{2,8}$ (case-insensitive on GCP labels); set it in `labels` (or the provider's `defaultLabels`) to the finance cost center (e.g. `FIN-1234`) (as a GCP label value: lower case, `_` for other characters).",
    ]);
  });

  it("uses the configured costCenterPattern", async () => {
    const r = endpoint({ tags: { ...awsTags(), "aigov:cost-center": "cc-42" } });
    expect((await runResource(metadataValues, r)).violations).toHaveLength(1);
    expect(
      (await runResource(metadataValues, r, { costCenterPattern: "^cc-[0-9]+$" })).violations,
    ).toEqual([]);
    expect(
      (await runResource(metadataValues, endpoint(), { costCenterPattern: "^cc-[0-9]+$" }))
        .violations,
    ).toHaveLength(1);
  });

  it("reports Kubernetes labels that disagree with the annotations", async () => {
    const r = deployment();
    edit(r, ["metadata", "labels", "aigov.dev/stage"], "staging");
    expect((await runResource(metadataValues, r)).violations.map((v) => v.message)).toEqual([
      "Kubernetes Deployment has the label `aigov.dev/stage` = `staging` in `metadata.labels` but the annotation says `production`: set both to the same value.",
    ]);
  });

  it("gives the advisory for an unknown value and still reports known bad values", async () => {
    const r = endpoint({ tags: { ...awsTags(), "aigov:model-card": UNKNOWN_VALUE } });
    expect(await analyze(M, r)).toEqual([
      {
        policy: "aigov-metadata-values",
        level: "advisory",
        urn: "",
        message: cantRun(
          "aigov-metadata-values",
          "string value at .tags.aigov:model-card can't be known during preview",
        ),
      },
    ]);
    const both = endpoint({
      tags: { ...awsTags(), "aigov:model-card": UNKNOWN_VALUE, "aigov:team": "Risk" },
    });
    expect((await analyze(M, both)).map((d) => d.level)).toEqual(["mandatory", "advisory"]);
  });
});
