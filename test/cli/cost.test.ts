import { estimateCost } from "../../cli/cost";
import { analyzeCost } from "../../cli/cost/estimate";
import { UNALLOCATED } from "../../sdk";
import type { CostResult } from "../../cli/cost/run";
import { ConfigError } from "../../cli/errors";
import type { StackResource } from "../../cli/model";
import { UNKNOWN } from "../../cli/properties";
import { renderCostReport } from "../../cli/report/cost";
import { formatCostHtml, niceStep, teamRows } from "../../cli/report/cost/html";
import {
  STACK,
  awsBudget,
  gcpBudget,
  gpuDeployment,
  resource,
  sagemakerEndpoint,
  stackResource,
  urn,
  vertexPool,
} from "./cost-fixtures";

const ENDPOINT = "aws:sagemaker/endpoint:Endpoint";
const VISION_LABELS = {
  "aigov-team": "vision",
  "aigov-cost-center": "ml-1234",
  "aigov-asset-id": "vision-api",
};
const budgetsConfig = (budgets: unknown[]) => ({ "aigov:budgets": JSON.stringify(budgets) });

describe("SageMaker endpoints", () => {
  test("an ml.g5.xlarge endpoint with a 2..4 autoscaling target: 2 × 1.408 × 730 .. 4 × 1.408 × 730", () => {
    const a = analyzeCost([
      stackResource,
      ...sagemakerEndpoint("fraud", { target: { min: 2, max: 4 } }),
    ]);
    expect(a.monthlyUsd).toEqual({ min: 2055.68, max: 4111.36 });
    expect(a.resources).toEqual([
      {
        urn: urn(ENDPOINT, "fraud"),
        type: ENDPOINT,
        name: "fraud",
        part: "variant main",
        cloud: "aws",
        team: "risk-ml",
        costCenter: "ML-1234",
        assetId: "fraud",
        stage: "production",
        service: "sagemaker",
        instanceType: "ml.g5.xlarge",
        replicas: { min: 2, max: 4 },
        replicasFrom: "autoscaling target fraud-scaling",
        spot: false,
        usdPerReplicaHour: 1.408,
        monthlyUsd: { min: 2055.68, max: 4111.36 },
        priceSource: "catalog",
      },
    ]);
    expect(a.byTeam).toEqual({ "risk-ml": { min: 2055.68, max: 4111.36 } });
    expect(a.byCostCenter).toEqual({ "ML-1234": { min: 2055.68, max: 4111.36 } });
    expect(a.byAsset).toEqual({ fraud: { min: 2055.68, max: 4111.36 } });
    expect(a.unpriced).toEqual([]);
  });

  test("without a target, the variant's initialInstanceCount is both bounds", () => {
    const a = analyzeCost(sagemakerEndpoint("fraud", { initialInstanceCount: 3 }));
    expect(a.resources[0]).toMatchObject({
      replicas: { min: 3, max: 3 },
      replicasFrom: "initialInstanceCount (no autoscaling target)",
      monthlyUsd: { min: 3083.52, max: 3083.52 },
    });
  });

  test("a target linked only through the dependency on the endpoint (resourceId unknown)", () => {
    const [config, endpoint, target] = sagemakerEndpoint("fraud", { target: { min: 1, max: 5 } });
    const unknownTarget = {
      ...target,
      inputs: { ...target.inputs, resourceId: UNKNOWN },
      outputs: { ...target.outputs, resourceId: UNKNOWN },
    };
    const a = analyzeCost([config, endpoint, unknownTarget]);
    expect(a.resources[0].replicas).toEqual({ min: 1, max: 5 });
    expect(a.monthlyUsd).toEqual({ min: 1027.84, max: 5139.2 });
  });

  test("aigov:pricing overrides the catalog", () => {
    const a = analyzeCost(sagemakerEndpoint("fraud", { target: { min: 2, max: 4 } }), {
      config: { "aigov:pricing": '{"ml.g5.xlarge": 1.2}' },
    });
    expect(a.resources[0]).toMatchObject({
      usdPerReplicaHour: 1.2,
      monthlyUsd: { min: 1752, max: 3504 },
      priceSource: "override",
    });
    expect(a.pricing.overrides).toEqual({ "ml.g5.xlarge": 1.2 });
  });

  test("serverless variants, unknown instance types and unknown values are listed, not priced as zero", () => {
    const a = analyzeCost([
      ...sagemakerEndpoint("priced", { initialInstanceCount: 1 }),
      ...sagemakerEndpoint("sls", { serverless: true }),
      ...sagemakerEndpoint("odd", { instanceType: "ml.x9.mega", initialInstanceCount: 1 }),
      ...sagemakerEndpoint("later", { instanceType: UNKNOWN, initialInstanceCount: 1 }),
    ]);
    expect(a.monthlyUsd).toEqual({ min: 1027.84, max: 1027.84 });
    expect(a.unpriced.map((u) => [u.name, u.code, u.instanceType, u.reason])).toEqual([
      [
        "sls",
        "usage-based",
        undefined,
        "serverless variant: billed per request and compute time, not per instance-hour",
      ],
      [
        "odd",
        "unknown-instance-type",
        "ml.x9.mega",
        "`ml.x9.mega` has no sagemaker price in the offline catalog: add its USD/hour to the stack config `aigov:pricing`",
      ],
      ["later", "not-known", undefined, "its instance type is not known until deployment"],
    ]);
    expect(a.unpriced[0]).toMatchObject({ urn: urn(ENDPOINT, "sls"), team: "risk-ml" });
  });

  test("an endpoint whose configuration is not in the stack is listed", () => {
    const [, endpoint] = sagemakerEndpoint("orphan");
    const a = analyzeCost([{ ...endpoint, dependencies: [], propertyDependencies: {} }]);
    expect(a.unpriced).toMatchObject([
      {
        name: "orphan",
        code: "no-capacity",
        reason:
          "its endpoint configuration `orphan-config-1234567` is not in this stack, so its instances are not known",
      },
    ]);
  });
});

