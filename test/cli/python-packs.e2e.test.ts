import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { aigov, ROOT } from "../helpers/aigov-cli";
import { faithfulVerdicts, verdictsOf } from "../helpers/faithful-verdicts";

/**
 * Python policy packs run as the engine runs them (`python -u -m pulumi.policy` in the pack's
 * virtual environment, over the same Analyzer protocol): test/fixtures/packs/faithful-python, the
 * Python twin of test/fixtures/packs/faithful, gives the same verdicts. The pack is copied to
 * `.cache/python-packs` (git-ignored), where aigov creates its virtual environment and installs
 * its requirements.txt (pulumi-policy) from PyPI on the first run; later runs reuse it.
 */
const FIXTURE = path.join(ROOT, "test", "fixtures", "packs", "faithful-python");
const PACK = path.join(ROOT, ".cache", "python-packs", "faithful-python");
const TS_PACK = "test/fixtures/packs/faithful";
const PROGRAM = "test/fixtures/programs/faithful";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AWS_VERSION: string = require("@pulumi/aws/package.json").version;

let tempDir: string;
beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-python-packs-"));
  fs.mkdirSync(PACK, { recursive: true });
  // The pack's files afresh; its virtual environment (venv/) stays.
  for (const file of fs.readdirSync(FIXTURE)) {
    fs.copyFileSync(path.join(FIXTURE, file), path.join(PACK, file));
  }
});
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

function checkWith(pack: string, ...args: string[]) {
  return aigov("check", PROGRAM, "--no-default-pack", "--policy-pack", pack, ...args);
}

// The first run installs pulumi-policy into the pack's virtual environment.
test("the Python pack gives the verdicts of its TypeScript twin", () => {
  const run = checkWith(PACK, "--format", "json");
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(fs.existsSync(path.join(PACK, "venv", "bin", "python"))).toBe(true);
  const report = JSON.parse(run.stdout);
  // The version is PulumiPolicy.yaml's, as for any pack.
  expect(report.policyPacks).toEqual([{ name: "faithful", version: "0.0.1" }]);
  expect(verdictsOf(report.violations)).toEqual(faithfulVerdicts(AWS_VERSION));
}, 900_000);

test("invalid config of the Python pack is reported as for its twin", () => {
  const config = path.join(tempDir, "bad.json");
  fs.writeFileSync(
    config,
    JSON.stringify({ "provider-version": { expected: "seven", packages: [] } }),
  );
  const python = checkWith(PACK, "--policy-pack-config", config);
  const typescript = checkWith(TS_PACK, "--policy-pack-config", config);
  expect(python.status).toBe(2);
  expect(python.stderr).toBe(typescript.stderr);
  expect(python.stderr).toContain(
    "error: validating policy config: faithful 0.0.1  provider-version: packages: Array must have at least 1 items\n",
  );
}, 300_000);

test("aigov audit runs the Python pack over a stack export, with its twin's verdicts", () => {
  const audit = (pack: string) => {
    const run = aigov(
      "audit",
      "--state",
      "test/fixtures/state/ml-prod.json",
      "--no-default-pack",
      "--policy-pack",
      pack,
      "--format",
      "json",
    );
    // The fixture's one encrypted secret cannot be read offline: the only thing on stderr.
    expect(run.stderr).toMatch(
      /^warning: 1 encrypted secret value in \S+ml-prod\.json cannot be read offline/,
    );
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout).violations;
  };
  const verdicts = verdictsOf(audit(PACK));
  expect(verdicts.length).toBeGreaterThan(0);
  expect(verdicts).toEqual(verdictsOf(audit(TS_PACK)));
}, 300_000);
