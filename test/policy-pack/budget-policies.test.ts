import { budgetCoverage, budgetHeadroom } from "../../policy-packs/aigov/policies";
import { UNKNOWN_VALUE, analyzeStack, runStack, serverMessage, urnOf } from "./harness";
import {
  awsBudget,
  deployment,
  gcpBudget,
  meta,
  s3ArtifactStack,
  sagemakerEndpointStack,
  vertexEndpoint,
  edit,
} from "./fixtures";

const messages = async (...args: Parameters<typeof runStack>) =>
  (await runStack(...args)).violations.map((v) => [v.urn, v.message]);

describe("aigov-budget-coverage", () => {
  const aws = [...sagemakerEndpointStack().all, ...s3ArtifactStack()];

  it("passes teams covered by a budget of their cloud (team or cost center)", async () => {
    expect(await analyzeStack([budgetCoverage], [...aws, awsBudget()])).toEqual([]);
    const byCostCenter = awsBudget();
    edit(
      byCostCenter,
      ["costFilters"],
      [{ name: "TagKeyValue", values: ["user:aigov:cost-center$FIN-1234"] }],
    );
    expect(await analyzeStack([budgetCoverage], [...aws, byCostCenter])).toEqual([]);
    const expr = awsBudget();
    edit(expr, ["costFilters"], undefined);
    edit(expr, ["filterExpression"], {
      ands: [
        { tags: { key: "aigov:team", values: ["risk-ml"], matchOptions: ["EQUALS"] } },
        { dimensions: { key: "SERVICE", values: ["Amazon SageMaker"] } },
      ],
    });
    expect(await analyzeStack([budgetCoverage], [...aws, expr])).toEqual([]);
    expect(await analyzeStack([budgetCoverage], [vertexEndpoint(), gcpBudget()])).toEqual([]);
    expect(await analyzeStack([budgetCoverage], [deployment(), gcpBudget()])).toEqual([]);
  });

  it("reports an uncovered team once, on its first AI resource by URN, as mandatory", async () => {
    const expected = [
      {
        policy: "aigov-budget-coverage",
        level: "mandatory",
        urn: urnOf("aws:s3/bucket:Bucket", "artifacts"),
        message: serverMessage(
          budgetCoverage,
          "Team `risk-ml` owns S3 Bucket `artifacts` and 3 more AI resource(s) but no AWS budget in the stack covers it: add an aws.budgets.Budget with a `TagKeyValue` cost filter `user:aigov:team$risk-ml` (or `user:aigov:cost-center$<cost center>`), or list `risk-ml` in `budgetedTeams` if its budget lives elsewhere.",
        ),
      },
    ];
    expect(await analyzeStack([budgetCoverage], [...aws, awsBudget("other-team")])).toEqual(
      expected,
    );
    // Whatever order the engine passes the resources in (registration, snapshot or URN order).
    expect(
      await analyzeStack([budgetCoverage], [...aws, awsBudget("other-team")].reverse()),
    ).toEqual(expected);
  });

  it("requires a budget of the resource's cloud", async () => {
    expect(await messages(budgetCoverage, [vertexEndpoint(), awsBudget()])).toEqual([
      [
        vertexEndpoint().urn,
        'Team `risk-ml` owns Vertex AI Endpoint `vertex-endpoint` but no GCP budget in the stack covers it: add a gcp.billing.Budget with `budgetFilter.labels` `{"aigov-team": "risk-ml"}` (or `aigov-cost-center`), or list `risk-ml` in `budgetedTeams` if its budget lives elsewhere.',
      ],
    ]);
    expect(await messages(budgetCoverage, [deployment()])).toEqual([
      [
        deployment().urn,
        "Team `risk-ml` owns Kubernetes Deployment `server` but no budget in the stack covers it: add an AWS or GCP budget that filters on the team `risk-ml` or its cost center, or list `risk-ml` in `budgetedTeams` if its budget lives elsewhere.",
      ],
    ]);
  });

  it("accepts budgetedTeams and budgetedCostCenters from config", async () => {
    expect(await messages(budgetCoverage, aws, { budgetedTeams: ["risk-ml"] })).toEqual([]);
    expect(
      await messages(budgetCoverage, [vertexEndpoint()], { budgetedCostCenters: ["FIN-1234"] }),
    ).toEqual([]);
    expect(await messages(budgetCoverage, aws, { budgetedTeams: ["other"] })).toHaveLength(1);
  });

  it("counts extraResourceTypes as AI resources", async () => {
    const extra = {
      type: "aws:comprehend/endpoint:Endpoint",
      name: "c",
      props: { tags: { "aigov:team": "nlp" } },
    };
    expect(await messages(budgetCoverage, [extra])).toEqual([]);
    expect(
      await messages(budgetCoverage, [extra], {
        extraResourceTypes: ["aws:comprehend/endpoint:Endpoint"],
      }),
    ).toHaveLength(1);
  });

  it("never reports while a budget filter is not known yet", async () => {
    const b = awsBudget();
    edit(b, ["costFilters"], UNKNOWN_VALUE);
    expect(await analyzeStack([budgetCoverage], [...aws, b])).toEqual([]);
  });
});

