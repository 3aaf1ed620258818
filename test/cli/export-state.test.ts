import { createHash } from "crypto";
import { ConfigError } from "../../cli/errors";
import { stackExport } from "../../cli/export-state";
import { parseInvocation } from "../../cli/main";
import { emptyOptions, type StackResource } from "../../cli/model";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../cli/properties";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const PROVIDER = "urn:pulumi:dev::p::pulumi:providers:aws::default_7_48_0";
const KEY = "urn:pulumi:dev::p::aws:kms/key:Key::key";
const BUCKET = "urn:pulumi:dev::p::aws:s3/bucket:Bucket::bucket";

function resource(urn: string, extra: Partial<StackResource> = {}): StackResource {
  const parts = urn.split("::");
  return {
    urn,
    type: parts[2],
    name: parts[3],
    custom: !parts[2].startsWith("pulumi:pulumi"),
    external: false,
    inputs: {},
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: emptyOptions,
    ...extra,
  };
}

interface Exported {
  version: number;
  deployment: {
    manifest: { time: string; magic: string; version: string };
    resources: Record<string, unknown>[];
  };
}

describe("aigov check --export-state", () => {
  test("writes a deployment the engine accepts: dependencies first, IDs on custom resources only", () => {
    // Given in URN order (as reports sort them): the bucket depends on the key, both on the provider.
    const resources = [
      resource(STACK, { id: "ignored" }),
      resource(BUCKET, {
        id: "bucket-1",
        parent: STACK,
        provider: `${PROVIDER}::p-id`,
        dependencies: [KEY],
        propertyDependencies: { kmsKeyId: [KEY] },
        inputs: { kmsKeyId: UNKNOWN, token: { [SIG_KEY]: SECRET_SIG, value: { a: 1 } } },
        options: { ...emptyOptions, protect: true, ignoreChanges: ["tags"] },
      }),
      resource(KEY, { id: "key-1", parent: STACK, provider: `${PROVIDER}::p-id` }),
      resource(PROVIDER, { id: "p-id", inputs: { region: "eu-west-1" } }),
    ];
    const time = new Date("2026-12-02T10:00:00Z");
    const doc = stackExport(resources, time) as Exported;
    expect(doc.version).toBe(3);
    expect(doc.deployment.manifest).toEqual({
      time: "2026-12-02T10:00:00.000Z",
      version: "aigov",
      // The engine checks the magic cookie: sha256 of the version.
      magic: createHash("sha256").update("aigov").digest("hex"),
    });
    expect(doc.deployment.resources.map((r) => r.urn)).toEqual([STACK, PROVIDER, KEY, BUCKET]);
    expect(doc.deployment.resources[0]).toEqual({
      urn: STACK,
      custom: false,
      type: "pulumi:pulumi:Stack",
      inputs: {},
      outputs: {},
    });
    expect(doc.deployment.resources[3]).toEqual({
      urn: BUCKET,
      custom: true,
      id: "bucket-1",
      type: "aws:s3/bucket:Bucket",
      // Unknowns stay the engine's marker; secrets are written as --show-secrets writes them.
      inputs: { kmsKeyId: UNKNOWN, token: { [SIG_KEY]: SECRET_SIG, plaintext: '{"a":1}' } },
      outputs: {},
      parent: STACK,
      protect: true,
      dependencies: [KEY],
      provider: `${PROVIDER}::p-id`,
      propertyDependencies: { kmsKeyId: [KEY] },
      ignoreChanges: ["tags"],
    });
  });

  test("is an option of aigov check only", () => {
    expect(parseInvocation(["check", "infra", "--export-state", "out/state.json"], "/w")).toEqual(
      expect.objectContaining({ command: "check", exportState: "/w/out/state.json" }),
    );
    expect(() =>
      parseInvocation(["audit", "--state", "s.json", "--export-state", "x.json"], "/w"),
    ).toThrow(
      new ConfigError(
        "--export-state belongs to aigov check (it writes what the program registered)",
      ),
    );
  });
});
