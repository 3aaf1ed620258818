import Ajv, { type ErrorObject } from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats, { type FormatName } from "ajv-formats";

/**
 * JSON Schema validation of policy configuration with Ajv, its errors worded as gojsonschema
 * (which the Pulumi CLI validates policy config with) words them: `<field>: <description>`, the
 * field being `(root)` or a dotted path (`tags.0`).
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

export const ROOT_FIELD = "(root)";

/** The formats gojsonschema checks (`idn-email`, `iri` and `iri-reference` Ajv lacks). */
const FORMATS: FormatName[] = [
  "date",
  "time",
  "date-time",
  "hostname",
  "email",
  "ipv4",
  "ipv6",
  "uri",
  "uri-reference",
  "uri-template",
  "uuid",
  "regex",
  "json-pointer",
  "relative-json-pointer",
];

// Every error, the failing schema and data with each; unknown keywords and formats are ignored
// as gojsonschema ignores them.
const OPTIONS = { allErrors: true, verbose: true, strict: false, logger: false } as const;

const validators = new Map<"07" | "04", Ajv>();

/** One validator per draft for the whole run: the first compile of each is the slow one. */
function validator(draft: "07" | "04"): Ajv {
  let ajv = validators.get(draft);
  if (!ajv) {
    ajv = draft === "07" ? new Ajv(OPTIONS) : new AjvDraft04(OPTIONS);
    addFormats(ajv, FORMATS);
    validators.set(draft, ajv);
  }
  return ajv;
}

/** Compiles `schema` with the draft's validator and runs it; the schema is forgotten after. */
function validateAs(draft: "07" | "04", schema: JsonSchema, value: unknown): string[] {
  const ajv = validator(draft);
  try {
    const validate = ajv.compile(schema);
    return validate(value) ? [] : gojsonschemaErrors(validate.errors ?? []);
  } finally {
    // Another policy's schema may reuse its `$id`.
    ajv.removeSchema(schema);
  }
}

