import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// The copyable GitHub workflows of examples/ci pass actionlint, the workflow linter (syntax,
// expressions and their types, contexts, job graph, the inputs of well-known actions). It is a Go
// program, built pinned by scripts/tools/actionlint.sh into .engine/bin, so this test lives in the
// engine suite (`npm run test:engine`), which runs where Go is. actionlint's shellcheck and pyflakes
// integrations are off: the result must not depend on what else the machine has installed.

const repoRoot = path.resolve(__dirname, "../..");
const workflowsDir = path.join(repoRoot, "examples", "ci", ".github", "workflows");

interface ActionlintError {
  message: string;
  filepath: string;
  line: number;
  kind: string;
}

let actionlint: string;

beforeAll(
  () => {
    // Builds actionlint unless the pinned version is there already; prints the binary's path.
    actionlint = execFileSync(path.join(repoRoot, "scripts", "tools", "actionlint.sh"), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 10 * 60 * 1000,
    }).trim();
  },
  11 * 60 * 1000,
);

function lint(files: string[]): { status: number | null; errors: ActionlintError[] } {
  const run = spawnSync(
    actionlint,
    ["-format", "{{json .}}", "-shellcheck=", "-pyflakes=", "-no-color", ...files],
    { cwd: repoRoot, encoding: "utf8", timeout: 120_000 },
  );
  if (run.error) throw run.error;
  if (run.stderr.trim()) throw new Error(`actionlint failed: ${run.stderr}`);
  return { status: run.status, errors: JSON.parse(run.stdout) as ActionlintError[] };
}

test("actionlint is the pinned version", () => {
  expect(execFileSync(actionlint, ["-version"], { encoding: "utf8" }).split("\n")[0]).toBe(
    "v1.7.12",
  );
});

test("every workflow of examples/ci passes actionlint", () => {
  const files = fs
    .readdirSync(workflowsDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(workflowsDir, f));
  expect(files.length).toBeGreaterThan(0);
  const { status, errors } = lint(files);
  expect(errors.map((e) => `${e.filepath}:${e.line}: ${e.message} [${e.kind}]`)).toEqual([]);
  expect(status).toBe(0);
});

test("actionlint reports what is wrong in a broken copy of a workflow", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-actionlint-"));
  try {
    const workflow = fs
      .readFileSync(path.join(workflowsDir, "policy-preview.yml"), "utf8")
      .replace("needs: aigov-check", "needs: aigov-chek")
      .replace("steps.check.outcome", "steps.check.outcom");
    const file = path.join(dir, "broken.yml");
    fs.writeFileSync(file, workflow);
    const { status, errors } = lint([file]);
    expect(status).toBe(1);
    expect(errors.map((e) => e.kind).sort()).toEqual(["expression", "job-needs"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
