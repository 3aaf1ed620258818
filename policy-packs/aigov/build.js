// Compiles the pack's TypeScript to dist/ (CommonJS) file by file with the TypeScript compiler's
// transpiler, so that the build needs neither the sdk's build nor a second type-checking program.
// Type checking is the repository's `npm run typecheck` (its tsconfig includes the pack).
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require("typescript");
const sources = require("./sources");

const root = __dirname;
const out = path.join(root, "dist");
const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: true,
};

fs.rmSync(out, { recursive: true, force: true });
for (const file of sources(root)) {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  const result = ts.transpileModule(source, {
    compilerOptions,
    fileName: file,
    reportDiagnostics: true,
  });
  if (result.diagnostics?.length) {
    const text = ts.formatDiagnostics(result.diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => root,
      getNewLine: () => "\n",
    });
    throw new Error(`cannot compile ${file}:\n${text}`);
  }
  const target = path.join(out, file.replace(/\.ts$/, ".js"));
  const map = JSON.parse(result.sourceMapText);
  map.sources = [path.relative(path.dirname(target), path.join(root, file))];
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, result.outputText);
  fs.writeFileSync(`${target}.map`, JSON.stringify(map));
}
