// docs/contract.md §2: components judge metadata exactly as the pack's mandatory metadata policies do.
// Every metadata case goes through every component that creates AI resources (mock runtime) and
// through the pack (the real policy server) over that component's resources carrying the case's
// metadata in their cloud's encoding; both must name the same policies.
import * as pulumi from "@pulumi/pulumi";
import {
  METADATA_RULE_POLICIES,
  PartialMetadata,
  awsTagKey,
  cloudOf,
  gcpLabelKey,
  gcpLabelValue,
  isGovernedResource,
  k8sKey,
  k8sLabelValue,
  K8S_LABEL_KEYS,
  metadataToStrings,
  MetadataKey,
} from "aigov/sdk";
import {
  AwsInferenceEndpoint,
  GovernanceMetadataArgs,
  AwsModelRegistry,
  GcpInferenceEndpoint,
  GcpModelRegistry,
  K8sInferenceService,
} from "../../index";
import { policies } from "../../policy-packs/aigov/policies";
import { RecordedResource, settle } from "../helpers/pulumi-mocks";
import { packSpec } from "../helpers/policy-pack";
import { CALLER_IDENTITY, GCP_PROJECT, mockStack } from "../helpers/stack";
import { analyze } from "../policy-pack/harness";

const { mocks } = mockStack({ invokes: { ...CALLER_IDENTITY, ...GCP_PROJECT }, config: {} });

/** Complete, valid `staging` metadata of a served model. */
const BASE = {
  assetId: "fraud-scorer",
  owner: "jane.doe@example.com",
  team: "risk-ml",
  costCenter: "FIN-1234",
  stage: "staging",
  dataClassification: "internal",
  trainingDataLicense: ["apache-2.0"],
  modelRegistry: "fraud-registry",
} as const;
const CARD = "https://models.example.com/fraud-scorer";

interface Case {
  name: string;
  metadata: Record<string, unknown>;
  /** GCP labels cannot show this value's form (contract §1): the GCP pack cannot flag its format. */
  lostOnGcp?: boolean;
}

const without = (key: keyof typeof BASE) => {
  const copy: Record<string, unknown> = { ...BASE };
  delete copy[key];
  return copy;
};

const CASES: Case[] = [
  { name: "complete staging metadata", metadata: BASE },
  { name: "missing owner", metadata: without("owner") },
  { name: "missing data classification", metadata: without("dataClassification") },
  { name: "cost center in the wrong form", metadata: { ...BASE, costCenter: "FIN1234" } },
  { name: "owner that is not an e-mail", metadata: { ...BASE, owner: "jane" }, lostOnGcp: true },
  { name: "empty benchmark list", metadata: { ...BASE, evalBenchmarks: [] } },
  { name: "production without card and evaluation", metadata: { ...BASE, stage: "production" } },
  {
    name: "production with a pending evaluation",
    metadata: { ...BASE, stage: "production", modelCard: CARD, evalStatus: "pending" },
  },
  {
    name: "complete production metadata",
    metadata: { ...BASE, stage: "production", modelCard: CARD, evalStatus: "passed" },
  },
  { name: "no training-data license", metadata: without("trainingDataLicense") },
  { name: "unknown training data", metadata: { ...BASE, trainingDataLicense: ["unknown"] } },
  { name: "personal data in internal data", metadata: { ...BASE, containsPii: true } },
  {
    name: "personal data in confidential data",
    metadata: { ...BASE, containsPii: true, dataClassification: "confidential" },
  },
  { name: "deprecated without sunset date", metadata: { ...BASE, stage: "deprecated" } },
  {
    name: "deprecated past its sunset date",
    metadata: { ...BASE, stage: "deprecated", sunsetDate: "2020-01-01" },
  },
  {
    name: "deprecated with a future sunset date",
    metadata: { ...BASE, stage: "deprecated", sunsetDate: "2999-12-31" },
  },
  { name: "staging past its sunset date", metadata: { ...BASE, sunsetDate: "2020-01-01" } },
  { name: "retired", metadata: { ...BASE, stage: "retired" } },
];

interface Component {
  name: string;
  build(metadata: GovernanceMetadataArgs, name: string): void;
}

const REGISTRY = {
  assetId: "fraud-registry",
  bucketArn: "arn:aws:s3:::risk-ml-fraud-registry",
  kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/registry",
};
const IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1";

const COMPONENTS: Component[] = [
  { name: "AwsModelRegistry", build: (metadata, name) => new AwsModelRegistry(name, { metadata }) },
  {
    name: "AwsInferenceEndpoint",
    build: (metadata, name) =>
      new AwsInferenceEndpoint(name, { metadata, image: IMAGE, registry: REGISTRY }),
  },
  {
    name: "GcpModelRegistry",
    build: (metadata, name) => new GcpModelRegistry(name, { metadata, location: "us-central1" }),
  },
  {
    name: "GcpInferenceEndpoint",
    build: (metadata, name) =>
      new GcpInferenceEndpoint(name, { metadata, location: "us-central1" }),
  },
  {
    name: "K8sInferenceService",
    build: (metadata, name) => new K8sInferenceService(name, { metadata, image: IMAGE }),
  },
  {
    name: "K8sInferenceService (KServe)",
    build: (metadata, name) =>
      new K8sInferenceService(name, {
        metadata,
        kserve: { modelFormat: "sklearn", storageUri: "s3://models/fraud" },
      }),
  },
];

