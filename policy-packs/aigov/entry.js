// Entry point of the aigov policy pack as the Pulumi engine starts it (`run-policy-pack`).
// It runs the compiled pack in dist/ (`npm run build`, also run by `npm install`/`npm ci`), which
// starts about as fast as an empty pack. When dist/ is missing or older than a TypeScript source, it
// runs the sources instead, which run-policy-pack compiles and type-checks with ts-node: correct,
// but several seconds slower.
"use strict";
const fs = require("fs");
const path = require("path");
const sources = require("./sources");

const compiled = path.join(__dirname, "dist", "index.js");

function isBuilt() {
  try {
    const built = fs.statSync(compiled).mtimeMs;
    return sources(__dirname).every((f) => fs.statSync(path.join(__dirname, f)).mtimeMs <= built);
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
