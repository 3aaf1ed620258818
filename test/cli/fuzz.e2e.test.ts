import { spawnSync } from "child_process";
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";

/**
 * Fuzzing the CLI end to end with what users write: stack config YAML values, pack config JSON and
 * state exports. Whatever the input, aigov answers with exit 0, 2 or 5, never a stack trace, and
 * a report that parses in the requested format. Each case runs the CLI, so the runs are few.
 */
const ROOT = path.join(__dirname, "..", "..");
const MARKER = path.join(ROOT, "test/fixtures/programs/hostile/marker");
const STATE = path.join(ROOT, "test/fixtures/state/ml-prod.json");
// More with AIGOV_FUZZ_RUNS=N.
const RUNS = { numRuns: Number(process.env.AIGOV_FUZZ_RUNS ?? 5) };

function aigov(args: readonly string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "aigov.js"), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      AIGOV_FROM_SOURCE: "1",
      AIGOV_TEST_MARKER: path.join(tempDir, "marker"),
    },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stack trace line (`    at f (file.js:1:2)`). */
const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;

function expectAnswered(run: ReturnType<typeof aigov>): void {
  expect([0, 2, 5]).toContain(run.status);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  if (run.status === 2) {
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^error: /);
  } else {
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  }
}

let tempDir: string;
let count = 0;
beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-fuzz-"));
});
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

function temp(name: string): string {
  return path.join(tempDir, `${count++}-${name}`);
}

/** YAML scalars with a meaning of their own, besides JSON values. */
const yamlOddities = fc.constantFrom(
  ".inf",
  "-.inf",
  ".nan",
  "~",
  "!!binary aGk=",
  "0x1F",
  "1e400",
);
const configValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), yamlOddities);
const configKey = fc.constantFrom(
  "aigov:pricing",
  "aigov:budgets",
  "aigov:defaults",
  "aigov:owner",
  "aws:region",
  "marker:replicas",
);

test("stack config YAML: exit 0 or 2, never a stack trace", () => {
  fc.assert(
    fc.property(fc.dictionary(configKey, configValue, { maxKeys: 3 }), (config) => {
      const dir = temp("program");
      fs.mkdirSync(dir);
      for (const file of ["Pulumi.yaml", "index.js"]) {
        fs.copyFileSync(path.join(MARKER, file), path.join(dir, file));
      }
      fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
      // Oddities go in as YAML text (`.inf` stays a YAML float), the rest as YAML of the value.
      const lines = Object.entries(config).map(([key, value]) =>
        typeof value === "string" && /^[.!~0-9-]/.test(value)
          ? `  ${key}: ${value}`
          : YAML.stringify({ [key]: value })
              .trimEnd()
              .split("\n")
              .map((l) => `  ${l}`)
              .join("\n"),
      );
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), `config:\n${lines.join("\n")}\n`);
      expectAnswered(aigov(["cost", dir, "--format", "json"]));
    }),
    RUNS,
  );
});

test("pack config JSON: exit 0, 2 or 5, never a stack trace", () => {
  const policy = fc.constantFrom("aws-required-tags", "bucket-lifecycle", "all", "no-such-policy");
  const setting = fc.oneof(
    fc.constantFrom("advisory", "mandatory", "disabled", "remediate", "loud"),
    fc.record({ enforcementLevel: fc.jsonValue() }, { requiredKeys: [] }),
    fc.record({ requiredTags: fc.jsonValue() }, { requiredKeys: [] }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const document = fc.oneof(
    fc.dictionary(policy, setting, { maxKeys: 3 }).map((d) => JSON.stringify(d)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string(),
  );
  fc.assert(
    fc.property(document, (text) => {
      const file = temp("config.json");
      fs.writeFileSync(file, text);
      expectAnswered(
        aigov([
          "check",
          MARKER,
          "--no-default-pack",
          "--policy-pack",
          "test/fixtures/packs/governance",
          "--policy-pack-config",
          file,
          "--format",
          "json",
        ]),
      );
    }),
    RUNS,
  );
});

test("state exports: exit 0 or 2, never a stack trace", () => {
  const field = fc.constantFrom(
    "urn",
    "type",
    "inputs",
    "outputs",
    "parent",
    "provider",
    "dependencies",
    "propertyDependencies",
    "id",
    "custom",
    "delete",
  );
  const damage = fc.oneof(
    fc.record({ resource: fc.nat(6), field, value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({
      resource: fc.constant(-1),
      field: fc.constantFrom("version", "deployment", "manifest", "resources"),
      value: fc.jsonValue({ maxDepth: 2 }),
    }),
  );
  fc.assert(
    fc.property(fc.array(damage, { minLength: 1, maxLength: 3 }), (damages) => {
      const document = JSON.parse(fs.readFileSync(STATE, "utf8"));
      for (const d of damages) {
        if (d.resource >= 0) {
          // An earlier damage may have replaced the resources or the deployment itself.
          const target = document.deployment?.resources?.[d.resource];
          if (typeof target === "object" && target !== null) target[d.field] = d.value;
        } else if (d.field === "version") document.version = d.value;
        else if (d.field === "deployment") document.deployment = d.value;
        else if (typeof document.deployment === "object" && document.deployment !== null) {
          document.deployment[d.field] = d.value;
        }
      }
      const file = temp("state.json");
      fs.writeFileSync(file, JSON.stringify(document));
      expectAnswered(aigov(["cost", "--state", file, "--format", "json"]));
    }),
    RUNS,
  );
});
