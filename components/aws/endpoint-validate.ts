import { ASSET_ID_PATTERN, GovernanceMetadata, NAME_TARGETS } from "../../sdk";
import { checkCount } from "./archival-validate";
import { AwsInferenceEndpointArgs } from "./endpoint-args";
import { dataCaptureEnabled, planEndpoint } from "./endpoint-defaults";
import { instanceIssues, serverlessIssues } from "./endpoint-capacity-validate";
import { AwsTrafficRouting } from "./enums";
import { parseArn } from "./iam-policies";
import { Issue } from "./tags";

const NAME_REASON =
  "expected up to 63 letters, digits and hyphens, starting and ending with a letter or digit";

/** The error for a spot request: SageMaker hosting has no spot capacity. */
export const SPOT_REASON =
  "SageMaker real-time endpoints have no spot capacity (managed spot exists only for SageMaker training jobs); " +
  "remove `spot`, or serve the model on spot nodes with the Kubernetes component `K8sInferenceService`";

const isString = (v: unknown): v is string => typeof v === "string";
const enumValues = (e: object) => Object.values(e) as string[];

function modelSourceIssues(args: AwsInferenceEndpointArgs, issues: Issue[]): void {
  if (args.modelPackageArn === undefined && args.image === undefined) {
    issues.push({
      path: "image",
      reason:
        "set `image` (with `modelDataUrl` if the image does not hold the model) or `modelPackageArn`",
    });
  }
  if (
    args.modelPackageArn !== undefined &&
    (args.image !== undefined || args.modelDataUrl !== undefined)
  ) {
    issues.push({
      path: "modelPackageArn",
      reason: "`modelPackageArn` and `image`/`modelDataUrl` are mutually exclusive",
    });
  }
  if (isString(args.modelDataUrl) && !args.modelDataUrl.startsWith("s3://")) {
    issues.push({
      path: "modelDataUrl",
      reason: `expected an s3:// URL, got ${JSON.stringify(args.modelDataUrl)}`,
    });
  }
  if (isString(args.kmsKeyArn) && parseArn(args.kmsKeyArn)?.service !== "kms") {
    issues.push({
      path: "kmsKeyArn",
      reason: `expected a KMS key ARN, got ${JSON.stringify(args.kmsKeyArn)}`,
    });
  }
}

function deploymentIssues(args: AwsInferenceEndpointArgs, issues: Issue[]): void {
  const d = args.deployment;
  if (d === undefined) return;
  if (d.trafficRouting !== undefined && !enumValues(AwsTrafficRouting).includes(d.trafficRouting)) {
    issues.push({
      path: "deployment.trafficRouting",
      reason: `expected one of ${enumValues(AwsTrafficRouting).join(", ")}, got ${JSON.stringify(d.trafficRouting)}`,
    });
  }
  if (d.stepPercent !== undefined && d.trafficRouting === AwsTrafficRouting.AllAtOnce) {
    issues.push({
      path: "deployment.stepPercent",
      reason: "only for `CANARY` or `LINEAR` traffic routing",
    });
  }
  checkCount(issues, "deployment.stepPercent", d.stepPercent, 1, 99);
  checkCount(issues, "deployment.waitIntervalSeconds", d.waitIntervalSeconds, 0, 3600);
  checkCount(issues, "deployment.rollbackErrorThreshold", d.rollbackErrorThreshold, 1);
}

function captureAndRegistryIssues(
  args: AwsInferenceEndpointArgs,
  metadata: GovernanceMetadata,
  issues: Issue[],
): void {
  const capture = args.dataCapture;
  checkCount(issues, "dataCapture.samplingPercentage", capture?.samplingPercentage, 1, 100);
  const dest = capture?.destinationS3Uri;
  if (isString(dest) && !/^s3:\/\/[^/]+/.test(dest)) {
    issues.push({
      path: "dataCapture.destinationS3Uri",
      reason: `expected an s3:// URL, got ${JSON.stringify(dest)}`,
    });
  }
  if (
    dataCaptureEnabled(args, metadata) &&
    dest === undefined &&
    args.registry?.bucketArn === undefined
  ) {
    issues.push({
      path: "dataCapture",
      reason:
        "data capture (on by default in `production`) needs a destination: set `registry.bucketArn` or " +
        "`dataCapture.destinationS3Uri`, or set `dataCapture.enabled: false`",
    });
  }
  const r = args.registry;
  if (r?.assetId !== undefined) {
    if (!ASSET_ID_PATTERN.test(r.assetId)) {
      issues.push({
        path: "registry.assetId",
        reason: `expected an asset id matching ^[a-z][a-z0-9-]{1,62}$, got ${JSON.stringify(r.assetId)}`,
      });
    } else if (metadata.modelRegistry !== undefined && metadata.modelRegistry !== r.assetId) {
      issues.push({
        path: "registry.assetId",
        reason: `differs from \`metadata.modelRegistry\` (${JSON.stringify(metadata.modelRegistry)}); set one of them`,
      });
    }
  }
  if (r?.modelPrefix !== undefined && !/^[^/].*\/$/.test(r.modelPrefix)) {
    issues.push({
      path: "registry.modelPrefix",
      reason: `expected a key prefix ending in \`/\`, like \`models/\`, got ${JSON.stringify(r.modelPrefix)}`,
    });
  }
  if (args.vpc !== undefined) {
    if (args.vpc.subnetIds.length === 0)
      issues.push({ path: "vpc.subnetIds", reason: "expected at least one subnet id" });
    if (args.vpc.securityGroupIds.length === 0)
      issues.push({
        path: "vpc.securityGroupIds",
        reason: "expected at least one security group id",
      });
  }
}

/** Every problem of the endpoint args besides metadata and tags. */
export function endpointIssues(
  args: AwsInferenceEndpointArgs,
  metadata: GovernanceMetadata | undefined,
): Issue[] {
  const issues: Issue[] = [];
  if (args.spot === true) issues.push({ path: "spot", reason: SPOT_REASON });
  modelSourceIssues(args, issues);
  for (const [path, value] of [
    ["endpointName", args.endpointName],
    ["variantName", args.variantName],
  ] as const) {
    if (value !== undefined && !NAME_TARGETS.sagemaker.pattern.test(value)) {
      issues.push({ path, reason: `${NAME_REASON}, got ${JSON.stringify(value)}` });
    }
  }
  const production = metadata?.stage === "production";
  if (args.serverless !== undefined) serverlessIssues(args, issues);
  else instanceIssues(args, production, issues);
  deploymentIssues(args, issues);
  if (metadata === undefined) return issues;
  captureAndRegistryIssues(args, metadata, issues);
  return issues;
}

/** Warnings about the endpoint that do not stop it (unpriced instance type, missing registry). */
export function endpointWarnings(
  args: AwsInferenceEndpointArgs,
  metadata: GovernanceMetadata,
  isPriced: (instanceType: string) => boolean,
): string[] {
  const plan = planEndpoint(args, metadata);
  const warnings: string[] = [];
  if (plan.instanceType !== undefined && !isPriced(plan.instanceType)) {
    warnings.push(
      `instance type ${plan.instanceType} is not in the aigov price catalog, so its cost is unknown; add its USD/hour to the stack config \`aigov:pricing\``,
    );
  }
  if (plan.metadata.modelRegistry === undefined) {
    warnings.push(
      "no model registry: set `metadata.modelRegistry` or `registry.assetId` (policy `aigov-orphaned-endpoint`)",
    );
  }
  return warnings;
}
