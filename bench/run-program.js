"use strict";
// Runs one Pulumi program in this (fresh) process and prints, as one JSON line, how many resources
// it registered, the time (wall and CPU) from process start until the runtime settled, and the
// peak RSS.
// Usage: node bench/run-program.js PROGRAM_DIR [--runtime pulumi|aigov] [--registrations FILE]
//   --runtime pulumi  (default) Pulumi's own mock runtime (`pulumi.runtime.setMocks`) with minimal
//                     mocks: the cost of Pulumi's runtime plus the program, nothing of aigov's;
//   --runtime aigov   the recorder of `aigov check` (engine-style URNs, default providers, mocked
//                     outputs), without policy packs;
//   --registrations FILE  also writes the `type::name` of every custom resource registered, as JSON.
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const { setImmediate } = require("timers");

const ROOT = path.join(__dirname, "..");
const STACK = "bench";

/** Loads a module of the `@pulumi/pulumi` the program resolves. */
function pulumiModule(dir, file) {
  return require(require.resolve(`@pulumi/pulumi/${file}`, { paths: [dir] }));
}

/** Pulumi's mock runtime in preview mode: outputs are the inputs plus an id, ARN and name. */
async function runWithPulumiMocks(dir) {
  const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [dir] }));
  const { mockInvoke } = require(path.join(ROOT, "dist", "cli", "program", "invokes"));
  let resources = 0;
  const custom = [];
  const mocks = {
    newResource(args) {
      resources++;
      if (args.custom) custom.push(`${args.type}::${args.name}`);
      const service = args.type.split(":")[1]?.split("/")[0] ?? "svc";
      const state = {
        ...args.inputs,
        arn: `arn:aws:${service}:eu-west-1:123456789012:${args.name}`,
      };
      state.name ??= args.name;
      return { id: `${args.name}-id`, state };
    },
    call: (args) => mockInvoke(args.token, args.inputs, {}),
  };
  await pulumi.runtime.setMocks(mocks, path.basename(dir), STACK, true);
  const { runInPulumiStack } = pulumiModule(dir, "runtime/stack");
  const { waitForRPCs } = pulumiModule(dir, "runtime/settings");
  await runInPulumiStack(async () => require(dir));
  // Resources created in callbacks of finished registrations are waited for too.
  for (let done = -1; done !== resources;) {
    done = resources;
    await waitForRPCs();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { resources, custom };
}

/** The recorder of `aigov check`, with an observer that keeps the inputs. */
async function runWithRecorder(dir) {
  const { readProject } = require(path.join(ROOT, "dist", "cli", "project"));
  const { runProgram } = require(path.join(ROOT, "dist", "cli", "program", "run-program"));
  const run = await runProgram(readProject(dir, STACK), { register: async (r) => r.inputs });
  const custom = run.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  return { resources: run.resources.length, custom: custom.map((r) => `${r.type}::${r.name}`) };
}

async function main() {
  const [dirArg, ...rest] = process.argv.slice(2);
  const option = (flag) => (rest.includes(flag) ? rest[rest.indexOf(flag) + 1] : undefined);
  const dir = path.resolve(dirArg);
  const run = option("--runtime") === "aigov" ? runWithRecorder : runWithPulumiMocks;
  const { resources, custom } = await run(dir);
  // performance.now() counts from process start: loading the SDKs is part of the program's cost.
  const ms = performance.now();
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  const maxRssBytes = usage.maxRSS * 1024;
  const registrations = option("--registrations");
  if (registrations) {
    fs.writeFileSync(registrations, JSON.stringify(custom));
  }
  process.stdout.write(`${JSON.stringify({ resources, ms, cpuMs, maxRssBytes })}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);
