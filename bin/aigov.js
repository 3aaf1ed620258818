#!/usr/bin/env node
"use strict";
// With AIGOV_FROM_SOURCE=1 (tests, development), runs cli/*.ts through the TypeScript require
// hook instead of the compiled dist/: the hook itself is compiled here, in memory.
if (process.env.AIGOV_FROM_SOURCE === "1") {
  const fs = require("fs");
  const path = require("path");
  const Module = require("module");
  const ts = require("typescript");
  const hook = path.join(__dirname, "..", "cli", "program", "ts-register.ts");
  const compiled = new Module(hook, module);
  compiled.filename = hook;
  compiled.paths = Module._nodeModulePaths(path.dirname(hook));
  const source = fs.readFileSync(hook, "utf8");
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };
  compiled._compile(ts.transpileModule(source, { compilerOptions: options }).outputText, hook);
  compiled.exports.registerTypeScript(path.join(__dirname, ".."));
  require("../cli/main.ts").runCli();
} else {
  require("../dist/cli/main.js").runCli();
}
