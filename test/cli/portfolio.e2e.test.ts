import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseCsv } from "csv-parse/sync";
import { parseInvocation } from "../../cli/main";
import { FINDING_IDS, type PortfolioResult } from "../../cli/portfolio/model";
import { failsOn, renderPortfolio } from "../../cli/report/portfolio";
import { ConfigError } from "../../cli/errors";
import { aigov, ROOT } from "../helpers/aigov-cli";
import { examplePortfolio } from "../helpers/portfolio";

/**
 * `aigov portfolio` over the example export set (examples/portfolio/exports) with the built-in
 * aigov pack: the review in-process once, rendered in every format, and the CLI end to end.
 */
const EXPORTS = "examples/portfolio/exports";
const AS_OF = ["--as-of", "2026-12-01"];

interface Report {
  asOf: string;
  stacks: { project: string; stack: string; resources: number; aiResources: number }[];
  assets: { assetId: string | null; kind: string; team: string | null; findings: string[] }[];
  findings: { id: string; severity: string; assetId: string | null; stack: string | null }[];
  violations: { policy: string; enforcementLevel: string }[];
  rollups: Record<string, Record<string, { monthlyUsd: { min: number; max: number } }>>;
  coverage: { all: Record<string, number>; byTeam: Record<string, Record<string, number>> };
}

let result: PortfolioResult;
let report: Report;
let tempDir: string;
const render = (format: "text" | "json" | "csv" | "markdown") =>
  renderPortfolio(result, format, { color: false });
beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-portfolio-"));
  result = await examplePortfolio();
  report = JSON.parse(render("json"));
}, 120_000);
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

test("the example exports are what examples/portfolio/generate.js writes", () => {
  const out = path.join(tempDir, "generated");
  const run = spawnSync(process.execPath, [path.join(ROOT, EXPORTS, "..", "generate.js"), out]);
  expect(run.status).toBe(0);
  const committed = fs.readdirSync(path.join(ROOT, EXPORTS)).sort();
  expect(fs.readdirSync(out).sort()).toEqual(committed);
  for (const file of committed) {
    expect(fs.readFileSync(path.join(out, file), "utf8")).toBe(
      fs.readFileSync(path.join(ROOT, EXPORTS, file), "utf8"),
    );
  }
});

test("every stack is reviewed with the pack's verdict", () => {
  expect(report.asOf).toBe("2026-12-01");
  expect(report.stacks.map((s) => `${s.project}/${s.stack}`)).toEqual([
    "fraud-platform/prod",
    "search/staging",
    "support-ai/dev",
    "vision/prod",
  ]);
  expect(report.violations.length).toBeGreaterThan(0);
  expect(report.violations.map((v) => v.policy)).toContain("aigov-lifecycle-state");
});

test("the example set shows every finding kind, on the assets it was written for", () => {
  const found = report.findings.map((f) => `${f.id} ${f.assetId ?? "-"} ${f.stack ?? "-"}`);
  expect(found.sort()).toEqual(
    [
      "unowned embed-batch search/staging",
      "orphaned-endpoint churn-api fraud-platform/prod",
      "orphaned-endpoint embed-batch search/staging",
      "redundant-fine-tune faq-tuned fraud-platform/prod",
      "redundant-fine-tune support-tuned support-ai/dev",
      "past-sunset credit-v1 fraud-platform/prod",
      "retired-still-serving ocr-legacy vision/prod",
      "production-without-card churn-api fraud-platform/prod",
      "production-without-evaluation churn-api fraud-platform/prod",
      "unbudgeted-team - vision/prod",
      "duplicate-asset-id doc-classifier -",
      "denied-license support-tuned support-ai/dev",
    ].sort(),
  );
  expect(new Set(report.findings.map((f) => f.id))).toEqual(new Set(FINDING_IDS));
  // The classifier's registry is in another stack: no single stack could tell it exists.
  expect(found).not.toContain("orphaned-endpoint doc-classifier search/staging");
});

test("assets are grouped by asset id across stacks", () => {
  const doc = report.assets.find((a) => a.assetId === "doc-classifier");
  expect(doc).toMatchObject({ kind: "endpoint", findings: ["duplicate-asset-id"] });
  expect(report.assets.find((a) => a.assetId === "fraud-registry")).toMatchObject({
    kind: "registry",
    team: "risk-ml",
    findings: [],
  });
  expect(report.assets.map((a) => a.assetId)).toEqual([
    "churn-api",
    "credit-v1",
    "doc-classifier",
    "embed-batch",
    "faq-tuned",
    "fraud-registry",
    "fraud-scoring",
    "image-tagger",
    "ocr-legacy",
    "support-tuned",
    "vision-registry",
  ]);
});

test("rollups and coverage", () => {
  expect(Object.keys(report.rollups)).toEqual([
    "byTeam",
    "byCostCenter",
    "byStage",
    "byCloud",
    "byRiskTier",
  ]);
  // Two SageMaker endpoints on 2 × ml.g5.xlarge and one on 1 × ml.m5.xlarge.
  expect(report.rollups.byTeam["risk-ml"].monthlyUsd.min).toBeGreaterThan(4000);
  expect(Object.keys(report.rollups.byCloud).sort()).toEqual(["aws", "gcp", "kubernetes"]);
  expect(report.coverage.byTeam.vision).toMatchObject({ aiResources: 4, budgeted: 0 });
  expect(report.coverage.byTeam["risk-ml"]).toMatchObject({ aiResources: 10, budgeted: 10 });
  expect(report.coverage.byTeam["support-ai"]).toMatchObject({ modelResources: 1, withLicense: 0 });
});

