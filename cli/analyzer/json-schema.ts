/**
 * A small JSON Schema (draft 4–7 keywords) validator for policy configuration, with the error
 * wording of gojsonschema, which the Pulumi CLI uses: `<field>: <description>`, where the field is
 * `(root)` or a dotted path (`tags.0`). `$ref`, `format` and `dependencies` are not checked.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

type Check = (schema: JsonSchema, value: unknown, field: string, errors: string[]) => void;

export const ROOT_FIELD = "(root)";

export function validateJsonSchema(
  schema: JsonSchema,
  value: unknown,
  field: string = ROOT_FIELD,
): string[] {
  const errors: string[] = [];
  validate(schema, value, field, errors);
  return errors;
}

function typeOf(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "array";
  }
  if (typeof value === "number") {
    return Number.isInteger(value) ? "integer" : "number";
  }
  return typeof value;
}

function childField(field: string, key: string | number): string {
  return field === ROOT_FIELD ? String(key) : `${field}.${key}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeOf(value) === "object";
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (isObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical(value[k])]),
    );
  }
  return value;
}

const checkType: Check = (schema, value, field, errors) => {
  if (schema.type === undefined) {
    return;
  }
  const expected = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
  const given = typeOf(value);
  const matches = expected.some((t) => t === given || (t === "number" && given === "integer"));
  if (!matches) {
    errors.push(`${field}: Invalid type. Expected: ${expected.join(" or ")}, given: ${given}`);
  }
};

const checkValues: Check = (schema, value, field, errors) => {
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => deepEqual(v, value))) {
    const allowed = schema.enum.map((v) => JSON.stringify(v)).join(", ");
    errors.push(`${field}: ${field} must be one of the following: ${allowed}`);
  }
  if ("const" in schema && !deepEqual(schema.const, value)) {
    errors.push(`${field}: ${field} does not match: ${JSON.stringify(schema.const)}`);
  }
};

const checkString: Check = (schema, value, field, errors) => {
  if (typeof value !== "string") {
    return;
  }
  const length = [...value].length;
  if (typeof schema.minLength === "number" && length < schema.minLength) {
    errors.push(`${field}: String length must be greater than or equal to ${schema.minLength}`);
  }
  if (typeof schema.maxLength === "number" && length > schema.maxLength) {
    errors.push(`${field}: String length must be less than or equal to ${schema.maxLength}`);
  }
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
    errors.push(`${field}: Does not match pattern '${schema.pattern}'`);
  }
};

const checkNumber: Check = (schema, value, field, errors) => {
  if (typeof value !== "number") {
    return;
  }
  const bound = (keyword: string) =>
    typeof schema[keyword] === "number" ? schema[keyword] : undefined;
  const minimum = bound("minimum");
  const maximum = bound("maximum");
  // Draft 4 writes exclusive bounds as booleans next to minimum/maximum, later drafts as numbers.
  const exclusiveMin = schema.exclusiveMinimum === true ? minimum : bound("exclusiveMinimum");
  const exclusiveMax = schema.exclusiveMaximum === true ? maximum : bound("exclusiveMaximum");
  if (exclusiveMin !== undefined && value <= exclusiveMin) {
    errors.push(`${field}: Must be greater than ${exclusiveMin}`);
  } else if (minimum !== undefined && value < minimum) {
    errors.push(`${field}: Must be greater than or equal to ${minimum}`);
  }
  if (exclusiveMax !== undefined && value >= exclusiveMax) {
    errors.push(`${field}: Must be less than ${exclusiveMax}`);
  } else if (maximum !== undefined && value > maximum) {
    errors.push(`${field}: Must be less than or equal to ${maximum}`);
  }
  const multipleOf = bound("multipleOf");
  if (multipleOf !== undefined && !Number.isInteger(value / multipleOf)) {
    errors.push(`${field}: Must be a multiple of ${multipleOf}`);
  }
};

const checkArray: Check = (schema, value, field, errors) => {
  if (!Array.isArray(value)) {
    return;
  }
  if (typeof schema.minItems === "number" && value.length < schema.minItems) {
    errors.push(`${field}: Array must have at least ${schema.minItems} items`);
  }
  if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
    errors.push(`${field}: Array must have at most ${schema.maxItems} items`);
  }
  if (schema.uniqueItems === true) {
    value.forEach((item, i) => {
      const j = value.findIndex((other, k) => k > i && deepEqual(item, other));
      if (j >= 0) {
        errors.push(`${field}: array items[${i},${j}] must be unique`);
      }
    });
  }
  if (isObject(schema.items)) {
    const items = schema.items;
    value.forEach((item, i) => validate(items, item, childField(field, i), errors));
  }
};

const checkObject: Check = (schema, value, field, errors) => {
  if (!isObject(value)) {
    return;
  }
  for (const key of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    if (!(key in value)) {
      errors.push(`${field}: ${key} is required`);
    }
  }
  const properties = isObject(schema.properties) ? schema.properties : {};
  const count = Object.keys(value).length;
  if (typeof schema.minProperties === "number" && count < schema.minProperties) {
    errors.push(`${field}: Must have at least ${schema.minProperties} properties`);
  }
  if (typeof schema.maxProperties === "number" && count > schema.maxProperties) {
    errors.push(`${field}: Must have at most ${schema.maxProperties} properties`);
  }
  for (const [key, item] of Object.entries(value)) {
    const propertySchema = properties[key];
    if (isObject(propertySchema)) {
      validate(propertySchema, item, childField(field, key), errors);
    } else if (schema.additionalProperties === false) {
      errors.push(`${field}: Additional property ${key} is not allowed`);
    } else if (isObject(schema.additionalProperties)) {
      validate(schema.additionalProperties, item, childField(field, key), errors);
    }
  }
};

const checkCombinations: Check = (schema, value, field, errors) => {
  const passes = (s: unknown) => isObject(s) && validateJsonSchema(s, value, field).length === 0;
  if (Array.isArray(schema.allOf)) {
    schema.allOf.filter(isObject).forEach((s) => validate(s, value, field, errors));
  }
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some(passes)) {
    errors.push(`${field}: Must validate at least one schema (anyOf)`);
  }
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter(passes).length !== 1) {
    errors.push(`${field}: Must validate one and only one schema (oneOf)`);
  }
  if (isObject(schema.not) && passes(schema.not)) {
    errors.push(`${field}: Must not validate the schema (not)`);
  }
};

const CHECKS: readonly Check[] = [
  checkType,
  checkValues,
  checkString,
  checkNumber,
  checkArray,
  checkObject,
  checkCombinations,
];

function validate(schema: JsonSchema, value: unknown, field: string, errors: string[]): void {
  for (const check of CHECKS) {
    check(schema, value, field, errors);
  }
}
