import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { repoRoot } from "./run-check";

// The multi-language path on paper: the Pulumi YAML example may only use components, inputs, types
// and enum values that the committed schema.json (what `pulumi package add` reads) declares, and
// never an output reference in a `plain` argument (those are read before any output resolves).

interface SchemaProperty {
  type?: string;
  $ref?: string;
  plain?: boolean;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
}
interface SchemaType {
  type?: string;
  enum?: { value: unknown }[];
  properties?: Record<string, SchemaProperty>;
  required?: string[];
}
interface Schema {
  name: string;
  resources: Record<
    string,
    { inputProperties?: Record<string, SchemaProperty>; requiredInputs?: string[] }
  >;
  types?: Record<string, SchemaType>;
}

const schemaFile = path.join(repoRoot, "schema.json");
const programFile = path.join(repoRoot, "examples", "yaml-consumer", "Pulumi.yaml");
const program = parseYaml(fs.readFileSync(programFile, "utf8")) as {
  packages?: Record<string, unknown>;
  resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
};
const isExpression = (v: unknown) => typeof v === "string" && v.includes("${");

/** Problems of `value` against the schema property `prop`, with `where` as the property path. */
function checkValue(schema: Schema, value: unknown, prop: SchemaProperty, where: string): string[] {
  if (isExpression(value)) {
    return prop.plain
      ? [`${where}: plain argument, but ${JSON.stringify(value)} is an output reference`]
      : [];
  }
  if (prop.$ref) {
    const token = prop.$ref.replace(/^#\/types\//, "");
    const type = schema.types?.[token];
    if (!type) return [`${where}: type ${token} is not in schema.json`];
    if (type.enum) {
      const values = type.enum.map((e) => e.value);
      return values.includes(value)
        ? []
        : [`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(values)}`];
    }
    return checkObject(schema, value, type.properties ?? {}, type.required ?? [], where);
  }
  switch (prop.type) {
    case "array":
      if (!Array.isArray(value)) return [`${where}: expected a list`];
      return value.flatMap((v, i) => checkValue(schema, v, prop.items ?? {}, `${where}[${i}]`));
    case "object":
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return [`${where}: expected an object`];
      return Object.entries(value).flatMap(([k, v]) =>
        checkValue(schema, v, prop.additionalProperties ?? {}, `${where}.${k}`),
      );
    case "string":
      return typeof value === "string" ? [] : [`${where}: expected a string`];
    case "integer":
      return Number.isInteger(value) ? [] : [`${where}: expected an integer`];
    case "number":
      return typeof value === "number" ? [] : [`${where}: expected a number`];
    case "boolean":
      return typeof value === "boolean" ? [] : [`${where}: expected a boolean`];
    default:
      return [];
  }
}

function checkObject(
  schema: Schema,
  value: unknown,
  properties: Record<string, SchemaProperty>,
  required: string[],
  where: string,
): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [`${where}: expected an object`];
  }
  const problems = required.filter((k) => !(k in value)).map((k) => `${where}.${k}: required`);
  for (const [k, v] of Object.entries(value)) {
    const prop = properties[k];
    if (!prop)
      problems.push(`${where}.${k}: not an input (known: ${Object.keys(properties).join(", ")})`);
    else problems.push(...checkValue(schema, v, prop, `${where}.${k}`));
  }
  return problems;
}

const describeWithSchema = fs.existsSync(schemaFile) ? describe : describe.skip;

test("schema.json is committed (npm run schema regenerates it)", () => {
  expect(fs.existsSync(schemaFile)).toBe(true);
});

describeWithSchema("examples/yaml-consumer against schema.json", () => {
  const schema = fs.existsSync(schemaFile)
    ? (JSON.parse(fs.readFileSync(schemaFile, "utf8")) as Schema)
    : ({ name: "", resources: {} } as Schema);
  const aigovResources = Object.entries(program.resources).filter(([, r]) =>
    r.type.startsWith(`${schema.name}:`),
  );

  test("adds the aigov package and uses its components", () => {
    expect(Object.keys(program.packages ?? {})).toContain(schema.name);
    expect(aigovResources.length).toBeGreaterThanOrEqual(3);
  });

  test.each(aigovResources.map(([name, r]) => [name, r.type, r.properties ?? {}] as const))(
    "%s (%s) uses only inputs, types and values of the schema",
    (name, type, properties) => {
      const resource = schema.resources[type];
      expect(resource).toBeDefined();
      expect(
        checkObject(
          schema,
          properties,
          resource.inputProperties ?? {},
          resource.requiredInputs ?? [],
          name,
        ),
      ).toEqual([]);
    },
  );

  test("the checker catches unknown inputs, bad enum values and outputs in plain arguments", () => {
    const resource = schema.resources["aigov:index:AwsInferenceEndpoint"];
    const bad = {
      instanceTyp: "ml.m5.large",
      metadata: { stage: "prod", assetId: "${registry.assetId}" },
    };
    const problems = checkObject(schema, bad, resource.inputProperties ?? {}, [], "x");
    expect(problems).toEqual([
      expect.stringMatching(/^x\.instanceTyp: not an input/),
      expect.stringMatching(/^x\.metadata\.stage: "prod" is not one of/),
      expect.stringMatching(/^x\.metadata\.assetId: plain argument/),
    ]);
  });
});
