"use strict";
// `npm run bench`: measures, in one run on this machine, for synthetic portfolios of N assets:
//   1. program time and peak RSS under Pulumi's mock runtime, aigov components vs the same
//      resources declared raw (the floor);
//   2. policy throughput of the aigov pack over the Analyzer protocol, and per resource against
//      @pulumi/awsguard on the AWS share;
//   3. `aigov check` end to end, and its growth from N=100 to N=1,000;
//   4. pack cold start (process start to first analysis).
// Every measurement runs in fresh child processes, repeated; the table shows medians. Prints a
// table and writes JSON (default bench/results/latest.json).
// Usage: node bench/run.js [--sizes 10,100,1000] [--repeat 3] [--cold-starts 5] [--out FILE]
//                          [--portfolios DIR]   (where the generated programs go)
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { performance } = require("perf_hooks");
const { portfolio } = require("./portfolio");
const { printTable } = require("./table");
const { watchDescendants } = require("./process-tree");

const ROOT = path.join(__dirname, "..");
const RESULTS = path.join(__dirname, "results");
const AIGOV_PACK = path.join(ROOT, "policy-packs", "aigov");
const AWSGUARD_PACK = path.join(ROOT, "test", "fixtures", "packs", "awsguard");
/** A pack whose policies do nothing: the cost of @pulumi/policy and the protocol alone. */
const FLOOR_PACK = path.join(__dirname, "packs", "floor");

/** The targets of the issue, on a 2-core machine. */
const TARGETS = {
  componentsTimeRatio: 1.25,
  componentsMemoryRatio: 1.25,
  packResourcesPerSecond: 5000,
  peerRatio: 1,
  checkMs: 60_000,
  checkRssBytes: 3 * 1024 ** 3,
  checkGrowth: 1.3,
  coldStartMs: 1500,
};

