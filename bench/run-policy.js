"use strict";
// Runs one policy pack over a recorded portfolio through the Analyzer protocol, as `aigov check`
// does (a pack process, one Analyze call per resource, then one AnalyzeStack), and prints one JSON
// line: cold starts, policy time and throughput, violations and the pack's peak RSS.
// Usage: node bench/run-policy.js PACK_DIR RECORDING_JSON PROGRAM_DIR [--aws-only] [--cold-starts K]
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");

const ROOT = path.join(__dirname, "..");
const dist = (file) => require(path.join(ROOT, "dist", "cli", file));
const { PolicyPacks, providerLookup } = dist("analyzer/run-packs");
const { preparePolicyPacks } = dist("analyzer/start-pack");
const { readProject, ORGANIZATION } = dist("project");
const { stackUrnOf } = dist("model");

/** Requests in flight at once: enough to keep the pack busy. */
const WINDOW = 64;

function parseArgs(argv) {
  const [packDir, recording, programDir, ...rest] = argv;
  const coldStarts = rest.includes("--cold-starts")
    ? Number(rest[rest.indexOf("--cold-starts") + 1])
    : 0;
  return { packDir, recording, programDir, awsOnly: rest.includes("--aws-only"), coldStarts };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The pack's peak RSS so far (the private child process of the first running pack). */
function packPeakRss(packs) {
  const pid = packs.packs[0].packProcess.child.pid;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

/** Analyzes `resources` with at most WINDOW calls in flight; returns the violations. */
async function analyzeAll(packs, resources, providerOf) {
  const violations = [];
  let next = 0;
  const worker = async () => {
    while (next < resources.length) {
      const r = resources[next++];
      violations.push(...(await packs.analyze(r, r.inputs, providerOf(r))));
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
  return violations;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const project = readProject(path.resolve(args.programDir), "bench");
  const context = {
    project: project.name,
    stack: project.stack,
    organization: ORGANIZATION,
    config: project.config,
    secretKeys: project.secretKeys,
    dryRun: true,
  };
  const prepared = preparePolicyPacks([{ dir: path.resolve(args.packDir), config: {} }]);
  const recorded = JSON.parse(fs.readFileSync(args.recording, "utf8"));
  const all = args.awsOnly ? recorded.filter((r) => r.type.startsWith("aws:")) : recorded;
  const providerOf = providerLookup(recorded);
  const first = all.find((r) => r.custom) ?? all[0];

  // Cold start: a fresh pack process until its first Analyze answer, as a preview sees it.
  const coldStarts = [];
  for (let i = 0; i < args.coldStarts; i++) {
    const start = performance.now();
    const packs = await PolicyPacks.start(prepared, context);
    const readyMs = performance.now() - start;
    await packs.analyze(first, first.inputs, providerOf(first));
    coldStarts.push({ readyMs, firstAnalysisMs: performance.now() - start });
    packs.close();
  }

  const packs = await PolicyPacks.start(prepared, context);
  try {
    const t0 = performance.now();
    const violations = await analyzeAll(packs, all, providerOf);
    const t1 = performance.now();
    violations.push(...(await packs.analyzeStack(all, providerOf, stackUrnOf(recorded))));
    const t2 = performance.now();
    const count = (level) => violations.filter((v) => v.enforcementLevel === level).length;
    const result = {
      pack: packs.summaries[0].name,
      resources: all.length,
      analyzeMs: t1 - t0,
      analyzeStackMs: t2 - t1,
      policyMs: t2 - t0,
      resourcesPerSecond: all.length / ((t2 - t0) / 1000),
      msPerResource: (t2 - t0) / all.length,
      violations: { mandatory: count("mandatory"), advisory: count("advisory") },
      packMaxRssBytes: packPeakRss(packs),
      ...(coldStarts.length > 0 && {
        coldStart: {
          runs: coldStarts.length,
          readyMs: median(coldStarts.map((c) => c.readyMs)),
          firstAnalysisMs: median(coldStarts.map((c) => c.firstAnalysisMs)),
        },
      }),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    packs.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);
