import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import * as aigov from "../../index";
import { formatSchema, generateSchema, schemaFile } from "../../scripts/schema";

// The multi-language path: @pulumi/pulumi's own analyzer (the one `pulumi package add` runs for a
// source-based plugin) must accept every exported component, and its schema must match schema.json.
interface SchemaProperty {
  description?: string;
}
interface PackageSchema {
  resources: Record<
    string,
    {
      isComponent?: boolean;
      inputProperties?: Record<string, SchemaProperty>;
      properties?: Record<string, SchemaProperty>;
    }
  >;
  types?: Record<
    string,
    {
      enum?: { value: string; description?: string }[];
      properties?: Record<string, SchemaProperty>;
    }
  >;
}

const componentNames = Object.entries(aigov)
  .filter(([, v]) => typeof v === "function" && v.prototype instanceof pulumi.ComponentResource)
  .map(([k]) => k)
  .sort();

let schema: PackageSchema;
beforeAll(async () => {
  schema = (await generateSchema(aigov)) as PackageSchema;
}, 180_000);

test("the analyzer accepts every exported component with an aigov:index token", () => {
  expect(Object.keys(schema.resources).sort()).toEqual(
    componentNames.map((n) => `aigov:index:${n}`),
  );
  for (const resource of Object.values(schema.resources)) expect(resource.isComponent).toBe(true);
});

test("every input, output and type property is documented", () => {
  const undocumented: string[] = [];
  const visit = (where: string, props: Record<string, SchemaProperty> | undefined) => {
    for (const [name, prop] of Object.entries(props ?? {})) {
      if (!prop.description) undocumented.push(`${where}.${name}`);
    }
  };
  for (const [token, resource] of Object.entries(schema.resources)) {
    visit(`${token} input`, resource.inputProperties);
    visit(`${token} output`, resource.properties);
  }
  for (const [token, type] of Object.entries(schema.types ?? {})) {
    if (type.enum) {
      for (const value of type.enum)
        if (!value.description) undocumented.push(`${token}.${value.value}`);
    } else visit(token, type.properties);
  }
  expect(undocumented).toEqual([]);
});

test("schema.json is the committed output of the analyzer (run `npm run schema` after changing args)", () => {
  expect(fs.readFileSync(schemaFile, "utf8")).toBe(formatSchema(schema));
});
