import Ajv from "ajv";
import addFormats from "ajv-formats";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { repoRoot } from "./run-check";

// The copyable CI files of examples/ci against the published definitions of the tools that run
// them, vendored under test/fixtures/vendor with their source: GitLab's CI schema, and the inputs
// of the pulumi/actions action. (actionlint checks the GitHub workflows in the engine suite:
// test/engine/actionlint.engine.test.ts, since it is built with Go.)

const ci = path.join(repoRoot, "examples", "ci");
const vendor = path.join(repoRoot, "test", "fixtures", "vendor");

describe("GitLab CI", () => {
  const schemaFile = path.join(vendor, "gitlab-ci", "ci.json");
  // GitLab's schema is written for editors, not for Ajv's strict mode (it names `required`
  // properties inside `oneOf` branches, and keywords such as `markdownDescription`): strict mode
  // off; validation itself is the same.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
  const gitlab = parseYaml(fs.readFileSync(path.join(ci, ".gitlab-ci.yml"), "utf8"));

  test("the vendored schema is the file its README names (sha256)", () => {
    const readme = fs.readFileSync(path.join(vendor, "gitlab-ci", "README.md"), "utf8");
    const hash = crypto.createHash("sha256").update(fs.readFileSync(schemaFile)).digest("hex");
    expect(readme).toContain(`\`${hash}\``);
  });

  test(".gitlab-ci.yml is valid against GitLab's CI schema", () => {
    expect(validate(gitlab)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  test("the schema refuses what GitLab refuses: a misspelt job keyword, a bad `when`", () => {
    const job = gitlab["aigov-check"];
    expect(validate({ ...gitlab, "aigov-check": { ...job, scripts: job.script } })).toBe(false);
    expect(
      validate({
        ...gitlab,
        "aigov-check": { ...job, artifacts: { ...job.artifacts, when: "x" } },
      }),
    ).toBe(false);
  });
});

describe("GitHub workflows use only inputs pulumi/actions has", () => {
  const action = JSON.parse(
    fs.readFileSync(path.join(vendor, "pulumi-actions", "inputs.json"), "utf8"),
  ) as { action: string; ref: string; source: string; inputs: string[] };
  const workflowsDir = path.join(ci, ".github", "workflows");
  const workflows = fs.readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));

  type Step = { uses?: string; with?: Record<string, unknown> };
  const pulumiSteps = workflows.flatMap((file) => {
    const workflow = parseYaml(fs.readFileSync(path.join(workflowsDir, file), "utf8")) as {
      jobs: Record<string, { steps?: Step[] }>;
    };
    return Object.entries(workflow.jobs).flatMap(([job, { steps = [] }]) =>
      steps
        .filter((s) => s.uses?.startsWith(`${action.action}@`))
        .map((s) => ({ where: `${file} ${job}`, step: s })),
    );
  });

  test("the workflows run pulumi/actions at the vendored version", () => {
    expect(pulumiSteps.length).toBeGreaterThan(0);
    for (const { where, step } of pulumiSteps) {
      expect([where, step.uses]).toEqual([where, `${action.action}@${action.ref}`]);
    }
  });

  test("every input given to pulumi/actions is one of its action.yml", () => {
    const known = new Set(action.inputs);
    const unknown = pulumiSteps.flatMap(({ where, step }) =>
      Object.keys(step.with ?? {})
        .filter((input) => !known.has(input))
        .map((input) => `${where}: ${input}`),
    );
    expect(unknown).toEqual([]);
  });
});