describe("aigov-budget-headroom", () => {
  // 2 × ml.m5.xlarge at $0.23/hour = $335.80 a month.
  const ep = sagemakerEndpointStack().all;

  it("passes budgets that cover the minimum monthly cost of their scope", async () => {
    expect(await analyzeStack([budgetHeadroom], [...ep, awsBudget("risk-ml", "400.00")])).toEqual(
      [],
    );
    expect(await analyzeStack([budgetHeadroom], [...ep, awsBudget("other", "10.00")])).toEqual([]);
  });

  it("reports a budget below the minimum cost of its scope, as advisory on the budget URN", async () => {
    const b = awsBudget("risk-ml", "300.00");
    expect(await analyzeStack([budgetHeadroom], [...ep, b])).toEqual([
      {
        policy: "aigov-budget-headroom",
        level: "advisory",
        urn: b.urn,
        message: serverMessage(
          budgetHeadroom,
          "AWS Budget `risk-ml-monthly` allows $300.00 a month, but the AI resources in its scope (team `risk-ml`) cost at least $335.80 a month at on-demand list prices (SageMaker Endpoint `ep-endpoint` $335.80): raise the budget's limit or reduce their minimum capacity.",
        ),
      },
    ]);
  });

  it("uses pricing overrides and prices deployed Vertex models for GCP budgets", async () => {
    expect(
      await messages(budgetHeadroom, [...ep, awsBudget("risk-ml", "300.00")], {
        pricing: { "ml.m5.xlarge": 0.2 },
      }),
    ).toEqual([]);
    const deployed = [
      {
        dedicatedResources: {
          machineSpec: { machineType: "n1-standard-4" },
          minReplicaCount: 2,
          maxReplicaCount: 4,
        },
      },
    ];
    const v = vertexEndpoint({ deployedModels: deployed });
    const b = gcpBudget("risk-ml", "100");
    expect(await messages(budgetHeadroom, [v, b])).toEqual([
      [
        b.urn,
        "GCP Budget `risk-ml` allows $100.00 a month, but the AI resources in its scope (team `risk-ml`) cost at least $319.01 a month at on-demand list prices (Vertex AI Endpoint `vertex-endpoint` $319.01): raise the budget's limit or reduce their minimum capacity.",
      ],
    ]);
  });

  it("judges the estimate of aigov cost: overrides, aigov:budgets without a resource, Kubernetes nodes", async () => {
    // A price override puts a budget that the catalog keeps within its limit over it.
    const b = awsBudget("risk-ml", "400.00");
    expect(await messages(budgetHeadroom, [...ep, b])).toEqual([]);
    expect(
      await messages(budgetHeadroom, [...ep, b], { pricing: { "ml.m5.xlarge": 0.5 } }),
    ).toEqual([
      [
        b.urn,
        "AWS Budget `risk-ml-monthly` allows $400.00 a month, but the AI resources in its scope (team `risk-ml`) cost at least $730.00 a month at on-demand list prices with the stack's `aigov:pricing` overrides (SageMaker Endpoint `ep-endpoint` $730.00): raise the budget's limit or reduce their minimum capacity.",
      ],
    ]);
    // A budget of aigov:budgets that no budget resource carries is judged on the stack; a
    // Kubernetes GPU workload on a priced node type counts (2 pods on g5.xlarge nodes at $1.006/h).
    const gpu = deployment({}, undefined, {
      nodeSelector: { "node.kubernetes.io/instance-type": "g5.xlarge" },
    });
    const budgets = [
      { name: "risk-ml-cfg", monthlyLimitUsd: 1000, scope: { costCenter: "FIN-1234" } },
    ];
    expect(await messages(budgetHeadroom, [...ep, gpu], { budgets })).toEqual([
      [
        undefined,
        "Budget `risk-ml-cfg` of `aigov:budgets` (no budget resource in the stack) allows $1,000.00 a month, but the AI resources in its scope (cost-center `FIN-1234`) cost at least $1,804.56 a month at on-demand list prices (Kubernetes Deployment `server` $1,468.76, SageMaker Endpoint `ep-endpoint` $335.80): raise the budget's limit or reduce their minimum capacity.",
      ],
    ]);
  });

  it("skips budgets whose limit or scope is not known yet", async () => {
    const b = awsBudget("risk-ml", UNKNOWN_VALUE);
    expect(await analyzeStack([budgetHeadroom], [...ep, b])).toEqual([]);
    const staging = sagemakerEndpointStack({}, meta({ stage: "staging" }), "s").all;
    expect(
      await analyzeStack([budgetHeadroom], [...staging, awsBudget("risk-ml", "300.00")]),
    ).toHaveLength(1);
  });
});
