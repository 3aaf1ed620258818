import * as path from "path";
import { AIGOV_PACK, aigov, PulumiSandbox } from "./engine";
import { aigovVerdicts } from "./verdicts";

// Issue 13 §2.6: governance added by `pulumi.runtime.registerResourceTransform` gets the same
// verdict from `pulumi preview --policy-pack` (the engine calls the program's transform before
// the pack sees the resource) as from `aigov check`.

let sandbox: PulumiSandbox;

beforeAll(async () => {
  sandbox = new PulumiSandbox();
  await sandbox.login();
});

afterAll(() => sandbox?.dispose());

test("a program governed by a stack transform: same verdict from the engine and aigov check", async () => {
  const programDir = "test/engine/programs/k8s-transforms";
  const check = await aigov(["check", programDir, "--format", "json", "--quiet"]);
  const checked = aigovVerdicts(check);
  // The transform's labels and annotations reached the pack: no metadata is missing.
  expect(checked.filter((v) => v.includes("aigov-required-metadata"))).toEqual([]);
  expect(checked.length).toBeGreaterThan(0);

  const preview = await sandbox.inline({
    command: "preview",
    workDir: sandbox.programCopy(programDir),
    stackName: "organization/k8s-transforms/dev",
    config: { "kubernetes:renderYamlToDirectory": path.join(sandbox.scratch("rendered"), "k8s") },
    policyPacks: [sandbox.packLauncher(AIGOV_PACK)],
  });
  const engine = preview.policyEvents
    .map((e) => `${e.enforcementLevel} ${e.policyName} ${e.resourceUrn ?? ""}`)
    .sort();
  expect(engine).toEqual(checked);
  // Mandatory violations fail both.
  expect(check.code).toBe(5);
  expect(preview.ok).toBe(false);
});
