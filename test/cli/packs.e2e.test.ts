import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * End-to-end with real packs: AWSGuard (@pulumi/awsguard, a library a user turns into a pack
 * directory) and the built-in aigov pack with --policy-pack-config. Runs `bin/aigov.js` from
 * the sources; the aigov pack runs its compiled dist/ and resolves `aigov/sdk` through the
 * package's exports, so `npm run build` must have run (as `npm test` does).
 */
const ROOT = path.join(__dirname, "..", "..");

function aigov(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "aigov.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, AIGOV_FROM_SOURCE: "1" },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface ReportViolation {
  policyPack: string;
  policy: string;
  enforcementLevel: string;
  urn: string;
  message: string;
}

let tempDir: string;
beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-packs-"));
});
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

test("AWSGuard through --policy-pack: its own policy names, all mandatory, exit 5", () => {
  const { status, stdout, stderr } = aigov(
    "check",
    "test/fixtures/programs/aws-ec2",
    "--no-default-pack",
    "--policy-pack",
    "test/fixtures/packs/awsguard",
    "--format",
    "json",
    "--quiet",
  );
  expect(stderr).toBe("");
  expect(status).toBe(5);
  const report = JSON.parse(stdout);
  expect(report.policyPacks).toEqual([{ name: "pulumi-awsguard", version: "0.3.1" }]);
  const instance = "urn:pulumi:dev::aws-ec2::aws:ec2/instance:Instance::gpu-box";
  const bucket = "urn:pulumi:dev::aws-ec2::aws:s3/bucket:Bucket::datasets";
  expect(
    report.violations.map((v: ReportViolation) => [
      v.policyPack,
      v.policy,
      v.enforcementLevel,
      v.urn,
      v.message.split("\n")[1],
    ]),
  ).toEqual([
    [
      "pulumi-awsguard",
      "ec2-instance-detailed-monitoring-enabled",
      "mandatory",
      instance,
      "EC2 instances must have detailed monitoring enabled.",
    ],
    [
      "pulumi-awsguard",
      "ec2-instance-no-public-ip",
      "mandatory",
      instance,
      "EC2 instance must not have a public IP.",
    ],
    [
      "pulumi-awsguard",
      "ec2-volume-inuse",
      "mandatory",
      instance,
      "EC2 instance must have an EBS volume attached.",
    ],
    [
      "pulumi-awsguard",
      "encrypted-volumes",
      "mandatory",
      instance,
      "The EC2 instance root block device must be encrypted.",
    ],
    [
      "pulumi-awsguard",
      "s3-bucket-logging-enabled",
      "mandatory",
      bucket,
      "Bucket logging must be defined.",
    ],
  ]);
  // The message starts with the policy's own description, as the engine prints it.
  expect(report.violations[1].message).toBe(
    "Checks whether Amazon EC2 instances have a public IP association. This rule applies only to IPv4.\nEC2 instance must not have a public IP.",
  );
});

describe("--policy-pack-config on the built-in aigov pack", () => {
  const ENDPOINT = "urn:pulumi:dev::aws-ml::aws:sagemaker/endpoint:Endpoint::endpoint";

  function checkAwsMl(configFlag: string, config: unknown) {
    const file = path.join(tempDir, `${configFlag}.json`);
    fs.writeFileSync(file, JSON.stringify(config));
    const pack =
      configFlag === "policy-pack-config"
        ? ["--no-default-pack", "--policy-pack", "policy-packs/aigov", "--policy-pack-config", file]
        : ["--aigov-config", file];
    const run = aigov(
      "check",
      "test/fixtures/programs/aws-ml",
      ...pack,
      "--format",
      "json",
      "--quiet",
    );
    // The program's console.log goes to stderr; stdout carries the report alone.
    expect(run.stderr).toContain("deploying aws-ml\n");
    const report = JSON.parse(run.stdout);
    expect(report.policyPacks.map((p: { name: string }) => p.name)).toEqual(["aigov"]);
    const levels = new Map<string, Set<string>>();
    for (const v of report.violations as ReportViolation[]) {
      levels.set(v.policy, (levels.get(v.policy) ?? new Set()).add(v.enforcementLevel));
    }
    return { status: run.status, violations: report.violations as ReportViolation[], levels };
  }

  test("`all` advisory, one policy mandatory with its own config: exit 5 on that policy alone", () => {
    const { status, violations, levels } = checkAwsMl("policy-pack-config", {
      all: "advisory",
      "aigov-required-metadata": { enforcementLevel: "mandatory", requiredKeys: ["owner"] },
    });
    expect(status).toBe(5);
    expect(
      violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy),
    ).toEqual(["aigov-required-metadata", "aigov-required-metadata", "aigov-required-metadata"]);
    // requiredKeys ["owner"]: the missing team, cost center, … are no longer reported.
    const endpoint = violations.find(
      (v) => v.policy === "aigov-required-metadata" && v.urn === ENDPOINT,
    );
    expect(endpoint?.message.split("\n")[1]).toBe(
      "SageMaker Endpoint is missing the AWS tag `aigov:owner`: set it in `tags` (or the provider's `defaultTags`) to the owner's e-mail address.",
    );
    // Every other policy was turned advisory by `all`, mandatory ones included.
    expect(levels.get("aigov-training-data-license")).toEqual(new Set(["advisory"]));
    expect(levels.get("aigov-endpoint-autoscaling")).toEqual(new Set(["advisory"]));
  });

  test("--aigov-config: `all` mandatory, the metadata policies disabled, one advisory", () => {
    const { status, levels } = checkAwsMl("aigov-config", {
      all: "mandatory",
      "aigov-required-metadata": "disabled",
      "aigov-orphaned-endpoint": "disabled",
      "aigov-training-data-license": { enforcementLevel: "advisory" },
    });
    expect(status).toBe(5);
    expect(levels.has("aigov-required-metadata")).toBe(false);
    expect(levels.has("aigov-orphaned-endpoint")).toBe(false);
    expect(levels.get("aigov-training-data-license")).toEqual(new Set(["advisory"]));
    // An advisory-by-default policy raised by `all`.
    expect(levels.get("aigov-endpoint-autoscaling")).toEqual(new Set(["mandatory"]));
  });

  test("every policy disabled but an advisory one: exit 0", () => {
    const { status, levels } = checkAwsMl("policy-pack-config", {
      all: "disabled",
      "aigov-orphaned-endpoint": "advisory",
    });
    expect(status).toBe(0);
    expect([...levels.keys()]).toEqual(["aigov-orphaned-endpoint"]);
  });
});