type Obj = Record<string, unknown>;

/** `map` without its aigov keys, with `values` added. */
function replaced(map: unknown, prefix: string, values: Record<string, string>): Obj {
  const kept = Object.entries((map ?? {}) as Obj).filter(([k]) => !k.startsWith(prefix));
  return { ...Object.fromEntries(kept), ...values };
}

/** The props of `r` with its aigov metadata replaced by `meta`, as its cloud writes it. */
function withMetadata(r: RecordedResource, meta: PartialMetadata): Obj {
  const strings = Object.entries(metadataToStrings(meta)) as [MetadataKey, string][];
  const props: Obj = { ...r.inputs };
  const cloud = cloudOf(r.type);
  if (cloud === "aws") {
    props.tags = replaced(
      props.tags,
      "aigov:",
      Object.fromEntries(strings.map(([k, v]) => [awsTagKey(k), v])),
    );
  } else if (cloud === "gcp") {
    const labels = strings.map(([k, v]) => [gcpLabelKey(k), gcpLabelValue(v)]);
    props.labels = replaced(props.labels, "aigov-", Object.fromEntries(labels));
  } else {
    const annotations = Object.fromEntries(strings.map(([k, v]) => [k8sKey(k), v]));
    const labels = Object.fromEntries(
      strings
        .filter(([k]) => K8S_LABEL_KEYS.includes(k))
        .map(([k, v]) => [k8sKey(k), k8sLabelValue(v)]),
    );
    const metadata = (props.metadata ?? {}) as Obj;
    props.metadata = {
      ...metadata,
      labels: replaced(metadata.labels, "aigov.dev/", labels),
      annotations: replaced(metadata.annotations, "aigov.dev/", annotations),
    };
    const spec = props.spec as Obj | undefined;
    const template = spec?.template as Obj | undefined;
    if (template) {
      const tMeta = (template.metadata ?? {}) as Obj;
      props.spec = {
        ...spec,
        template: {
          ...template,
          metadata: { ...tMeta, labels: replaced(tMeta.labels, "aigov.dev/", labels) },
        },
      };
    }
  }
  return props;
}

/** The policies of the component's refusal, from the `(policy)` ending of each reason. */
function componentVerdict(c: Component, metadata: Obj, name = "c"): string[] {
  try {
    c.build(metadata as GovernanceMetadataArgs, name);
  } catch (e) {
    if (!pulumi.InputPropertiesError.isInstance(e)) throw e;
    const found = e.errors.map((d) => /\((aigov-[a-z-]+)\)$/.exec(d.reason)?.[1] ?? d.reason);
    return [...new Set(found)].sort();
  }
  return [];
}

/** The metadata policies the pack reports on the component's AI resources carrying `metadata`. */
async function packVerdict(children: RecordedResource[], metadata: Obj): Promise<string[]> {
  const found = new Set<string>();
  for (const r of children) {
    const spec = {
      ...packSpec(r),
      props: { ...withMetadata(r, metadata as PartialMetadata), id: r.id },
    };
    for (const d of await analyze(policies, spec)) {
      if ((METADATA_RULE_POLICIES as readonly string[]).includes(d.policy)) found.add(d.policy);
    }
  }
  return [...found].sort();
}

/** The AI resources a component creates from valid metadata. */
async function governedChildren(c: Component): Promise<RecordedResource[]> {
  mocks.reset();
  c.build(BASE as unknown as GovernanceMetadataArgs, "c");
  await settle();
  const children = mocks.children().filter((r) => isGovernedResource(r.type, r.inputs));
  mocks.reset();
  return children;
}

describe.each(COMPONENTS)("$name judges metadata as the pack does", (c) => {
  let children: RecordedResource[];
  beforeAll(async () => {
    children = await governedChildren(c);
  });

  it("creates AI resources that the pack judges", () => {
    expect(children.length).toBeGreaterThan(0);
  });

  it.each(CASES)("$name", async ({ metadata, lostOnGcp }) => {
    const component = componentVerdict(c, metadata);
    await settle();
    const pack = await packVerdict(children, metadata);
    if (lostOnGcp && cloudOf(children[0].type) === "gcp") {
      expect(component).toEqual(["aigov-metadata-values"]);
      expect(pack).toEqual([]);
    } else {
      expect(component).toEqual(pack);
    }
  });
});

it("the cases cover every metadata policy, refused and accepted", async () => {
  const c = COMPONENTS.find((x) => x.name === "AwsInferenceEndpoint")!;
  const seen = new Set<string>();
  let accepted = 0;
  for (const [i, { metadata }] of CASES.entries()) {
    const verdict = componentVerdict(c, metadata, `c${i}`);
    await settle();
    verdict.forEach((p) => seen.add(p));
    if (verdict.length === 0) accepted++;
  }
  expect([...seen].sort()).toEqual([...METADATA_RULE_POLICIES].sort());
  expect(accepted).toBeGreaterThan(2);
});
