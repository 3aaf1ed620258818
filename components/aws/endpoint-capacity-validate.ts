import { checkCount } from "./archival-validate";
import { AwsInferenceEndpointArgs } from "./endpoint-args";
import { AwsScalingMetric } from "./enums";
import { Issue } from "./tags";

/** SageMaker instance types look like `ml.<family>.<size>`. */
export const INSTANCE_TYPE = /^ml\.[a-z0-9-]+\.[a-z0-9]+$/;
const SCHEDULE = /^(cron|rate|at)\(.+\)$/;
const SCHEDULE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const enumValues = (e: object) => Object.values(e) as string[];

/** Problems of a serverless endpoint (limits, and settings it cannot have). */
export function serverlessIssues(args: AwsInferenceEndpointArgs, issues: Issue[]): void {
  const s = args.serverless!;
  const memory = s.memorySizeInMb;
  if (!Number.isInteger(memory) || memory < 1024 || memory > 6144 || memory % 1024 !== 0) {
    issues.push({
      path: "serverless.memorySizeInMb",
      reason: `expected 1024, 2048, 3072, 4096, 5120 or 6144, got ${memory}`,
    });
  }
  checkCount(issues, "serverless.maxConcurrency", s.maxConcurrency, 1, 200);
  checkCount(issues, "serverless.provisionedConcurrency", s.provisionedConcurrency, 1, 200);
  if (s.provisionedConcurrency !== undefined && s.provisionedConcurrency > s.maxConcurrency) {
    issues.push({
      path: "serverless.provisionedConcurrency",
      reason: `must be at most \`serverless.maxConcurrency\` (${s.maxConcurrency}), got ${s.provisionedConcurrency}`,
    });
  }
  const exclusive: [keyof AwsInferenceEndpointArgs, boolean, string][] = [
    ["instanceType", args.instanceType !== undefined, "serverless endpoints have no instances"],
    ["instanceCount", args.instanceCount !== undefined, "serverless endpoints have no instances"],
    [
      "autoscaling",
      args.autoscaling !== undefined,
      "serverless endpoints scale by `serverless.maxConcurrency`",
    ],
    [
      "deployment",
      args.deployment !== undefined,
      "SageMaker has no blue/green deployments for serverless endpoints",
    ],
    ["vpc", args.vpc !== undefined, "SageMaker serverless endpoints cannot run in a VPC"],
    [
      "enableNetworkIsolation",
      args.enableNetworkIsolation === true,
      "SageMaker serverless endpoints do not support network isolation",
    ],
    [
      "dataCapture",
      args.dataCapture?.enabled === true,
      "SageMaker serverless endpoints do not support data capture",
    ],
  ];
  for (const [path, bad, why] of exclusive) {
    if (bad) issues.push({ path, reason: `not allowed with \`serverless\`: ${why}` });
  }
}

/** Problems of an instance endpoint: type, count, autoscaling and its schedules. */
export function instanceIssues(
  args: AwsInferenceEndpointArgs,
  production: boolean,
  issues: Issue[],
): void {
  const type = args.instanceType;
  if (type !== undefined && !INSTANCE_TYPE.test(type)) {
    issues.push({
      path: "instanceType",
      reason: `expected a SageMaker instance type like \`ml.g5.xlarge\`, got ${JSON.stringify(type)}`,
    });
  } else if (type !== undefined && /^ml\.t[0-9]/.test(type)) {
    issues.push({
      path: "instanceType",
      reason: `burstable ${type} instances cannot be autoscaled, which instance endpoints require; pick e.g. \`ml.m5.large\``,
    });
  }
  checkCount(issues, "instanceCount", args.instanceCount, 1);
  if (production && args.instanceCount !== undefined && args.instanceCount < 2) {
    issues.push({
      path: "instanceCount",
      reason: `\`production\` endpoints need at least 2 instances (or \`serverless\`), got ${args.instanceCount}`,
    });
  }
  const a = args.autoscaling;
  if (a === undefined) return;
  const before = issues.length;
  checkCount(issues, "autoscaling.minCapacity", a.minCapacity, 1);
  checkCount(issues, "autoscaling.maxCapacity", a.maxCapacity, 1);
  checkCount(issues, "autoscaling.scaleInCooldownSeconds", a.scaleInCooldownSeconds, 0);
  checkCount(issues, "autoscaling.scaleOutCooldownSeconds", a.scaleOutCooldownSeconds, 0);
  if (a.metric !== undefined && !enumValues(AwsScalingMetric).includes(a.metric)) {
    issues.push({
      path: "autoscaling.metric",
      reason: `expected one of ${enumValues(AwsScalingMetric).join(", ")}, got ${JSON.stringify(a.metric)}`,
    });
  }
  if (a.targetValue !== undefined && !(a.targetValue > 0)) {
    issues.push({
      path: "autoscaling.targetValue",
      reason: `expected a positive number, got ${a.targetValue}`,
    });
  }
  if (issues.length > before) return;
  const min = a.minCapacity ?? args.instanceCount ?? (production ? 2 : 1);
  const max = a.maxCapacity ?? min * 2;
  if (min > max) {
    issues.push(
      a.minCapacity !== undefined
        ? {
            path: "autoscaling.minCapacity",
            reason: `must be at most \`autoscaling.maxCapacity\` (${max}), got ${min}`,
          }
        : {
            path: "autoscaling.maxCapacity",
            reason: `must be at least the instance count (${min}), got ${max}`,
          },
    );
  }
  if (production && min < 2) {
    issues.push({
      path: "autoscaling.minCapacity",
      reason: `\`production\` endpoints need at least 2 instances, got ${min}`,
    });
  }
  const names = new Set<string>();
  (a.schedules ?? []).forEach((s, i) => {
    const path = `autoscaling.schedules[${i}]`;
    if (!SCHEDULE_NAME.test(s.name ?? "")) {
      issues.push({
        path: `${path}.name`,
        reason: `expected 1 to 64 letters, digits, \`-\` or \`_\`, got ${JSON.stringify(s.name)}`,
      });
    } else if (names.has(s.name)) {
      issues.push({ path: `${path}.name`, reason: `duplicate schedule name "${s.name}"` });
    }
    names.add(s.name);
    if (!SCHEDULE.test(s.schedule ?? "")) {
      issues.push({
        path: `${path}.schedule`,
        reason: `expected cron(...), rate(...) or at(...), got ${JSON.stringify(s.schedule)}`,
      });
    }
    if (s.minCapacity === undefined && s.maxCapacity === undefined) {
      issues.push({ path, reason: "set `minCapacity` and/or `maxCapacity`" });
    }
    checkCount(issues, `${path}.minCapacity`, s.minCapacity, 1);
    checkCount(issues, `${path}.maxCapacity`, s.maxCapacity, 1);
    if (
      s.minCapacity !== undefined &&
      s.maxCapacity !== undefined &&
      s.minCapacity > s.maxCapacity
    ) {
      issues.push({
        path: `${path}.minCapacity`,
        reason: `must be at most \`maxCapacity\` (${s.maxCapacity}), got ${s.minCapacity}`,
      });
    }
    if (production && s.minCapacity !== undefined && s.minCapacity < 2) {
      issues.push({
        path: `${path}.minCapacity`,
        reason: `\`production\` endpoints need at least 2 instances, got ${s.minCapacity}`,
      });
    }
  });
}