describe("Vertex AI", () => {
  test("a shared pool takes its component's labels; accelerators are added per replica", () => {
    const a = analyzeCost(vertexPool("vision", VISION_LABELS));
    // (n1-standard-4 0.2185 + T4 0.4025) × 730 = 453.33 per replica, 1..2 replicas.
    expect(a.resources).toMatchObject([
      {
        name: "vision-pool",
        cloud: "gcp",
        team: "vision",
        assetId: "vision-api",
        service: "vertex",
        instanceType: "n1-standard-4",
        accelerators: { type: "NVIDIA_TESLA_T4", count: 1 },
        usdPerReplicaHour: 0.621,
        monthlyUsd: { min: 453.33, max: 906.66 },
      },
    ]);
    // The endpoint's own capacity is the pool's: it is not listed as unpriced.
    expect(a.unpriced).toEqual([]);
  });

  test("a spot Model Garden deployment gets the spot factors of the machine and its GPUs", () => {
    const deployment = resource({
      type: "gcp:vertex/aiEndpointWithModelGardenDeployment:AiEndpointWithModelGardenDeployment",
      name: "gemma",
      props: {
        location: "us-central1",
        deployConfig: {
          dedicatedResources: {
            machineSpec: {
              machineType: "n1-standard-4",
              acceleratorType: "NVIDIA_TESLA_T4",
              acceleratorCount: 2,
            },
            minReplicaCount: 1,
            maxReplicaCount: 2,
            spot: true,
          },
        },
      },
    });
    const a = analyzeCost([deployment]);
    // 0.2185 × 0.3 + 2 × 0.4025 × 0.31 = 0.06555 + 0.24955 = 0.3151/h; × 730 = 230.023.
    expect(a.resources[0]).toMatchObject({
      spot: true,
      usdPerReplicaHour: 0.3151,
      monthlyUsd: { min: 230.02, max: 460.05 },
    });
    expect(a.resources[0].team).toBeUndefined();
    expect(a.byTeam).toEqual({ [UNALLOCATED]: { min: 230.02, max: 460.05 } });
  });

  test("an endpoint with no deployed model is listed", () => {
    const endpoint = resource({
      type: "gcp:vertex/aiEndpoint:AiEndpoint",
      name: "empty",
      props: { displayName: "empty", labels: VISION_LABELS, deployedModels: UNKNOWN },
    });
    expect(analyzeCost([endpoint]).unpriced).toMatchObject([
      { name: "empty", code: "no-capacity", team: "vision" },
    ]);
  });
});

