import { GovernanceMetadata, NAME_TARGETS, fitName, isNonProductionStage } from "../../sdk";
import { checkInteger, checkMinMax, checkNumber } from "../common/checks";
import { Problems } from "../common/governance";
import { K8sAutoscaler, K8sCapacityPreset, K8sKServeDeploymentMode, K8sPlatform } from "./enums";
import type { K8sInferenceServiceArgs } from "./inferenceService";
import { SPOT_PLATFORMS, usesSpot } from "./scheduling";

/** Settings of a model server with every default applied. */
export interface ResolvedService {
  workloadName: string;
  kserve: boolean;
  kserveMode: K8sKServeDeploymentMode;
  port: number;
  preset: K8sCapacityPreset;
  platform?: K8sPlatform;
  autoscaler: K8sAutoscaler;
  minReplicas: number;
  maxReplicas: number;
  scaleToZero: boolean;
  cpuTarget: number;
  graceSeconds?: number;
  runAsUser: number;
  writablePaths: string[];
  cpu: string;
  memory: string;
  cpuLimit: string;
  memoryLimit: string;
  gpus: number;
  gpuResourceName: string;
  readinessPath: string;
  livenessPath: string;
  startupTimeoutSeconds: number;
}

/** The capacity preset used when the args leave it out: spot outside production where possible. */
export function defaultPreset(
  stage: GovernanceMetadata["stage"],
  platform?: K8sPlatform,
): K8sCapacityPreset {
  return isNonProductionStage(stage) && platform !== undefined
    ? K8sCapacityPreset.Spot
    : K8sCapacityPreset.OnDemand;
}

/** Applies the defaults of {@link K8sInferenceServiceArgs}. */
export function resolveService(
  name: string,
  args: K8sInferenceServiceArgs,
  meta: GovernanceMetadata,
): ResolvedService {
  const preset = args.capacityPreset ?? defaultPreset(meta.stage, args.platform);
  const production = meta.stage === "production";
  const minReplicas = args.minReplicas ?? (production || usesSpot(preset) ? 2 : 1);
  const res = args.resources ?? {};
  const cpu = res.cpu ?? "1";
  const memory = res.memory ?? "4Gi";
  return {
    workloadName: args.workloadName ?? fitName(name, "k8s"),
    kserve: args.kserve !== undefined,
    kserveMode: args.kserve?.deploymentMode ?? K8sKServeDeploymentMode.RawDeployment,
    port: args.port ?? 8080,
    preset,
    platform: args.platform,
    autoscaler: args.autoscaler ?? K8sAutoscaler.Hpa,
    minReplicas,
    maxReplicas: args.maxReplicas ?? Math.max(minReplicas * 2, 2),
    scaleToZero: args.keda?.scaleToZero ?? !production,
    cpuTarget: args.cpuUtilizationTarget ?? 70,
    graceSeconds: args.terminationGracePeriodSeconds,
    runAsUser: args.runAsUser ?? 1000,
    writablePaths: args.writablePaths ?? ["/tmp"],
    cpu,
    memory,
    cpuLimit: res.cpuLimit ?? cpu,
    memoryLimit: res.memoryLimit ?? memory,
    gpus: res.gpus ?? 0,
    gpuResourceName: res.gpuResourceName ?? "nvidia.com/gpu",
    readinessPath: args.probes?.readinessPath ?? "/health",
    livenessPath: args.probes?.livenessPath ?? "/health",
    startupTimeoutSeconds: args.probes?.startupTimeoutSeconds ?? 600,
  };
}

