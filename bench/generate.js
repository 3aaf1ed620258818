"use strict";
// Generates the portfolio of N assets as two Pulumi programs in bench/results/portfolios/n<N>/:
//   components/  the assets declared with the aigov components;
//   raw/         the very same custom resources declared raw with @pulumi/aws, gcp and kubernetes,
//                replayed from a recording of what the components register (the floor);
//   recording.json  every resource the components program registers, as `aigov check` records it
//                (the input of the policy benchmarks).
// Usage: node bench/generate.js N [OUT_DIR]
const fs = require("fs");
const path = require("path");
const { portfolio, writeComponentsProgram, writeProject } = require("./portfolio");

const ROOT = path.join(__dirname, "..");
const dist = (file) => require(path.join(ROOT, "dist", "cli", file));

/** Runs the program in `dir` once under the `aigov check` recorder and returns what it registered. */
async function record(dir) {
  const { readProject } = dist("project");
  const { runProgram } = dist("program/run-program");
  const observer = { register: async (resource) => resource.inputs };
  const run = await runProgram(readProject(dir, "bench"), observer);
  return run.resources;
}

/**
 * The custom resources a raw program declares to register the same resources: everything the
 * components registered except the components themselves, the stack and the default providers
 * (the engine adds those). Each keeps its inputs and its dependencies on earlier entries (by
 * index): `wired` properties took another resource's output (the raw program passes an output of
 * that resource there, as a hand-written program does), `dependsOn` are the other dependencies.
 */
function rawResources(recorded) {
  const isDeclared = (r) =>
    r.custom && !(r.type.startsWith("pulumi:providers:") && r.name.startsWith("default"));
  const declared = recorded.filter(isDeclared);
  const index = new Map(declared.map((r, i) => [r.urn, i]));
  const earlier = (urns, i) =>
    [...new Set(urns.map((urn) => index.get(urn)))].filter((d) => d !== undefined && d < i);
  return declared.map((r, i) => {
    const wired = {};
    for (const [property, urns] of Object.entries(r.propertyDependencies)) {
      const deps = earlier(urns, i);
      if (deps.length > 0 && r.inputs[property] !== undefined) wired[property] = deps;
    }
    const viaProperties = new Set(Object.values(wired).flat());
    const dependsOn = earlier(r.dependencies, i).filter((d) => !viaProperties.has(d));
    return { type: r.type, name: r.name, inputs: r.inputs, wired, dependsOn };
  });
}

async function generate(n, outDir) {
  const componentsDir = path.join(outDir, "components");
  const rawDir = path.join(outDir, "raw");
  writeComponentsProgram(componentsDir, portfolio(n));
  const recorded = await record(componentsDir);
  const raw = rawResources(recorded);
  const template = path.join(__dirname, "programs", "raw.js");
  writeProject(
    rawDir,
    "bench-raw",
    `"use strict";\nrequire(${JSON.stringify(template)})(require("./resources.json"));\n`,
    { "resources.json": raw },
  );
  fs.writeFileSync(path.join(outDir, "recording.json"), JSON.stringify(recorded));
  return { recorded: recorded.length, raw: raw.length };
}

if (require.main === module) {
  const n = Number(process.argv[2]);
  const outDir = path.resolve(
    process.argv[3] ?? path.join(__dirname, "results", "portfolios", `n${n}`),
  );
  generate(n, outDir).then(
    (counts) => {
      process.stdout.write(`${JSON.stringify({ n, dir: outDir, ...counts })}\n`);
      process.exit(0);
    },
    (err) => {
      process.stderr.write(`${err.stack ?? err}\n`);
      process.exit(1);
    },
  );
}
