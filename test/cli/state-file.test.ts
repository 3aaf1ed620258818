import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../cli/errors";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../cli/properties";
import { jsonPath, readState } from "../../cli/state-file";

const FIXTURE = path.join(__dirname, "..", "fixtures", "state", "ml-prod.json");
const fixture = () => JSON.parse(fs.readFileSync(FIXTURE, "utf8"));
const ENDPOINT = "urn:pulumi:prod::ml-serving::aws:sagemaker/endpoint:Endpoint::llm";

let tempDir: string;
beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-state-"));
});
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

let count = 0;
function stateFile(document: unknown): string {
  const file = path.join(tempDir, `state-${count++}.json`);
  fs.writeFileSync(file, typeof document === "string" ? document : JSON.stringify(document));
  return file;
}

/** The fixture with `change` applied to its resources. */
function withResources(change: (resources: Record<string, unknown>[]) => void): string {
  const document = fixture();
  change(document.deployment.resources);
  return stateFile(document);
}

function expectInvalid(file: string, where: string, message: string): void {
  expect(() => readState(file)).toThrow(
    new ConfigError(`${file} is not a deployment from 'pulumi stack export': ${where}: ${message}`),
  );
}

describe("readState", () => {
  test("reads an export, leaving out resources pending deletion", () => {
    const { resources, unreadableSecrets } = readState(FIXTURE);
    expect(resources.map((r) => r.name)).toEqual([
      "ml-serving-prod",
      "default_7_48_0",
      "models",
      "models-lifecycle",
      "inference-logs",
      "llm",
    ]);
    // An export without --show-secrets: the one secret output is encrypted.
    expect(unreadableSecrets).toEqual([{ urn: ENDPOINT, path: "outputs.dataCaptureConfig" }]);
  });

  test("names the supported version", () => {
    const document = { ...fixture(), version: 2 };
    expectInvalid(
      stateFile(document),
      "version",
      "deployment version 2 is not supported: aigov reads version 3 (pulumi stack export of Pulumi 3)",
    );
  });

  test("an empty deployment lacks its manifest", () => {
    expectInvalid(
      stateFile({ version: 3, deployment: {} }),
      "deployment.manifest",
      "Invalid input: expected object, received undefined",
    );
  });

  test("the JSON path of the first bad element: a URN that is not one", () => {
    expectInvalid(
      withResources((r) => (r[3].urn = "models-lifecycle")),
      "deployment.resources[3].urn",
      'expected a URN (urn:pulumi:<stack>::<project>::<type>::<name>), got "models-lifecycle"',
    );
    expectInvalid(
      withResources((r) => (r[5].dependencies = ["urn:pulumi:prod::ml-serving::x"])),
      "deployment.resources[5].dependencies[0]",
      'expected a URN (urn:pulumi:<stack>::<project>::<type>::<name>), got "urn:pulumi:prod::ml-serving::x"',
    );
    expectInvalid(
      withResources((r) => (r[2].provider = "aws")),
      "deployment.resources[2].provider",
      'expected a provider reference <URN>::<id>, got "aws"',
    );
  });

  test("wrong shapes: a type that is not the URN's, inputs that are not an object", () => {
    expectInvalid(
      withResources((r) => (r[2].type = "aws:s3/bucketV2:BucketV2")),
      "deployment.resources[2].type",
      '"aws:s3/bucketV2:BucketV2" is not the type its URN names ("aws:s3/bucket:Bucket")',
    );
    expectInvalid(
      withResources((r) => (r[4].inputs = [1, 2])),
      "deployment.resources[4].inputs",
      "Invalid input: expected record, received array",
    );
    expectInvalid(
      withResources((r) => (r[1] = null as never)),
      "deployment.resources[1]",
      "Invalid input: expected object, received null",
    );
  });

  test("encrypted secrets become unknown values, and are listed", () => {
    const file = withResources((r) => {
      const endpoint = r.find((x) => x.urn === ENDPOINT) as { inputs: { tags: object } };
      endpoint.inputs.tags = {
        "aigov:owner": { [SIG_KEY]: SECRET_SIG, ciphertext: "v1:abc:def" },
        "aigov:team": { [SIG_KEY]: SECRET_SIG, plaintext: '"ml-platform"' },
      };
    });
    const { resources, unreadableSecrets } = readState(file);
    const endpoint = resources.find((r) => r.urn === ENDPOINT);
    expect(endpoint?.inputs.tags).toEqual({
      "aigov:owner": { [SIG_KEY]: SECRET_SIG, value: UNKNOWN },
      "aigov:team": { [SIG_KEY]: SECRET_SIG, value: "ml-platform" },
    });
    expect(unreadableSecrets).toContainEqual({
      urn: ENDPOINT,
      path: 'inputs.tags["aigov:owner"]',
    });
  });

  test("secret plaintext that is not JSON is an error naming the resource and the path", () => {
    const file = withResources((r) => {
      (r[2].inputs as Record<string, unknown>).bucket = { [SIG_KEY]: SECRET_SIG, plaintext: "{" };
    });
    expect(() => readState(file)).toThrow(ConfigError);
    expect(() => readState(file)).toThrow(
      `${file}: the secret at deployment.resources[2].inputs.bucket (resource urn:pulumi:prod::ml-serving::aws:s3/bucket:Bucket::models) cannot be read: its plaintext is not JSON`,
    );
  });

  test("JSON paths as people write them", () => {
    expect(jsonPath(["deployment", "resources", 3, "inputs", "aigov:owner", 0])).toBe(
      'deployment.resources[3].inputs["aigov:owner"][0]',
    );
    expect(jsonPath([])).toBe("(root)");
  });
});
