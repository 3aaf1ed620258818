import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { parse as parseYaml } from "yaml";
import {
  TEMPLATE_DIR,
  TEMPLATE_FILES,
  TEMPLATE_SAMPLE_STACK,
  copyTemplate,
  listFiles,
} from "../helpers/pulumi-template";
import { repoRoot } from "./run-check";

// `pulumi new <repository>/templates/governed-registry` gives a team a project of its own: the
// template directory holds only what that project needs, with placeholders where the CLI puts the
// project's name and description; the repository's root project runs the same program.

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const readYaml = (file: string) => parseYaml(fs.readFileSync(file, "utf8"));
const rootPackage = readJson(path.join(repoRoot, "package.json"));
const templatePackage = readJson(path.join(TEMPLATE_DIR, "package.json"));

test("the template directory holds exactly the files of a team's project", () => {
  expect(listFiles(TEMPLATE_DIR)).toEqual(TEMPLATE_FILES);
});

describe("a project copied from the template as the Pulumi CLI copies it", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-template-"));
    copyTemplate(dir, "fraud-models", "Fraud models: registry: and endpoints");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("has the template's files and nothing else", () => {
    expect(listFiles(dir)).toEqual(TEMPLATE_FILES);
  });

  test("has the project's name and description in place of every placeholder", () => {
    const project = readYaml(path.join(dir, "Pulumi.yaml"));
    expect(project.name).toBe("fraud-models");
    expect(project.description).toBe("Fraud models: registry: and endpoints");
    expect(readJson(path.join(dir, "package.json")).name).toBe("fraud-models");
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toMatch(
      /^# fraud-models\n\nFraud models: registry: and endpoints\n/,
    );
    const left = listFiles(dir).filter((f) =>
      /\$\{(PROJECT|DESCRIPTION)\}/.test(fs.readFileSync(path.join(dir, f), "utf8")),
    );
    expect(left).toEqual([]);
  });
});

test("Pulumi.yaml is a template: placeholders for name and description, prompts, no main", () => {
  const project = readYaml(path.join(TEMPLATE_DIR, "Pulumi.yaml"));
  expect(project.name).toBe("${PROJECT}");
  expect(project.description).toBe("${DESCRIPTION}");
  expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: true } });
  expect(project.main).toBeUndefined(); // index.ts of the project directory
  expect(project.template.displayName).toBeTruthy();
  expect(Object.keys(project.template.config).length).toBeGreaterThan(0);
});

test("the program's imports are exactly the dependencies of its package.json", () => {
  const programFiles = TEMPLATE_FILES.filter((f) => f.endsWith(".ts"));
  const imported = new Set(
    programFiles.flatMap((f) =>
      ts
        .preProcessFile(fs.readFileSync(path.join(TEMPLATE_DIR, f), "utf8"))
        .importedFiles.map((i) => i.fileName)
        .filter((name) => !name.startsWith("."))
        .map((name) =>
          name
            .split("/")
            .slice(0, name.startsWith("@") ? 2 : 1)
            .join("/"),
        ),
    ),
  );
  expect([...imported].sort()).toEqual(Object.keys(templatePackage.dependencies).sort());
  // tsconfig.json compiles every file of the program.
  expect([...readJson(path.join(TEMPLATE_DIR, "tsconfig.json")).files].sort()).toEqual(
    programFiles,
  );
});

test("package.json depends on the aigov package and the versions aigov is built with", () => {
  const { aigov, ...others } = templatePackage.dependencies as Record<string, string>;
  expect(aigov).toBe(`^${rootPackage.version}`);
  const ours = { ...rootPackage.dependencies, ...rootPackage.devDependencies };
  for (const [name, range] of Object.entries({ ...others, ...templatePackage.devDependencies })) {
    expect([name, range]).toEqual([name, ours[name]]);
  }
  expect(templatePackage.name).toBe("${PROJECT}");
  expect(templatePackage.private).toBe(true);
});

test("the repository's root project runs the template's program against its sample stack", () => {
  const root = readYaml(path.join(repoRoot, "Pulumi.yaml"));
  expect(path.resolve(repoRoot, root.main)).toBe(path.join(TEMPLATE_DIR, "index.ts"));
  expect(root.template).toBeUndefined(); // `pulumi new` is given the template directory
  expect(fs.readFileSync(path.join(repoRoot, "Pulumi.dev.yaml"), "utf8")).toBe(
    fs.readFileSync(path.join(TEMPLATE_DIR, `Pulumi.${TEMPLATE_SAMPLE_STACK}.yaml`), "utf8"),
  );
});