test("--fail-on names the findings (and `mandatory` the pack's violations) that fail the review", () => {
  expect(failsOn(result, [])).toBe(false);
  expect(failsOn(result, ["past-sunset"])).toBe(true);
  expect(failsOn(result, ["mandatory"])).toBe(true);
  const withoutSunsets = {
    ...result,
    findings: result.findings.filter((f) => f.id !== "past-sunset"),
  };
  expect(failsOn(withoutSunsets, ["past-sunset"])).toBe(false);
});

test("the CLI writes the CSV inventory and exits 5 on a --fail-on finding", () => {
  const file = path.join(tempDir, "inventory.csv");
  const run = aigov(
    "portfolio",
    EXPORTS,
    ...AS_OF,
    "--fail-on",
    "past-sunset",
    "--format",
    "csv",
    "--output",
    file,
    "--quiet",
  );
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("");
  expect(run.status).toBe(5);
  expect(fs.readFileSync(file, "utf8")).toBe(render("csv"));
}, 60_000);

test("--format csv is the asset inventory, one RFC 4180 record per asset", () => {
  const csv = render("csv");
  expect(csv).toContain("\r\n");
  const rows: Record<string, string>[] = parseCsv(csv, { columns: true });
  expect(rows.map((r) => r.asset_id)).toEqual(report.assets.map((a) => a.assetId ?? ""));
  expect(rows.find((r) => r.asset_id === "support-tuned")).toMatchObject({
    kind: "adapter",
    team: "support-ai",
    base_model: "amazon.titan-text-express-v1",
    source_datasets: "support-tickets",
    findings: "denied-license redundant-fine-tune",
  });
});

test("--format markdown and text name the findings", () => {
  const md = render("markdown");
  expect(md).toMatch(/^# aigov portfolio\n/);
  expect(md).toContain("| high | `retired-still-serving` | `ocr-legacy` | `vision/prod` |");
  expect(render("text")).toContain("4 stacks, 11 assets, 12 findings");
});

test("an unreadable export is exit 2, or skipped and named with --keep-going", () => {
  const dir = path.join(tempDir, "broken");
  fs.mkdirSync(dir);
  fs.copyFileSync(
    path.join(ROOT, EXPORTS, "support-ai-dev.json"),
    path.join(dir, "support-ai-dev.json"),
  );
  fs.writeFileSync(path.join(dir, "truncated.json"), '{"version": 3, "deploy');
  const failed = aigov("portfolio", dir);
  expect(failed.status).toBe(2);
  expect(failed.stderr).toContain(`cannot read state file ${path.join(dir, "truncated.json")}`);
  const kept = aigov("portfolio", dir, "--keep-going", "--format", "json");
  expect(kept.status).toBe(0);
  expect(kept.stderr).toContain(`warning: skipped ${path.join(dir, "truncated.json")}`);
  const json = JSON.parse(kept.stdout);
  expect(json.stacks).toHaveLength(1);
  expect(json.skipped.map((s: { file: string }) => s.file)).toEqual([
    path.join(dir, "truncated.json"),
  ]);
}, 60_000);

test.each([
  [
    ["portfolio"],
    "portfolio needs PATH...: pulumi stack export files, or directories that hold them",
  ],
  [
    ["portfolio", "x", "--as-of", "2026-02-30"],
    '--as-of must be a day as YYYY-MM-DD, not "2026-02-30"',
  ],
  [
    ["portfolio", "x", "--format", "sarif"],
    '--format must be one of text, json, csv, markdown, html for aigov portfolio, not "sarif"',
  ],
  [
    ["portfolio", "x", "--fail-on", "past-sunset,late"],
    `--fail-on: unknown finding "late": use ${[...FINDING_IDS, "mandatory"].join(", ")}`,
  ],
  [
    ["portfolio", "x", "--state", "s.json"],
    "Unknown option '--state'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--state\" (see aigov portfolio --help)",
  ],
])("rejects %j", (argv, message) => {
  expect(() => parseInvocation(argv, ROOT)).toThrow(new ConfigError(message));
});

test("parses a portfolio command line", () => {
  expect(
    parseInvocation(
      [
        "portfolio",
        "a",
        "b/",
        "--fail-on",
        "unowned,past-sunset",
        "--fail-on",
        "mandatory",
        "--keep-going",
        "--as-of",
        "2026-12-01",
        "--format",
        "markdown",
        "--output",
        "r.html",
      ],
      "/w",
    ),
  ).toMatchObject({
    command: "portfolio",
    paths: ["/w/a", "/w/b"],
    asOf: "2026-12-01",
    failOn: ["unowned", "past-sunset", "mandatory"],
    keepGoing: true,
    format: "markdown",
    output: "/w/r.html",
    quiet: false,
  });
  expect(parseInvocation(["help", "portfolio"], "/w")).toEqual({ help: "portfolio" });
  expect(parseInvocation(["portfolio", "--help"], "/w")).toEqual({ help: "portfolio" });
});
