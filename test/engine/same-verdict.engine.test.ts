import * as path from "path";
import { aigov, PulumiSandbox, repoRoot } from "./engine";
import { aigovVerdicts, analyzeWithEngine } from "./verdicts";

// Issue 13 §2.1: for every example, the registry template and every test fixture program, what
// `aigov check` saw (`--export-state`) is imported into a real stack with `pulumi stack import`
// and judged by `pulumi policy analyze` with the aigov pack. The engine, `aigov check` of the
// program and `aigov audit` of the export must give the same verdicts: the same set of (policy,
// URN, enforcement level). docs/engine.md lists what the engine does differently, if anything.

interface Program {
  /** Program directory, relative to the repository root. */
  readonly dir: string;
  readonly stack?: string;
  /** The aigov pack's config file (`--aigov-config` / `--policy-pack-config`). */
  readonly packConfig?: string;
}

const PROGRAMS: Record<string, Program> = {
  "template (aws)": { dir: "." },
  "template (gcp)": { dir: "test/examples/template-stacks", stack: "gcp" },
  "template (k8s)": { dir: "test/examples/template-stacks", stack: "k8s" },
  "examples/aws-sagemaker-registry": { dir: "examples/aws-sagemaker-registry" },
  "examples/finops-budgets": { dir: "examples/finops-budgets" },
  "examples/gcp-vertex": { dir: "examples/gcp-vertex" },
  "examples/k8s-spot-inference": { dir: "examples/k8s-spot-inference" },
  "examples/k8s-spot-inference with its pack config": {
    dir: "examples/k8s-spot-inference",
    packConfig: "examples/k8s-spot-inference/aigov-policy-config.json",
  },
  "examples/llm-rag-app": { dir: "examples/llm-rag-app" },
  "examples/ungoverned": { dir: "examples/ungoverned" },
  "fixture aws-ec2": { dir: "test/fixtures/programs/aws-ec2" },
  "fixture aws-ml": { dir: "test/fixtures/programs/aws-ml" },
  "fixture cost-mixed": { dir: "test/fixtures/programs/cost-mixed" },
  "fixture gcp-vertex": { dir: "test/fixtures/programs/gcp-vertex" },
  "fixture k8s-gpu": { dir: "test/fixtures/programs/k8s-gpu" },
};

let sandbox: PulumiSandbox;

beforeAll(async () => {
  sandbox = new PulumiSandbox();
  await sandbox.login();
});

afterAll(() => sandbox?.dispose());

describe.each(Object.entries(PROGRAMS))("%s", (name, program) => {
  test("pulumi policy analyze of what aigov check saw gives aigov's verdicts", async () => {
    const exportFile = path.join(sandbox.scratch("exports"), `${name.replace(/\W+/g, "-")}.json`);
    const packArgs = program.packConfig ? ["--aigov-config", program.packConfig] : [];
    const check = await aigov([
      "check",
      program.dir,
      ...(program.stack ? ["--stack", program.stack] : []),
      ...packArgs,
      "--export-state",
      exportFile,
      "--format",
      "json",
      "--quiet",
    ]);
    const checked = aigovVerdicts(check);
    const report = JSON.parse(check.stdout) as { project: string; stack: string };
    const audit = await aigov([
      "audit",
      "--state",
      exportFile,
      ...packArgs,
      "--format",
      "json",
      "--quiet",
    ]);
    const engine = await analyzeWithEngine(
      sandbox,
      exportFile,
      report,
      program.packConfig && path.join(repoRoot, program.packConfig),
    );

    expect(engine.verdicts).toEqual(checked);
    expect(aigovVerdicts(audit)).toEqual(checked);
    // Both fail exactly when a mandatory policy is violated.
    const mandatory = checked.some((v) => v.startsWith("mandatory "));
    expect(check.code).toBe(mandatory ? 5 : 0);
    expect(audit.code).toBe(mandatory ? 5 : 0);
    if (mandatory) {
      expect(engine.run.code).not.toBe(0);
      expect(engine.run.stderr).toContain("one or more mandatory policy violations were found");
    } else {
      expect({ code: engine.run.code, stderr: engine.run.stderr }).toEqual({
        code: 0,
        stderr: expect.any(String),
      });
    }
  });
});
