/**
 * Starts the pack the way the Pulumi engine does (`run-policy-pack <engine> <dir>` in the pack
 * directory), then talks to it over the Analyzer gRPC protocol: info, Configure (which the
 * in-process server harness cannot do), Analyze, Remediate and AnalyzeStack.
 * Needs the build: `aigov/sdk` resolves to dist/sdk (`npm run build`, run by `npm ci`).
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceSpec, urnOf } from "./harness";
import { endpoint, meta, s3ArtifactStack } from "./fixtures";

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
const pb = require("@pulumi/pulumi/proto/analyzer_pb");
const { AnalyzerClient } = require("@pulumi/pulumi/proto/analyzer_grpc_pb");

const ROOT = path.join(__dirname, "../..");
const PACK_DIR = path.join(ROOT, "policy-packs/aigov");
const RUN = path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/run-policy-pack");

let pack: ChildProcess;
let client: any;
let startMs = 0;

function rpc<T>(method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) =>
    client[method](request, (err: Error | null, resp: T) => (err ? reject(err) : resolve(resp))),
  );
}

function resource(proto: any, r: ResourceSpec) {
  proto.setType(r.type);
  proto.setName(r.name);
  proto.setUrn(r.urn ?? urnOf(r.type, r.name));
  proto.setProperties(Struct.fromJavaScript(r.props as any));
  proto.setOptions(new pb.AnalyzerResourceOptions());
  return proto;
}

const diagnostics = (resp: any) =>
  resp
    .getDiagnosticsList()
    .map((d: any) => [d.getPolicyname(), d.getEnforcementlevel(), d.getMessage().split("\n")[1]]);

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "dist/sdk/index.js"))) {
    throw new Error("the pack needs the built sdk: run `npm run build` (npm ci runs it) first");
  }
  const started = Date.now();
  pack = spawn(process.execPath, [RUN, "127.0.0.1:0", "."], { cwd: PACK_DIR });
  let stderr = "";
  pack.stderr!.on("data", (d) => (stderr += d));
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    pack.stdout!.on("data", (d) => {
      out += d;
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) resolve(m[1]);
    });
    pack.on("exit", (code) => reject(new Error(`pack exited with ${code}: ${stderr}`)));
  });
  startMs = Date.now() - started;
  client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 60_000);

afterAll(() => {
  client?.close();
  pack?.kill();
});

describe("the pack as the engine runs it", () => {
  it("prints its port and describes all 19 policies with config schemas", async () => {
    console.log(`pack cold start (spawn → port): ${startMs} ms`);
    const info: any = await rpc("getAnalyzerInfo", new Empty());
    expect(info.getName()).toBe("aigov");
    expect(info.getVersion()).toBe("0.1.0");
    const policies = info.getPoliciesList();
    expect(policies).toHaveLength(19);
    const required = policies.find((p: any) => p.getName() === "aigov-required-metadata");
    expect(required.getEnforcementlevel()).toBe(pb.EnforcementLevel.MANDATORY);
    expect(Object.keys(required.getConfigschema().getProperties().toJavaScript()).sort()).toEqual([
      "defaults",
      "extraResourceTypes",
      "requiredKeys",
    ]);
  });

  it("applies config from Configure: levels, requiredKeys and remediation defaults", async () => {
    const configure = new pb.ConfigureAnalyzerRequest();
    const set = (name: string, level: number, props: object) => {
      const c = new pb.PolicyConfig();
      c.setEnforcementlevel(level);
      c.setProperties(Struct.fromJavaScript(props as any));
      configure.getPolicyconfigMap().set(name, c);
    };
    set("aigov-required-metadata", pb.EnforcementLevel.REMEDIATE, {
      requiredKeys: [
        "asset-id",
        "owner",
        "team",
        "cost-center",
        "stage",
        "data-classification",
        "risk-tier",
      ],
      extraResourceTypes: [],
      defaults: { owner: "ml-platform@example.com" },
    });
    set("aigov-orphaned-endpoint", pb.EnforcementLevel.DISABLED, { externalRegistries: [] });
    await rpc("configure", configure);

    const r = endpoint({}, meta({ owner: undefined, riskTier: undefined }));
    const remediation: any = await rpc("remediate", resource(new pb.AnalyzeRequest(), r));
    const [fix] = remediation.getRemediationsList();
    expect(fix.getPolicyname()).toBe("aigov-required-metadata");
    const tags = fix.getProperties().toJavaScript().tags;
    expect(tags["aigov:owner"]).toBe("ml-platform@example.com");

    const analysis: any = await rpc("analyze", resource(new pb.AnalyzeRequest(), r));
    expect(diagnostics(analysis)).toEqual([
      [
        "aigov-required-metadata",
        pb.EnforcementLevel.MANDATORY,
        "SageMaker Endpoint is missing the AWS tag `aigov:owner`: set it in `tags` (or the provider's `defaultTags`) to the owner's e-mail address.",
      ],
      [
        "aigov-required-metadata",
        pb.EnforcementLevel.MANDATORY,
        "SageMaker Endpoint is missing the AWS tag `aigov:risk-tier`: set it in `tags` (or the provider's `defaultTags`) to the AI-risk tier (`minimal`, `limited` or `high`).",
      ],
    ]);
  });

  it("runs stack policies over AnalyzeStack with property dependencies", async () => {
    const stack = s3ArtifactStack().filter((x) => !x.name.endsWith("-lifecycle"));
    const request = new pb.AnalyzeStackRequest();
    request.setResourcesList(
      stack.map((r) => {
        const proto = resource(new pb.AnalyzerResource(), r);
        for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
          const deps = new pb.AnalyzerPropertyDependencies();
          deps.setUrnsList(urns);
          proto.getPropertydependenciesMap().set(prop, deps);
        }
        return proto;
      }),
    );
    const resp: any = await rpc("analyzeStack", request);
    expect(resp.getDiagnosticsList().map((d: any) => [d.getPolicyname(), d.getUrn()])).toEqual([
      ["aigov-archival-rule", stack[0].urn],
      ["aigov-budget-coverage", stack[0].urn],
    ]);
  });
});
