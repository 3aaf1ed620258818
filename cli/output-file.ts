import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "./errors";

/** Why `file` cannot be written, in words, or undefined when it can. */
function unwritableReason(file: string): string | undefined {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch {
    // Not there yet: its directory must take it.
  }
  if (stat?.isDirectory()) {
    return "it is a directory";
  }
  const target = stat ? file : path.dirname(file);
  try {
    fs.accessSync(target, fs.constants.W_OK);
    if (!stat && !fs.statSync(target).isDirectory()) {
      return `${target} is not a directory`;
    }
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return `directory ${target} does not exist`;
    if (code === "ENOTDIR") return `${target} is not a directory`;
    return `${stat ? "it" : `directory ${target}`} is not writable (${code ?? "error"})`;
  }
}

/**
 * Checks, before anything runs, that a report file given with `option` (`--output`, `--html`) can
 * be written: a bad path is exit 2 at once, not a crash after the whole run. Nothing is created.
 */
export function checkWritable(file: string | undefined, option: string): void {
  const reason = file && unwritableReason(file);
  if (reason) {
    throw new ConfigError(`cannot write ${option} ${file}: ${reason}`);
  }
}

/** Writes a report file; a failure (a full disk, a path gone meanwhile) is one line, exit 2. */
export function writeOutput(file: string, text: string, option: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    throw new ConfigError(`cannot write ${option} ${file}: ${code ?? message}`);
  }
}
