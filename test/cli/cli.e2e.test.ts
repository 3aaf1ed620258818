import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { uniqueSuffix } from "../../cli/program/mocks";
import { sarifSchemaErrors } from "./sarif-schema";

/**
 * End-to-end: runs `bin/aigov.js` from the sources (AIGOV_FROM_SOURCE=1) in a subprocess, with
 * the fixture packs only (--no-default-pack), from the repository root.
 */
const ROOT = path.join(__dirname, "..", "..");
const PROGRAMS = "test/fixtures/programs";
const PACKS = "test/fixtures/packs";
const GOVERNANCE = ["--no-default-pack", "--policy-pack", `${PACKS}/governance`];

function aigov(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "aigov.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, AIGOV_FROM_SOURCE: "1" },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function checkJson(program: string, ...args: string[]) {
  const run = aigov("check", `${PROGRAMS}/${program}`, ...GOVERNANCE, ...args, "--format", "json");
  return { ...run, report: JSON.parse(run.stdout) };
}

let tempDir: string;
beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-cli-"));
});
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

function tempFile(name: string, text: string): string {
  const file = path.join(tempDir, name);
  fs.writeFileSync(file, text);
  return file;
}

const aws = (type: string, name: string) => `urn:pulumi:dev::aws-ml::${type}::${name}`;
const AWS_STACK = aws("pulumi:pulumi:Stack", "aws-ml-dev");
const ENDPOINT = aws("aws:sagemaker/endpoint:Endpoint", "endpoint");
const SCRATCH = aws("aws:s3/bucket:Bucket", "scratch");
const ARTIFACTS = aws("aws:s3/bucket:Bucket", "artifacts");
const ENDPOINT_TAGS = {
  policyPack: "governance",
  policy: "aws-required-tags",
  enforcementLevel: "mandatory",
  urn: ENDPOINT,
  message:
    "AI resources on AWS carry the required tags.\nmissing tags: owner (set tags or the provider's defaultTags)",
};
const ENDPOINT_CONFIG_UNKNOWN = {
  policyPack: "governance",
  policy: "aws-required-tags",
  enforcementLevel: "advisory",
  urn: aws("aws:sagemaker/endpointConfiguration:EndpointConfiguration", "endpoint-config"),
  message:
    "can't run policy 'aws-required-tags' from policy pack 'governance@v1.2.3' during preview: string value at .tags.logs can't be known during preview",
};
const SCRATCH_LIFECYCLE = {
  policyPack: "governance",
  policy: "bucket-lifecycle",
  enforcementLevel: "mandatory",
  urn: SCRATCH,
  message: `Every S3 bucket has a lifecycle configuration.\nbucket scratch-${uniqueSuffix(SCRATCH, 7)} has no lifecycle configuration`,
};

