import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { AIGOV_PACK, aigov, PulumiSandbox, repoRoot, succeeded, type InlineResult } from "./engine";
import { aigovVerdicts, type Verdict } from "./verdicts";

// Issue 13 §2.2: Kubernetes for real. `pulumi up --policy-pack policy-packs/aigov` with the real
// engine and the real Kubernetes provider, which renders the manifests to a directory
// (`kubernetes:renderYamlToDirectory`) instead of applying them, so no cluster is needed.

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
}

/** Every object of every YAML file under `dir`. */
function readManifests(dir: string): Manifest[] {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".yaml"));
  return files.flatMap((f) =>
    parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8")).map((d) => d.toJS() as Manifest),
  );
}

interface ExportedResource {
  urn: string;
  type: string;
  inputs?: { metadata?: Manifest["metadata"]; spec?: Record<string, unknown> };
}

/** The resources the engine counts in its change summaries: all but providers. */
const managed = (resources: ExportedResource[]) =>
  resources.filter((r) => !r.type.startsWith("pulumi:providers:"));

const verdictsOf = (events: InlineResult["policyEvents"]): Verdict[] =>
  events.map((e) => `${e.enforcementLevel} ${e.policyName} ${e.resourceUrn ?? ""}`).sort();

let sandbox: PulumiSandbox;

beforeAll(async () => {
  sandbox = new PulumiSandbox();
  await sandbox.login();
});

afterAll(() => sandbox?.dispose());

describe("every aigov Kubernetes component, deployed by the engine (manifests rendered)", () => {
  const programDir = "test/engine/programs/k8s-components";
  const packConfig = path.join(repoRoot, programDir, "aigov-policy-config.json");
  let workDir: string;
  let renderDir: string;
  let stackName: string;
  let up: InlineResult;
  let expected: ExportedResource[];

  beforeAll(async () => {
    workDir = sandbox.programCopy(programDir);
    renderDir = sandbox.scratch("rendered-k8s-components");
    stackName = "organization/k8s-components/dev";
    const exportFile = path.join(sandbox.scratch("exports"), "k8s-components-check.json");
    const check = await aigov([
      "check",
      programDir,
      "--aigov-config",
      packConfig,
      "--export-state",
      exportFile,
      "--format",
      "json",
      "--quiet",
    ]);
    expect(aigovVerdicts(check)).toEqual([]);
    expected = (
      JSON.parse(fs.readFileSync(exportFile, "utf8")) as {
        deployment: { resources: ExportedResource[] };
      }
    ).deployment.resources;
    up = await sandbox.inline({
      command: "up",
      workDir,
      stackName,
      config: { "kubernetes:renderYamlToDirectory": renderDir },
      policyPacks: [sandbox.packLauncher(AIGOV_PACK)],
      policyPackConfigs: [packConfig],
    });
  });

  test("pulumi up succeeds with the aigov pack and no violation", () => {
    expect({ ok: up.ok, error: up.error }).toEqual({ ok: true, error: undefined });
    expect(verdictsOf(up.policyEvents)).toEqual([]);
    // The engine's change counts leave providers out.
    expect(up.summary?.resourceChanges).toEqual({ create: managed(expected).length });
  });

  test("the rendered manifests carry the labels and annotations aigov check saw", () => {
    const manifests = readManifests(renderDir);
    const k8s = expected.filter(
      (r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:"),
    );
    expect(manifests).toHaveLength(k8s.length);
    for (const r of k8s) {
      const name = r.inputs?.metadata?.name;
      const found = manifests.find(
        (m) =>
          `${m.apiVersion}:${m.kind}` ===
            r.type.replace(/^kubernetes:/, "").replace(/^core\//, "") && m.metadata.name === name,
      );
      expect({
        urn: r.urn,
        labels: found?.metadata.labels,
        annotations: found?.metadata.annotations,
      }).toEqual({
        urn: r.urn,
        labels: r.inputs?.metadata?.labels,
        annotations: expect.objectContaining(r.inputs?.metadata?.annotations ?? {}),
      });
      expect({ urn: r.urn, spec: found?.spec }).toEqual({ urn: r.urn, spec: r.inputs?.spec });
    }
  });

  test("the HPA, the KEDA ScaledObject, the KServe InferenceService and the spot selectors are rendered", () => {
    const manifests = readManifests(renderDir);
    const kinds = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^HorizontalPodAutoscaler\/ranker/),
        expect.stringMatching(/^ScaledObject\/assistant/),
        expect.stringMatching(/^InferenceService\/churn/),
      ]),
    );
    const ranker = manifests.find(
      (m) => m.kind === "Deployment" && m.metadata.name.startsWith("ranker"),
    );
    const pod = (ranker?.spec?.template as { spec: Record<string, unknown> }).spec;
    // GKE spot nodes: the node selector and toleration GKE documents.
    expect(pod.nodeSelector).toEqual(
      expect.objectContaining({ "cloud.google.com/gke-spot": "true" }),
    );
    expect(pod.tolerations).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "cloud.google.com/gke-spot" })]),
    );
  });

  test("a second pulumi preview shows no changes", async () => {
    const preview = await sandbox.inline({
      command: "preview",
      workDir,
      stackName,
      policyPacks: [sandbox.packLauncher(AIGOV_PACK)],
      policyPackConfigs: [packConfig],
    });
    expect({ ok: preview.ok, error: preview.error }).toEqual({ ok: true, error: undefined });
    expect(preview.summary).toEqual({ same: managed(expected).length });
  });

  test("aigov audit of the real pulumi stack export gives the engine's verdict", async () => {
    const exported = succeeded(
      await sandbox.pulumi(["stack", "export", "--stack", stackName]),
      "pulumi stack export",
    );
    const file = path.join(sandbox.scratch("exports"), "k8s-components-engine.json");
    fs.writeFileSync(file, exported.stdout);
    const audit = await aigov([
      "audit",
      "--state",
      file,
      "--aigov-config",
      packConfig,
      "--format",
      "json",
      "--quiet",
    ]);
    expect(audit.code).toBe(0);
    expect(aigovVerdicts(audit)).toEqual(verdictsOf(up.policyEvents));
  });

  test("pulumi destroy removes everything it rendered", async () => {
    const destroy = await sandbox.inline({ command: "destroy", workDir, stackName });
    expect({ ok: destroy.ok, error: destroy.error }).toEqual({ ok: true, error: undefined });
    expect(readManifests(renderDir)).toEqual([]);
  });
});

describe("an ungoverned Kubernetes program", () => {
  test("pulumi preview --policy-pack fails with the mandatory violations aigov check reports", async () => {
    const programDir = "test/fixtures/programs/k8s-gpu";
    const check = await aigov(["check", programDir, "--format", "json", "--quiet"]);
    expect(check.code).toBe(5);
    const preview = await sandbox.inline({
      command: "preview",
      workDir: sandbox.programCopy(programDir),
      stackName: "organization/k8s-gpu/dev",
      config: { "kubernetes:renderYamlToDirectory": sandbox.scratch("rendered-k8s-gpu") },
      policyPacks: [sandbox.packLauncher(AIGOV_PACK)],
    });
    expect(preview.ok).toBe(false);
    expect(preview.stdout + (preview.error ?? "")).toMatch(/mandatory/);
    const mandatory = (v: Verdict[]) => v.filter((x) => x.startsWith("mandatory "));
    expect(mandatory(verdictsOf(preview.policyEvents))).toEqual(mandatory(aigovVerdicts(check)));
    expect(mandatory(aigovVerdicts(check)).length).toBeGreaterThan(0);
  });
});
