"use strict";
// Runs one policy pack over a recorded portfolio through the Analyzer protocol, as `aigov check`
// does (a pack process, one Analyze call per resource, then one AnalyzeStack), and prints one JSON
// line: cold starts, policy time and throughput, violations and the pack's peak RSS.
// The requests are built and serialized before the clock starts, so that the time is the pack's:
// receiving, deserializing, running its policies and answering.
// Usage: node bench/run-policy.js PACK_DIR RECORDING_JSON PROGRAM_DIR [--aws-only] [--cold-starts K]
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");

const ROOT = path.join(__dirname, "..");
const dist = (file) => require(path.join(ROOT, "dist", "cli", file));
const { providerLookup } = dist("analyzer/run-packs");
const { packEnvironment, preparePolicyPacks, startPack } = dist("analyzer/start-pack");
const { levelName } = dist("analyzer/messages");
const { encodeAnalyzeRequest, encodeAnalyzeStackRequest } = dist("analyzer/wire");
const { readProject, ORGANIZATION } = dist("project");
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [ROOT] }));
const pb = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [ROOT] }));

/** Requests in flight at once: enough to keep the pack busy. */
const WINDOW = 64;
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

function parseArgs(argv) {
  const [packDir, recording, programDir, ...rest] = argv;
  const at = rest.indexOf("--cold-starts");
  return {
    packDir: path.resolve(packDir),
    recording,
    programDir: path.resolve(programDir),
    awsOnly: rest.includes("--aws-only"),
    coldStarts: at < 0 ? 0 : Number(rest[at + 1]),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The pack's peak RSS so far. */
function peakRss(pack) {
  const status = fs.readFileSync(`/proc/${pack.packProcess.child.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

/** A client that sends already serialized requests to the pack. */
function rawClient(port) {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  });
  const call = (method, bytes) =>
    new Promise((resolve, reject) =>
      client.makeUnaryRequest(
        `/pulumirpc.Analyzer/${method}`,
        (b) => b,
        (b) => pb.AnalyzeResponse.deserializeBinary(new Uint8Array(b)),
        bytes,
        (err, response) => (err ? reject(err) : resolve(response)),
      ),
    );
  return { call, close: () => client.close() };
}

/** Sends every request with at most WINDOW in flight; returns the responses. */
async function analyzeAll(call, requests) {
  const responses = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      responses.push(await call("Analyze", requests[next++]));
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
  return responses;
}

function countViolations(responses) {
  const counts = { mandatory: 0, advisory: 0 };
  for (const response of responses) {
    for (const d of response.getDiagnosticsList()) {
      const level = levelName(d.getEnforcementlevel());
      if (level !== "disabled") counts[level === "advisory" ? "advisory" : "mandatory"]++;
    }
  }
  return counts;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const project = readProject(args.programDir, "bench");
  const context = {
    project: project.name,
    stack: project.stack,
    organization: ORGANIZATION,
    config: project.config,
    secretKeys: project.secretKeys,
    dryRun: true,
  };
  const [prepared] = preparePolicyPacks([{ dir: args.packDir, config: {} }]);
  const env = packEnvironment(context);
  const recorded = JSON.parse(fs.readFileSync(args.recording, "utf8"));
  const resources = args.awsOnly ? recorded.filter((r) => r.type.startsWith("aws:")) : recorded;
  const providerOf = providerLookup(recorded);
  // What `aigov check` sends: each resource's inputs, then every resource's outputs at once.
  const analyzeRequests = resources.map((r) => encodeAnalyzeRequest(r, r.inputs, providerOf(r)));
  const stackRequest = encodeAnalyzeStackRequest(resources, providerOf);

  // Cold start: a fresh pack process until its first Analyze answer, as every preview pays it.
  const coldStarts = [];
  const first = resources.findIndex((r) => r.custom);
  for (let i = 0; i < args.coldStarts; i++) {
    const start = performance.now();
    const pack = await startPack(prepared, context, env);
    const readyMs = performance.now() - start;
    const client = rawClient(pack.packProcess.port);
    await client.call("Analyze", analyzeRequests[first]);
    coldStarts.push({ readyMs, firstAnalysisMs: performance.now() - start });
    client.close();
    pack.close();
  }

  const pack = await startPack(prepared, context, env);
  const client = rawClient(pack.packProcess.port);
  try {
    const t0 = performance.now();
    const responses = await analyzeAll(client.call, analyzeRequests);
    const t1 = performance.now();
    responses.push(await client.call("AnalyzeStack", stackRequest));
    const t2 = performance.now();
    const result = {
      pack: pack.name,
      resources: resources.length,
      analyzeMs: t1 - t0,
      analyzeStackMs: t2 - t1,
      policyMs: t2 - t0,
      resourcesPerSecond: resources.length / ((t2 - t0) / 1000),
      msPerResource: (t2 - t0) / resources.length,
      violations: countViolations(responses),
      packMaxRssBytes: peakRss(pack),
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
    client.close();
    pack.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);
