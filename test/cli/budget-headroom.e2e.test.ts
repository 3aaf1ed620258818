import Ajv from "ajv";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { policies } from "../../policy-packs/aigov/policies";
import {
  type CheckRun,
  type JsonReport,
  headroomVerdicts,
  pool,
  runAigov,
} from "../examples/run-check";

/**
 * `aigov-budget-headroom` judges the estimate that `aigov cost` prints (docs/contract.md §3): over
 * every fixture program and state file, the budgets that the report's estimate finds over are
 * exactly the ones the policy reports (test/examples checks every example the same way). Under
 * `pulumi preview` the pack gets the stack's prices and budgets from the file that
 * `aigov policy-config` writes: that file validates against the pack's config schemas and gives
 * the same verdict through the pack process, configured over the Analyzer protocol as the
 * engine configures it.
 */

const PROGRAMS = "test/fixtures/programs";
const FIXTURES: Record<string, string[]> = {
  "aws-ml": ["check", `${PROGRAMS}/aws-ml`],
  "aws-ec2": ["check", `${PROGRAMS}/aws-ec2`],
  // aigov:pricing prices ml.inf2.xlarge, which puts the aigov:budgets entry over its limit.
  "cost-mixed": ["check", `${PROGRAMS}/cost-mixed`],
  "gcp-vertex": ["check", `${PROGRAMS}/gcp-vertex`],
  "k8s-gpu": ["check", `${PROGRAMS}/k8s-gpu`],
  "state cost-prod": ["audit", "--state", "test/fixtures/state/cost-prod.json"],
  "state ml-prod": ["audit", "--state", "test/fixtures/state/ml-prod.json"],
};

let tempDir: string;
const configFile = () => path.join(tempDir, "aigov-policy-config.json");
const runs = new Map<string, CheckRun>();

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-headroom-"));
  const generated = await runAigov([
    "policy-config",
    `${PROGRAMS}/cost-mixed`,
    "--output",
    configFile(),
  ]);
  runs.set("policy-config", generated);
  const pack = ["--no-default-pack", "--policy-pack", "policy-packs/aigov"];
  const jobs: [string, string[]][] = [
    ...Object.entries(FIXTURES).map(([name, args]): [string, string[]] => [name, args]),
    [
      "pack with the generated config",
      ["check", `${PROGRAMS}/cost-mixed`, ...pack, "--policy-pack-config", configFile()],
    ],
    ["pack without it", ["check", `${PROGRAMS}/cost-mixed`, ...pack]],
  ];
  const results = await pool(
    jobs.map(
      ([, args]) =>
        () =>
          runAigov([...args, "--format", "json", "--quiet"]),
    ),
  );
  jobs.forEach(([name], i) => runs.set(name, results[i]));
}, 600_000);

afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

function report(name: string): JsonReport {
  const run = runs.get(name)!;
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`${name} printed no JSON report (exit ${run.code}):\n${run.stderr}`);
  }
}

const STACK_BUDGET =
  "urn:pulumi:prod::cost-mixed::pulumi:pulumi:Stack::cost-mixed-prod ml-platform-cost-center";

test.each(Object.keys(FIXTURES))(
  "%s: the policy reports exactly the budgets the cost estimate finds over",
  (name) => {
    const { over, reported } = headroomVerdicts(report(name));
    expect(reported).toEqual(over);
  },
);

test("the stack's price override decides the verdict, in the report and in the policy alike", () => {
  expect(headroomVerdicts(report("cost-mixed"))).toEqual({
    over: [STACK_BUDGET],
    reported: [STACK_BUDGET],
  });
});

describe("aigov policy-config, for pulumi preview --policy-pack-config", () => {
  test("writes the stack's prices, usage and budgets for the policies that read them", () => {
    expect(runs.get("policy-config")).toMatchObject({ code: 0, stdout: "" });
    const written = JSON.parse(fs.readFileSync(configFile(), "utf8"));
    expect(written).toEqual({
      "aigov-budget-headroom": {
        pricing: { "ml.inf2.xlarge": 0.99 },
        usage: {},
        budgets: [
          {
            name: "ml-platform-cost-center",
            monthlyLimitUsd: 3500,
            scope: { costCenter: "ML-1234" },
            thresholdsPercent: [50, 80, 100],
            forecastThresholdPercent: 100,
            notify: { emails: ["finops@example.com"] },
          },
        ],
      },
      "aigov-instance-allowlist": { pricing: { "ml.inf2.xlarge": 0.99 } },
    });
  });

  test("the file validates against the pack's config schemas", () => {
    const written = JSON.parse(fs.readFileSync(configFile(), "utf8")) as Record<string, object>;
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const [policy, properties] of Object.entries(written)) {
      const schema = policies.find((p) => p.name === policy)?.configSchema;
      expect(schema).toBeDefined();
      const validate = ajv.compile({ type: "object", ...schema });
      expect({ policy, errors: validate(properties) ? null : validate.errors }).toEqual({
        policy,
        errors: null,
      });
    }
  });

  test("gives the pack process the verdict of aigov check; without it the pack cannot see the override", () => {
    const withFile = headroomVerdicts(report("pack with the generated config"));
    expect(withFile).toEqual({ over: [STACK_BUDGET], reported: [STACK_BUDGET] });
    const without = headroomVerdicts(report("pack without it"));
    expect(without).toEqual({ over: [STACK_BUDGET], reported: [] });
  });
});
