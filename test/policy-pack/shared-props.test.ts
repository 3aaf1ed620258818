import {
  Policies,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import fc from "fast-check";
import { raw } from "../../policy-packs/aigov/lib/props";
import { deepFreeze, shareDeserializedProps } from "../../policy-packs/aigov/lib/shared-props";
import { UNKNOWN_VALUE, analyze, analyzeStack, remediate } from "./harness";

const BUCKET = "aws:s3/bucket:Bucket";
const provider = { type: "pulumi:providers:aws", props: { region: "eu-west-1" } };
const resource = {
  type: BUCKET,
  name: "artifacts",
  props: { bucket: "artifacts", tags: { "aigov:owner": "ml-platform" }, rules: [{ days: 30 }] },
  provider,
};

/** Resource policies that record what they were given. */
function recorders(count: number, seen: ResourceValidationArgs[]): ResourceValidationPolicy[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `recorder-${i}`,
    description: "records its args",
    enforcementLevel: "mandatory",
    validateResource: (args) => void seen.push(args),
  }));
}

describe("shared deserialized props (policy-packs/aigov/lib/shared-props.ts)", () => {
  it("is installed into @pulumi/policy, idempotently", () => {
    expect(shareDeserializedProps()).toBe(true);
    expect(shareDeserializedProps()).toBe(true);
  });

  it("gives every resource policy of one Analyze the same frozen props and provider props", async () => {
    const seen: ResourceValidationArgs[] = [];
    await analyze(recorders(3, seen), resource);
    expect(seen).toHaveLength(3);
    const [first, ...rest] = seen.map((a) => raw(a.props));
    expect(first).toEqual(resource.props);
    for (const props of rest) expect(props).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.tags)).toBe(true);
    expect(Object.isFrozen((first.rules as unknown[])[0])).toBe(true);
    const providers = seen.map((a) => raw(a.provider?.props));
    expect(providers[0]).toEqual(provider.props);
    for (const props of providers) expect(props).toBe(providers[0]);
  });

  it("deserializes each request of its own: another Analyze gets other props", async () => {
    const seen: ResourceValidationArgs[] = [];
    await analyze(recorders(1, seen), resource);
    await analyze(recorders(1, seen), { ...resource, props: { bucket: "other" } });
    expect(raw(seen[0].props)).toEqual(resource.props);
    expect(raw(seen[1].props)).toEqual({ bucket: "other" });
  });

  it("gives every stack policy the same props per resource", async () => {
    const seen: unknown[][] = [];
    const recorder = (i: number): StackValidationPolicy => ({
      name: `stack-recorder-${i}`,
      description: "records the stack",
      enforcementLevel: "mandatory",
      validateStack: (args) => void seen.push(args.resources.map((r) => raw(r.props))),
    });
    const second = { ...resource, name: "second", props: { bucket: "second" } };
    await analyzeStack([recorder(0), recorder(1)], [resource, second]);
    expect(seen[0]).toEqual([resource.props, second.props]);
    expect(seen[1][0]).toBe(seen[0][0]);
    expect(seen[1][1]).toBe(seen[0][1]);
  });

  it("fails a policy that assigns to its props, naming it, and the others see the props unchanged", async () => {
    const seen: ResourceValidationArgs[] = [];
    const mutating: ResourceValidationPolicy = {
      name: "mutating",
      description: "assigns to props",
      enforcementLevel: "mandatory",
      validateResource: (args) => {
        (raw(args.props) as Record<string, unknown>).bucket = "changed";
      },
    };
    await expect(analyze([mutating], resource)).rejects.toThrow(
      /Error validating resource with policy 'mutating'.*read only property 'bucket'/s,
    );
    const [reader] = recorders(1, seen);
    await analyze([reader], resource);
    expect(raw(seen[0].props)).toEqual(resource.props);
  });

  it("still reports a top-level unknown value as the engine's preview advisory", async () => {
    const reading: ResourceValidationPolicy = {
      name: "reading",
      description: "reads bucket",
      enforcementLevel: "mandatory",
      validateResource: (args) => void String(args.props.bucket),
    };
    const diagnostics = await analyze([reading], { ...resource, props: { bucket: UNKNOWN_VALUE } });
    expect(diagnostics).toEqual([
      expect.objectContaining({
        policy: "reading",
        level: "advisory",
        message: expect.stringContaining("can't run policy 'reading'"),
      }),
    ]);
  });

  it("leaves remediations their own mutable props", async () => {
    const remediating: Policies = [
      {
        name: "tagger",
        description: "adds a tag",
        enforcementLevel: "remediate",
        remediateResource: (args) => {
          expect(Object.isFrozen(raw(args.props))).toBe(false);
          return { ...args.props, tags: { team: "ml" } };
        },
      },
    ];
    const [result] = await remediate(remediating, resource);
    expect(result.props).toEqual({ ...resource.props, tags: { team: "ml" } });
  });
});

describe("deepFreeze", () => {
  it("freezes every object and array in a JSON value and keeps it equal", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = structuredClone(value);
        expect(deepFreeze(value)).toBe(value);
        expect(value).toEqual(copy);
        const walk = (v: unknown): void => {
          if (typeof v === "object" && v !== null) {
            expect(Object.isFrozen(v)).toBe(true);
            Object.values(v).forEach(walk);
          }
        };
        walk(value);
      }),
    );
  });
});