/** Checks the plain args; metadata is checked separately. */
export function validateServiceArgs(
  args: K8sInferenceServiceArgs,
  meta: GovernanceMetadata | undefined,
  problems: Problems,
): void {
  const kserve = args.kserve !== undefined;
  const preset =
    args.capacityPreset ?? (meta ? defaultPreset(meta.stage, args.platform) : undefined);
  if (!kserve && args.image === undefined) {
    problems.add("image", "required unless `kserve` is set");
  }
  if (args.workloadName !== undefined && !NAME_TARGETS.k8s.pattern.test(args.workloadName)) {
    problems.add(
      "workloadName",
      `expected a DNS-1123 label matching ${NAME_TARGETS.k8s.pattern.source}`,
    );
  }
  checkInteger(problems, "port", args.port, 1, 65535);
  checkInteger(problems, "resources.gpus", args.resources?.gpus, 0);
  checkInteger(problems, "runAsUser", args.runAsUser, 1);
  checkInteger(problems, "terminationGracePeriodSeconds", args.terminationGracePeriodSeconds, 0);
  checkInteger(problems, "probes.startupTimeoutSeconds", args.probes?.startupTimeoutSeconds, 10);
  checkNumber(problems, "cpuUtilizationTarget", args.cpuUtilizationTarget, 1, 100);
  (args.writablePaths ?? []).forEach((p, i) => {
    if (!p.startsWith("/"))
      problems.add(`writablePaths[${i}]`, `expected an absolute path, got "${p}"`);
  });

  const serverless = kserve && args.kserve?.deploymentMode === K8sKServeDeploymentMode.Serverless;
  checkInteger(problems, "minReplicas", args.minReplicas, serverless ? 0 : 1);
  checkInteger(problems, "maxReplicas", args.maxReplicas, 1);
  checkMinMax(problems, "maxReplicas", args.minReplicas, args.maxReplicas, {
    min: "minReplicas",
    max: "maxReplicas",
  });
  if (meta?.stage === "production" && args.minReplicas !== undefined && args.minReplicas < 2) {
    problems.add(
      "minReplicas",
      `\`production\` needs at least 2 replicas (aigov-production-high-availability), got ${args.minReplicas}`,
    );
  }
  if (meta?.stage === "production" && args.keda?.scaleToZero === true) {
    problems.add(
      "keda.scaleToZero",
      "`production` must keep at least 2 replicas; scale to zero is for non-production stages",
    );
  }

  if (preset !== undefined && usesSpot(preset)) {
    if (args.platform === undefined) {
      problems.add(
        "platform",
        `required for capacity preset \`${preset}\`: one of ${Object.values(K8sPlatform)
          .map((p) => `\`${p}\``)
          .join(", ")}`,
      );
    } else {
      const p = SPOT_PLATFORMS[args.platform];
      const grace = args.terminationGracePeriodSeconds;
      if (grace !== undefined && grace > p.maxGraceSeconds) {
        problems.add(
          "terminationGracePeriodSeconds",
          `must be at most ${p.maxGraceSeconds} on \`${args.platform}\` spot capacity (about ${p.noticeSeconds} s preemption notice), got ${grace}`,
        );
      }
    }
    if (args.minReplicas !== undefined && args.minReplicas < 2) {
      problems.add(
        "minReplicas",
        `spot capacity needs at least 2 replicas so that one preemption does not take the service down, got ${args.minReplicas}`,
      );
    }
  }

  const autoscaler = args.autoscaler ?? K8sAutoscaler.Hpa;
  if (kserve) {
    for (const field of ["image", "command", "args", "port", "probes"] as const) {
      if (args[field] !== undefined) {
        problems.add(
          field,
          "applies to plain Deployments; with `kserve` the serving runtime (`kserve.runtime`) provides the server",
        );
      }
    }
    for (const field of ["autoscaler", "keda", "customMetric"] as const) {
      if (args[field] !== undefined) {
        problems.add(
          field,
          "KServe scales an InferenceService itself: use `kserve.scaleMetric` and `kserve.scaleTarget`",
        );
      }
    }
  } else if (autoscaler === K8sAutoscaler.Keda) {
    if (args.keda === undefined) {
      problems.add(
        "keda",
        "required with autoscaler `keda`: the Prometheus server, query and threshold",
      );
    }
    if (args.customMetric !== undefined) {
      problems.add("customMetric", "applies to autoscaler `hpa`; KEDA scales on `keda.query`");
    }
  } else if (args.keda !== undefined) {
    problems.add("keda", "applies only with autoscaler `keda`");
  }
  if (args.keda !== undefined) {
    checkInteger(problems, "keda.cooldownSeconds", args.keda.cooldownSeconds, 0);
    checkInteger(problems, "keda.pollingIntervalSeconds", args.keda.pollingIntervalSeconds, 1);
  }
  if (args.customMetric !== undefined && args.cpuUtilizationTarget !== undefined) {
    problems.add(
      "cpuUtilizationTarget",
      "`customMetric` and `cpuUtilizationTarget` are mutually exclusive",
    );
  }
}
