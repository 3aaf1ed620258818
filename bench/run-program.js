"use strict";
// Runs one Pulumi program in this (fresh) process and prints, as one JSON line, how many resources
// it registered, the time (wall and CPU) from process start until the runtime settled, and the
// peak RSS.
// Usage: node bench/run-program.js PROGRAM_DIR [pulumi|aigov]
//   pulumi  Pulumi's own mock runtime (`pulumi.runtime.setMocks`) with minimal mocks: the cost of
//           Pulumi's runtime plus the program, nothing of aigov's;
//   aigov   the recorder of `aigov check` (engine-style URNs, default providers, mocked outputs),
//           without policy packs.
const path = require("path");

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
  const mocks = {
    newResource(args) {
      resources++;
      const service = args.type.split(":")[1]?.split("/")[0] ?? "svc";
      const state = { ...args.inputs, arn: `arn:aws:${service}:eu-west-1:123456789012:${args.name}` };
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
  for (let done = -1; done !== resources; ) {
    done = resources;
    await waitForRPCs();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return resources;
}

/** The recorder of `aigov check`, with an observer that keeps the inputs. */
async function runWithRecorder(dir) {
  const { readProject } = require(path.join(ROOT, "dist", "cli", "project"));
  const { runProgram } = require(path.join(ROOT, "dist", "cli", "program", "run-program"));
  const run = await runProgram(readProject(dir, STACK), { register: async (r) => r.inputs });
  return run.resources.length;
}

async function main() {
  const dir = path.resolve(process.argv[2]);
  const runtime = process.argv[3] ?? "pulumi";
  const resources = await (runtime === "aigov" ? runWithRecorder : runWithPulumiMocks)(dir);
  // performance.now() counts from process start: loading the SDKs is part of the program's cost.
  const ms = performance.now();
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  const maxRssBytes = usage.maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ resources, ms, cpuMs, maxRssBytes })}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);
