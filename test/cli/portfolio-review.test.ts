import { parse as parseCsv } from "csv-parse/sync";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { type BudgetInfo, type MetadataKey, gcpLabelValue } from "../../sdk";
import type { AiResource, Asset, PortfolioResult } from "../../cli/portfolio/model";
import type { StackSummary } from "../../cli/portfolio/read-stack";
import { type ReviewOptions, review } from "../../cli/portfolio/review";
import { INVENTORY_COLUMNS, formatPortfolioCsv } from "../../cli/report/portfolio/csv";
import { renderPortfolio } from "../../cli/report/portfolio";

// The cross-stack review on hand-made resources: how the findings compare values across stacks
// and clouds, and what the config changes.

const OPTIONS: ReviewOptions = {
  asOf: "2026-12-01",
  deniedLicenses: ["unknown"],
  requiredBenchmarks: [],
  externalRegistries: [],
  budgetedTeams: [],
  budgetedCostCenters: [],
};

type Values = Partial<Record<MetadataKey, string>>;
const OWNED: Values = { owner: "a.b@example.com", team: "ml", "cost-center": "ML-1" };

let n = 0;
function resource(
  stack: string,
  values: Values,
  more: Partial<AiResource> & { cloud?: AiResource["cloud"] } = {},
): AiResource {
  const cloud = more.cloud ?? "aws";
  const gcp = cloud === "gcp";
  const encoded = gcp
    ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, gcpLabelValue(v as string)]))
    : values;
  n++;
  return {
    urn: `urn:pulumi:${stack}::p::aws:sagemaker/model:Model::r${n}`,
    type: "aws:sagemaker/model:Model",
    name: `r${n}`,
    stack: `p/${stack}`,
    cloud,
    gcp,
    values: encoded,
    lineage: {},
    serving: false,
    deployable: true,
    model: true,
    kind: "model",
    violations: 0,
    ...more,
  };
}

const endpoint = (stack: string, values: Values, more: Partial<AiResource> = {}) =>
  resource(stack, values, { serving: true, kind: "endpoint", ...more });

function stack(name: string, ai: AiResource[], extra: Partial<StackSummary> = {}): StackSummary {
  return {
    entry: {
      project: "p",
      stack: name,
      file: `${name}.json`,
      resources: ai.length,
      aiResources: ai.length,
      mandatory: 0,
      advisory: 0,
    },
    ai,
    registryIds: [],
    budgets: [],
    priced: [],
    ...extra,
  };
}

const budgetAll: BudgetInfo = {
  cloud: "aws",
  scope: { team: new Set(["ml"]), "cost-center": new Set(), "asset-id": new Set() },
  monthlyLimitUsd: 100,
};

function run(stacks: StackSummary[], options: Partial<ReviewOptions> = {}): PortfolioResult {
  return review(stacks, [], [], [], { ...OPTIONS, ...options });
}
const ids = (r: PortfolioResult, id?: string) =>
  r.findings.filter((f) => !id || f.id === id).map((f) => `${f.id} ${f.assetId ?? "-"}`);

const budgeted = (s: StackSummary) => ({ ...s, budgets: [budgetAll] });

describe("duplicate-asset-id", () => {
  test("compares owners in their GCP label form, so the same owner on two clouds is one", () => {
    const aws = resource("a", { ...OWNED, "asset-id": "fraud" });
    const gcp = resource("b", { ...OWNED, "asset-id": "fraud" }, { cloud: "gcp" });
    expect(
      ids(run([budgeted(stack("a", [aws])), stack("b", [gcp])]), "duplicate-asset-id"),
    ).toEqual([]);
    const other = resource(
      "b",
      { ...OWNED, owner: "x@example.com", "asset-id": "fraud" },
      { cloud: "gcp" },
    );
    const result = run([stack("a", [aws]), stack("b", [other])]);
    expect(ids(result, "duplicate-asset-id")).toEqual(["duplicate-asset-id fraud"]);
    expect(result.findings.find((f) => f.id === "duplicate-asset-id")?.message).toContain(
      "owners `a.b@example.com` (p/a) and `x_example_com` (p/b)",
    );
  });
});

