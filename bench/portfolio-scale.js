"use strict";
// `aigov portfolio` at scale: writes N synthetic `pulumi stack export` files with R resources in
// total (default 500 stacks, 100,000 resources), runs `aigov portfolio` over them from dist/ in a
// fresh process, and reports the wall time and the peak RSS of the CLI and its pack process, the
// tree's RSS sampled at once. Prints one JSON line.
// Usage: node bench/portfolio-scale.js [--stacks 500] [--resources 100000] [--dir DIR]
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const { Stack, sagemakerEndpoint, awsBudget } = require("../examples/portfolio/generate");
const { watchDescendants } = require("./process-tree");

const ROOT = path.join(__dirname, "..");

function option(argv, flag, fallback) {
  const i = argv.indexOf(flag);
  return i < 0 ? fallback : argv[i + 1];
}

const STAGES = ["experimental", "staging", "production", "production", "deprecated"];

/**
 * One stack of `size` resources: a third AI assets (SageMaker endpoints, registries with their
 * governed buckets and lifecycle rules), a team budget, and the rest plain infrastructure (IAM
 * roles, log groups) that the pack analyzes too.
 */
function syntheticStack(i, size) {
  const team = `team-${i % 40}`;
  const s = new Stack(`app-${i}`, i % 3 === 0 ? "staging" : "prod");
  s.provider("aws", { region: "eu-west-1", version: "7.48.0" });
  const meta = (asset, k) => ({
    "asset-id": asset,
    owner: `${team}@example.com`,
    team,
    "cost-center": `CC-${1000 + (i % 40)}`,
    stage: STAGES[k % STAGES.length],
    "data-classification": k % 2 ? "confidential" : "internal",
    "risk-tier": ["minimal", "limited", "high"][k % 3],
    "training-data-license": "apache-2.0",
    "model-card": `https://models.example.com/${asset}`,
    "eval-status": "passed",
    "eval-benchmarks": "accuracy",
    "sunset-date": `2027-0${1 + (k % 9)}-15`,
    "model-registry": `reg-${i}-${k % 4}`,
  });
  let k = 0;
  while (s.resources.length < size * 0.35) {
    const registry = `reg-${i}-${k % 4}`;
    if (k < 4) {
      s.aws(
        "aws:sagemaker/modelPackageGroup:ModelPackageGroup",
        registry,
        { modelPackageGroupName: registry },
        { ...meta(registry, k) },
      );
      const bucket = s.aws(
        "aws:s3/bucket:Bucket",
        `${registry}-artifacts`,
        {
          bucket: `${registry}-artifacts`,
        },
        meta(registry, k),
      );
      s.add("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `${registry}-lc`, {
        inputs: {
          bucket: `${registry}-artifacts`,
          rules: [
            {
              id: "archive",
              status: "Enabled",
              transitions: [{ days: 30, storageClass: "GLACIER" }],
            },
          ],
        },
        deps: [bucket.urn],
        propertyDependencies: { bucket: [bucket.urn] },
      });
    }
    sagemakerEndpoint(s, `ep-${i}-${k}`, meta(`asset-${i}-${k}`, k), { count: 1 + (k % 2) });
    k++;
  }
  awsBudget(s, team, 50000);
  let n = 0;
  while (s.resources.length < size) {
    const kind = n % 2 === 0 ? "aws:iam/role:Role" : "aws:cloudwatch/logGroup:LogGroup";
    s.add(kind, `infra-${n}`, {
      inputs:
        n % 2 === 0
          ? { name: `role-${i}-${n}`, assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}' }
          : { name: `/app/${i}/${n}`, retentionInDays: 30 },
    });
    n++;
  }
  return s;
}

function writeExports(dir, stacks, resources) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let total = 0;
  for (let i = 0; i < stacks; i++) {
    const size = Math.floor(resources / stacks) + (i < resources % stacks ? 1 : 0);
    const s = syntheticStack(i, size);
    total += s.resources.length;
    s.write(path.join(dir, `stack-${String(i).padStart(4, "0")}.json`));
  }
  return total;
}

function runPortfolio(dir, report) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "bin", "aigov.js"),
        "portfolio",
        dir,
        "--format",
        "json",
        "--output",
        report,
        "--quiet",
      ],
      { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
    );
    const watch = watchDescendants(child.pid);
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const memory = watch.stop();
      const ms = performance.now() - start;
      if (code !== 0 && code !== 5) reject(new Error(`aigov portfolio exit ${code}:\n${stderr}`));
      else resolve({ ms, code, memory });
    });
  });
}

async function main() {
  const argv = process.argv.slice(2);
  const stacks = Number(option(argv, "--stacks", "500"));
  const resources = Number(option(argv, "--resources", "100000"));
  const dir = path.resolve(
    option(argv, "--dir", path.join(__dirname, "results", "portfolio-exports")),
  );
  const written = writeExports(dir, stacks, resources);
  const report = path.join(dir, "..", "portfolio-report.json");
  const run = await runPortfolio(dir, report);
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  const out = {
    stacks,
    resources: written,
    assets: json.assets.length,
    findings: json.findings.length,
    violations: json.violations.length,
    ms: Math.round(run.ms),
    exitCode: run.code,
    peakRssBytes: run.memory.descendantMax,
    treeRssBytes: run.memory.combinedMax,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
