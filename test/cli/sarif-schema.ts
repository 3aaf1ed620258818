import Ajv from "ajv";
import addFormats from "ajv-formats";
import * as path from "path";

/**
 * The OASIS SARIF 2.1.0 JSON schema (draft-07, `sarif-schema-2.1.0.json` of the specification),
 * vendored in test/fixtures from the npm package @datadog/datadog-ci-plugin-sarif, which validates
 * uploads with it: no network is needed to validate.
 */
export const SARIF_SCHEMA_FILE = path.join(__dirname, "..", "fixtures", "sarif-schema-2.1.0.json");

let validate: ReturnType<Ajv["compile"]> | undefined;

/** The schema errors of a SARIF log (`[]` when it is valid). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validate = ajv.compile(require(SARIF_SCHEMA_FILE));
  }
  return validate(log)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}
