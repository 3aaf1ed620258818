import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import type { SourceLocation } from "../model";

/**
 * The root of the repository `cwd` is in (the nearest directory with `.git`), else `cwd`: GitHub
 * code scanning resolves SARIF locations against the repository root, whatever directory the
 * check ran in.
 */
export function repositoryRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

/** A SARIF artifact location: relative to the root (`%SRCROOT%`) when inside it, else a file URL. */
export function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(root, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    return { uri: pathToFileURL(file).href };
  }
  return { uri: relative.split(path.sep).join("/"), uriBaseId: "%SRCROOT%" };
}

/** `infra/index.ts:12` for people: relative to the root when inside it. */
export function sourceText(source: SourceLocation, root: string): string {
  const { uri } = artifactLocation(source.file, root);
  return `${uri.startsWith("file:") ? source.file : uri}:${source.line}`;
}
