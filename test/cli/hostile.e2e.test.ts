import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * End-to-end, hostile input (issue 14): bad arguments, broken config, hostile programs and damaged
 * state files get one clear `error:` line and the right exit code, never a stack trace or a hang.
 */
const ROOT = path.join(__dirname, "..", "..");
const HOSTILE = "test/fixtures/programs/hostile";
const NO_PACK = ["--no-default-pack"];

function aigov(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "aigov.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, AIGOV_FROM_SOURCE: "1", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let tempDir: string;
beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-hostile-"));
});
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

/** Exit 2, one `error:` line (no stack trace), nothing on stdout. */
function expectOneLineError(run: ReturnType<typeof aigov>, message: string | RegExp): void {
  expect(run.stdout).toBe("");
  expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(/^error: /);
  if (typeof message === "string") expect(run.stderr).toBe(`error: ${message}\n`);
  else expect(run.stderr).toMatch(message);
  expect(run.status).toBe(2);
}

describe("arguments and configuration", () => {
  test("a mistyped --stack is exit 2 before the program runs, for check and cost", () => {
    const marker = path.join(tempDir, "stack-marker");
    const dir = path.join(ROOT, HOSTILE, "marker");
    for (const command of ["check", "cost"]) {
      const run = aigov(
        [command, `${HOSTILE}/marker`, "--stack", "deV", ...(command === "check" ? NO_PACK : [])],
        {
          AIGOV_TEST_MARKER: marker,
        },
      );
      expectOneLineError(
        run,
        `no stack named "deV" found: ${dir} has no Pulumi.deV.yaml (its stacks: dev); check --stack, or create the file (it may be empty) for a stack without config`,
      );
    }
    expect(fs.existsSync(marker)).toBe(false);
  });

  test("an --output or --html that cannot be written is exit 2 before the program runs", () => {
    const marker = path.join(tempDir, "output-marker");
    const missing = path.join(tempDir, "no-such-dir", "report.json");
    const run = (args: string[]) => aigov(args, { AIGOV_TEST_MARKER: marker });
    expectOneLineError(
      run(["check", `${HOSTILE}/marker`, ...NO_PACK, "--output", missing]),
      `cannot write --output ${missing}: directory ${path.dirname(missing)} does not exist`,
    );
    expectOneLineError(
      run(["cost", `${HOSTILE}/marker`, "--html", tempDir]),
      `cannot write --html ${tempDir}: it is a directory`,
    );
    const file = path.join(tempDir, "a-file");
    fs.writeFileSync(file, "");
    expectOneLineError(
      run(["cost", `${HOSTILE}/marker`, "--output", path.join(file, "report.md")]),
      `cannot write --output ${path.join(file, "report.md")}: ${file} is not a directory`,
    );
    expect(fs.existsSync(marker)).toBe(false);
    // The same run with a writable file works, and leaves the report there.
    const report = path.join(tempDir, "report.json");
    const ok = run([
      "check",
      `${HOSTILE}/marker`,
      ...NO_PACK,
      "--output",
      report,
      "--format",
      "json",
    ]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(report, "utf8")).project).toBe("marker");
    expect(fs.existsSync(marker)).toBe(true);
  });
});

describe("damaged and encrypted state files", () => {
  const SIG = "4dabf18193072939515e22adb298388d";
  const SECRET = "1b47061264138c4ac30d75fd1eb44270";
  const ENDPOINT = "urn:pulumi:prod::ml-serving::aws:sagemaker/endpoint:Endpoint::llm";

  /** The ml-prod export with full aigov tags on the endpoint, its owner as `owner`. */
  function exportWithOwner(owner: unknown): string {
    const document = JSON.parse(
      fs.readFileSync(path.join(ROOT, "test/fixtures/state/ml-prod.json"), "utf8"),
    );
    const endpoint = document.deployment.resources.find((r: { urn: string }) => r.urn === ENDPOINT);
    endpoint.inputs.tags = {
      "aigov:asset-id": "llm",
      "aigov:owner": owner,
      "aigov:team": "ml-platform",
      "aigov:cost-center": "ML-1234",
      "aigov:stage": "staging",
      "aigov:data-classification": "internal",
    };
    const file = path.join(tempDir, `owner-${JSON.stringify(owner).length}.json`);
    fs.writeFileSync(file, JSON.stringify(document));
    return file;
  }

  test("an encrypted tag value is unknown, not a false mandatory violation, and is named", () => {
    const file = exportWithOwner({ [SIG]: SECRET, ciphertext: "v1:Gq1m3kOe8bE=:v1:abc" });
    const run = aigov(["audit", "--state", file, "--format", "json"]);
    const report = JSON.parse(run.stdout);
    const onOwner = report.violations.filter(
      (v: { urn: string; message: string }) => v.urn === ENDPOINT && v.message.includes("owner"),
    );
    expect(onOwner).toEqual([
      {
        policyPack: "aigov",
        policy: "aigov-metadata-values",
        enforcementLevel: "advisory",
        urn: ENDPOINT,
        message:
          "can't run policy 'aigov-metadata-values' from policy pack 'aigov@v0.1.0' during preview: string value at .tags.aigov:owner can't be known during preview",
      },
    ]);
    expect(JSON.stringify(report)).not.toContain("invalid value `[secret]`");
    expect(run.stderr).toBe(
      [
        `warning: 2 encrypted secret values in ${file} cannot be read offline; policies treat them as unknown, as in a preview:`,
        `  ${ENDPOINT}: inputs.tags["aigov:owner"]`,
        `  ${ENDPOINT}: outputs.dataCaptureConfig`,
        "  export the stack with 'pulumi stack export --show-secrets' to audit them",
        "",
      ].join("\n"),
    );
  });

  test("malformed secret plaintext is exit 2 naming the resource", () => {
    const file = exportWithOwner({ [SIG]: SECRET, plaintext: "ml-team@example.com" });
    expectOneLineError(
      aigov(["audit", "--state", file, ...NO_PACK]),
      new RegExp(
        `^error: ${file}: the secret at deployment\\.resources\\[5\\]\\.inputs\\.tags\\["aigov:owner"\\] \\(resource ${ENDPOINT.replace(/\$/g, "\\$")}\\) cannot be read: its plaintext is not JSON`,
      ),
    );
  });

  test("a URN that is not one is exit 2 with its JSON path", () => {
    const file = path.join(tempDir, "bad-urn.json");
    const document = JSON.parse(
      fs.readFileSync(path.join(ROOT, "test/fixtures/state/ml-prod.json"), "utf8"),
    );
    document.deployment.resources[2].urn = "not-a-urn";
    fs.writeFileSync(file, JSON.stringify(document));
    for (const args of [
      ["audit", "--state", file, ...NO_PACK],
      ["cost", "--state", file],
    ]) {
      expectOneLineError(
        aigov(args),
        `${file} is not a deployment from 'pulumi stack export': deployment.resources[2].urn: expected a URN (urn:pulumi:<stack>::<project>::<type>::<name>), got "not-a-urn"`,
      );
    }
  });
});
