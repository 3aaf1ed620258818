import { spawn } from "child_process";
import { once } from "events";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, PolicyPackError } from "../../cli/errors";
import { checkPackRuntime, packCommand, systemPython } from "../../cli/analyzer/pack-runtime";
import { ROOT } from "../helpers/aigov-cli";

/** How packs start, without starting them: the failure paths (the e2e tests run real packs). */
let tempDir: string;
const saved = { PATH: process.env.PATH, PULUMI_PYTHON_CMD: process.env.PULUMI_PYTHON_CMD };
beforeEach(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-pack-runtime-"));
});
afterEach(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
  process.env.PATH = saved.PATH;
  if (saved.PULUMI_PYTHON_CMD === undefined) {
    delete process.env.PULUMI_PYTHON_CMD;
  } else {
    process.env.PULUMI_PYTHON_CMD = saved.PULUMI_PYTHON_CMD;
  }
});

describe("checkPackRuntime", () => {
  test.each([
    [{ name: "nodejs", options: {} }],
    [{ name: "python", options: {} }],
    [{ name: "python", options: { virtualenv: "venv", toolchain: "pip" } }],
  ])("accepts %j", (runtime) => {
    expect(() => checkPackRuntime("PulumiPolicy.yaml", runtime)).not.toThrow();
  });

  test.each([
    [
      { name: "go", options: {} },
      'PulumiPolicy.yaml: runtime "go" is not supported: nodejs and python packs run',
    ],
    [
      { name: "python", options: { toolchain: "poetry" } },
      'PulumiPolicy.yaml: toolchain "poetry" is not supported: python packs run with pip (remove the toolchain option)',
    ],
    [
      { name: "python", options: { virtualenv: 3 } },
      "PulumiPolicy.yaml: the virtualenv option must be a string (a directory)",
    ],
  ])("rejects %j", (runtime, message) => {
    expect(() => checkPackRuntime("PulumiPolicy.yaml", runtime)).toThrow(new ConfigError(message));
  });
});

describe("packCommand", () => {
  test("a python pack without a virtualenv runs `python -u -m pulumi.policy` from PATH", async () => {
    const command = await packCommand(tempDir, { name: "python", options: {} });
    expect(command.file).toBe(systemPython());
    expect(command.args).toEqual(["-u", "-m", "pulumi.policy", "127.0.0.1:0", tempDir]);
    expect(command.env).toEqual({});
  });

  test("a python pack with a virtualenv runs its python, with the environment activated", async () => {
    const venv = path.join(tempDir, "venv");
    fs.mkdirSync(path.join(venv, "bin"), { recursive: true });
    fs.writeFileSync(path.join(venv, "bin", "python"), "");
    const command = await packCommand(tempDir, { name: "python", options: { virtualenv: "venv" } });
    expect(command.file).toBe(path.join(venv, "bin", "python"));
    expect(command.env).toEqual({
      VIRTUAL_ENV: venv,
      PATH: `${path.join(venv, "bin")}${path.delimiter}${process.env.PATH}`,
      PYTHONHOME: undefined,
    });
  });

  test("a virtualenv directory that is not one is an error naming it", async () => {
    fs.mkdirSync(path.join(tempDir, "venv"));
    fs.writeFileSync(path.join(tempDir, "venv", "notes.txt"), "");
    await expect(
      packCommand(tempDir, { name: "python", options: { virtualenv: "venv" } }),
    ).rejects.toThrow(
      new ConfigError(
        `${path.join(tempDir, "venv")} is not a virtual environment (it has no bin/python): remove it, and aigov creates it`,
      ),
    );
  });

  test("a failed install names the step, shows its output and leaves no environment behind", async () => {
    const bin = path.join(tempDir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, "python3"),
      '#!/bin/sh\n/bin/mkdir -p "$3/bin"\necho "venv: no ensurepip" >&2\nexit 1\n',
      { mode: 0o755 },
    );
    process.env.PATH = bin;
    delete process.env.PULUMI_PYTHON_CMD;
    const pack = path.join(tempDir, "pack");
    fs.mkdirSync(pack);
    const venv = path.join(pack, "venv");
    await expect(
      packCommand(pack, { name: "python", options: { virtualenv: "venv" } }),
    ).rejects.toThrow(
      new PolicyPackError(
        `policy pack ${pack}: preparing its virtual environment failed: python3 -m venv ${venv} exited (code 1):\nvenv: no ensurepip`,
      ),
    );
    expect(fs.existsSync(venv)).toBe(false);
  });

  test("no Python on PATH is an error saying what to install", () => {
    process.env.PATH = tempDir;
    process.env.PULUMI_PYTHON_CMD = "python3.99";
    expect(() => systemPython()).toThrow(
      new ConfigError(
        'cannot find any of "python3.99" on PATH: install Python 3 to run python policy packs',
      ),
    );
  });
});

test("Ctrl-C while a pack's virtual environment is being created leaves none behind", async () => {
  const bin = path.join(tempDir, "bin");
  fs.mkdirSync(bin);
  // `python3 -m venv DIR` that gets as far as DIR/bin/python, then hangs.
  fs.writeFileSync(
    path.join(bin, "python3"),
    '#!/bin/sh\n/bin/mkdir -p "$3/bin"\n: > "$3/bin/python"\nexec /bin/sleep 60\n',
    { mode: 0o755 },
  );
  const pack = path.join(tempDir, "pack");
  fs.mkdirSync(pack);
  fs.writeFileSync(
    path.join(pack, "PulumiPolicy.yaml"),
    "runtime:\n  name: python\n  options:\n    virtualenv: venv\n",
  );
  const venv = path.join(pack, "venv");
  const cli = spawn(
    process.execPath,
    [
      path.join(ROOT, "bin", "aigov.js"),
      "check",
      "test/fixtures/programs/faithful",
      "--no-default-pack",
      "--policy-pack",
      pack,
      "--quiet",
    ],
    {
      cwd: ROOT,
      env: { ...process.env, AIGOV_FROM_SOURCE: "1", PATH: `${bin}${path.delimiter}${saved.PATH}` },
      stdio: "ignore",
    },
  );
  const exited = once(cli, "exit");
  for (let waited = 0; !fs.existsSync(path.join(venv, "bin", "python")); waited += 100) {
    if (waited > 50_000) {
      throw new Error("the install never started");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  cli.kill("SIGINT");
  const [code] = await exited;
  expect(code).toBe(130);
  expect(fs.existsSync(venv)).toBe(false);
}, 120_000);
