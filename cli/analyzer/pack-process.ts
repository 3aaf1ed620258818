import { spawn, type ChildProcess } from "child_process";

/** How long a pack may take to print its port (TypeScript packs type-check on start). */
const START_TIMEOUT_MS = 120_000;
/** How much of a pack's stderr is kept to explain a failure. */
const STDERR_TAIL_BYTES = 16 * 1024;
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPES = /\x1b\[[0-9;]*m/g;

const running = new Set<ChildProcess>();

/** Kills every pack process still running (on exit, errors and Ctrl-C). */
export function killAllPackProcesses(): void {
  for (const child of running) {
    child.kill("SIGKILL");
  }
  running.clear();
}

/** How a pack's process starts: what runs, with which arguments and extra environment. */
export interface PackCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** Kills `child` with the pack processes if the CLI stops before it ends. */
export function trackChild(child: ChildProcess): void {
  running.add(child);
  child.on("exit", () => running.delete(child));
}

/** A policy pack running in its own process, as the engine runs it. */
export class PackProcess {
  private stderr = "";
  private gotPort = 0;

  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
  ) {
    trackChild(child);
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL_BYTES);
    });
  }

  /** The gRPC port the pack listens on. */
  get port(): number {
    return this.gotPort;
  }

  /**
   * Starts the pack's `command` in `dir` and waits for the port it prints on its first line.
   * Rejects with the pack's stderr when it fails to start.
   */
  static start(dir: string, env: NodeJS.ProcessEnv, command: PackCommand): Promise<PackProcess> {
    const child = spawn(command.file, [...command.args], {
      cwd: dir,
      env: { ...env, ...command.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const pack = new PackProcess(dir, child);
    let stdout = "";
    return new Promise((resolve, reject) => {
      const fail = (reason: string) => {
        clearTimeout(timer);
        pack.kill();
        const output = pack.stderrTail() || stdout.trim();
        reject(new Error(`${reason}${output ? `:\n${output}` : ""}`));
      };
      const timer = setTimeout(
        () => fail(`did not report its port within ${START_TIMEOUT_MS / 1000} s`),
        START_TIMEOUT_MS,
      );
      // "close" comes after the last stderr chunk, so the report shows all of it.
      const onClose = (code: number | null, signal: string | null) =>
        fail(`exited (${signal ?? `code ${code}`}) before reporting its port`);
      const onStdout = (chunk: string) => {
        stdout += chunk;
        const newline = stdout.indexOf("\n");
        if (newline < 0) {
          return;
        }
        const line = stdout.slice(0, newline).trim();
        const port = Number(line);
        if (!Number.isInteger(port) || port <= 0) {
          fail(`printed "${line}" where its gRPC port was expected`);
          return;
        }
        clearTimeout(timer);
        child.off("close", onClose);
        child.stdout?.off("data", onStdout).resume();
        pack.gotPort = port;
        resolve(pack);
      };
      child.stdout?.setEncoding("utf8").on("data", onStdout);
      child.on("close", onClose);
      child.on("error", (err) => fail(err.message));
    });
  }

  /** The end of what the pack wrote on stderr (without colours), to explain a failure. */
  stderrTail(): string {
    return this.stderr.replace(ANSI_ESCAPES, "").trim();
  }

  kill(): void {
    this.child.kill("SIGKILL");
    running.delete(this.child);
  }
}