describe("orphaned-endpoint", () => {
  const ep = endpoint("a", { ...OWNED, "asset-id": "api", "model-registry": "reg" });
  test("a registry in any stack, or in externalRegistries, is found", () => {
    expect(ids(run([stack("a", [ep])]), "orphaned-endpoint")).toEqual(["orphaned-endpoint api"]);
    expect(
      ids(run([stack("a", [ep]), stack("b", [], { registryIds: ["reg"] })]), "orphaned-endpoint"),
    ).toEqual([]);
    expect(
      ids(run([stack("a", [ep])], { externalRegistries: ["REG"] }), "orphaned-endpoint"),
    ).toEqual([]);
  });
  test("a serving resource without model-registry is orphaned", () => {
    const bare = endpoint("a", { ...OWNED, "asset-id": "bare" });
    expect(ids(run([stack("a", [bare])]), "orphaned-endpoint")).toEqual(["orphaned-endpoint bare"]);
  });
});

describe("retired-still-serving", () => {
  test("an asset retired in one stack and served in another", () => {
    const retired = resource("a", { ...OWNED, "asset-id": "old", stage: "retired" });
    const serving = endpoint("b", { ...OWNED, "asset-id": "old", stage: "production" });
    const result = run([stack("a", [retired]), stack("b", [serving])]);
    expect(result.findings.filter((f) => f.id === "retired-still-serving")).toMatchObject([
      { assetId: "old", stack: "p/b", urn: serving.urn },
    ]);
  });
  test("an endpoint whose model registry is retired", () => {
    const registry = resource("a", { ...OWNED, "asset-id": "reg", stage: "retired" });
    const serving = endpoint("b", { ...OWNED, "asset-id": "api", "model-registry": "reg" });
    expect(
      ids(run([stack("a", [registry]), stack("b", [serving])]), "retired-still-serving"),
    ).toEqual(["retired-still-serving api"]);
  });
});

describe("past-sunset", () => {
  test.each([
    ["2026-11-30", "deprecated", true],
    ["2026-12-01", "deprecated", false],
    ["2026-11-30", "retired", false],
    ["2026-11-30", "production", true],
  ])("sunset %s, stage %s: %s", (sunset, stage, found) => {
    const r = resource("a", { ...OWNED, "asset-id": "m", stage, "sunset-date": sunset });
    expect(ids(run([stack("a", [r])]), "past-sunset")).toEqual(found ? ["past-sunset m"] : []);
  });
});

describe("unbudgeted-team", () => {
  const r = resource("a", { ...OWNED, "asset-id": "m" });
  test("a budget of any stack, budgetedTeams or budgetedCostCenters covers the team", () => {
    expect(ids(run([stack("a", [r])]), "unbudgeted-team")).toEqual(["unbudgeted-team -"]);
    expect(ids(run([stack("a", [r]), budgeted(stack("b", []))]), "unbudgeted-team")).toEqual([]);
    expect(ids(run([stack("a", [r])], { budgetedTeams: ["ml"] }), "unbudgeted-team")).toEqual([]);
    expect(
      ids(run([stack("a", [r])], { budgetedCostCenters: ["ML-1"] }), "unbudgeted-team"),
    ).toEqual([]);
  });
  test("Kubernetes spend is covered by an AWS budget; GCP spend is not", () => {
    const k8s = resource("a", { ...OWNED, "asset-id": "k" }, { cloud: "kubernetes" });
    const gcp = resource("a", { ...OWNED, "asset-id": "g" }, { cloud: "gcp" });
    expect(ids(run([budgeted(stack("a", [k8s]))]), "unbudgeted-team")).toEqual([]);
    const result = run([budgeted(stack("a", [gcp]))]);
    expect(result.findings.find((f) => f.id === "unbudgeted-team")?.message).toContain(
      "Team `ml` owns 1 AI resource in 1 stack",
    );
  });
});

describe("production gates and licenses", () => {
  const prod = { ...OWNED, "asset-id": "m", stage: "production" };
  test("required benchmarks, in the GCP list encoding too", () => {
    const card = { "model-card": "https://x.example.com/c", "eval-status": "passed" };
    const gcp = resource(
      "a",
      { ...prod, ...card, "eval-benchmarks": "accuracy+toxicity" },
      { cloud: "gcp" },
    );
    expect(
      ids(
        run([stack("a", [gcp])], { requiredBenchmarks: ["toxicity"] }),
        "production-without-evaluation",
      ),
    ).toEqual([]);
    expect(
      run([stack("a", [gcp])], { requiredBenchmarks: ["bias"] }).findings.find(
        (f) => f.id === "production-without-evaluation",
      )?.message,
    ).toContain("the required benchmarks `bias` did not pass");
  });
  test("only deployable model resources need a card", () => {
    const registry = resource("a", prod, { deployable: false, kind: "registry" });
    expect(ids(run([stack("a", [registry])]), "production-without-card")).toEqual([]);
  });
  test("denied and not-allowed licenses", () => {
    const r = resource("a", { ...prod, "training-data-license": "cc-by-nc-4.0+mit" });
    expect(ids(run([stack("a", [r])]), "denied-license")).toEqual([]);
    const result = run([stack("a", [r])], { allowedLicenses: ["mit", "apache-2.0"] });
    expect(result.findings.find((f) => f.id === "denied-license")?.message).toContain(
      "which includes `cc-by-nc-4.0`",
    );
  });
});

