import fc from "fast-check";
import { METADATA_KEYS, TYPES, awsTagKey, gcpLabelKey, k8sKey } from "aigov/sdk";
import { policies } from "../../policy-packs/aigov/policies";
import { ResourceSpec, UNKNOWN_VALUE, analyze, analyzeStack, runResource, urnOf } from "./harness";
import {
  arRepo,
  awsBudget,
  deployment,
  ecrStack,
  endpointConfig,
  gcpBudget,
  gcsBucket,
  hpa,
  inferenceService,
  modelPackageGroup,
  notebook,
  pool,
  s3ArtifactStack,
  sagemakerEndpointStack,
  sagemakerModel,
  vertexEndpoint,
} from "./fixtures";

/** Scale of the fuzz runs (`FUZZ_SCALE=20 npx jest test/policy-pack/fuzz` for a long run). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => ({ numRuns: n * SCALE });

const TYPE_LIST = [
  ...Object.values(TYPES),
  "aws:comprehend/endpoint:Endpoint",
  "random:index:RandomPet",
];

/** JSON values (as `Struct` carries them) with the engine's unknown sentinel among the leaves. */
const json: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(UNKNOWN_VALUE),
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie("v"), { maxKeys: 4 }),
  ),
})).v;

const metaValue = fc.oneof(
  fc.constant(UNKNOWN_VALUE),
  fc.constantFrom(
    "production",
    "staging",
    "deprecated",
    "retired",
    "true",
    "confidential",
    "2020-01-01",
    "accuracy+toxicity",
    "unknown",
    "FIN-1234",
    "a@b.co",
    "https://x.io/c",
  ),
  fc.string({ maxLength: 12 }),
);
const tagMap = (keyOf: (k: (typeof METADATA_KEYS)[number]) => string) =>
  fc.oneof(
    fc.constant(UNKNOWN_VALUE),
    fc.dictionary(fc.constantFrom(...METADATA_KEYS.map(keyOf)), metaValue),
  );

/** Props that look like real resources: tag/label maps, Kubernetes metadata and random structure. */
const props = fc.record(
  {
    tags: tagMap(awsTagKey),
    tagsAll: tagMap(awsTagKey),
    labels: tagMap(gcpLabelKey),
    metadata: fc.record(
      { labels: tagMap(k8sKey), annotations: tagMap(k8sKey), name: metaValue },
      { requiredKeys: [] },
    ),
    spec: json,
    productionVariants: fc.array(
      fc.record(
        {
          instanceType: metaValue,
          initialInstanceCount: json,
          serverlessConfig: json,
          variantName: metaValue,
        },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
    dedicatedResources: json,
    deployedModels: json,
    dataCaptureConfig: json,
    bucket: metaValue,
    rules: json,
    costFilters: json,
    budgetFilter: json,
    extra: json,
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, unknown>>;

const resource = fc.record({
  type: fc.constantFrom(...TYPE_LIST),
  name: fc.constantFrom("a", "b", "c"),
  props,
});
const provider = fc.option(
  fc.record({
    type: fc.constantFrom("pulumi:providers:aws", "pulumi:providers:gcp"),
    props: fc.record({ defaultTags: json, defaultLabels: json }),
  }),
  { nil: undefined },
);

describe("fuzz: policies never throw", () => {
  it("resource policies through the policy server, on random props, tags and unknowns", async () => {
    await fc.assert(
      fc.asyncProperty(resource, provider, async (r, p) => {
        await analyze(policies, { ...r, provider: p });
      }),
      runs(300),
    );
  });

  it("resource policies with random (valid) config", async () => {
    const config = fc.record(
      {
        requiredKeys: fc.subarray([...METADATA_KEYS]),
        requiredBenchmarks: fc.array(fc.constantFrom("accuracy", "b")),
        allowedLicenses: fc.array(fc.constantFrom("mit", "apache-2.0")),
        allowedInstanceTypes: fc.constant({ production: ["ml.m5.xlarge"] }),
        maxHourlyUsd: fc.constant({ staging: 0.1 }),
        defaults: fc.constant({ team: "t" }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(resource, config, async (r, cfg) => {
        for (const policy of policies)
          if ("validateResource" in policy) await runResource(policy, r, cfg);
      }),
      runs(150),
    );
  });

  it("stack policies through the policy server, on random stacks with random links", async () => {
    const stack = fc.array(resource, { maxLength: 8 }).chain((rs) => {
      const urns = rs.map((r, i) => urnOf(r.type, `${r.name}${i}`));
      return fc.tuple(
        fc.constant(rs.map((r, i) => ({ ...r, name: `${r.name}${i}`, urn: urns[i] }))),
        fc.array(fc.subarray(urns), { minLength: rs.length, maxLength: rs.length }),
      );
    });
    await fc.assert(
      fc.asyncProperty(stack, async ([rs, deps]) => {
        const linked: ResourceSpec[] = rs.map((r, i) => ({
          ...r,
          dependencies: deps[i],
          propertyDependencies: { bucket: deps[i], spec: deps[i] },
        }));
        await analyzeStack(policies, linked);
      }),
      runs(150),
    );
  });
});

/** Every path (objects, arrays and leaves) of a props object. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

function withUnknowns<T extends ResourceSpec>(r: T, chosen: (string | number)[][]): T {
  const props = structuredClone(r.props);
  for (const path of chosen) {
    let cur: unknown = props;
    for (const step of path.slice(0, -1))
      cur =
        typeof cur === "object" && cur !== null
          ? (cur as Record<string | number, unknown>)[step]
          : undefined;
    if (typeof cur === "object" && cur !== null)
      (cur as Record<string | number, unknown>)[path[path.length - 1]] = UNKNOWN_VALUE;
  }
  return { ...r, props };
}

describe("fuzz: unknowns never turn a compliant resource or stack into a mandatory violation", () => {
  const compliant = [
    endpointConfig(),
    sagemakerModel(),
    notebook(),
    vertexEndpoint(),
    deployment(),
    inferenceService(),
  ];

  it.each(compliant.map((r) => [r.type, r] as const))("%s", async (_type, r) => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(paths(r.props)), async (chosen) => {
        const d = await analyze(policies, withUnknowns(r, chosen));
        expect(d.filter((x) => x.level === "mandatory")).toEqual([]);
      }),
      runs(100),
    );
  });

  it("a governed stack (resources linked by dependencies, as during preview)", async () => {
    const d = deployment();
    const stack: ResourceSpec[] = [
      modelPackageGroup(),
      ...s3ArtifactStack(),
      ...ecrStack(),
      ...sagemakerEndpointStack().all,
      awsBudget(),
      vertexEndpoint(),
      gcsBucket(),
      arRepo(),
      gcpBudget(),
      d,
      hpa(d),
      pool({ minReplicaCount: 2, maxReplicaCount: 4 }),
    ];
    expect(await analyzeStack(policies, stack)).toEqual([]);
    const choice = fc.array(fc.tuple(fc.nat(stack.length - 1), fc.nat()), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(choice, async (picks) => {
        const changed = stack.map((r, i) => {
          const all = paths(r.props);
          const chosen = picks.filter(([j]) => j === i).map(([, k]) => all[k % all.length]);
          return all.length === 0 ? r : withUnknowns(r, chosen);
        });
        const d = await analyzeStack(policies, changed);
        expect(d.filter((x) => x.level === "mandatory")).toEqual([]);
      }),
      runs(150),
    );
  });
});
