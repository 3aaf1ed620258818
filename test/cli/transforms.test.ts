import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runAigov } from "../examples/run-check";

// `aigov check` applies the program's resource transforms (`pulumi.runtime.registerResourceTransform`)
// before the packs see a resource, as the engine does (the engine tests compare both verdicts).

test("aigov check applies registerResourceTransform before the policy packs", async () => {
  const exportFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "aigov-transforms-")),
    "state.json",
  );
  const run = await runAigov([
    "check",
    "test/engine/programs/k8s-transforms",
    "--format",
    "json",
    "--quiet",
    "--export-state",
    exportFile,
  ]);
  const report = JSON.parse(run.stdout) as { violations: { policy: string; urn: string }[] };
  // Without the transform both Deployments would lack every governance key.
  expect(report.violations.filter((v) => v.policy === "aigov-required-metadata")).toEqual([]);
  const state = JSON.parse(fs.readFileSync(exportFile, "utf8")) as {
    deployment: {
      resources: {
        urn: string;
        inputs: {
          metadata?: { labels?: object };
          spec?: { template: { metadata: { labels: object } } };
        };
      }[];
    };
  };
  const scorer = state.deployment.resources.find((r) => r.urn.endsWith("::scorer"));
  expect(scorer?.inputs.metadata?.labels).toEqual({
    "aigov.dev/asset-id": "batch-scorer",
    "aigov.dev/cost-center": "ENG-0420",
    "aigov.dev/data-classification": "internal",
    "aigov.dev/risk-tier": "limited",
    "aigov.dev/stage": "staging",
    "aigov.dev/team": "platform-ml",
  });
  expect(scorer?.inputs.spec?.template.metadata.labels).toEqual(
    expect.objectContaining({ app: "scorer", "aigov.dev/team": "platform-ml" }),
  );
});
