import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import fc from "fast-check";
import { analyzeRequest, stackResourceMessage } from "./protobuf-oracle";
import { encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "../../cli/analyzer/wire";
import { emptyOptions, type PropertyMap, type StackResource } from "../../cli/model";
import {
  RESOURCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN,
  toAnalyzerProperties,
} from "../../cli/properties";

const ASSET_SIG = "c44067f5952c0a294b673a41bacd6b0f";

// Well-formed strings, any code point including astral ones: short ones are UTF-8 encoded in
// JavaScript, long ones natively. Lone surrogates are left to their own test: google-protobuf
// writes them as invalid UTF-8 (or drops them), the encoder as U+FFFD, so bytes differ there.
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "binary", minLength: 40, maxLength: 200 }),
);

// "__proto__" is left out: jspb.Map keeps entries in a plain object, where that key is lost.
const key = fc
  .oneof(text, fc.constantFrom("__defaults", "__meta", "__", "_x", "value", "id", "urn", SIG_KEY))
  .filter((k) => k !== "__proto__");

const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 0.1, -1.5, 2 ** 53 + 2, -1e300, 5e-324, NaN, Infinity, -Infinity),
);

// Signatures as leaves also make records with a secret's signature but no `value`, which both
// encoders reject (`toAnalyzerValue` sets `value: undefined`). The resource signature is left out
// as a leaf: a property map signed as a resource reference would convert to a string, which is
// no protobuf Struct (a property map is never one).
const leaf = fc.oneof(
  text,
  number,
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(UNKNOWN, SECRET_SIG, ASSET_SIG),
);

const record = <T>(value: fc.Arbitrary<T>) =>
  fc.dictionary(key, value, { maxKeys: 5, noNullPrototype: true });

/** JSON-like wire values with secrets, resource references and (passed through) assets. */
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    leaf,
    tie("array"),
    tie("record"),
    tie("secret"),
    tie("resource"),
    tie("asset"),
  ),
  array: fc.array(tie("value"), { maxLength: 5 }),
  record: record(tie("value")),
  secret: fc
    .tuple(tie("value"), record(tie("value")))
    .map(([plaintext, extra]) => ({ ...extra, [SIG_KEY]: SECRET_SIG, value: plaintext })),
  resource: fc.record(
    {
      [SIG_KEY]: fc.constant(RESOURCE_SIG),
      urn: text,
      id: fc.oneof(text, fc.constant("")),
      packageVersion: text,
    },
    { requiredKeys: [SIG_KEY, "urn"] },
  ),
  asset: record(tie("value")).map((fields) => ({ ...fields, [SIG_KEY]: ASSET_SIG })),
}));

const properties: fc.Arbitrary<PropertyMap> = record(value);

const timeout = fc.oneof(fc.constant(0), number);

const options = fc.record(
  {
    protect: fc.boolean(),
    ignoreChanges: fc.array(text, { maxLength: 3 }),
    deleteBeforeReplace: fc.boolean(),
    additionalSecretOutputs: fc.array(text, { maxLength: 3 }),
    aliases: fc.array(text, { maxLength: 3 }),
    customTimeouts: fc.record({ create: timeout, update: timeout, delete: timeout }),
  },
  {
    requiredKeys: [
      "protect",
      "ignoreChanges",
      "additionalSecretOutputs",
      "aliases",
      "customTimeouts",
    ],
  },
);

const resource: fc.Arbitrary<StackResource> = fc.record(
  {
    urn: text,
    type: text,
    name: text,
    custom: fc.boolean(),
    id: text,
    parent: text,
    provider: text,
    external: fc.boolean(),
    inputs: properties,
    outputs: properties,
    dependencies: fc.array(text, { maxLength: 3 }),
    propertyDependencies: fc.dictionary(key, fc.array(text, { maxLength: 3 }), {
      maxKeys: 3,
      noNullPrototype: true,
    }),
    options,
  },
  {
    requiredKeys: [
      "urn",
      "type",
      "name",
      "custom",
      "external",
      "inputs",
      "outputs",
      "dependencies",
      "propertyDependencies",
      "options",
    ],
  },
);

const provider = fc.option(resource, { nil: undefined });

/** Resources with the provider each one looks up. */
const stack = fc
  .array(fc.tuple(resource, provider), { maxLength: 4 })
  .map((pairs) => ({ resources: pairs.map(([r]) => r), providerOf: lookup(pairs) }));

function lookup(pairs: [StackResource, StackResource | undefined][]) {
  const providers = new Map(pairs);
  return (r: StackResource) => providers.get(r);
}

