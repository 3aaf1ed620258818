import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// `npm run test:live`: a real `pulumi preview --policy-pack policy-packs/aigov` of every example and
// of the registry template, through Pulumi's Automation API. Each preview runs only where the Pulumi
// CLI and the example's cloud credentials are present, and is skipped with the reason otherwise.
// Without PULUMI_ACCESS_TOKEN or PULUMI_BACKEND_URL the stacks live in a local backend in a
// temporary directory (empty passphrase). Previews create nothing in the clouds.

const repoRoot = path.resolve(__dirname, "../..");
const policyPack = path.join(repoRoot, "policy-packs", "aigov");

type Cloud = "aws" | "gcp" | "kubernetes";

interface LiveExample {
  dir: string;
  stack: string;
  clouds: Cloud[];
  /** The preview must fail with mandatory violations of these policies. */
  rejectedBy?: string[];
  policyPackConfig?: string;
  /** A Pulumi YAML program: `pulumi install` first, to install the aigov package. */
  yaml?: boolean;
}

const EXAMPLES: LiveExample[] = [
  { dir: ".", stack: "dev", clouds: ["aws"] },
  { dir: "examples/aws-sagemaker-registry", stack: "dev", clouds: ["aws"] },
  { dir: "examples/gcp-vertex", stack: "prod", clouds: ["gcp"] },
  {
    dir: "examples/k8s-spot-inference",
    stack: "staging",
    clouds: ["kubernetes", "aws"],
    policyPackConfig: "examples/k8s-spot-inference/aigov-policy-config.json",
  },
  { dir: "examples/finops-budgets", stack: "prod", clouds: ["aws"] },
  { dir: "examples/llm-rag-app", stack: "prod", clouds: ["gcp"] },
  { dir: "examples/yaml-consumer", stack: "dev", clouds: ["aws"], yaml: true },
  {
    dir: "examples/ungoverned",
    stack: "dev",
    clouds: ["aws"],
    rejectedBy: ["aigov-required-metadata", "aigov-endpoint-autoscaling", "aigov-budget-coverage"],
  },
];

const env = process.env;
const has = (...names: string[]) => names.some((n) => (env[n] ?? "") !== "");
const exists = (file: string) => fs.existsSync(file);
const home = os.homedir();

/** Why `cloud` cannot be reached from here, or undefined when its credentials are present. */
function missingCredentials(cloud: Cloud): string | undefined {
  switch (cloud) {
    case "aws":
      return has(
        "AWS_ACCESS_KEY_ID",
        "AWS_PROFILE",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
      ) || exists(path.join(home, ".aws", "credentials"))
        ? undefined
        : "no AWS credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE, AWS_WEB_IDENTITY_TOKEN_FILE or ~/.aws/credentials)";
    case "gcp":
      return has(
        "GOOGLE_APPLICATION_CREDENTIALS",
        "GOOGLE_CREDENTIALS",
        "GOOGLE_OAUTH_ACCESS_TOKEN",
      ) || exists(path.join(home, ".config", "gcloud", "application_default_credentials.json"))
        ? undefined
        : "no GCP credentials (GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_CREDENTIALS or gcloud application-default login)";
    case "kubernetes":
      return has("KUBECONFIG") || exists(path.join(home, ".kube", "config"))
        ? undefined
        : "no Kubernetes cluster (KUBECONFIG or ~/.kube/config)";
  }
}

/** The Pulumi CLI's version, or undefined when `pulumi` is not on PATH. */
function pulumiVersion(): string | undefined {
  try {
    return execFileSync("pulumi", ["version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

const version = pulumiVersion();
const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-live-"));
// A local backend unless the environment chose one (Pulumi Cloud token or a backend URL).
const backendEnv: Record<string, string> = has("PULUMI_ACCESS_TOKEN", "PULUMI_BACKEND_URL")
  ? {}
  : {
      PULUMI_BACKEND_URL: `file://${backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: env.PULUMI_CONFIG_PASSPHRASE ?? "",
    };

if (!version) {
  console.warn(
    "aigov live tests: skipped, the Pulumi CLI is not on PATH (install it: https://www.pulumi.com/docs/install/)",
  );
} else {
  console.warn(`aigov live tests: Pulumi CLI ${version}`);
}

afterAll(() => fs.rmSync(backendDir, { recursive: true, force: true }));

describe("pulumi preview with the aigov policy pack", () => {
  for (const example of EXAMPLES) {
    const reasons = version
      ? example.clouds.map(missingCredentials).filter((r): r is string => r !== undefined)
      : ["the Pulumi CLI is not on PATH"];
    const name = `${example.dir} (stack ${example.stack})${reasons.length ? ` — skipped: ${reasons.join("; ")}` : ""}`;
    (reasons.length ? test.skip : test)(name, async () => {
      const workDir = path.join(repoRoot, example.dir);
      if (example.yaml) {
        execFileSync("pulumi", ["install"], {
          cwd: workDir,
          env: { ...env, ...backendEnv },
          stdio: "inherit",
        });
      }
      const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: example.stack, workDir },
        { envVars: backendEnv },
      );
      const preview = () =>
        stack.preview({
          policyPacks: [policyPack],
          policyPackConfigs: example.policyPackConfig
            ? [path.join(repoRoot, example.policyPackConfig)]
            : undefined,
          onOutput: (out) => process.stdout.write(out),
        });
      if (example.rejectedBy) {
        const error = await preview().then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        expect(error).toBeDefined();
        for (const policy of example.rejectedBy) expect(String(error)).toContain(policy);
      } else {
        const result = await preview();
        expect(result.stdout).not.toMatch(/mandatory/);
      }
    });
  }
});
