import {
  parsePolicyPackConfig,
  reconcilePolicyPackConfig,
  type PolicyMetadata,
} from "../../cli/analyzer/config";
import { validateJsonSchema } from "../../cli/analyzer/json-schema";

const policies: PolicyMetadata[] = [
  {
    name: "required-tags",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        requiredTags: { type: "array", items: { type: "string" }, default: ["owner"] },
        maxAgeDays: { type: "integer", minimum: 1 },
      },
    },
  },
  { name: "lifecycle", enforcementLevel: "advisory" },
  {
    name: "allowlist",
    enforcementLevel: "advisory",
    configSchema: {
      properties: { instanceTypes: { type: "array", items: { type: "string" } } },
      required: ["instanceTypes"],
    },
  },
];

describe("parsePolicyPackConfig", () => {
  test("reads levels given as strings or objects, and properties", () => {
    expect(
      parsePolicyPackConfig({
        all: "mandatory",
        lifecycle: "advisory",
        "required-tags": { enforcementLevel: "remediate", requiredTags: ["team"] },
        allowlist: { instanceTypes: ["ml.m5.large"] },
        empty: {},
      }),
    ).toEqual({
      all: { enforcementLevel: "mandatory" },
      lifecycle: { enforcementLevel: "advisory" },
      "required-tags": { enforcementLevel: "remediate", properties: { requiredTags: ["team"] } },
      allowlist: { enforcementLevel: undefined, properties: { instanceTypes: ["ml.m5.large"] } },
    });
  });

  test.each([
    [{ lifecycle: "strict" }, '"lifecycle": "strict" is not a valid enforcement level'],
    [{ lifecycle: { enforcementLevel: 1 } }, '"lifecycle": 1 is not a valid enforcement level'],
    [{ lifecycle: 3 }, '"lifecycle": must be an enforcement level or an object'],
    [["mandatory"], "Invalid input: expected record, received array"],
  ])("rejects %j", (document, message) => {
    expect(() => parsePolicyPackConfig(document)).toThrow(message);
  });
});

describe("reconcilePolicyPackConfig", () => {
  const allowlist = { allowlist: { properties: { instanceTypes: ["ml.g5.xlarge"] } } };

  test("starts from each policy's level and schema defaults", () => {
    expect(reconcilePolicyPackConfig(policies, {}, allowlist)).toEqual({
      config: {
        "required-tags": { enforcementLevel: "mandatory", properties: { requiredTags: ["owner"] } },
        lifecycle: { enforcementLevel: "advisory", properties: undefined },
        allowlist: {
          enforcementLevel: "advisory",
          properties: { instanceTypes: ["ml.g5.xlarge"] },
        },
      },
      errors: [],
    });
  });

  test("applies the pack's initial config, then `all`, then per-policy config", () => {
    const { config, errors } = reconcilePolicyPackConfig(
      policies,
      { lifecycle: { enforcementLevel: "disabled" }, ...allowlist },
      {
        all: { enforcementLevel: "advisory" },
        "required-tags": { properties: { maxAgeDays: 30 } },
        lifecycle: { enforcementLevel: "mandatory" },
      },
    );
    expect(errors).toEqual([]);
    expect(config["required-tags"]).toEqual({
      enforcementLevel: "advisory",
      properties: { requiredTags: ["owner"], maxAgeDays: 30 },
    });
    expect(config.lifecycle.enforcementLevel).toBe("mandatory");
    expect(config.allowlist.enforcementLevel).toBe("advisory");
  });

  test("reports every schema violation as <policy>: <field>: <reason>", () => {
    const { errors } = reconcilePolicyPackConfig(
      policies,
      {},
      {
        "required-tags": { properties: { requiredTags: "owner", maxAgeDays: 0.5 } },
      },
    );
    expect(errors).toEqual([
      "required-tags: requiredTags: Invalid type. Expected: array, given: string",
      "required-tags: maxAgeDays: Invalid type. Expected: integer, given: number",
      "required-tags: maxAgeDays: Must be greater than or equal to 1",
      "allowlist: instanceTypes is required",
    ]);
  });
});

describe("validateJsonSchema", () => {
  test.each([
    [{ enum: ["a", "b"] }, "c", ['(root): (root) must be one of the following: "a", "b"']],
    [
      { type: "string", pattern: "^[A-Z]{2}-\\d+$" },
      "ml-1",
      ["(root): Does not match pattern '^[A-Z]{2}-\\d+$'"],
    ],
    [
      { type: "string", minLength: 2, maxLength: 3 },
      "abcd",
      ["(root): String length must be less than or equal to 3"],
    ],
    [{ type: "number", exclusiveMaximum: 10 }, 10, ["(root): Must be less than 10"]],
    [{ type: "number", multipleOf: 5 }, 12, ["(root): Must be a multiple of 5"]],
    [
      { type: "array", minItems: 2, uniqueItems: true },
      [1],
      ["(root): Array must have at least 2 items"],
    ],
    [{ type: "array", uniqueItems: true }, [1, 2, 1], ["(root): array items[0,2] must be unique"]],
    [
      {
        type: "object",
        properties: { a: { type: "object", properties: { b: { type: "boolean" } } } },
      },
      { a: { b: "yes" } },
      ["a.b: Invalid type. Expected: boolean, given: string"],
    ],
    [
      { type: "object", additionalProperties: false, properties: { a: {} } },
      { a: 1, z: 2 },
      ["(root): Additional property z is not allowed"],
    ],
    [
      { type: "array", items: { type: "string" } },
      ["a", 2],
      ["1: Invalid type. Expected: string, given: integer"],
    ],
    [
      { anyOf: [{ type: "string" }, { type: "number" }] },
      true,
      ["(root): Must validate at least one schema (anyOf)"],
    ],
    [{ type: ["string", "null"] }, null, []],
    [{ type: "number", minimum: 0 }, 0, []],
  ])("%j on %j", (schema, value, errors) => {
    expect(validateJsonSchema(schema, value)).toEqual(errors);
  });
});