describe("aigov check", () => {
  test("AWS program (TypeScript) with two packs: violations, resources and a clean stdout", () => {
    const { status, stderr, report } = checkJson(
      "aws-ml",
      "--policy-pack",
      `${PACKS}/second`,
      "--quiet",
    );
    expect(status).toBe(5);
    expect(stderr).toBe("deploying aws-ml\n");
    expect(report.project).toBe("aws-ml");
    expect(report.stack).toBe("dev");
    expect(report.policyPacks).toEqual([
      { name: "governance", version: "1.2.3" },
      { name: "second", version: "0.9.0" },
    ]);
    // The endpoint has no tags, but the second pack's remediation gives it an owner before any
    // pack analyzes it. A tag of the endpoint config is unknown in a preview. The scratch bucket
    // has no lifecycle configuration; the artifacts bucket is linked to its configuration through
    // the auto-named `bucket` (a property dependency). Every known tagsAll has a team (from
    // aws:defaultTags or the scratch provider). Resources come in URN order.
    expect(report.violations).toEqual([
      {
        policyPack: "second",
        policy: "endpoint-review",
        enforcementLevel: "advisory",
        urn: ENDPOINT,
        message:
          "SageMaker endpoints are reviewed before release.\nendpoint endpoint needs a review",
      },
      ENDPOINT_CONFIG_UNKNOWN,
      SCRATCH_LIFECYCLE,
    ]);
    expect(report.summary).toEqual({ resources: 10, mandatory: 1, advisory: 2 });
    expect(report.resources.map((r: { name: string }) => r.name)).toEqual([
      "aws-ml-dev",
      "sagemaker-role",
      "artifacts",
      "scratch",
      "artifacts-lifecycle",
      "endpoint",
      "endpoint-config",
      "model",
      "default_7_48_0",
      "scratch",
    ]);
    // One ml.g5.xlarge instance ($1.408/h × 730 h) and no autoscaling target; the default tags
    // carry no aigov team, so the spend is unallocated.
    const oneInstance = { min: 1027.84, max: 1027.84 };
    expect(report.cost).toEqual({
      monthlyUsd: oneInstance,
      byTeam: { __unallocated__: oneInstance },
      byCostCenter: { __unallocated__: oneInstance },
      byAsset: { __unallocated__: oneInstance },
      budgets: [],
      unpriced: [],
    });

    const byUrn = new Map(report.resources.map((r: { urn: string }) => [r.urn, r]));
    expect(byUrn.get(aws("pulumi:providers:aws", "default_7_48_0"))).toEqual({
      urn: aws("pulumi:providers:aws", "default_7_48_0"),
      type: "pulumi:providers:aws",
      name: "default_7_48_0",
      parent: null,
      inputs: {
        region: "eu-west-1",
        defaultTags: '{"tags":{"team":"ml-platform"}}',
        version: "7.48.0",
      },
    });
    const artifactsBucket = `artifacts-${uniqueSuffix(ARTIFACTS, 7)}`;
    expect(byUrn.get(ARTIFACTS)).toMatchObject({
      parent: AWS_STACK,
      inputs: { bucket: artifactsBucket, tags: { owner: "ml-team@example.com" } },
    });
    const lifecycle = aws(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "artifacts-lifecycle",
    );
    expect(byUrn.get(lifecycle)).toMatchObject({ inputs: { bucket: artifactsBucket } });
    const modelName = `model-${uniqueSuffix(aws("aws:sagemaker/model:Model", "model"), 7)}`;
    expect(byUrn.get(aws("aws:sagemaker/model:Model", "model"))).toMatchObject({
      inputs: {
        name: modelName,
        executionRoleArn: `arn:aws:iam::123456789012:role/sagemaker-role-${uniqueSuffix(aws("aws:iam/role:Role", "sagemaker-role"), 7)}`,
        primaryContainer: {
          environment: { API_KEY: "[secret]" },
          image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/llm:1",
        },
      },
    });
    const endpointConfig = aws(
      "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
      "endpoint-config",
    );
    expect(byUrn.get(ENDPOINT)).toMatchObject({
      inputs: {
        name: `endpoint-${uniqueSuffix(ENDPOINT, 7)}`,
        tags: { owner: "ml-platform@example.com" },
      },
    });
    expect(byUrn.get(endpointConfig)).toMatchObject({
      inputs: { productionVariants: [{ modelName, instanceType: "ml.g5.xlarge" }] },
    });
    expect(
      JSON.parse(
        (
          byUrn.get(aws("aws:iam/role:Role", "sagemaker-role")) as {
            inputs: { assumeRolePolicy: string };
          }
        ).inputs.assumeRolePolicy,
      ),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Principal: { Service: "sagemaker.amazonaws.com" },
        },
      ],
    });
  });

  test("GCP program: labels from an explicit provider and from gcp:defaultLabels", () => {
    const { status, report } = checkJson("gcp-vertex");
    const endpoint = (name: string) =>
      `urn:pulumi:prod::gcp-vertex::gcp:vertex/aiEndpoint:AiEndpoint::${name}`;
    expect(status).toBe(5);
    expect(report.stack).toBe("prod");
    expect(report.violations).toEqual([
      {
        policyPack: "governance",
        policy: "gcp-required-labels",
        enforcementLevel: "mandatory",
        urn: endpoint("unlabelled"),
        message:
          "Vertex AI resources carry an owner label.\nmissing label: owner (set labels or the provider's defaultLabels)",
      },
      {
        policyPack: "governance",
        policy: "team-attribution",
        enforcementLevel: "advisory",
        urn: endpoint("via-provider"),
        message:
          "Tagged and labelled resources name their team (tagsAll, effectiveLabels).\nvia-provider has no team in tagsAll/effectiveLabels",
      },
    ]);
    const labelled = report.resources.find((r: { urn: string }) => r.urn === endpoint("labelled"));
    expect(labelled.inputs.description).toBe("project 123456789012");
  });

  test("Kubernetes program: a GPU deployment without the owner annotation is advisory", () => {
    const { status, report } = checkJson("k8s-gpu");
    const llm = "urn:pulumi:dev::k8s-gpu::kubernetes:apps/v1:Deployment::llm";
    expect(status).toBe(0);
    expect(report.violations).toEqual([
      {
        policyPack: "governance",
        policy: "k8s-gpu-annotations",
        enforcementLevel: "advisory",
        urn: llm,
        message: `GPU workloads carry an aigov.dev/owner annotation.\ndeployment llm-${uniqueSuffix(llm, 8)} requests GPUs without aigov.dev/owner`,
      },
    ]);
    expect(report.summary).toEqual({ resources: 5, mandatory: 0, advisory: 1 });
  });

  test("a program that throws fails with exit 1, its error and its stack", () => {
    const { status, stdout, stderr } = aigov("check", `${PROGRAMS}/throws`, ...GOVERNANCE);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(
      "error: the Pulumi program failed:\nError: kaboom: model manifest models/llm.json not found\n",
    );
    expect(stderr).toContain(`${path.join(ROOT, PROGRAMS, "throws", "index.js")}:7:9`);
  });

  test.each([
    [
      "no Pulumi.yaml",
      "no-project",
      `error: no Pulumi.yaml in ${path.join(ROOT, PROGRAMS, "no-project")}: pass the directory of a Pulumi program (aigov check PROGRAM_DIR)\n`,
    ],
    [
      "a python runtime",
      "python",
      'error: Pulumi.yaml: runtime "python" is not supported: aigov check runs nodejs programs\n',
    ],
  ])("%s is exit 2 with one line", (_case, program, message) => {
    const { status, stdout, stderr } = aigov("check", `${PROGRAMS}/${program}`, ...GOVERNANCE);
    expect({ status, stdout, stderr }).toEqual({ status: 2, stdout: "", stderr: message });
  });

  test("malformed stack YAML is exit 2 with one line", () => {
    // Written here: a malformed YAML file in the repository would break `prettier --check .`.
    const program = path.join(tempDir, "bad-stack-yaml");
    fs.mkdirSync(program);
    fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: bad-stack-yaml\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(program, "Pulumi.dev.yaml"),
      "config:\n  aws:region: [us-east-1\n  bad-stack-yaml:owner: ml-team\n",
    );
    const { status, stdout, stderr } = aigov("check", program, ...GOVERNANCE);
    expect({ status, stdout, stderr }).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "error: Pulumi.dev.yaml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 3\n",
    });
  });

  test("a pack directory without PulumiPolicy.yaml is exit 2", () => {
    const { status, stderr } = aigov(
      "check",
      `${PROGRAMS}/k8s-gpu`,
      ...GOVERNANCE,
      "--policy-pack",
      `${PACKS}/no-policy-yaml`,
    );
    expect(status).toBe(2);
    expect(stderr).toBe(
      `error: ${path.join(ROOT, PACKS, "no-policy-yaml")} is not a policy pack: it has no PulumiPolicy.yaml\n`,
    );
  });

  test("a pack that crashes at start is exit 2 with its stderr", () => {
    const { status, stdout, stderr } = aigov(
      "check",
      `${PROGRAMS}/k8s-gpu`,
      "--no-default-pack",
      "--policy-pack",
      `${PACKS}/crash`,
    );
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      new RegExp(
        `^error: policy pack ${path.join(ROOT, PACKS, "crash")} failed to start: exited \\(code \\d+\\) before reporting its port:\n`,
      ),
    );
    expect(stderr).toContain("Error: crash-pack cannot start: POLICY_TOKEN is not set");
  });

  test("--policy-pack-config: `all`, per-policy levels and properties, paired in order", () => {
    const governance = tempFile(
      "governance.json",
      JSON.stringify({
        all: "advisory",
        "bucket-lifecycle": "mandatory",
        "aws-required-tags": { requiredTags: ["team", "owner"] },
      }),
    );
    const second = tempFile(
      "second.json",
      JSON.stringify({
        "endpoint-review": { enforcementLevel: "disabled" },
        "default-owner": "disabled",
      }),
    );
    const { status, report } = checkJson(
      "aws-ml",
      "--policy-pack",
      `${PACKS}/second`,
      "--policy-pack-config",
      governance,
      "--policy-pack-config",
      second,
    );
    expect(status).toBe(5);
    expect(report.violations).toEqual([
      { ...ENDPOINT_TAGS, enforcementLevel: "advisory" },
      ENDPOINT_CONFIG_UNKNOWN,
      SCRATCH_LIFECYCLE,
    ]);
  });

  test("an invalid config value is exit 2 naming the policy, field and reason", () => {
    const config = tempFile(
      "bad.json",
      JSON.stringify({ "aws-required-tags": { requiredTags: "owner" } }),
    );
    const { status, stderr } = aigov(
      "check",
      `${PROGRAMS}/k8s-gpu`,
      ...GOVERNANCE,
      "--policy-pack-config",
      config,
    );
    expect(status).toBe(2);
    // As the Pulumi CLI words it: `<pack> <version>  <policy>: <field>: <reason>`.
    expect(stderr).toBe(
      "error: validating policy config: governance 1.2.3  aws-required-tags: requiredTags: Invalid type. Expected: array, given: string\n",
    );
  });

  test("--output writes the SARIF report to a file and nothing to stdout; it validates against the SARIF 2.1.0 schema", () => {
    const output = path.join(tempDir, "report.sarif");
    const { status, stdout } = aigov(
      "check",
      `${PROGRAMS}/gcp-vertex`,
      ...GOVERNANCE,
      "--format",
      "sarif",
      "--output",
      output,
    );
    expect(status).toBe(5);
    expect(stdout).toBe("");
    const sarif = JSON.parse(fs.readFileSync(output, "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(
      sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
    ).toEqual([
      ["governance/gcp-required-labels", "error"],
      ["governance/team-attribution", "warning"],
    ]);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: `${PROGRAMS}/gcp-vertex/src/index.js`,
      uriBaseId: "%SRCROOT%",
    });
  });

  test("bad arguments are exit 2 with one line", () => {
    const { status, stdout, stderr } = aigov("deploy");
    expect({ status, stdout, stderr }).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'error: unknown command "deploy": use check, cost, audit, policy-config or portfolio\n',
    });
  });
});

