// The pack's TypeScript sources (relative paths): shared by build.js and entry.js.
"use strict";
const fs = require("fs");
const path = require("path");

/** index.ts, lib/*.ts and policies/*.ts of the pack directory `root`. */
module.exports = function sources(root) {
  const files = ["index.ts"];
  for (const dir of ["lib", "policies"]) {
    for (const f of fs.readdirSync(path.join(root, dir))) {
      if (f.endsWith(".ts")) files.push(path.join(dir, f));
    }
  }
  return files;
};
