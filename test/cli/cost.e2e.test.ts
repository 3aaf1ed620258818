import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** End-to-end: `aigov cost` from the sources in a subprocess, on a program and on a state file. */
const ROOT = path.join(__dirname, "..", "..");

function aigov(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "aigov.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, AIGOV_FROM_SOURCE: "1" },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let tempDir: string;
beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-cost-"));
});
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

const urn = (type: string, name: string) => `urn:pulumi:prod::cost-mixed::${type}::${name}`;

test("a program on SageMaker, Vertex AI and Kubernetes: JSON to --output, and the HTML page", () => {
  const output = path.join(tempDir, "cost.json");
  const html = path.join(tempDir, "cost.html");
  const { status, stdout, stderr } = aigov(
    "cost",
    "test/fixtures/programs/cost-mixed",
    "--format",
    "json",
    "--output",
    output,
    "--html",
    html,
    "--quiet",
  );
  expect({ status, stdout, stderr }).toEqual({ status: 0, stdout: "", stderr: "" });
  const report = JSON.parse(fs.readFileSync(output, "utf8"));
  expect([report.project, report.stack, report.currency]).toEqual(["cost-mixed", "prod", "USD"]);
  // Figures checked by hand in the fixture's comments.
  expect(
    report.resources.map((r: { name: string; monthlyUsd: object }) => [r.name, r.monthlyUsd]),
  ).toEqual([
    ["fraud-llm", { min: 2055.68, max: 4111.36 }],
    ["fraud-small", { min: 722.7, max: 722.7 }],
    ["vision-api-pool", { min: 906.66, max: 1813.32 }],
    ["vision-llm-deployment", { min: 214.98, max: 644.95 }],
    ["ranker", { min: 2070.28, max: 6210.84 }],
  ]);
  expect(report.monthlyUsd).toEqual({ min: 5970.3, max: 13503.17 });
  expect(report.byTeam).toEqual({
    search: { min: 2070.28, max: 6210.84 },
    "risk-ml": { min: 2778.38, max: 4834.06 },
    vision: { min: 1121.64, max: 2458.27 },
  });
  // ml-1234 on the GCP labels is the ML-1234 of the AWS tags.
  expect(report.byCostCenter).toEqual({
    "ML-1234": { min: 3900.02, max: 7292.33 },
    __unallocated__: { min: 2070.28, max: 6210.84 },
  });
  expect(
    report.budgets.map((b: { name: string; status: string; headroomUsd: object }) => [
      b.name,
      b.status,
      b.headroomUsd,
    ]),
  ).toEqual([
    ["risk-ml-monthly", "at-risk", { min: -1834.06, max: 221.62 }],
    ["vision-monthly", "within", { min: 541.73, max: 1878.36 }],
    ["ml-platform-cost-center", "over", { min: -3792.33, max: -400.02 }],
  ]);
  expect(report.unpriced.map((u: { urn: string; code: string }) => [u.urn, u.code])).toEqual([
    [urn("aws:sagemaker/endpoint:Endpoint", "fraud-batch"), "usage-based"],
    [urn("aws:sagemaker/endpoint:Endpoint", "research-xl"), "unknown-instance-type"],
    [urn("kubernetes:apps/v1:Deployment", "embedder"), "no-instance-type"],
  ]);
  expect(report.pricing.overrides).toEqual({ "ml.inf2.xlarge": 0.99 });

  const page = fs.readFileSync(html, "utf8");
  expect(page).toContain(
    '<g class="bar" data-team="risk-ml" data-min="2778.38" data-max="4834.06" data-budget="3000" data-status="at-risk">',
  );
  expect(page).not.toMatch(/(src|href)\s*=|<script|https?:/i);
});

test("a stack export: targets and budgets linked by name, pending deletions left out", () => {
  const { status, stdout, stderr } = aigov(
    "cost",
    "--state",
    "test/fixtures/state/cost-prod.json",
    "--format",
    "markdown",
  );
  expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
  // 2..6 × ml.g5.2xlarge ($1.515/h × 730 h = $1,105.95).
  expect(stdout).toContain(
    "## aigov cost: `fraud/prod`\n\n**Estimated monthly cost: $2,211.90 – $6,635.70** (1 priced, 0 not priced)\n",
  );
  expect(stdout).toContain(
    "| `risk-ml-monthly` (AWS budget) | team risk-ml | $5,000.00 | $2,211.90 – $6,635.70 | **at risk** | $1,635.70 over at maximum capacity, $2,788.10 left at minimum |",
  );
  expect(stdout).not.toContain("old-api");
});

test("aigov --help and aigov cost --help", () => {
  const main = aigov("--help");
  expect(main.status).toBe(0);
  expect(main.stdout).toMatch(/^aigov: .*\n\nusage: aigov <command> \[options\]\n/);
  const cost = aigov("cost", "--help");
  expect(cost.status).toBe(0);
  expect(cost.stdout).toMatch(/^usage: aigov cost \[PROGRAM_DIR\] \[options\]\n/);
  expect(cost.stdout).toContain("--html FILE");
});

test("bad aigov:pricing config is exit 2 before the program runs, for cost and check", () => {
  const program = path.join(tempDir, "bad-pricing");
  fs.mkdirSync(program);
  fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: bad-pricing\nruntime: nodejs\n");
  fs.writeFileSync(path.join(program, "index.js"), 'throw new Error("must not run");\n');
  fs.writeFileSync(
    path.join(program, "Pulumi.dev.yaml"),
    'config:\n  aigov:pricing:\n    ml.g5.xlarge: "cheap"\n',
  );
  const expected = {
    status: 2,
    stdout: "",
    stderr:
      'error: invalid aigov stack configuration:\n  aigov:pricing["ml.g5.xlarge"]: expected a positive price in USD per hour, got "cheap"\n',
  };
  const { status, stdout, stderr } = aigov("cost", program);
  expect({ status, stdout, stderr }).toEqual(expected);
  // aigov check too: its JSON report carries the estimate.
  const check = aigov("check", program, "--no-default-pack");
  expect(check).toEqual(expected);
});
