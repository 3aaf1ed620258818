import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { parsePolicyPackConfig } from "../../cli/analyzer/config";
import { policies } from "../../policy-packs/aigov/policies";
import { repoRoot } from "./run-check";

// The copyable CI files of examples/ci parse, and run what the docs say they run.

const ci = path.join(repoRoot, "examples", "ci");
const load = (file: string) => parseYaml(fs.readFileSync(path.join(ci, file), "utf8"));

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };

describe("GitHub Actions workflow", () => {
  const workflow = load(".github/workflows/policy-preview.yml") as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }>;
  };
  const steps = (job: string) => workflow.jobs[job].steps;

  test("runs on pull requests", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
  });

  test("aigov check uploads SARIF and comments a Markdown report", () => {
    const runs = steps("aigov-check")
      .map((s) => s.run ?? "")
      .join("\n");
    expect(runs).toMatch(/npx aigov check .*--format sarif --output aigov\.sarif/s);
    expect(runs).toMatch(/npx aigov check .*--format markdown --output report\.md/s);
    expect(runs).toMatch(/gh pr comment .*--body-file report\.md/);
    const upload = steps("aigov-check").find((s) =>
      s.uses?.startsWith("github/codeql-action/upload-sarif@"),
    );
    expect(upload?.with?.sarif_file).toBe("aigov.sarif");
    expect(workflow.jobs["aigov-check"].permissions?.["security-events"]).toBe("write");
  });

  test("pulumi preview runs the policy pack through pulumi/actions", () => {
    const action = steps("pulumi-preview").find((s) => s.uses?.startsWith("pulumi/actions@"));
    expect(action?.with).toMatchObject({ command: "preview" });
    expect(String(action?.with?.policyPacks)).toContain("AIGOV_POLICY_PACK");
    expect(String(action?.with?.policyPackConfigs)).toContain("AIGOV_PREVIEW_CONFIG");
    // The stack's prices, usage and budgets go with the pack config, written just before.
    const preview = steps("pulumi-preview");
    const write = preview.findIndex((s) =>
      /npx aigov policy-config .*--aigov-config "\$AIGOV_POLICY_CONFIG" --output "\$AIGOV_PREVIEW_CONFIG"/.test(
        s.run ?? "",
      ),
    );
    expect(write).toBeGreaterThanOrEqual(0);
    expect(write).toBeLessThan(preview.indexOf(action!));
    expect(String(action?.with?.policyPacks)).toMatch(/\n$/); // multiline: one pack per line
  });
});

test("GitLab CI runs aigov check and pulumi preview with the pack", () => {
  const gitlab = load(".gitlab-ci.yml") as Record<string, { script?: string[]; stage?: string }>;
  const script = (job: string) => (gitlab[job].script ?? []).join("\n");
  expect(script("aigov-check")).toMatch(/npx aigov check .*--format sarif/);
  expect(script("aigov-check")).toMatch(/npx aigov check .*--format markdown --output report\.md/);
  expect(script("pulumi-preview")).toMatch(
    /npx aigov policy-config .*--aigov-config "\$AIGOV_POLICY_CONFIG" --output "\$AIGOV_PREVIEW_CONFIG"\n(.*\n)?pulumi preview .*--policy-pack "\$AIGOV_POLICY_PACK" --policy-pack-config "\$AIGOV_PREVIEW_CONFIG"/,
  );
});

test("the sample pack configs are valid --policy-pack-config files of the aigov pack", () => {
  const names = new Set(policies.map((p) => p.name));
  for (const file of [
    path.join(ci, "aigov-policy-config.json"),
    path.join(repoRoot, "examples", "k8s-spot-inference", "aigov-policy-config.json"),
  ]) {
    const config = parsePolicyPackConfig(JSON.parse(fs.readFileSync(file, "utf8")));
    expect(Object.keys(config).filter((name) => name !== "all" && !names.has(name))).toEqual([]);
  }
});