describe("Kubernetes", () => {
  test("a GPU pod pays its share of the selected node; the HPA sets the bounds", () => {
    const a = analyzeCost(
      gpuDeployment("ranker", { nodeType: "g5.12xlarge", hpa: { min: 2, max: 6 } }),
    );
    // g5.12xlarge $5.672/h with 4 GPUs; 1 GPU per pod = $1.418/h; × 730 × 2..6.
    expect(a.resources).toMatchObject([
      {
        name: "ranker",
        cloud: "kubernetes",
        service: "ec2",
        instanceType: "g5.12xlarge",
        nodeShare: { fraction: 0.25, basis: "1 of the node's 4 GPUs" },
        replicas: { min: 2, max: 6 },
        replicasFrom: "HorizontalPodAutoscaler ranker-hpa",
        usdPerReplicaHour: 1.418,
        monthlyUsd: { min: 2070.28, max: 6210.84 },
        team: "search",
      },
    ]);
  });

  test("spot node selectors get the spot factor; replicas without an autoscaler are both bounds", () => {
    const a = analyzeCost(gpuDeployment("spot", { nodeType: "g5.xlarge", spot: true }));
    // g5.xlarge $1.006/h × 0.35 = $0.3521/h × 730 = $257.033.
    expect(a.resources[0]).toMatchObject({
      spot: true,
      replicas: { min: 1, max: 1 },
      usdPerReplicaHour: 0.3521,
      monthlyUsd: { min: 257.03, max: 257.03 },
    });
  });

  test("a required node affinity on one instance type stands for the node selector", () => {
    const [deployment] = gpuDeployment("pinned", {});
    const spec = (deployment.inputs.spec as { template: { spec: Record<string, unknown> } })
      .template.spec;
    spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: "node.kubernetes.io/instance-type", operator: "In", values: ["g5.xlarge"] },
              ],
            },
          ],
        },
      },
    };
    // g5.xlarge $1.006/h, its one GPU per pod, one pod: $734.38.
    expect(analyzeCost([deployment]).resources[0]).toMatchObject({
      instanceType: "g5.xlarge",
      nodeShare: { fraction: 1, basis: "1 of the node's 1 GPUs" },
      monthlyUsd: { min: 734.38, max: 734.38 },
    });
  });

  test("without an instance-type selector, or with more GPUs than the node has, it is listed", () => {
    const a = analyzeCost([
      ...gpuDeployment("anywhere", {}),
      ...gpuDeployment("greedy", { nodeType: "g5.xlarge", gpus: 2 }),
    ]);
    expect(a.resources).toEqual([]);
    expect(a.unpriced.map((u) => [u.name, u.code])).toEqual([
      ["anywhere", "no-instance-type"],
      ["greedy", "unsupported"],
    ]);
    expect(a.unpriced[1].reason).toBe(
      "each replica requests 2 accelerators, but a g5.xlarge node has 1",
    );
  });
});

