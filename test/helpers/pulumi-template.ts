import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml, stringify as toYaml } from "yaml";

// The governed registry template as `pulumi new` lays it down, for the tests that create a project
// from it (test/examples/template-*.test.ts, and the engine suite's real `pulumi new`).

const repoRoot = path.resolve(__dirname, "../..");

/** The template directory teams give to `pulumi new <repository>/templates/governed-registry`. */
export const TEMPLATE_DIR = path.join(repoRoot, "templates", "governed-registry");

/**
 * Every file of the template, relative to its directory, sorted: what a project created from it
 * receives, and nothing else (`pulumi new` copies the whole directory but `.git`).
 */
export const TEMPLATE_FILES: readonly string[] = [
  ".gitignore",
  "Pulumi.example.yaml",
  "Pulumi.yaml",
  "README.md",
  "aws.ts",
  "config.ts",
  "gcp.ts",
  "index.ts",
  "k8s.ts",
  "metadata.ts",
  "package.json",
  "tsconfig.json",
];

/** The sample stack of the template (`Pulumi.<TEMPLATE_SAMPLE_STACK>.yaml`). */
export const TEMPLATE_SAMPLE_STACK = "example";

/** Every file under `dir`, relative and sorted, as the template copier walks it (`.git` skipped). */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== ".git") walk(child);
      } else {
        files.push(child);
      }
    }
  };
  walk("");
  return files.sort();
}

/**
 * Copies the template into `dest` the way the Pulumi CLI's template copier does
 * (`CopyTemplateFiles`, pkg/cmd/pulumi/templates/project_templates.go): every file but `.git` and a
 * legacy `.pulumi.template.yaml`, `${PROJECT}` replaced in file names, `${PROJECT}` and
 * `${DESCRIPTION}` replaced in text files (as YAML scalars in `.yaml` files), modes kept.
 */
export function copyTemplate(dest: string, project: string, description: string): void {
  const yamlScalar = (s: string) => toYaml(s);
  for (const rel of listFiles(TEMPLATE_DIR)) {
    if (path.basename(rel) === ".pulumi.template.yaml") continue;
    const source = path.join(TEMPLATE_DIR, rel);
    const target = path.join(dest, rel.replaceAll("${PROJECT}", project));
    const bytes = fs.readFileSync(source);
    let out: Buffer | string = bytes;
    if (!bytes.subarray(0, 8000).includes(0)) {
      const yaml = source.endsWith(".yaml");
      out = bytes
        .toString("utf8")
        .replaceAll("${PROJECT}", yaml ? yamlScalar(project) : project)
        .replaceAll("${DESCRIPTION}", yaml ? yamlScalar(description) : description);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out, { mode: fs.statSync(source).mode | 0o600 });
  }
}

/** The prompts of the template's `Pulumi.yaml` (`template.config`): key → description, default. */
export function templatePrompts(): Record<string, { description?: string; default?: string }> {
  const project = parseYaml(fs.readFileSync(path.join(TEMPLATE_DIR, "Pulumi.yaml"), "utf8"));
  return project.template.config;
}

/** The stack config `pulumi new --yes` saves: every prompt's default, under its key. */
export function promptDefaultsStack(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(templatePrompts()).map(([key, prompt]) => [key, prompt.default ?? ""]),
  );
}
