import { spawn, spawnSync } from "child_process";
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
const GOVERNANCE = [...NO_PACK, "--policy-pack", "test/fixtures/packs/governance"];

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

describe("hangs", () => {
  const STACK = (project: string) =>
    `urn:pulumi:dev::${project}::pulumi:pulumi:Stack::${project}-dev`;

  test("an input that never resolves: exit 1 naming the resource, with a pack running", () => {
    const run = aigov(["check", `${HOSTILE}/hang-input`, ...GOVERNANCE, "--timeout", "15"]);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      [
        "error: the Pulumi program did not finish within 15 s (--timeout); still pending:",
        "  urn:pulumi:dev::hang-input::aws:s3/bucket:Bucket::never: its inputs never resolved (not registered)",
        "",
      ].join("\n"),
    );
    expect(run.status).toBe(1);
  });

  test("with nothing left to run, the program is stopped at once, without waiting for --timeout", () => {
    const started = Date.now();
    const run = aigov(["cost", `${HOSTILE}/hang-input`]);
    expect(run.stderr).toMatch(
      /^error: the Pulumi program stopped with nothing left to run; still pending:\n {2}urn:pulumi:dev::hang-input::aws:s3\/bucket:Bucket::never: its inputs never resolved \(not registered\)\n/,
    );
    expect(run.status).toBe(1);
    // Far less than the default --timeout of 600 s.
    expect(Date.now() - started).toBeLessThan(300_000);
  });

  test("a stack output that never resolves: exit 1 naming the stack", () => {
    const run = aigov(["check", `${HOSTILE}/hang-export`, ...GOVERNANCE, "--timeout", "15"]);
    expect(run.stderr).toBe(
      [
        "error: the Pulumi program did not finish within 15 s (--timeout); still pending:",
        `  ${STACK("hang-export")}: its outputs never resolved (an export of the program)`,
        "",
      ].join("\n"),
    );
    expect(run.status).toBe(1);
  });

  test("a timer left running does not hold the check", () => {
    const run = aigov(["check", `${HOSTILE}/hang-interval`, ...GOVERNANCE, "--format", "json"]);
    // The bucket has no lifecycle configuration: a mandatory violation, reported in time.
    expect(run.status).toBe(5);
    expect(JSON.parse(run.stdout).summary.resources).toBeGreaterThan(1);
  });

  test("a pack that never reports its port: exit 2 after the start-up limit", () => {
    const pack = "test/fixtures/packs/silent";
    const run = aigov(["check", `${HOSTILE}/marker`, ...NO_PACK, "--policy-pack", pack], {
      AIGOV_PACK_START_TIMEOUT: "3",
      AIGOV_TEST_MARKER: path.join(tempDir, "silent-marker"),
    });
    expectOneLineError(
      run,
      `policy pack ${path.join(ROOT, pack)} failed to start: did not report its port within 3 s (still starting)`,
    );
  });

  test("--timeout must be a positive number", () => {
    expectOneLineError(
      aigov(["check", `${HOSTILE}/marker`, "--timeout", "soon"]),
      '--timeout must be a positive number of seconds, not "soon"',
    );
  });
});

/** The state and parent pid of a process, from /proc; undefined once it is gone. */
function processStatus(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Whether a process still runs (a zombie waiting to be reaped has exited). */
const running = (pid: number) => {
  const status = processStatus(pid);
  return status !== undefined && status.state !== "Z";
};

/** The pids of the processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => processStatus(p)?.ppid === pid);
}

async function waitFor<T>(what: string, probe: () => T | undefined, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The policy pack process under the aigov process `aigov`, once it runs. */
const packOf = (aigov: number) =>
  waitFor(
    "the policy pack to start",
    () =>
      childrenOf(aigov).find((p) =>
        fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes("run-policy-pack"),
      ),
    120,
  );

describe("no process outlives aigov", () => {
  const args = ["check", `${HOSTILE}/hang-input`, ...GOVERNANCE, "--timeout", "600"];
  const env = { ...process.env, AIGOV_FROM_SOURCE: "1" };

  test("kill -9 of aigov: its pack exits within seconds", async () => {
    const cli = spawn(process.execPath, [path.join(ROOT, "bin", "aigov.js"), ...args], {
      cwd: ROOT,
      env,
      stdio: "ignore",
    });
    const pack = await packOf(cli.pid as number);
    cli.kill("SIGKILL");
    await waitFor("the pack to exit", () => (running(pack) ? undefined : true), 10);
  });

  test("SIGTERM to a wrapper (as npx) that does not pass it on: aigov and its pack exit", async () => {
    // The wrapper starts aigov and ignores nothing: SIGTERM kills it, aigov is re-parented.
    const wrapper = spawn(
      process.execPath,
      [
        "-e",
        "require('child_process').spawn(process.execPath, process.argv.slice(1), { stdio: 'ignore' }); setInterval(() => {}, 1000);",
        path.join(ROOT, "bin", "aigov.js"),
        ...args,
      ],
      { cwd: ROOT, env, stdio: "ignore" },
    );
    const cli = await waitFor("aigov to start", () => childrenOf(wrapper.pid as number)[0], 30);
    const pack = await packOf(cli);
    wrapper.kill("SIGTERM");
    await waitFor("aigov to exit", () => (running(cli) ? undefined : true), 10);
    await waitFor("the pack to exit", () => (running(pack) ? undefined : true), 10);
  });
});

describe("CI annotations", () => {
  test("SARIF results point at the line declaring each resource, relative to the repository", () => {
    const run = aigov([
      "check",
      "test/fixtures/programs/aws-ml",
      ...GOVERNANCE,
      "--format",
      "sarif",
    ]);
    expect(run.status).toBe(5);
    const results = JSON.parse(run.stdout).runs[0].results as {
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: object };
        logicalLocations: { name: string }[];
      }[];
    }[];
    expect(
      results.map(({ locations: [l] }) => [
        l.logicalLocations[0].name,
        l.physicalLocation.artifactLocation.uri,
        l.physicalLocation.region,
      ]),
    ).toEqual([
      ["endpoint", "test/fixtures/programs/aws-ml/index.ts", { startLine: 45, startColumn: 1 }],
      [
        "endpoint-config",
        "test/fixtures/programs/aws-ml/index.ts",
        { startLine: 32, startColumn: 24 },
      ],
      ["scratch", "test/fixtures/programs/aws-ml/index.ts", { startLine: 56, startColumn: 1 }],
    ]);
  });
});

describe("program errors", () => {
  test("process.exit() inside the program is an error: line, exit 1", () => {
    const run = aigov(["check", `${HOSTILE}/exits`, ...NO_PACK]);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^error: the Pulumi program failed:\nError: the program called process\.exit\(0\) before it finished\n/,
    );
    expect(run.stderr).toContain(`${path.join(ROOT, HOSTILE, "exits", "index.js")}:6:9`);
    expect(run.status).toBe(1);
  });
});