describe("budgets", () => {
  const stack: StackResource[] = [
    stackResource,
    ...sagemakerEndpoint("fraud", { target: { min: 2, max: 4 } }),
    ...sagemakerEndpoint("sls", { serverless: true }),
    ...vertexPool("vision", VISION_LABELS),
    awsBudget("risk-ml-monthly", 3000, "user:aigov:team$risk-ml"),
    awsBudget("vision-on-aws", 100, "user:aigov:team$vision"),
    gcpBudget("vision-monthly", 1000, { "aigov-team": "vision" }),
  ];
  const config = budgetsConfig([
    { name: "ml-cost-center", monthlyLimitUsd: 1500, scope: { costCenter: "ML-1234" } },
    { name: "risk-ml-monthly", monthlyLimitUsd: 3000, scope: { team: "risk-ml" } },
  ]);
  const a = analyzeCost(stack, { config });
  const budget = (name: string) => a.budgets.find((b) => b.name === name);

  test("headroom when the maximum exceeds the limit but the minimum does not: at risk", () => {
    expect(budget("risk-ml-monthly")).toEqual({
      name: "risk-ml-monthly",
      source: "stack",
      urn: urn("aws:budgets/budget:Budget", "risk-ml-monthly"),
      cloud: "aws",
      // The aigov:budgets entry of the same name is this budget: it is not counted twice.
      inStackConfig: true,
      scope: { team: ["risk-ml"] },
      monthlyLimitUsd: 3000,
      estimatedMonthlyUsd: { min: 2055.68, max: 4111.36 },
      headroomUsd: { min: -1111.36, max: 944.32 },
      status: "at-risk",
      resources: [urn(ENDPOINT, "fraud")],
      // The serverless endpoint is in scope but has no price.
      unpriced: 1,
    });
    expect(a.budgets.filter((b) => b.name === "risk-ml-monthly")).toHaveLength(1);
  });

  test("within: the limit covers the maximum", () => {
    expect(budget("vision-monthly")).toMatchObject({
      cloud: "gcp",
      estimatedMonthlyUsd: { min: 453.33, max: 906.66 },
      headroomUsd: { min: 93.34, max: 546.67 },
      status: "within",
    });
  });

  test("a config budget sees every cloud; GCP label values meet their verbatim spelling", () => {
    // ML-1234 on the SageMaker endpoint, ml-1234 on the Vertex pool: one cost center.
    expect(budget("ml-cost-center")).toMatchObject({
      source: "aigov:budgets",
      scope: { costCenter: ["ML-1234"] },
      estimatedMonthlyUsd: { min: 2509.01, max: 5018.02 },
      headroomUsd: { min: -3518.02, max: -1009.01 },
      status: "over",
      unpriced: 1,
    });
    expect(a.byCostCenter).toEqual({ "ML-1234": { min: 2509.01, max: 5018.02 } });
  });

  test("GCP label values take the spelling of aigov:defaults too", () => {
    const gcpOnly = analyzeCost(vertexPool("vision", VISION_LABELS), {
      config: { "aigov:defaults": '{"costCenter": "ML-1234"}' },
    });
    expect(Object.keys(gcpOnly.byCostCenter)).toEqual(["ML-1234"]);
    expect(Object.keys(analyzeCost(vertexPool("vision", VISION_LABELS)).byCostCenter)).toEqual([
      "ml-1234",
    ]);
  });

  test("a cloud budget sees only its cloud's bill", () => {
    expect(budget("vision-on-aws")).toMatchObject({
      estimatedMonthlyUsd: { min: 0, max: 0 },
      status: "within",
      resources: [],
    });
  });

  test("a budget whose filter or limit is not known yet is listed as unknown", () => {
    const unknownFilter = {
      ...awsBudget("later", 10, "x"),
      outputs: { ...awsBudget("later", 10, "x").outputs, costFilters: UNKNOWN },
    };
    const b = analyzeCost([unknownFilter]).budgets[0];
    expect(b).toMatchObject({ scope: null, status: "within" });
    const euro = awsBudget("euro", 10, "user:aigov:team$risk-ml");
    const noLimit = { ...euro, outputs: { ...euro.outputs, limitUnit: "EUR" } };
    expect(analyzeCost([noLimit]).budgets[0]).toMatchObject({
      monthlyLimitUsd: null,
      headroomUsd: null,
      status: "unknown",
    });
  });

  test("bad aigov config is a configuration error naming each key", () => {
    expect(() =>
      analyzeCost([], {
        config: {
          "aigov:pricing": '{"ml.g5.xlarge": -1}',
          "aigov:budgets": '[{"name": "x", "monthlyLimitUsd": "5k", "scope": {"team": "a"}}]',
        },
      }),
    ).toThrow(ConfigError);
    expect(() =>
      analyzeCost([], {
        config: {
          "aigov:budgets": '[{"name": "x", "monthlyLimitUsd": "5k", "scope": {"team": "a"}}]',
        },
      }),
    ).toThrow('aigov:budgets[0].monthlyLimitUsd: expected a positive number, got "5k"');
  });
});

