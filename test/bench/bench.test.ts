import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

// The benchmarks run here once, at N=10, for correctness only: no timing is asserted.

const ROOT = path.resolve(__dirname, "..", "..");
const RESULTS = path.join(ROOT, "bench", "results");

/** Runs a script of bench/ and returns the JSON of its last stdout line. */
function bench(script: string, ...args: string[]): unknown {
  const stdout = execFileSync(process.execPath, [path.join(ROOT, "bench", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(stdout.trim().split("\n").pop()!);
}

/** Custom resources per cloud that each kind of asset registers (components excluded). */
const PER_ASSET: Record<string, Record<string, number>> = {
  aws: { aws: 24 },
  gcp: { gcp: 17 },
  "k8s on eks": { aws: 16, kubernetes: 9 },
  "k8s on gke": { gcp: 12, kubernetes: 9 },
};

interface Measure {
  ms: number;
  cpuMs: number;
  maxRssBytes: number;
}
type Policy = Record<string, unknown>;
/** What the test reads of bench/results/latest.json. */
interface Results {
  load: { before: number[]; after: number[] };
  portfolios: unknown[];
  programs: { components: Measure; raw: Measure; ratio: { time: number; memory: number } }[];
  policy: Policy[];
  policyFloor: Policy;
  peer: { aigov: Policy; awsguard: Policy; ratio: number };
  coldStart: Record<string, { firstAnalysisMs: number }>;
  check: { ms: number; cliMaxRssBytes: number; combinedMaxRssBytes: number }[];
  growth: unknown;
  targets: unknown[];
}

describe("bench at N=10", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { portfolio } = require("../../bench/portfolio");
  // A private place for the programs (they must be inside the repository to find its packages).
  let dir: string;
  let portfolios: string;
  let n10: string;

  beforeAll(() => {
    fs.mkdirSync(RESULTS, { recursive: true });
    dir = fs.mkdtempSync(path.join(RESULTS, ".test-"));
    portfolios = path.join(dir, "portfolios");
    n10 = path.join(portfolios, "n10");
    bench("generate.js", "10", n10);
  }, 120_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("generates a mix of AWS, GCP and Kubernetes assets with the expected resources per cloud", () => {
    const assets: { cloud: string; cluster: string }[] = portfolio(10);
    const kinds = assets.map((a) => (a.cloud === "k8s" ? `k8s on ${a.cluster}` : a.cloud));
    expect(new Set(kinds)).toEqual(new Set(Object.keys(PER_ASSET)));
    const expected: Record<string, number> = { aws: 0, gcp: 0, kubernetes: 0 };
    for (const kind of kinds) {
      for (const [cloud, count] of Object.entries(PER_ASSET[kind])) expected[cloud] += count;
    }
    const recorded: { type: string; custom: boolean }[] = JSON.parse(
      fs.readFileSync(path.join(n10, "recording.json"), "utf8"),
    );
    const actual: Record<string, number> = { aws: 0, gcp: 0, kubernetes: 0 };
    for (const r of recorded) {
      if (r.custom && !r.type.startsWith("pulumi:providers:")) actual[r.type.split(":")[0]]++;
    }
    expect(actual).toEqual(expected);
  });

  it("declares the same custom resources, by type and name, in both programs", () => {
    const registered = (program: string) => {
      const file = path.join(dir, `${program}-registrations.json`);
      bench("run-program.js", path.join(n10, program), "--registrations", file);
      return (JSON.parse(fs.readFileSync(file, "utf8")) as string[]).sort();
    };
    const components = registered("components");
    expect(components.length).toBeGreaterThan(200);
    expect(registered("raw")).toEqual(components);
  }, 120_000);

  it("runs the whole bench at N=10 and writes JSON with every field", () => {
    const out = path.join(dir, "latest.json");
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, "bench", "run.js"),
        "--sizes",
        "10",
        "--repeat",
        "1",
        "--cold-starts",
        "1",
        "--out",
        out,
        "--portfolios",
        portfolios,
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    const r = JSON.parse(fs.readFileSync(out, "utf8")) as Results;
    const isNumber = (x: unknown) => typeof x === "number" && Number.isFinite(x);
    const measures = (m: Measure) =>
      expect(isNumber(m.ms) && isNumber(m.cpuMs) && isNumber(m.maxRssBytes)).toBe(true);
    const policyFields = (p: Policy) =>
      [
        "resources",
        "analyzeMs",
        "analyzeStackMs",
        "resourcesPerSecond",
        "msPerResource",
        "packMaxRssBytes",
      ]
        .map((k) => isNumber(p[k]))
        .every(Boolean);

    expect(Object.keys(r).sort()).toEqual(
      [
        "check",
        "coldStart",
        "coldStarts",
        "date",
        "growth",
        "load",
        "machine",
        "peer",
        "policy",
        "policyFloor",
        "portfolios",
        "programs",
        "repeat",
        "targets",
      ].sort(),
    );
    expect(r.load.before).toHaveLength(3);
    expect(r.load.after).toHaveLength(3);
    expect(r.portfolios).toEqual([expect.objectContaining({ n: 10, resources: 261 })]);
    const [programs] = r.programs;
    measures(programs.components);
    measures(programs.raw);
    expect(isNumber(programs.ratio.time) && isNumber(programs.ratio.memory)).toBe(true);
    expect(policyFields(r.policy[0])).toBe(true);
    expect(r.policy[0].violations).toEqual({ mandatory: 0, advisory: 0 });
    expect(policyFields(r.policyFloor)).toBe(true);
    expect(isNumber(r.coldStart.aigov.firstAnalysisMs)).toBe(true);
    if (fs.existsSync(path.join(ROOT, "test", "fixtures", "packs", "awsguard"))) {
      expect(policyFields(r.peer.aigov) && policyFields(r.peer.awsguard)).toBe(true);
      expect(isNumber(r.peer.ratio)).toBe(true);
      expect(isNumber(r.coldStart.awsguard.firstAnalysisMs)).toBe(true);
    }
    const [check] = r.check;
    expect(check).toMatchObject({ n: 10, resources: 261, violations: 0 });
    expect(isNumber(check.ms) && isNumber(check.cliMaxRssBytes)).toBe(true);
    // The CLI and its pack together, sampled at once: at least the CLI's own resident memory.
    expect(check.combinedMaxRssBytes).toBeGreaterThan(0);
    // Growth needs N=100 and N=1,000.
    expect(r.growth).toBeNull();
    expect(r.targets).toHaveLength(9);
  }, 600_000);
});
