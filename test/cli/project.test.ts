import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../cli/errors";
import { readProject, SECRET_CONFIG_PLACEHOLDER } from "../../cli/project";

const programs = path.join(__dirname, "..", "fixtures", "programs");

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Writes `files` into a fresh temporary directory and returns it. */
function projectDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-project-"));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("readProject", () => {
  test("reads name, runtime options, project defaults and the only stack's config", () => {
    const project = readProject(path.join(programs, "aws-ml"));
    expect(project).toEqual({
      name: "aws-ml",
      dir: path.join(programs, "aws-ml"),
      main: path.join(programs, "aws-ml"),
      typescript: true,
      stack: "dev",
      config: {
        "aws-ml:ownerEmail": "ml-team@example.com",
        "aws:region": "eu-west-1",
        "aws:defaultTags": '{"tags":{"team":"ml-platform"}}',
        "aws-ml:apiKey": SECRET_CONFIG_PLACEHOLDER,
      },
      secretKeys: ["aws-ml:apiKey"],
    });
  });

  test("resolves main and picks the only stack file", () => {
    const project = readProject(path.join(programs, "gcp-vertex"));
    expect(project.main).toBe(path.join(programs, "gcp-vertex", "src", "index.js"));
    expect(project.stack).toBe("prod");
    expect(project.config).toEqual({
      "gcp:project": "vision-prod",
      "gcp:defaultLabels": '{"team":"vision"}',
    });
  });

  test("--stack wins and keeps the last segment of org/project/stack", () => {
    const dir = projectDir({
      "Pulumi.yaml": "name: demo\nruntime: nodejs\n",
      "Pulumi.dev.yaml": "config:\n  demo:x: dev\n",
      "Pulumi.staging.yaml": "",
    });
    const project = readProject(dir, "acme/demo/staging");
    expect(project.stack).toBe("staging");
    expect(project.config).toEqual({});
  });

  test("an unknown --stack is exit 2 naming the stacks there, as the Pulumi CLI refuses it", () => {
    const dir = path.join(programs, "gcp-vertex");
    expect(() => readProject(dir, "prdo")).toThrow(
      new ConfigError(
        `no stack named "prdo" found: ${dir} has no Pulumi.prdo.yaml (its stacks: prod); check --stack, or create the file (it may be empty) for a stack without config`,
      ),
    );
    expect(() => readProject(path.join(programs, "k8s-gpu"), "dev")).toThrow(
      /has no Pulumi\.dev\.yaml \(it has no stack file\)/,
    );
  });

  test(".inf and .nan in config are an error naming the key, not null", () => {
    const dir = (config: string) =>
      projectDir({ "Pulumi.yaml": "name: demo\nruntime: nodejs\n", "Pulumi.dev.yaml": config });
    expect(() => readProject(dir("config:\n  aigov:pricing:\n    ml.g5.xlarge: .inf\n"))).toThrow(
      new ConfigError(
        'Pulumi.dev.yaml: aigov:pricing["ml.g5.xlarge"]: .inf is not a number config can carry (YAML .inf and .nan have no JSON form); use a finite number',
      ),
    );
    expect(() => readProject(dir("config:\n  replicas: .nan\n"))).toThrow(
      /^Pulumi\.dev\.yaml: demo:replicas: \.nan is not a number/,
    );
    expect(() => readProject(dir("config:\n  demo:limits:\n    - 1\n    - -.inf\n"))).toThrow(
      /^Pulumi\.dev\.yaml: demo:limits\[1\]: -\.inf is not a number/,
    );
  });

  test("several stacks and none named dev: pass --stack", () => {
    const dir = projectDir({
      "Pulumi.yaml": "name: demo\nruntime: nodejs\n",
      "Pulumi.prod.yaml": "",
      "Pulumi.staging.yaml": "",
    });
    expect(() => readProject(dir)).toThrow(
      new ConfigError(
        `no stack selected: ${dir} has several (its stacks: prod, staging); pass --stack NAME`,
      ),
    );
  });

  test("defaults to dev when several stacks exist, and renders values as the CLI passes them", () => {
    const dir = projectDir({
      "Pulumi.yaml": "name: demo\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n",
      "Pulumi.dev.yaml": [
        "config:",
        "  replicas: 3",
        "  enabled: true",
        "  empty:",
        "  tags: [a, b]",
        "  db:",
        "    user: admin",
        "    password:",
        "      secure: v1:abc",
        "  demo:plain: text",
      ].join("\n"),
      "Pulumi.prod.yaml": "config:\n  replicas: 9\n",
    });
    const project = readProject(dir);
    expect(project.stack).toBe("dev");
    expect(project.typescript).toBe(false);
    expect(project.config).toEqual({
      "demo:replicas": "3",
      "demo:enabled": "true",
      "demo:empty": "",
      "demo:tags": '["a","b"]',
      "demo:db": `{"user":"admin","password":"${SECRET_CONFIG_PLACEHOLDER}"}`,
      "demo:plain": "text",
    });
    expect(project.secretKeys).toEqual(["demo:db"]);
  });

  test("a stack value overrides the project default", () => {
    const dir = projectDir({
      "Pulumi.yaml":
        "name: demo\nruntime: nodejs\nconfig:\n  region: eu-west-1\n  size:\n    type: integer\n",
      "Pulumi.dev.yaml": "config:\n  demo:region: us-east-2\n",
    });
    expect(readProject(dir).config).toEqual({ "demo:region": "us-east-2" });
  });

  test.each([
    [
      "no Pulumi.yaml",
      "no-project",
      `no Pulumi.yaml in ${path.join(programs, "no-project")}: pass the directory of a Pulumi program (aigov check PROGRAM_DIR)`,
    ],
    [
      "a python runtime",
      "python",
      'Pulumi.yaml: runtime "python" is not supported: aigov check runs nodejs programs',
    ],
  ])("rejects %s", (_case, fixture, message) => {
    expect(() => readProject(path.join(programs, fixture))).toThrow(new ConfigError(message));
  });

  test("rejects malformed stack YAML", () => {
    const dir = projectDir({
      "Pulumi.yaml": "name: demo\nruntime: nodejs\n",
      "Pulumi.dev.yaml": "config:\n  aws:region: [us-east-1\n  demo:owner: ml-team\n",
    });
    expect(() => readProject(dir)).toThrow(
      new ConfigError(
        "Pulumi.dev.yaml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 3",
      ),
    );
  });

  test("names the field of a Pulumi.yaml that does not fit", () => {
    const dir = projectDir({ "Pulumi.yaml": "runtime: nodejs\n" });
    expect(() => readProject(dir)).toThrow(
      new ConfigError("Pulumi.yaml: name: Invalid input: expected string, received undefined"),
    );
  });
});