describe("aigov:usage", () => {
  test("reaches the estimate and its reports; no token is priced yet", () => {
    const usage = { "support-bot": { inputTokensPerMonth: 2e8, outputTokensPerMonth: 4e7 } };
    const analysis = analyzeCost([stackResource, ...sagemakerEndpoint("fraud")], {
      config: { "aigov:usage": JSON.stringify(usage) },
    });
    expect(analysis.pricing.usage).toEqual(usage);
    expect(analysis.monthlyUsd).toEqual(
      analyzeCost([stackResource, ...sagemakerEndpoint("fraud")]).monthlyUsd,
    );
    const result: CostResult = { project: "ml", stack: "prod", source: "/repo", analysis };
    expect(JSON.parse(renderCostReport(result, "json", { color: false })).pricing.usage).toEqual(
      usage,
    );
    expect(renderCostReport(result, "text", { color: false })).toContain(
      "aigov:usage of 1 asset, not priced: the catalog has no token prices yet",
    );
  });

  test("bad usage is a configuration error naming its key path", () => {
    expect(() =>
      analyzeCost([], {
        config: { "aigov:usage": '{"support-bot": {"inputTokensPerMonth": "lots"}}' },
      }),
    ).toThrow(
      'aigov:usage["support-bot"].inputTokensPerMonth: expected the number of input tokens a month (a number ≥ 0), got "lots"',
    );
  });
});

describe("the check report's cost field", () => {
  test("is the same estimate, in the shape of docs/contract.md §5", () => {
    const resources = [
      stackResource,
      ...sagemakerEndpoint("fraud", { target: { min: 2, max: 4 } }),
      ...sagemakerEndpoint("odd", { instanceType: "ml.x9.mega", initialInstanceCount: 1 }),
      awsBudget("risk-ml-monthly", 3000, "user:aigov:team$risk-ml"),
    ];
    const cost = estimateCost(resources);
    expect(Object.keys(cost)).toEqual([
      "monthlyUsd",
      "byTeam",
      "byCostCenter",
      "byAsset",
      "budgets",
      "unpriced",
    ]);
    expect(cost.monthlyUsd).toEqual({ min: 2055.68, max: 4111.36 });
    expect(cost.byTeam).toEqual({ "risk-ml": { min: 2055.68, max: 4111.36 } });
    expect(cost.budgets.map((b) => [b.name, b.status])).toEqual([["risk-ml-monthly", "at-risk"]]);
    expect(cost.unpriced).toEqual([
      {
        urn: urn(ENDPOINT, "odd"),
        part: "variant main",
        instanceType: "ml.x9.mega",
        code: "unknown-instance-type",
        reason:
          "`ml.x9.mega` has no sagemaker price in the offline catalog: add its USD/hour to the stack config `aigov:pricing`",
      },
    ]);
    expect(estimateCost([])).toEqual({
      monthlyUsd: { min: 0, max: 0 },
      byTeam: {},
      byCostCenter: {},
      byAsset: {},
      budgets: [],
      unpriced: [],
    });
  });
});