function expectedStackRequest(
  resources: readonly StackResource[],
  providerOf: (r: StackResource) => StackResource | undefined,
): Uint8Array {
  return new pb.AnalyzeStackRequest()
    .setResourcesList(resources.map((r) => stackResourceMessage(r, providerOf(r))))
    .serializeBinary();
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/**
 * Expects the same bytes from `encode` as google-protobuf's `serialize` writes, or that both
 * throw; returns the bytes, or undefined if both threw.
 */
function expectSameBytes(encode: () => Buffer, serialize: () => Uint8Array): Buffer | undefined {
  let expected: Uint8Array;
  try {
    expected = serialize();
  } catch {
    expect(encode).toThrow();
    return undefined;
  }
  const encoded = encode();
  expect(hex(encoded)).toBe(hex(expected));
  return encoded;
}

/** A double as a decoded proto3 field reads: -0 is a default value, not written. */
const decodedDouble = (x: number) => (Object.is(x, -0) ? 0 : x);

function expectDecodedResource(
  decoded: pb.AnalyzeRequest | pb.AnalyzerResource,
  r: StackResource,
  props: PropertyMap,
  p: StackResource | undefined,
): void {
  expect(decoded.getUrn()).toBe(r.urn);
  expect(decoded.getType()).toBe(r.type);
  expect(decoded.getName()).toBe(r.name);
  expect(decoded.getProperties()?.toJavaScript()).toEqual(toAnalyzerProperties(props));
  const o = decoded.getOptions();
  expect(o?.getProtect()).toBe(r.options.protect);
  expect(o?.getIgnorechangesList()).toEqual(r.options.ignoreChanges);
  expect(o?.getDeletebeforereplace()).toBe(r.options.deleteBeforeReplace ?? false);
  expect(o?.getDeletebeforereplacedefined()).toBe(r.options.deleteBeforeReplace !== undefined);
  expect(o?.getAdditionalsecretoutputsList()).toEqual(r.options.additionalSecretOutputs);
  expect(o?.getAliasesList()).toEqual(r.options.aliases);
  const timeouts = o?.getCustomtimeouts();
  expect(timeouts?.getCreate()).toBe(decodedDouble(r.options.customTimeouts.create));
  expect(timeouts?.getUpdate()).toBe(decodedDouble(r.options.customTimeouts.update));
  expect(timeouts?.getDelete()).toBe(decodedDouble(r.options.customTimeouts.delete));
  expect(o?.getParent()).toBe(r.parent ?? "");
  const decodedProvider = decoded.getProvider();
  expect(decodedProvider !== undefined).toBe(p !== undefined);
  if (p) {
    expect(decodedProvider?.getUrn()).toBe(p.urn);
    expect(decodedProvider?.getType()).toBe(p.type);
    expect(decodedProvider?.getName()).toBe(p.name);
    expect(decodedProvider?.getProperties()?.toJavaScript()).toEqual(
      toAnalyzerProperties(p.inputs),
    );
  }
}

function resourceOf(overrides: Partial<StackResource> = {}): StackResource {
  return {
    urn: "urn:pulumi:dev::demo::aws:s3/bucket:Bucket::b",
    type: "aws:s3/bucket:Bucket",
    name: "b",
    custom: true,
    external: false,
    inputs: {},
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: emptyOptions,
    ...overrides,
  };
}

describe("encodeAnalyzeRequest", () => {
  test("writes the bytes google-protobuf writes", () => {
    fc.assert(
      fc.property(resource, provider, (r, p) => {
        const encoded = expectSameBytes(
          () => encodeAnalyzeRequest(r, r.inputs, p),
          () => analyzeRequest(r, r.inputs, p).serializeBinary(),
        );
        if (encoded) {
          expectDecodedResource(pb.AnalyzeRequest.deserializeBinary(encoded), r, r.inputs, p);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("writes empty properties and options as empty messages, and no provider", () => {
    const r = resourceOf({ urn: "u", type: "t", name: "n" });
    // type "t", properties {}, urn "u", name "n", options { customTimeouts {} }.
    expect(hex(encodeAnalyzeRequest(r, {}, undefined))).toBe("0a017412001a017522016e2a023a00");
    const decoded = pb.AnalyzeRequest.deserializeBinary(encodeAnalyzeRequest(r, {}, undefined));
    expect(decoded.hasProvider()).toBe(false);
    expect(decoded.getProperties()?.toJavaScript()).toEqual({});
  });

  test("writes the analyzed inputs, not the resource's own", () => {
    const r = resourceOf({ inputs: { acl: "public-read" } });
    const inputs = { acl: "private" };
    const decoded = pb.AnalyzeRequest.deserializeBinary(encodeAnalyzeRequest(r, inputs, undefined));
    expect(decoded.getProperties()?.toJavaScript()).toEqual(inputs);
  });

  test("writes lone surrogates as U+FFFD, valid UTF-8", () => {
    const withLoneSurrogates = fc
      .array(fc.oneof(text, fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff")), {
        minLength: 1,
        maxLength: 30,
      })
      .map((parts) => parts.join(""));
    const wellFormed = (s: string) =>
      s.replace(
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
        "\ufffd",
      );
    fc.assert(
      fc.property(withLoneSurrogates, withLoneSurrogates, (suffix, v) => {
        const k = `k${suffix}`;
        const r = resourceOf({ name: v });
        const encoded = encodeAnalyzeRequest(r, { [k]: v }, undefined);
        expect(encoded.includes(Buffer.from(wellFormed(v), "utf8"))).toBe(true);
        const decoded = pb.AnalyzeRequest.deserializeBinary(encoded);
        expect(decoded.getName()).toBe(wellFormed(v));
        expect(decoded.getProperties()?.toJavaScript()).toEqual({ [wellFormed(k)]: wellFormed(v) });
      }),
      { numRuns: 300 },
    );
  });

  test("sends a resource reference without an ID as unknown", () => {
    const inputs = { role: { [SIG_KEY]: RESOURCE_SIG, urn: "urn:r", id: undefined } };
    const encoded = encodeAnalyzeRequest(resourceOf(), inputs, undefined);
    expect(hex(encoded)).toBe(
      hex(analyzeRequest(resourceOf(), inputs, undefined).serializeBinary()),
    );
    expect(pb.AnalyzeRequest.deserializeBinary(encoded).getProperties()?.toJavaScript()).toEqual({
      role: UNKNOWN,
    });
  });

  test("rejects undefined values, as google-protobuf does", () => {
    const inputs = { a: [1, undefined] };
    expect(() => analyzeRequest(resourceOf(), inputs, undefined)).toThrow();
    expect(() => encodeAnalyzeRequest(resourceOf(), inputs, undefined)).toThrow(/undefined/);
    // The next request is not affected by the failed one.
    const ok = { a: [1] };
    expect(hex(encodeAnalyzeRequest(resourceOf(), ok, undefined))).toBe(
      hex(analyzeRequest(resourceOf(), ok, undefined).serializeBinary()),
    );
  });
});

describe("encodeAnalyzeStackRequest", () => {
  test("writes the bytes google-protobuf writes", () => {
    fc.assert(
      fc.property(stack, ({ resources, providerOf }) => {
        const encoded = expectSameBytes(
          () => encodeAnalyzeStackRequest(resources, providerOf),
          () => expectedStackRequest(resources, providerOf),
        );
        if (!encoded) {
          return;
        }
        const decoded = pb.AnalyzeStackRequest.deserializeBinary(encoded).getResourcesList();
        expect(decoded).toHaveLength(resources.length);
        resources.forEach((r, i) => {
          const d = decoded[i];
          expectDecodedResource(d, r, r.outputs, providerOf(r));
          expect(d.getParent()).toBe(r.parent ?? "");
          expect(d.getDependenciesList()).toEqual(r.dependencies);
          const dependencies: Record<string, string[]> = {};
          d.getPropertydependenciesMap().forEach((urns, property) => {
            dependencies[property] = urns.getUrnsList();
          });
          expect(dependencies).toEqual(
            Object.fromEntries(
              Object.entries(r.propertyDependencies).filter(([, urns]) => urns.length > 0),
            ),
          );
        });
      }),
      { numRuns: 300 },
    );
  });

  test("writes an empty stack as no bytes", () => {
    expect(encodeAnalyzeStackRequest([], () => undefined)).toHaveLength(0);
    expect(expectedStackRequest([], () => undefined)).toHaveLength(0);
  });

  test("writes a resource without a provider", () => {
    const r = resourceOf({
      outputs: { tags: { team: "ml" }, sizes: [1, 2.5] },
      parent: "urn:stack",
      dependencies: ["urn:a", ""],
      propertyDependencies: { tags: ["urn:a"], b: [] },
    });
    const encoded = encodeAnalyzeStackRequest([r], () => undefined);
    expect(hex(encoded)).toBe(hex(expectedStackRequest([r], () => undefined)));
    const [decoded] = pb.AnalyzeStackRequest.deserializeBinary(encoded).getResourcesList();
    expect(decoded.hasProvider()).toBe(false);
    expect(decoded.getProperties()?.toJavaScript()).toEqual(r.outputs);
    // `b` depends on nothing: left out, as the engine leaves it out.
    expect([...decoded.getPropertydependenciesMap().keys()]).toEqual(["tags"]);
  });

  test("writes messages whose lengths take several bytes", () => {
    const big = Object.fromEntries(
      Array.from({ length: 3000 }, (_, i) => [`key-${i}`, { value: "é".repeat(i % 50), i }]),
    );
    const resources = [
      resourceOf({ outputs: big }),
      resourceOf({ name: "x".repeat(2_200_000), outputs: { long: "ü".repeat(100_000) } }),
    ];
    const p = resourceOf({ inputs: big });
    const encoded = encodeAnalyzeStackRequest(resources, () => p);
    expect(encoded.length).toBeGreaterThan(2 ** 21);
    expect(hex(encoded)).toBe(hex(expectedStackRequest(resources, () => p)));
  });
});