function parseArgs(argv) {
  const value = (flag, fallback) => {
    const i = argv.indexOf(flag);
    return i < 0 ? fallback : argv[i + 1];
  };
  const sizes = value("--sizes", "10,100,1000").split(",").map(Number);
  // `aigov check` also runs on N=400, about the 10,000 resources the targets assumed for 1,000
  // assets (the components declare about 25 per asset).
  const checkSizes = value(
    "--check-sizes",
    argv.includes("--sizes") ? sizes.join(",") : "10,100,400,1000",
  );
  return {
    sizes,
    checkSizes: checkSizes.split(",").map(Number),
    repeat: Number(value("--repeat", "3")),
    coldStarts: Number(value("--cold-starts", "5")),
    out: path.resolve(value("--out", path.join(RESULTS, "latest.json"))),
    portfolios: path.resolve(value("--portfolios", path.join(RESULTS, "portfolios"))),
  };
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The median of every numeric field of `runs` (objects of the same shape). */
function medians(runs) {
  const out = {};
  for (const [key, value] of Object.entries(runs[0])) {
    out[key] =
      typeof value === "number"
        ? median(runs.map((r) => r[key]))
        : value && typeof value === "object" && !Array.isArray(value)
          ? medians(runs.map((r) => r[key]))
          : value;
  }
  return out;
}

/** Runs `node ARGS` and resolves with its exit code, stdout and stderr. */
function node(args, { env = process.env, onSpawn = () => undefined } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env });
    onSpawn(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a bench script that prints one JSON line, and parses it. */
async function nodeJson(args) {
  const { code, stdout, stderr } = await node(args);
  if (code !== 0) {
    throw new Error(`node ${args.join(" ")} failed (exit ${code}):\n${stderr}`);
  }
  return JSON.parse(stdout.trim().split("\n").pop());
}

/** `count` runs of `run()`, one after the other. */
async function repeat(count, run) {
  const runs = [];
  for (let i = 0; i < count; i++) runs.push(await run());
  return runs;
}

const log = (message) => process.stderr.write(`bench: ${message}\n`);

let portfoliosDir = path.join(RESULTS, "portfolios");
const portfolioDir = (n) => path.join(portfoliosDir, `n${n}`);

/** Files whose change makes a generated portfolio stale. */
const GENERATOR_INPUTS = [
  "bench/portfolio.js",
  "bench/generate.js",
  "bench/programs/components.js",
  "bench/programs/raw.js",
  "dist/index.js",
  "dist/cli/program/recorder.js",
].map((f) => path.join(ROOT, f));

/** Generates the programs of N assets, unless they are newer than everything they come from. */
async function ensurePortfolio(n) {
  const recording = path.join(portfolioDir(n), "recording.json");
  const mtime = (f) => fs.statSync(f).mtimeMs;
  const fresh =
    fs.existsSync(recording) && GENERATOR_INPUTS.every((f) => mtime(f) <= mtime(recording));
  if (!fresh) {
    log(`generating the portfolio of ${n} assets`);
    await nodeJson([path.join(__dirname, "generate.js"), String(n), portfolioDir(n)]);
  }
  return describePortfolio(n, JSON.parse(fs.readFileSync(recording, "utf8")));
}

/** What a portfolio holds: assets, and registered resources by kind and cloud. */
function describePortfolio(n, recorded) {
  const custom = recorded.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  const byCloud = { aws: 0, gcp: 0, kubernetes: 0 };
  for (const r of custom) byCloud[r.type.split(":")[0]]++;
  const assets = { aws: 0, gcp: 0, k8s: 0 };
  for (const a of portfolio(n)) assets[a.cloud]++;
  return {
    n,
    assets,
    resources: recorded.length,
    customResources: custom.length,
    components: recorded.filter((r) => r.type.startsWith("aigov:")).length,
    byCloud,
  };
}

/** 1. Both programs, alternating, in fresh processes under Pulumi's mock runtime. */
async function measurePrograms(n, times) {
  const run = (program) =>
    nodeJson([path.join(__dirname, "run-program.js"), path.join(portfolioDir(n), program)]);
  const runs = await repeat(times, async () => ({
    components: await run("components"),
    raw: await run("raw"),
  }));
  const { components, raw } = medians(runs);
  return {
    n,
    components,
    raw,
    ratio: { time: components.ms / raw.ms, memory: components.maxRssBytes / raw.maxRssBytes },
  };
}

/** 2. A pack over a recorded portfolio (optionally its AWS share only). */
async function measurePolicy(n, packDir, times, options = []) {
  const dir = portfolioDir(n);
  const args = [
    path.join(__dirname, "run-policy.js"),
    packDir,
    path.join(dir, "recording.json"),
    path.join(dir, "components"),
    ...options,
  ];
  return { n, ...medians(await repeat(times, () => nodeJson(args))) };
}

/** 3. `aigov check DIR --format json` in a fresh process: wall time and peak RSS of CLI and pack. */
async function measureCheckOnce(n) {
  const rssFile = path.join(RESULTS, `.check-rss-${process.pid}`);
  const report = path.join(RESULTS, `.check-report-${process.pid}.json`);
  const args = [
    "--require",
    path.join(__dirname, "rss-probe.js"),
    path.join(ROOT, "bin", "aigov.js"),
    "check",
    path.join(portfolioDir(n), "components"),
    "--stack",
    "bench",
    "--format",
    "json",
    "--quiet",
    "--output",
    report,
  ];
  let watcher;
  const start = performance.now();
  const { code, stderr } = await node(args, {
    env: { ...process.env, AIGOV_BENCH_RSS_FILE: rssFile },
    onSpawn: (child) => (watcher = watchDescendants(child.pid)),
  });
  const ms = performance.now() - start;
  const { descendantMax: packMaxRssBytes, combinedMax: combinedMaxRssBytes } = watcher.stop();
  if (code !== 0) {
    throw new Error(`aigov check of N=${n} exited ${code}:\n${stderr}`);
  }
  const result = JSON.parse(fs.readFileSync(report, "utf8"));
  const cliMaxRssBytes = Number(fs.readFileSync(rssFile, "utf8"));
  fs.rmSync(rssFile);
  fs.rmSync(report);
  return {
    resources: result.resources.length,
    ms,
    msPerResource: ms / result.resources.length,
    cliMaxRssBytes,
    packMaxRssBytes,
    combinedMaxRssBytes,
    violations: result.violations.length,
  };
}

async function measureCheck(n, times) {
  return { n, ...medians(await repeat(times, () => measureCheckOnce(n))) };
}

function evaluateTargets(results) {
  const largest = (list) => list[list.length - 1];
  const programs = largest(results.programs);
  const policy = largest(results.policy);
  const check1000 = results.check.find((c) => c.n === 1000);
  const check400 = results.check.find((c) => c.n === 400);
  const targets = [
    ["components time / raw", "ratio", programs.ratio.time, TARGETS.componentsTimeRatio, "max"],
    [
      "components peak RSS / raw",
      "ratio",
      programs.ratio.memory,
      TARGETS.componentsMemoryRatio,
      "max",
    ],
    [
      "aigov pack resources/s",
      "rate",
      policy.resourcesPerSecond,
      TARGETS.packResourcesPerSecond,
      "min",
    ],
    [
      "aigov / awsguard ms per AWS resource",
      "ratio",
      results.peer?.ratio,
      TARGETS.peerRatio,
      "max",
    ],
    ["aigov check N=1,000 ms", "ms", check1000?.ms, TARGETS.checkMs, "max"],
    [
      "aigov check N=1,000 peak RSS, CLI and pack at once",
      "bytes",
      check1000?.combinedMaxRssBytes,
      TARGETS.checkRssBytes,
      "max",
    ],
    [
      "aigov check N=400 (≈10,000 resources) peak RSS, CLI and pack at once",
      "bytes",
      check400?.combinedMaxRssBytes,
      TARGETS.checkRssBytes,
      "max",
    ],
    [
      "aigov check ms/resource N=1,000 / N=100",
      "ratio",
      results.growth?.ratio,
      TARGETS.checkGrowth,
      "max",
    ],
    [
      "pack cold start ms",
      "ms",
      results.coldStart.aigov.firstAnalysisMs,
      TARGETS.coldStartMs,
      "max",
    ],
  ];
  return targets.map(([name, unit, measured, target, kind]) => ({
    name,
    unit,
    measured: measured ?? null,
    target,
    kind,
    met: measured == null ? null : kind === "max" ? measured <= target : measured >= target,
  }));
}

async function main() {
  const {
    sizes,
    checkSizes,
    repeat: times,
    coldStarts,
    out,
    portfolios,
  } = parseArgs(process.argv.slice(2));
  portfoliosDir = portfolios;
  fs.mkdirSync(RESULTS, { recursive: true });
  if (!fs.existsSync(path.join(AIGOV_PACK, "dist", "index.js"))) {
    throw new Error("the aigov pack is not built: run npm run build -w policy-packs/aigov");
  }
  const hasAwsguard = fs.existsSync(path.join(AWSGUARD_PACK, "PulumiPolicy.yaml"));
  const loadBefore = os.loadavg();
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      memoryBytes: os.totalmem(),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
    },
    repeat: times,
    coldStarts,
    load: { before: loadBefore, after: null },
    portfolios: [],
    programs: [],
    policy: [],
    policyFloor: null,
    peer: null,
    check: [],
    growth: null,
    coldStart: null,
    targets: [],
  };
  for (const n of [...new Set([...sizes, ...checkSizes])].sort((a, b) => a - b)) {
    results.portfolios.push(await ensurePortfolio(n));
  }
  for (const n of sizes) {
    log(`programs, N=${n}`);
    results.programs.push(await measurePrograms(n, times));
  }
  for (const n of sizes) {
    log(`aigov pack, N=${n}`);
    results.policy.push(await measurePolicy(n, AIGOV_PACK, times));
  }
  const largest = sizes[sizes.length - 1];
  log(`no-op pack (the protocol floor), N=${largest}`);
  results.policyFloor = await measurePolicy(largest, FLOOR_PACK, times);
  if (hasAwsguard) {
    log(`aigov and awsguard on the AWS share, N=${largest}`);
    const aigov = await measurePolicy(largest, AIGOV_PACK, times, ["--aws-only"]);
    const awsguard = await measurePolicy(largest, AWSGUARD_PACK, times, ["--aws-only"]);
    results.peer = {
      n: largest,
      aigov,
      awsguard,
      ratio: aigov.msPerResource / awsguard.msPerResource,
    };
  } else {
    log(`no awsguard pack at ${AWSGUARD_PACK}: skipping the peer comparison`);
  }
  log("pack cold starts");
  const coldStart = async (dir) =>
    (await measurePolicy(sizes[0], dir, 1, ["--cold-starts", String(coldStarts)])).coldStart;
  results.coldStart = {
    aigov: await coldStart(AIGOV_PACK),
    awsguard: hasAwsguard ? await coldStart(AWSGUARD_PACK) : null,
    floor: await coldStart(FLOOR_PACK),
  };
  for (const n of checkSizes) {
    log(`aigov check, N=${n}`);
    results.check.push(await measureCheck(n, times));
  }
  const [from, to] = [100, 1000].map((n) => results.check.find((c) => c.n === n));
  if (from && to) {
    results.growth = { from: 100, to: 1000, ratio: to.msPerResource / from.msPerResource };
  }
  results.load.after = os.loadavg();
  results.targets = evaluateTargets(results);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results, process.stdout);
  process.stdout.write(`\nJSON: ${path.relative(process.cwd(), out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
