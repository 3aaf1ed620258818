// Entry point of the aigov policy pack as the Pulumi engine starts it (`run-policy-pack`).
// It runs the compiled pack in dist/ (`npm run build`, also run by `npm install`/`npm ci`), which
// starts in well under two seconds. When dist/ is missing or older than a TypeScript source, it
// runs the sources instead, which run-policy-pack compiles and type-checks with ts-node: correct,
// but several seconds slower.
"use strict";
const fs = require("fs");
const path = require("path");

const compiled = path.join(__dirname, "dist", "index.js");

/** The pack's TypeScript sources: index.ts, lib/*.ts and policies/*.ts. */
function sources() {
  const files = [path.join(__dirname, "index.ts")];
  for (const dir of ["lib", "policies"]) {
    for (const f of fs.readdirSync(path.join(__dirname, dir))) {
      if (f.endsWith(".ts")) files.push(path.join(__dirname, dir, f));
    }
  }
  return files;
}

function isBuilt() {
  try {
    const built = fs.statSync(compiled).mtimeMs;
    return sources().every((f) => fs.statSync(f).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (isBuilt()) {
  require(compiled);
} else {
  console.error(
    "aigov policy pack: dist/ is missing or older than the sources; running the TypeScript sources (run `npm run build` in policy-packs/aigov for a fast start)",
  );
  require("./index.ts");
}
