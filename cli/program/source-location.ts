import * as path from "path";
import { fileURLToPath } from "url";
import type { SourceLocation } from "../model";

/** The stack trace the runtime sends with each registration (`RegisterResourceRequest`). */
interface WithStackTrace {
  getStacktrace():
    | {
        getFramesList(): {
          getPc(): { getUri(): string; getLine(): number; getColumn(): number } | undefined;
        }[];
      }
    | undefined;
}

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/**
 * Where the program declares a resource: the first frame of the registration's stack trace in a
 * file inside `programDir` and outside `node_modules` (components and SDKs are skipped, so a
 * component's children point at the component's declaration in the program).
 */
export function declaredAt(req: WithStackTrace, programDir: string): SourceLocation | undefined {
  const inside = programDir.endsWith(path.sep) ? programDir : programDir + path.sep;
  for (const frame of req.getStacktrace()?.getFramesList() ?? []) {
    const pc = frame.getPc();
    if (!pc?.getUri().startsWith("file:")) continue;
    let file: string;
    try {
      file = fileURLToPath(pc.getUri());
    } catch {
      continue;
    }
    if (file.startsWith(inside) && !file.includes(NODE_MODULES)) {
      return { file, line: pc.getLine(), column: pc.getColumn() };
    }
  }
  return undefined;
}
