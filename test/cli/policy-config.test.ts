import {
  parsePolicyPackConfig,
  reconcilePolicyPackConfig,
  type PolicyMetadata,
} from "../../cli/analyzer/config";
import { goNumber, validateJsonSchema } from "../../cli/analyzer/json-schema";

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
    // As gojsonschema: a type mismatch is the only error of its schema.
    expect(errors).toEqual([
      "required-tags: maxAgeDays: Invalid type. Expected: integer, given: number",
      "required-tags: requiredTags: Invalid type. Expected: array, given: string",
      "allowlist: instanceTypes is required",
    ]);
  });
});

describe("validateJsonSchema: Ajv, worded as gojsonschema (the Pulumi CLI's validator)", () => {
  test.each([
    [{ enum: ["a", "b"] }, "c", ['(root): (root) must be one of the following: "a", "b"']],
    [{ const: { a: 1 } }, 2, ['(root): (root) does not match: {"a":1}']],
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
    [
      { type: "string", minLength: 2 },
      "😀",
      ["(root): String length must be greater than or equal to 2"],
    ],
    [{ type: "number", exclusiveMaximum: 10 }, 10, ["(root): Must be less than 10"]],
    [{ type: "number", maximum: 1e10 }, 2e10, ["(root): Must be less than or equal to 1e+10"]],
    [{ type: "number", minimum: 0.25 }, 0, ["(root): Must be greater than or equal to 0.25"]],
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
      { type: "object", required: ["a", "b"], minProperties: 3 },
      {},
      ["(root): Must have at least 3 properties", "(root): a is required", "(root): b is required"],
    ],
    [
      { type: "array", items: { type: "string" } },
      ["a", 2],
      ["1: Invalid type. Expected: string, given: integer"],
    ],
    [
      { type: ["string", "null"] },
      1.5,
      ["(root): Invalid type. Expected: [string,null], given: number"],
    ],
    [
      { anyOf: [{ type: "string" }, { type: "number" }] },
      true,
      ["(root): Must validate at least one schema (anyOf)"],
    ],
    [
      { oneOf: [{ type: "number" }, { type: "integer" }] },
      1,
      ["(root): Must validate one and only one schema (oneOf)"],
    ],
    [
      {
        type: "object",
        properties: { l: { allOf: [{ items: { type: "string" } }, { minItems: 2 }] } },
      },
      { l: [1] },
      [
        "l.0: Invalid type. Expected: string, given: integer",
        "l: Array must have at least 2 items",
        "l: Must validate all the schemas (allOf)",
      ],
    ],
    [{ not: { type: "string" } }, "s", ["(root): Must not validate the schema (not)"]],
    [
      { type: "object", dependencies: { card: ["billing"] } },
      { card: 1 },
      ["(root): Has a dependency on billing"],
    ],
    [
      { if: { type: "string" }, then: { minLength: 3 } },
      "ab",
      [
        '(root): Must validate "then" as "if" was valid',
        "(root): String length must be greater than or equal to 3",
      ],
    ],
    [
      { type: "string", format: "email" },
      "not-an-address",
      ["(root): Does not match format 'email'"],
    ],
    [{ type: "string", format: "date-time" }, "2026-12-02T12:00:00Z", []],
    // Formats gojsonschema does not know are not checked.
    [{ type: "string", format: "int32" }, "x", []],
    [
      {
        type: "object",
        definitions: { team: { type: "string", pattern: "^[a-z-]+$" } },
        properties: { owner: { $ref: "#/definitions/team" } },
      },
      { owner: "Risk ML" },
      ["owner: Does not match pattern '^[a-z-]+$'"],
    ],
    // Draft 4 writes exclusive bounds as booleans.
    [{ type: "number", minimum: 1, exclusiveMinimum: true }, 1, ["(root): Must be greater than 1"]],
    [{ type: ["string", "null"] }, null, []],
    [{ type: "number", minimum: 0 }, 0, []],
  ])("%j on %j", (schema, value, errors) => {
    expect(validateJsonSchema(schema, value)).toEqual(errors);
  });

  test("a schema that cannot be compiled is an error, not a pass", () => {
    expect(() =>
      validateJsonSchema({ properties: { a: { $ref: "#/definitions/missing" } } }, { a: 1 }),
    ).toThrow(/missing/);
  });
});

describe("goNumber: limits printed as gojsonschema prints them (Go %.10g)", () => {
  test.each([
    [1, "1"],
    [0.5, "0.5"],
    [1e6, "1000000"],
    [1e10, "1e+10"],
    [123456.789, "123456.789"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [-2.5, "-2.5"],
    [1 / 3, "0.3333333333"],
  ])("%p → %s", (n, text) => {
    expect(goNumber(n)).toBe(text);
  });
});