describe("aigov audit", () => {
  test("runs resource policies on inputs and stack policies on outputs of a stack export", () => {
    const { status, stdout } = aigov(
      "audit",
      "--state",
      "test/fixtures/state/ml-prod.json",
      ...GOVERNANCE,
      "--format",
      "json",
    );
    const report = JSON.parse(stdout);
    const urn = (type: string, name: string) => `urn:pulumi:prod::ml-serving::${type}::${name}`;
    expect(status).toBe(5);
    expect([report.project, report.stack]).toEqual(["ml-serving", "prod"]);
    // old-scratch is pending deletion: not analyzed.
    expect(report.resources.map((r: { name: string }) => r.name)).toEqual([
      "ml-serving-prod",
      "default_7_48_0",
      "models",
      "models-lifecycle",
      "inference-logs",
      "llm",
    ]);
    expect(report.violations).toEqual([
      {
        policyPack: "governance",
        policy: "aws-required-tags",
        enforcementLevel: "mandatory",
        urn: urn("aws:sagemaker/endpoint:Endpoint", "llm"),
        message:
          "AI resources on AWS carry the required tags.\nmissing tags: owner (set tags or the provider's defaultTags)",
      },
      {
        policyPack: "governance",
        policy: "bucket-lifecycle",
        enforcementLevel: "mandatory",
        urn: urn("aws:s3/bucket:Bucket", "inference-logs"),
        message:
          "Every S3 bucket has a lifecycle configuration.\nbucket inference-logs-91c0b2a has no lifecycle configuration",
      },
      {
        policyPack: "governance",
        policy: "team-attribution",
        enforcementLevel: "advisory",
        urn: urn("aws:sagemaker/endpoint:Endpoint", "llm"),
        message:
          "Tagged and labelled resources name their team (tagsAll, effectiveLabels).\nllm has no team in tagsAll/effectiveLabels",
      },
    ]);
  });

  test("a file that is not a deployment is exit 2", () => {
    const file = tempFile("state.json", JSON.stringify({ version: 3, checkpoint: {} }));
    const { status, stderr } = aigov("audit", "--state", file, "--no-default-pack");
    expect(status).toBe(2);
    expect(stderr).toBe(
      `error: ${file} is not a deployment from 'pulumi stack export': deployment: Invalid input: expected object, received undefined\n`,
    );
  });
});
