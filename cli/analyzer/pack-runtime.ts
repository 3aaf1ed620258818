import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, PolicyPackError } from "../errors";
import { trackChild, type PackCommand } from "./pack-process";

/** The runtime `PulumiPolicy.yaml` names, with its options. */
export interface PackRuntime {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/** Analyzer hosts require an engine address and ignore it. */
const ENGINE_ADDRESS = "127.0.0.1:0";
/** How long creating a pack's virtual environment and installing its requirements may take. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;
/** How much of an install's output is kept to explain a failure. */
const OUTPUT_TAIL_BYTES = 8 * 1024;
const WINDOWS = process.platform === "win32";

/** Checks a pack's runtime and options before anything starts. */
export function checkPackRuntime(file: string, runtime: PackRuntime): void {
  if (runtime.name === "nodejs") {
    return;
  }
  if (runtime.name !== "python") {
    throw new ConfigError(
      `${file}: runtime "${runtime.name}" is not supported: nodejs and python packs run`,
    );
  }
  const { virtualenv, toolchain } = runtime.options;
  if (virtualenv !== undefined && typeof virtualenv !== "string") {
    throw new ConfigError(`${file}: the virtualenv option must be a string (a directory)`);
  }
  if (toolchain !== undefined && toolchain !== "pip") {
    throw new ConfigError(
      `${file}: toolchain ${JSON.stringify(toolchain)} is not supported: python packs run with pip (remove the toolchain option)`,
    );
  }
}

function runPolicyPackScript(packDir: string): string {
  for (const from of [packDir, __dirname]) {
    try {
      return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [from] });
    } catch {
      // Not installed for the pack: fall back to ours.
    }
  }
  throw new Error("cannot find @pulumi/pulumi/cmd/run-policy-pack");
}

/**
 * The command that starts the pack in `dir`, as the engine's language hosts start packs: a nodejs
 * pack with `@pulumi/pulumi/cmd/run-policy-pack`, a python pack with `python -u -m pulumi.policy`
 * in its virtual environment (created, with `requirements.txt` installed, when missing).
 */
export async function packCommand(dir: string, runtime: PackRuntime): Promise<PackCommand> {
  if (runtime.name === "nodejs") {
    return {
      file: process.execPath,
      args: [runPolicyPackScript(dir), ENGINE_ADDRESS, dir],
      env: {},
    };
  }
  const args = ["-u", "-m", "pulumi.policy", ENGINE_ADDRESS, dir];
  const virtualenv = runtime.options.virtualenv as string | undefined;
  if (!virtualenv) {
    // No virtual environment: the Python on PATH, as the engine runs it.
    return { file: systemPython(), args, env: {} };
  }
  const venv = path.resolve(dir, virtualenv);
  await ensureVirtualEnv(dir, venv);
  return { file: venvPython(venv), args, env: activateVirtualEnv(venv) };
}

/** `PULUMI_PYTHON_CMD`, else `python3`, else `python`, found on PATH. */
export function systemPython(): string {
  const names = process.env.PULUMI_PYTHON_CMD
    ? [process.env.PULUMI_PYTHON_CMD]
    : WINDOWS
      ? ["python", "python3"]
      : ["python3", "python"];
  const extensions = WINDOWS ? [".exe", ""] : [""];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      for (const extension of extensions) {
        const candidate = path.join(dir, name + extension);
        if (isFile(candidate)) {
          return candidate;
        }
      }
    }
  }
  throw new ConfigError(
    `cannot find any of ${names.map((n) => `"${n}"`).join(", ")} on PATH: install Python 3 to run python policy packs`,
  );
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function venvPython(venv: string): string {
  return path.join(venv, WINDOWS ? "Scripts" : "bin", WINDOWS ? "python.exe" : "python");
}

/** The environment of a command in the virtual environment, as `activate` makes it. */
function activateVirtualEnv(venv: string): NodeJS.ProcessEnv {
  const bin = path.dirname(venvPython(venv));
  return {
    VIRTUAL_ENV: venv,
    PATH: [bin, process.env.PATH].filter(Boolean).join(path.delimiter),
    PYTHONHOME: undefined,
  };
}

/** Virtual environments being created: an interrupted install must not leave one behind. */
const unfinished = new Set<string>();

function removeUnfinished(): void {
  for (const venv of unfinished) {
    fs.rmSync(venv, { recursive: true, force: true });
  }
  unfinished.clear();
}

/**
 * Creates the virtual environment and installs the pack's requirements when it is missing or an
 * empty directory, as `pulumi install` does: `python -m venv`, `pip install --upgrade pip
 * setuptools wheel`, `pip install -r requirements.txt`. A failed or interrupted install leaves no
 * environment behind, so the next run tries again.
 */
async function ensureVirtualEnv(dir: string, venv: string): Promise<void> {
  if (isFile(venvPython(venv))) {
    return;
  }
  const stat = fs.statSync(venv, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) {
    throw new ConfigError(`the virtualenv of policy pack ${dir}, ${venv}, is not a directory`);
  }
  if (stat && fs.readdirSync(venv).length > 0) {
    throw new ConfigError(
      `${venv} is not a virtual environment (it has no ${path.relative(venv, venvPython(venv))}): remove it, and aigov creates it`,
    );
  }
  const python = venvPython(venv);
  const env = { ...process.env, ...activateVirtualEnv(venv) };
  if (unfinished.size === 0) {
    // On Ctrl-C and errors the CLI exits with the install unfinished: the environment goes too.
    process.once("exit", removeUnfinished);
  }
  unfinished.add(venv);
  try {
    await install(dir, systemPython(), ["-m", "venv", venv], process.env);
    await install(
      dir,
      python,
      ["-m", "pip", "install", "--upgrade", "pip", "setuptools", "wheel"],
      env,
    );
    if (fs.existsSync(path.join(dir, "requirements.txt"))) {
      await install(dir, python, ["-m", "pip", "install", "-r", "requirements.txt"], env);
    }
  } catch (err) {
    fs.rmSync(venv, { recursive: true, force: true });
    throw err;
  } finally {
    unfinished.delete(venv);
    if (unfinished.size === 0) {
      process.off("exit", removeUnfinished);
    }
  }
}

/** Runs one install step in `dir`; fails with the end of its output, or after the timeout. */
function install(dir: string, file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const step = `${path.basename(file)} ${args.join(" ")}`;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    trackChild(child);
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-OUTPUT_TAIL_BYTES);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    let settled = false;
    const settle = (error?: string) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (error === undefined) {
        resolve();
        return;
      }
      const tail = output.trim();
      reject(
        new PolicyPackError(
          `policy pack ${dir}: preparing its virtual environment failed: ${step} ${error}${tail ? `:\n${tail}` : ""}`,
        ),
      );
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(`did not finish within ${INSTALL_TIMEOUT_MS / 1000} s`);
    }, INSTALL_TIMEOUT_MS);
    child.on("error", (err) => settle(`could not run (${err.message})`));
    child.on("close", (code, signal) =>
      settle(code === 0 ? undefined : `exited (${signal ?? `code ${code}`})`),
    );
  });
}
