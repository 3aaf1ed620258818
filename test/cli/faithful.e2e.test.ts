import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { aigov } from "../helpers/aigov-cli";
import { faithfulVerdicts, verdictsOf } from "../helpers/faithful-verdicts";

/**
 * `aigov check` hands packs what the Pulumi engine hands them, and words what it prints as the
 * Pulumi CLI does (issue 19), through a pack of our own that reports what it sees.
 */
const PROGRAM = "test/fixtures/programs/faithful";
const PACK = "test/fixtures/packs/faithful";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AWS_VERSION: string = require("@pulumi/aws/package.json").version;

let tempDir: string;
beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-faithful-"));
});
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

function configFile(name: string, config: unknown): string {
  const file = path.join(tempDir, name);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

/** `aigov check` of the program with the faithful pack alone, then `args`. */
function checkFaithful(...args: string[]) {
  return aigov("check", PROGRAM, "--no-default-pack", "--policy-pack", PACK, ...args);
}

test("property dependencies, the dynamic provider's config and provider versions are the engine's", () => {
  const run = checkFaithful("--format", "json");
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report.policyPacks).toEqual([{ name: "faithful", version: "0.0.1" }]);
  expect(verdictsOf(report.violations)).toEqual(faithfulVerdicts(AWS_VERSION));
});

describe("invalid policy config, worded as the Pulumi CLI words it", () => {
  test("one `error:` line per problem: validating policy config: <pack> <version>  <policy>: <problem>", () => {
    const run = checkFaithful(
      "--policy-pack-config",
      configFile("bad.json", { "provider-version": { expected: "seven", packages: [] } }),
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "error: validating policy config: faithful 0.0.1  provider-version: expected: Does not match pattern '^\\d+\\.\\d+\\.\\d+$'\n" +
        "error: validating policy config: faithful 0.0.1  provider-version: packages: Array must have at least 1 items\n",
    );
  });

  test("the errors of every pack together, sorted", () => {
    const run = checkFaithful(
      "--policy-pack-config",
      configFile("faithful.json", { "provider-version": { packages: "aws" } }),
      "--policy-pack",
      "test/fixtures/packs/governance",
      "--policy-pack-config",
      configFile("governance.json", { "aws-required-tags": { requiredTags: [1] } }),
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "error: validating policy config: faithful 0.0.1  provider-version: packages: Invalid type. Expected: array, given: string\n" +
        "error: validating policy config: governance 1.2.3  aws-required-tags: requiredTags.0: Invalid type. Expected: string, given: integer\n",
    );
  });
});
