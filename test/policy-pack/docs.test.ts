/**
 * docs/policies.md carries a config reference generated from the policies' config schemas (which
 * are generated from zod). This test fails when the two drift; `UPDATE_DOCS=1 npx jest
 * test/policy-pack/docs` rewrites the section.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { policies } from "../../policy-packs/aigov/policies";

const DOC = path.join(__dirname, "../../docs/policies.md");
const START =
  "<!-- config-reference:start (generated from the config schemas; see test/policy-pack/docs.test.ts) -->";
const END = "<!-- config-reference:end -->";

function typeOf(s: PolicyConfigJSONSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
  if (s.type === "array" && s.items && typeof s.items === "object" && !Array.isArray(s.items)) {
    const item = s.items as PolicyConfigJSONSchema;
    return item.enum ? "list of metadata keys" : `list of ${String(item.type)}`;
  }
  if (s.type === "object" && s.propertyNames && typeof s.propertyNames === "object") {
    const keys = (s.propertyNames as PolicyConfigJSONSchema).enum;
    const value = s.additionalProperties as PolicyConfigJSONSchema;
    const valueType = value.type === "array" ? "list of string" : String(value.type);
    return keys ? `map of stage → ${valueType}` : `map of string → ${valueType}`;
  }
  if (s.type === "object" && s.properties) return "metadata object (camelCase)";
  return String(s.type);
}

/** The generated config reference section. */
export function configReference(): string {
  const lines = [START, ""];
  for (const p of policies) {
    const props = Object.entries(p.configSchema?.properties ?? {}) as [
      string,
      PolicyConfigJSONSchema,
    ][];
    lines.push(`### \`${p.name}\``, "");
    lines.push(
      `Default level \`${p.enforcementLevel}\`. Settable: \`enforcementLevel\` (\`advisory\`, \`mandatory\`, ${"remediateResource" in p ? "`remediate`, " : ""}\`disabled\`)${props.length ? " and:" : "; no other settings."}`,
      "",
    );
    if (props.length) {
      lines.push("| key | type | default | description |", "|---|---|---|---|");
      for (const [key, s] of props) {
        const def = s.default === undefined ? "—" : `\`${JSON.stringify(s.default)}\``;
        lines.push(`| \`${key}\` | ${typeOf(s)} | ${def} | ${s.description ?? ""} |`);
      }
      lines.push("");
    }
  }
  lines.push(END);
  return lines.join("\n");
}

it("docs/policies.md has the generated config reference", () => {
  const doc = fs.readFileSync(DOC, "utf8");
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  expect(a).toBeGreaterThanOrEqual(0);
  const current = doc.slice(a, b + END.length);
  if (process.env.UPDATE_DOCS) {
    fs.writeFileSync(DOC, doc.slice(0, a) + configReference() + doc.slice(b + END.length));
    return;
  }
  expect(current).toBe(configReference());
});

it("docs/policies.md documents every policy with an example violation and its fix", () => {
  const doc = fs.readFileSync(DOC, "utf8");
  for (const p of policies) {
    const section = doc.split(/^## /m).find((s) => s.startsWith(`\`${p.name}\``));
    expect(section).toBeDefined();
    expect(section).toMatch(/\*\*Example violation\*\*/);
    expect(section).toMatch(/\*\*Fix\*\*/);
  }
});
