import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ENGINE_BIN, missingEngine } = require("./engine-bin") as {
  ENGINE_BIN: string;
  missingEngine: () => string | undefined;
};

export const repoRoot = path.resolve(__dirname, "../..");
export const AIGOV_PACK = path.join(repoRoot, "policy-packs", "aigov");

/** What a command printed and how it exited. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Milliseconds; the command is killed after it. */
  readonly timeout?: number;
}

/** Runs a command to completion (never throws for a non-zero exit). */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      {
        cwd: options.cwd ?? repoRoot,
        env: { ...process.env, ...options.env },
        maxBuffer: 256 * 1024 * 1024,
        timeout: options.timeout ?? 10 * 60 * 1000,
        killSignal: "SIGKILL",
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (error && code === -1)
          reject(new Error(`${file} ${args.join(" ")}: ${error.message}\n${stderr}`));
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs `aigov ARGS` from the TypeScript sources in the repository root (`--format json` runs are
 * parsed by the callers); allows ten minutes, a shared machine being slow.
 */
export function aigov(args: readonly string[]): Promise<Run> {
  return run(process.execPath, [path.join(repoRoot, "bin", "aigov.js"), ...args], {
    env: { AIGOV_FROM_SOURCE: "1", NO_COLOR: "1" },
  });
}

/** Throws unless `result` exited 0, with its output in the message. */
export function succeeded(result: Run, what: string): Run {
  if (result.code !== 0) {
    throw new Error(`${what} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** What test/engine/inline-program.js runs. */
export interface InlineSpec {
  readonly command: "up" | "preview" | "destroy";
  readonly workDir: string;
  /** Fully qualified: `organization/<project>/<stack>`. */
  readonly stackName: string;
  readonly config?: Record<string, string>;
  readonly policyPacks?: string[];
  readonly policyPackConfigs?: string[];
}

/** A policy event of the engine. */
export interface PolicyEvent {
  readonly policyName: string;
  readonly policyPackName: string;
  readonly resourceUrn?: string;
  readonly enforcementLevel: string;
  readonly message: string;
}

export interface InlineResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: string;
  readonly policyEvents: PolicyEvent[];
  /** `up`/`destroy`: the update summary; `preview`: the change summary (operation → count). */
  readonly summary?: { resourceChanges?: Record<string, number> } & Record<string, unknown>;
}

/**
 * A Pulumi CLI sandbox: PULUMI_HOME and a file backend (`pulumi login file://…`) in a temporary
 * directory, the passphrase secrets provider, the engine of .engine/bin first on PATH (language
 * hosts, providers and the policy-pack launcher are found there), no update checks and no plugin
 * downloads: nothing reaches the network.
 */
export class PulumiSandbox {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-engine-"));
  readonly env: Record<string, string>;
  private readonly copies: string[] = [];

  constructor() {
    const missing = missingEngine();
    if (missing) {
      throw new Error(missing);
    }
    const home = path.join(this.dir, "pulumi-home");
    fs.mkdirSync(path.join(this.dir, "backend"), { recursive: true });
    fs.mkdirSync(home);
    this.env = {
      PATH: `${ENGINE_BIN}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: home,
      PULUMI_CONFIG_PASSPHRASE: "aigov engine tests",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      PULUMI_DIY_BACKEND_DISABLE_CHECKPOINT_BACKUPS: "true",
      NO_COLOR: "1",
      // Node programs started for the engine run the TypeScript sources' compiled package.
      AIGOV_FROM_SOURCE: "",
    };
  }

  /** `pulumi login file://<sandbox>/backend`: every stack of the sandbox lives there. */
  async login(): Promise<void> {
    succeeded(
      await this.pulumi(["login", `file://${path.join(this.dir, "backend")}`]),
      "pulumi login",
    );
  }

  pulumi(args: readonly string[], options: RunOptions = {}): Promise<Run> {
    return run(path.join(ENGINE_BIN, "pulumi"), [...args, "--non-interactive"], {
      ...options,
      env: { ...this.env, ...options.env },
    });
  }

  /** A fresh directory inside the sandbox. */
  scratch(name: string): string {
    const dir = path.join(this.dir, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /**
   * The executable to give `--policy-pack` for the Node.js policy pack in `packDir`: it runs
   * `pulumi-analyzer-policy PACK_DIR` (scripts/engine), which starts the pack as the Node.js
   * language host would. The CLI starts an executable `--policy-pack` as a binary analyzer.
   */
  packLauncher(packDir: string): string {
    const dir = fs.mkdtempSync(path.join(this.dir, `pack-${path.basename(packDir)}-`));
    const launcher = path.join(dir, "pulumi-analyzer-policy");
    fs.writeFileSync(
      launcher,
      `#!/bin/sh\nexec pulumi-analyzer-policy ${JSON.stringify(path.resolve(packDir))} "$@"\n`,
      { mode: 0o755 },
    );
    return launcher;
  }

  /**
   * A copy of the program in `programDir` (without node_modules) that the engine may write stack
   * config into. It lives in the git-ignored .engine/work so that the program resolves `aigov`
   * and its other dependencies from the repository's node_modules, as in place.
   */
  programCopy(programDir: string): string {
    const work = path.join(repoRoot, ".engine", "work");
    fs.mkdirSync(work, { recursive: true });
    const copy = fs.mkdtempSync(path.join(work, `${path.basename(path.resolve(programDir))}-`));
    this.copies.push(copy);
    fs.cpSync(path.resolve(repoRoot, programDir), copy, {
      recursive: true,
      filter: (source) => path.basename(source) !== "node_modules",
    });
    return copy;
  }

  /** Runs a Node.js program with the real CLI (test/engine/inline-program.js). */
  async inline(spec: InlineSpec): Promise<InlineResult> {
    const result = await run(
      process.execPath,
      [path.join(__dirname, "inline-program.js"), JSON.stringify(spec)],
      {
        env: this.env,
      },
    );
    const last = result.stdout.trim().split("\n").pop() ?? "";
    try {
      return JSON.parse(last) as InlineResult;
    } catch {
      throw new Error(
        `inline-program.js printed no result (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
      );
    }
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    for (const copy of this.copies) {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }
}