describe("reports", () => {
  const result: CostResult = {
    project: "ml",
    stack: "prod",
    source: "/repo/infra",
    analysis: analyzeCost(
      [
        stackResource,
        ...sagemakerEndpoint("fraud", { target: { min: 2, max: 4 } }),
        ...sagemakerEndpoint("sls", { serverless: true }),
        ...vertexPool("vision", VISION_LABELS),
        ...gpuDeployment("ranker", { nodeType: "g5.12xlarge", hpa: { min: 2, max: 6 } }),
        awsBudget("risk-ml-monthly", 3000, "user:aigov:team$risk-ml"),
        gcpBudget("vision-monthly", 1000, { "aigov-team": "vision" }),
      ],
      {
        config: budgetsConfig([
          { name: "<b>cc</b> & co", monthlyLimitUsd: 1500, scope: { costCenter: "ML-1234" } },
        ]),
      },
    ),
  };

  test("text: totals, rollups, budgets with their headroom, resources and what is not priced", () => {
    const text = renderCostReport(result, "text", { color: false });
    expect(text).toContain("Estimated monthly cost: $4,579.29 – $11,228.86\n");
    expect(text).toContain("  search   $2,070.28 – $6,210.84\n");
    expect(text).toMatch(
      /risk-ml-monthly +AWS budget, team risk-ml +limit \$3,000\.00 +estimate \$2,055\.68 – \$4,111\.36 +at risk\n {4}\$1,111\.36 over at maximum capacity, \$944\.32 left at minimum; 1 in scope not priced\n/,
    );
    expect(text).toContain("(no cost center)");
    expect(text).toContain(
      "    pods: 2–6 × g5.12xlarge (25% of a node each: 1 of the node's 4 GPUs) at $1.418/h each; HorizontalPodAutoscaler ranker-hpa\n",
    );
    expect(text).toContain(
      "  SageMaker Endpoint sls, variant main:\n    serverless variant: billed per request and compute time, not per instance-hour\n",
    );
  });

  test("markdown escapes names and shows the budget table", () => {
    const md = renderCostReport(result, "markdown", { color: false });
    expect(md).toContain(
      "## aigov cost: `ml/prod`\n\n**Estimated monthly cost: $4,579.29 – $11,228.86** (3 priced, 1 not priced)",
    );
    expect(md).toContain(
      "| `risk-ml-monthly` (AWS budget) | team risk-ml | $3,000.00 | $2,055.68 – $4,111.36 | **at risk** |",
    );
    expect(md).toContain("| `<b>cc</b> & co` (aigov:budgets) |");
  });

  test("json: the analysis with the project and stack", () => {
    const json = JSON.parse(renderCostReport(result, "json", { color: false }));
    expect(json).toMatchObject({ project: "ml", stack: "prod", currency: "USD" });
    expect(json.monthlyUsd).toEqual({ min: 4579.29, max: 11228.86 });
    expect(json.resources).toHaveLength(3);
  });

  test("team rows: the estimate against the budgets on that team alone", () => {
    expect(teamRows(result.analysis)).toEqual([
      {
        team: "search",
        estimate: { min: 2070.28, max: 6210.84 },
        budget: null,
        budgets: [],
        status: "none",
        unpriced: 0,
      },
      {
        team: "risk-ml",
        estimate: { min: 2055.68, max: 4111.36 },
        budget: 3000,
        budgets: ["risk-ml-monthly"],
        status: "at-risk",
        // The serverless endpoint.
        unpriced: 1,
      },
      {
        team: "vision",
        estimate: { min: 453.33, max: 906.66 },
        budget: 1000,
        budgets: ["vision-monthly"],
        status: "within",
        unpriced: 0,
      },
    ]);
  });

  test("html: one self-contained page with a bar per team, its numbers and budget marker", () => {
    const html = formatCostHtml(result);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const bars = [
      ...html.matchAll(
        /<g class="bar" data-team="([^"]*)" data-min="([^"]*)" data-max="([^"]*)" data-budget="([^"]*)" data-status="([^"]*)">/g,
      ),
    ].map((m) => m.slice(1));
    expect(bars).toEqual([
      ["search", "2070.28", "6210.84", "", "none"],
      ["risk-ml", "2055.68", "4111.36", "3000", "at-risk"],
      ["vision", "453.33", "906.66", "1000", "within"],
    ]);
    // Visible figures, the budget markers (two team budgets) and the tooltips.
    expect(html).toContain(">$2,056 – $4,111</text>");
    expect(html).toContain(">budget $3,000 · at risk · 1 not priced</text>");
    expect(html.match(/<line class="budget"/g)).toHaveLength(2);
    expect(html).toContain(
      "<title>risk-ml: $2,055.68 – $4,111.36 a month, budget $3,000.00 (risk-ml-monthly)</title>",
    );
    // Budget table, escaped names, resources and the unpriced section.
    expect(html).toContain("&lt;b&gt;cc&lt;/b&gt; &amp; co");
    expect(html).not.toContain("<b>cc</b>");
    expect(html).toContain('Not priced <span class="count">1</span>');
    // Self-contained: no script, no external reference.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:/);
  });

  test("html without priced resources or budgets still renders", () => {
    const html = formatCostHtml({ ...result, analysis: analyzeCost([]) });
    expect(html).toContain("No serving resource was priced, so there is nothing to chart.");
    expect(html).toContain("No budget in the stack");
  });

  test("axis steps are 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([niceStep(4111.36 * 1.05), niceStep(906), niceStep(12), niceStep(0)]).toEqual([
      1000, 200, 2.5, 1,
    ]);
  });
});

test("the stack itself and components without capacity cost nothing", () => {
  const component = resource({ type: "aigov:index:Thing", name: "thing", custom: false });
  expect(analyzeCost([stackResource, component])).toMatchObject({
    monthlyUsd: { min: 0, max: 0 },
    resources: [],
    unpriced: [],
    budgets: [],
  });
  expect(STACK).toBe(stackResource.urn);
});
