// Where `npm run engine` puts the Pulumi engine, and what must be there for the engine tests.
const fs = require("fs");
const path = require("path");

const ENGINE_BIN = path.resolve(__dirname, "../../.engine/bin");
const REQUIRED = ["pulumi", "pulumi-analyzer-policy"];

/** A message naming what is missing and how to build it, or undefined when the engine is there. */
function missingEngine() {
  const missing = REQUIRED.filter((name) => !fs.existsSync(path.join(ENGINE_BIN, name)));
  return missing.length === 0
    ? undefined
    : `the Pulumi engine is not built (missing in .engine/bin: ${missing.join(", ")}): run \`npm run engine\` first (docs/engine.md)`;
}

module.exports = { ENGINE_BIN, missingEngine };