/**
 * Validates `value` against `schema` read as draft-07 (which reads draft-06 too), or as draft-04
 * when it says so or only compiles as such (boolean `exclusiveMinimum`): gojsonschema reads all
 * three. Returns the errors as gojsonschema words them, sorted; throws when the schema does not
 * compile.
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown): string[] {
  if (typeof schema.$schema === "string" && schema.$schema.includes("draft-04")) {
    return validateAs("04", schema, value);
  }
  try {
    return validateAs("07", schema, value);
  } catch (err) {
    try {
      return validateAs("04", schema, value);
    } catch {
      throw err;
    }
  }
}

function fieldOf(instancePath: string): string {
  if (instancePath === "") {
    return ROOT_FIELD;
  }
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
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

/** A number as Go's `big.Float.String()` prints it (`%.10g`), as gojsonschema shows limits. */
export function goNumber(n: number): string {
  if (n === 0 || !Number.isFinite(n)) {
    return String(n);
  }
  const [mantissa, exponentText] = n.toExponential(9).split("e");
  const exponent = Number(exponentText);
  const trim = (s: string) => (s.includes(".") ? s.replace(/\.?0+$/, "") : s);
  if (exponent < -4 || exponent >= 10) {
    const sign = exponent < 0 ? "-" : "+";
    return `${trim(mantissa)}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return trim(n.toFixed(9 - exponent));
}

const COMPARISONS: Record<string, string> = {
  ">=": "Must be greater than or equal to",
  ">": "Must be greater than",
  "<=": "Must be less than or equal to",
  "<": "Must be less than",
};

/** gojsonschema's description of one Ajv error, or undefined for Ajv's bookkeeping errors. */
function describe(error: ErrorObject, field: string): string | undefined {
  const params = error.params as Record<string, unknown>;
  const schema = error.schema as unknown;
  switch (error.keyword) {
    case "type": {
      const types = Array.isArray(schema) ? schema : [schema];
      const expected = types.length > 1 ? `[${types.join(",")}]` : String(types[0]);
      return `Invalid type. Expected: ${expected}, given: ${typeOf(error.data)}`;
    }
    case "required":
      return `${params.missingProperty} is required`;
    case "enum":
      return `${field} must be one of the following: ${(schema as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${field} does not match: ${JSON.stringify(schema)}`;
    case "minLength":
      return `String length must be greater than or equal to ${params.limit}`;
    case "maxLength":
      return `String length must be less than or equal to ${params.limit}`;
    case "pattern":
      return `Does not match pattern '${params.pattern}'`;
    case "format":
      return `Does not match format '${params.format}'`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `${COMPARISONS[params.comparison as string]} ${goNumber(params.limit as number)}`;
    case "multipleOf":
      return `Must be a multiple of ${goNumber(params.multipleOf as number)}`;
    case "minItems":
      return `Array must have at least ${params.limit} items`;
    case "maxItems":
      return `Array must have at most ${params.limit} items`;
    case "additionalItems":
      return "No additional items allowed on array";
    case "uniqueItems": {
      const [i, j] = [params.i as number, params.j as number].sort((a, b) => a - b);
      return `array items[${i},${j}] must be unique`;
    }
    case "contains":
      return "At least one of the items must match";
    case "minProperties":
      return `Must have at least ${params.limit} properties`;
    case "maxProperties":
      return `Must have at most ${params.limit} properties`;
    case "additionalProperties":
      return `Additional property ${params.additionalProperty} is not allowed`;
    case "propertyNames":
      return `Property name of "${params.propertyName}" does not match`;
    case "dependencies":
    case "dependentRequired":
      return `Has a dependency on ${params.missingProperty}`;
    case "anyOf":
      return "Must validate at least one schema (anyOf)";
    case "oneOf":
      return "Must validate one and only one schema (oneOf)";
    case "not":
      return "Must not validate the schema (not)";
    case "if":
      return params.failingKeyword === "then"
        ? 'Must validate "then" as "if" was valid'
        : 'Must validate "else" as "if" was not valid';
    case "false schema":
      return "False always fails validation";
    default:
      return error.message;
  }
}

/** The schema path of the schema object an error's keyword belongs to. */
function parentPath(error: ErrorObject): string {
  return error.schemaPath.slice(0, error.schemaPath.lastIndexOf("/"));
}

/** Schema path segments after which the instance path goes one level down. */
const DESCENDING = new Set([
  "properties",
  "patternProperties",
  "additionalProperties",
  "items",
  "additionalItems",
  "contains",
]);

/** The instance path of `error` seen from the schema at `schemaPath` (a prefix of its own). */
function instancePathAt(error: ErrorObject, schemaPath: string): string {
  const below = error.schemaPath.slice(schemaPath.length + 1).split("/");
  let levels = 0;
  for (let i = 0; i < below.length - 1; i++) {
    if (DESCENDING.has(below[i])) {
      levels++;
      // `properties/<name>`, `patternProperties/<regex>`, tuple `items/<index>`.
      if (below[i] !== "additionalProperties" && below[i] !== "additionalItems") {
        i += below[i] === "items" && !/^\d+$/.test(below[i + 1]) ? 0 : 1;
      }
    }
  }
  return error.instancePath
    .split("/")
    .slice(0, error.instancePath.split("/").length - levels)
    .join("/");
}

/**
 * Ajv's errors as gojsonschema reports them: a type mismatch hides the other errors of its
 * schema; the branches of a failing `anyOf`/`oneOf` are summed up by its own error; a failing
 * `allOf` adds its own error to its branches'. Sorted, as the Pulumi CLI sorts them.
 */
export function gojsonschemaErrors(errors: readonly ErrorObject[]): string[] {
  const typeFailures = errors
    .filter((e) => e.keyword === "type")
    .map((e) => ({ instancePath: e.instancePath, under: `${parentPath(e)}/` }));
  const combinators = errors
    .filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf")
    .map((e) => `${e.schemaPath}/`);
  const hiddenByType = (e: ErrorObject) =>
    e.keyword !== "type" &&
    typeFailures.some((t) => e.instancePath === t.instancePath && e.schemaPath.startsWith(t.under));
  const inBranch = (e: ErrorObject) => combinators.some((c) => e.schemaPath.startsWith(c));
  const kept = errors.filter((e) => !hiddenByType(e) && !inBranch(e));
  const lines = new Set<string>();
  for (const error of kept) {
    const field = fieldOf(error.instancePath);
    const description = describe(error, field);
    if (description !== undefined) {
      lines.add(`${field}: ${description}`);
    }
    for (const allOf of error.schemaPath.matchAll(/\/allOf\/\d+\//g)) {
      const branch = error.schemaPath.slice(0, allOf.index + allOf[0].length - 1);
      lines.add(`${fieldOf(instancePathAt(error, branch))}: Must validate all the schemas (allOf)`);
    }
  }
  return [...lines].sort();
}
