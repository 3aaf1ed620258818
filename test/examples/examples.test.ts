import * as fs from "fs";
import * as path from "path";
import {
  type CheckRun,
  type JsonReport,
  headroomVerdicts,
  pool,
  repoRoot,
  reportedMessage,
  runAigov,
} from "./run-check";

// Every example (and the registry template at the root) is run through `aigov check` the way a user
// runs it, and its expected outcome is asserted: the governed stacks pass with no mandatory
// violation, `ungoverned` fails with exactly the violations its README documents. The runs need the
// compiled package and pack (`npm run build`; `npm test` builds first).

interface Expectation {
  /** Program directory, relative to the repository root. */
  dir: string;
  /** Extra arguments of `aigov check`. */
  args?: string[];
  /** Advisory violations expected, as `policy urn`. */
  advisory?: string[];
}

const urn = (stack: string, project: string, type: string, name: string) =>
  `urn:pulumi:${stack}::${project}::${type}::${name}`;

const GOVERNED: Record<string, Expectation> = {
  template: { dir: "." },
  "template (gcp)": { dir: "test/examples/template-stacks", args: ["--stack", "gcp"] },
  "template (k8s)": { dir: "test/examples/template-stacks", args: ["--stack", "k8s"] },
  "aws-sagemaker-registry": { dir: "examples/aws-sagemaker-registry" },
  "gcp-vertex": { dir: "examples/gcp-vertex" },
  "k8s-spot-inference": {
    dir: "examples/k8s-spot-inference",
    // The LLM's weights come from Hugging Face, not from a registry of the stack.
    advisory: [
      `aigov-orphaned-endpoint ${urn(
        "staging",
        "k8s-spot-inference",
        "aigov:index:K8sInferenceService$kubernetes:apps/v1:Deployment",
        "assistant-deployment",
      )}`,
    ],
  },
  "k8s-spot-inference with its pack config": {
    dir: "examples/k8s-spot-inference",
    args: ["--aigov-config", "examples/k8s-spot-inference/aigov-policy-config.json"],
  },
  "finops-budgets": { dir: "examples/finops-budgets" },
  "llm-rag-app": { dir: "examples/llm-rag-app" },
};

const runs = new Map<string, CheckRun>();

beforeAll(async () => {
  const jobs: [string, string[]][] = [
    ...Object.entries(GOVERNED).map(
      ([name, e]) =>
        [name, ["check", e.dir, ...(e.args ?? []), "--format", "json"]] as [string, string[]],
    ),
    ["ungoverned", ["check", "examples/ungoverned", "--format", "json"]],
    // The README's quickstart, as a newcomer runs it (text report).
    ["quickstart", ["check", "examples/aws-sagemaker-registry"]],
  ];
  const results = await pool(
    jobs.map(
      ([, args]) =>
        () =>
          runAigov(args),
    ),
  );
  jobs.forEach(([name], i) => runs.set(name, results[i]));
}, 600_000);

function report(name: string): JsonReport {
  const run = runs.get(name)!;
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(
      `aigov check of ${name} printed no JSON report (exit ${run.code}):\n${run.stderr}`,
    );
  }
}

describe.each(Object.entries(GOVERNED))("%s", (name, expected) => {
  test("passes aigov check: exit 0, no mandatory violation", () => {
    const r = report(name);
    const mandatory = r.violations.filter((v) => v.enforcementLevel === "mandatory");
    expect(mandatory.map((v) => `${v.policy} ${v.urn}: ${reportedMessage(v)}`)).toEqual([]);
    expect(runs.get(name)!.code).toBe(0);
    expect(r.summary.mandatory).toBe(0);
    expect(r.summary.resources).toBeGreaterThan(5);
  });

  test("has exactly the expected advisory violations", () => {
    const advisory = report(name).violations.filter((v) => v.enforcementLevel === "advisory");
    expect(advisory.map((v) => `${v.policy} ${v.urn}`).sort()).toEqual(
      [...(expected.advisory ?? [])].sort(),
    );
  });
});

test.each([...Object.keys(GOVERNED), "ungoverned"])(
  "%s: aigov-budget-headroom reports exactly the budgets the cost estimate finds over",
  (name) => {
    const { over, reported } = headroomVerdicts(report(name));
    expect(reported).toEqual(over);
  },
);

describe("ungoverned", () => {
  const expectedFile = path.join(repoRoot, "examples", "ungoverned", "expected-violations.json");
  const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8")) as {
    summary: JsonReport["summary"];
    violations: { policy: string; enforcementLevel: string; urn: string; message: string }[];
  };
  const key = (v: { policy: string; urn: string; message: string }) =>
    `${v.urn}\n${v.policy}\n${v.message}`;

  test("fails aigov check with exit code 5", () => {
    expect(runs.get("ungoverned")!.code).toBe(5);
    expect(report("ungoverned").summary).toEqual(expected.summary);
  });

  test("has exactly the violations of expected-violations.json (policy, level, URN, message)", () => {
    const actual = report("ungoverned").violations.map((v) => ({
      policy: v.policy,
      enforcementLevel: v.enforcementLevel,
      urn: v.urn,
      message: reportedMessage(v),
    }));
    const sort = (list: typeof actual) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(actual)).toEqual(sort(expected.violations));
  });

  test("the READMEs state its outcome", () => {
    const { mandatory, advisory } = expected.summary;
    const own = fs.readFileSync(path.join(repoRoot, "examples", "ungoverned", "README.md"), "utf8");
    expect(own).toContain(
      `exit code 5, ${mandatory} mandatory and ${advisory} advisory violations`,
    );
    const index = fs.readFileSync(path.join(repoRoot, "docs", "README.md"), "utf8");
    expect(index).toContain(`exit 5, ${mandatory} mandatory and ${advisory} advisory violations`);
    const root = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    expect(root).toContain(`exit code \`5\`, ${mandatory} mandatory violations`);
  });

  test("its README documents every policy that it violates", () => {
    const readme = fs.readFileSync(
      path.join(repoRoot, "examples", "ungoverned", "README.md"),
      "utf8",
    );
    const policies = [...new Set(expected.violations.map((v) => v.policy))];
    expect(policies.filter((p) => !readme.includes(`\`${p}\``))).toEqual([]);
  });
});

describe("README quickstart", () => {
  /** Timing figures (`3.2s`, `850 ms`) differ from run to run. */
  const normalise = (text: string) =>
    text
      .replace(/\b\d+(\.\d+)?\s?(ms|s|seconds?)\b/g, "<time>")
      .replace(/[ \t]+$/gm, "")
      .trim();

  test("shows the real output of `npx aigov check examples/aws-sagemaker-registry`", () => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const quickstart = readme.slice(readme.indexOf("## Quickstart"), readme.indexOf("## Layout"));
    expect(quickstart).toContain("npm ci && npx aigov check examples/aws-sagemaker-registry");
    const block = /```text\n([\s\S]*?)\n```/.exec(quickstart);
    expect(block).not.toBeNull();
    const run = runs.get("quickstart")!;
    expect(run.code).toBe(0);
    expect(normalise(block![1])).toBe(normalise(run.stdout));
  });
});