describe("redundant-fine-tune", () => {
  test("the same base model and datasets on AWS and GCP, different asset ids", () => {
    const lineage = { "base-model": "meta-llama/Llama-3.1-8B", "source-datasets": "faq+tickets" };
    const a = resource("a", { ...OWNED, "asset-id": "one" }, { lineage });
    const b = resource(
      "b",
      { ...OWNED, "asset-id": "two" },
      {
        cloud: "gcp",
        lineage: {
          "base-model": gcpLabelValue(lineage["base-model"]),
          "source-datasets": gcpLabelValue(lineage["source-datasets"]),
        },
      },
    );
    const same = resource("c", { ...OWNED, "asset-id": "one" }, { lineage });
    expect(
      ids(run([stack("a", [a]), stack("b", [b]), stack("c", [same])]), "redundant-fine-tune"),
    ).toEqual(["redundant-fine-tune one", "redundant-fine-tune two"]);
    expect(ids(run([stack("a", [a]), stack("c", [same])]), "redundant-fine-tune")).toEqual([]);
  });
});

test("assets group resources by asset id across stacks and take the furthest stage", () => {
  const result = run([
    budgeted(stack("a", [resource("a", { ...OWNED, "asset-id": "m", stage: "staging" })])),
    budgeted(
      stack(
        "b",
        [endpoint("b", { ...OWNED, "asset-id": "m", stage: "production", "model-registry": "m" })],
        { registryIds: ["m"] },
      ),
    ),
  ]);
  expect(result.assets).toHaveLength(1);
  expect(result.assets[0]).toMatchObject({
    assetId: "m",
    kind: "endpoint",
    stacks: ["p/a", "p/b"],
    stage: "production",
    clouds: ["aws"],
  });
});

test("the CSV inventory quotes every field per RFC 4180, so any text reads back unchanged", () => {
  const text = fc.string({ unit: "grapheme", maxLength: 30 });
  fc.assert(
    fc.property(fc.array(fc.tuple(text, text, text), { maxLength: 5 }), (rows) => {
      const assets = rows.map(([team, owner, stage]): Asset => ({
        assetId: "a",
        kind: "model",
        clouds: ["aws"],
        stacks: ["p/s"],
        team,
        owner,
        costCenter: null,
        stage,
        dataClassification: null,
        riskTier: null,
        trainingDataLicense: null,
        baseModel: null,
        sourceDatasets: null,
        sunsetDate: null,
        monthlyUsd: { min: 0, max: 1.5 },
        resources: ["urn"],
        findings: [],
      }));
      const csv = formatPortfolioCsv({ assets } as unknown as PortfolioResult);
      const parsed: string[][] = parseCsv(csv, { relax_column_count: false });
      expect(parsed[0]).toEqual(INVENTORY_COLUMNS.map(([h]) => h));
      expect(parsed.slice(1).map((r) => [r[2], r[3], r[5]])).toEqual(rows);
    }),
  );
});

test("untrusted names and values are neutralised in the text, Markdown and HTML reports", () => {
  const hostile = 'x\u001b[31m\n| <img src=x onerror="alert(1)"> `y`';
  const r = resource(
    "a\nforged",
    { owner: hostile, team: hostile, "asset-id": "m", stage: hostile },
    { name: hostile },
  );
  const result = run([stack("a\nforged", [r])]);
  expect(result.findings.length).toBeGreaterThan(0);
  const text = renderPortfolio(result, "text", { color: false });
  expect(text).not.toContain("\u001b");
  expect(text).not.toMatch(/^forged/m);
  const md = renderPortfolio(result, "markdown", { color: false });
  expect(new MarkdownIt().render(md)).not.toContain("<img");
  expect(
    md
      .split("\n")
      .filter((l) => l.startsWith("| "))
      .every((l) => !l.includes("\n")),
  ).toBe(true);
  const html = renderPortfolio(result, "html", { color: false });
  expect(html).not.toContain("<img");
  expect(html.match(/<script>/g)).toHaveLength(1);
});
