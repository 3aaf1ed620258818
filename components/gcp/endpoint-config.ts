import { createHash } from "crypto";
import {
  EstimateInput,
  GovernanceMetadata,
  isNonProductionStage,
  isSensitiveClassification,
  resourceName,
} from "../../sdk";
import { checkInteger, checkMinMax, checkNumber } from "../common/checks";
import { Problems } from "../common/governance";
import { GcpEndpointNetworking } from "./enums";
import type { GcpInferenceEndpointArgs } from "./inferenceEndpoint";

/** Vertex autoscaling metric of CPU utilization. */
export const CPU_METRIC = "aiplatform.googleapis.com/prediction/online/cpu/utilization";
/** Vertex autoscaling metric of accelerator duty cycle. */
export const ACCELERATOR_METRIC =
  "aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle";

/** What the component deploys. */
export type EndpointMode = "endpoint" | "modelGarden" | "sharedPool";

/** Dedicated capacity of a Model Garden deployment or a shared pool. */
export interface DedicatedCapacity {
  machineSpec: { machineType: string; acceleratorType?: string; acceleratorCount?: number };
  minReplicaCount: number;
  maxReplicaCount: number;
  autoscalingMetricSpecs: { metricName: string; target: number }[];
}

/** Endpoint settings with every default applied. */
export interface ResolvedEndpoint {
  mode: EndpointMode;
  networking: GcpEndpointNetworking;
  spot: boolean;
  protect: boolean;
  displayName: string;
  endpointId: string;
  poolName: string;
  capacity?: DedicatedCapacity;
}

/** The mode implied by the args (`modelGarden` and `sharedPool` are mutually exclusive). */
export function endpointMode(args: GcpInferenceEndpointArgs): EndpointMode {
  if (args.modelGarden !== undefined) return "modelGarden";
  return args.sharedPool ? "sharedPool" : "endpoint";
}

/**
 * A stable 10-digit numeric endpoint id (Vertex endpoint ids are numeric, no leading zero),
 * derived from the stack and the component name.
 */
export function stableEndpointId(seed: string): string {
  const n = BigInt(`0x${createHash("sha256").update(seed).digest("hex").slice(0, 15)}`);
  return (1_000_000_000n + (n % 9_000_000_000n)).toString();
}

/** Networking chosen when the args leave it out. */
export function defaultNetworking(
  args: GcpInferenceEndpointArgs,
  meta: GovernanceMetadata,
): GcpEndpointNetworking {
  if (args.network !== undefined) return GcpEndpointNetworking.VpcPeering;
  if (args.pscProjectAllowlist !== undefined) return GcpEndpointNetworking.PrivateServiceConnect;
  return isSensitiveClassification(meta.dataClassification)
    ? GcpEndpointNetworking.PrivateServiceConnect
    : GcpEndpointNetworking.Public;
}

/** Applies the defaults of {@link GcpInferenceEndpointArgs}. */
export function resolveEndpoint(
  args: GcpInferenceEndpointArgs,
  meta: GovernanceMetadata,
  seed: string,
): ResolvedEndpoint {
  const mode = endpointMode(args);
  const parts = { team: meta.team, assetId: meta.assetId, stage: meta.stage };
  const minReplicas = args.minReplicas ?? (meta.stage === "production" ? 2 : 1);
  const maxReplicas = args.maxReplicas ?? Math.max(minReplicas * 2, 2);
  let capacity: DedicatedCapacity | undefined;
  if (mode !== "endpoint" && args.machineType !== undefined) {
    const accelerated = args.acceleratorType !== undefined;
    capacity = {
      machineSpec: {
        machineType: args.machineType,
        ...(accelerated
          ? { acceleratorType: args.acceleratorType, acceleratorCount: args.acceleratorCount ?? 1 }
          : {}),
      },
      minReplicaCount: minReplicas,
      maxReplicaCount: maxReplicas,
      autoscalingMetricSpecs: [
        { metricName: CPU_METRIC, target: args.cpuUtilizationTarget ?? 60 },
        ...(accelerated
          ? [{ metricName: ACCELERATOR_METRIC, target: args.acceleratorDutyCycleTarget ?? 60 }]
          : []),
      ],
    };
  }
  return {
    mode,
    networking: args.networking ?? defaultNetworking(args, meta),
    spot: args.spot ?? (mode === "modelGarden" && isNonProductionStage(meta.stage)),
    protect: args.deletionProtection ?? false,
    displayName: args.displayName ?? resourceName({ ...parts, suffix: "endpoint" }, "gcpId"),
    endpointId: args.endpointId ?? stableEndpointId(seed),
    poolName: resourceName({ ...parts, suffix: "pool" }, "gcpId"),
    capacity,
  };
}

/** The cost estimator input of the dedicated capacity, if any. */
export function estimateInput(r: ResolvedEndpoint): EstimateInput | undefined {
  if (!r.capacity) return undefined;
  const { machineType, acceleratorType, acceleratorCount } = r.capacity.machineSpec;
  return {
    service: "vertex",
    sku: machineType,
    replicas: { min: r.capacity.minReplicaCount, max: r.capacity.maxReplicaCount },
    spot: r.spot,
    ...(acceleratorType
      ? { accelerators: { type: acceleratorType, count: acceleratorCount ?? 1 } }
      : {}),
  };
}

const SPOT_ONLY_MODEL_GARDEN =
  "Vertex AI offers spot capacity only for Model Garden and Hugging Face deployments: set `modelGarden`, or serve the model on Kubernetes with `K8sInferenceService` (capacity preset `spot`)";

/** Checks the plain endpoint args; metadata is checked separately. */
export function validateEndpointArgs(
  args: GcpInferenceEndpointArgs,
  meta: GovernanceMetadata | undefined,
  problems: Problems,
): void {
  const mode = args.modelGarden !== undefined && args.sharedPool ? undefined : endpointMode(args);
  if (mode === undefined) {
    problems.add("sharedPool", "`modelGarden` and `sharedPool` are mutually exclusive");
  }
  const mg = args.modelGarden;
  if (
    mg !== undefined &&
    (mg.publisherModelName === undefined) === (mg.huggingFaceModelId === undefined)
  ) {
    problems.add("modelGarden", "set exactly one of `publisherModelName` and `huggingFaceModelId`");
  }
  if (args.spot === true && mode !== "modelGarden") {
    problems.add("spot", SPOT_ONLY_MODEL_GARDEN);
  }
  const dedicated = mode === "modelGarden" || mode === "sharedPool";
  if (dedicated && args.machineType === undefined) {
    problems.add(
      "machineType",
      "required with `modelGarden` or `sharedPool`, e.g. `g2-standard-8`",
    );
  }
  if (mode === "endpoint") {
    for (const field of [
      "machineType",
      "acceleratorType",
      "acceleratorCount",
      "minReplicas",
      "maxReplicas",
      "cpuUtilizationTarget",
      "acceleratorDutyCycleTarget",
    ] as const) {
      if (args[field] !== undefined) {
        problems.add(
          field,
          "applies only with `modelGarden` or `sharedPool`; models deployed onto a plain endpoint choose their resources when they are deployed",
        );
      }
    }
  }
  if (args.acceleratorCount !== undefined && args.acceleratorType === undefined) {
    problems.add("acceleratorType", "required when `acceleratorCount` is set, e.g. `NVIDIA_L4`");
  }
  checkInteger(problems, "acceleratorCount", args.acceleratorCount, 1, 16);
  checkInteger(problems, "minReplicas", args.minReplicas, 1);
  checkInteger(problems, "maxReplicas", args.maxReplicas, 1);
  checkMinMax(problems, "maxReplicas", args.minReplicas, args.maxReplicas, {
    min: "minReplicas",
    max: "maxReplicas",
  });
  if (
    dedicated &&
    meta?.stage === "production" &&
    args.minReplicas !== undefined &&
    args.minReplicas < 2
  ) {
    problems.add(
      "minReplicas",
      `\`production\` needs at least 2 replicas (aigov-production-high-availability), got ${args.minReplicas}`,
    );
  }
  checkNumber(problems, "cpuUtilizationTarget", args.cpuUtilizationTarget, 1, 100);
  checkNumber(problems, "acceleratorDutyCycleTarget", args.acceleratorDutyCycleTarget, 1, 100);
  if (args.endpointId !== undefined && !/^[1-9][0-9]{0,9}$/.test(args.endpointId)) {
    problems.add("endpointId", "expected a number of up to 10 digits without a leading zero");
  }
  validateNetworking(args, mode, problems);
  const logging = args.requestResponseLogging;
  if (logging !== undefined) {
    if (mode === "modelGarden") {
      problems.add(
        "requestResponseLogging",
        "Model Garden deployments do not support request/response logging to BigQuery",
      );
    }
    checkNumber(problems, "requestResponseLogging.samplingRate", logging.samplingRate, 0, 1, {
      exclusiveMin: true,
    });
  }
  if (mode === "modelGarden" && args.kmsKeyName !== undefined) {
    problems.add(
      "kmsKeyName",
      "Model Garden deployments cannot be encrypted with a customer-managed key (the provider has no `encryptionSpec` for them)",
    );
  }
}

function validateNetworking(
  args: GcpInferenceEndpointArgs,
  mode: EndpointMode | undefined,
  problems: Problems,
): void {
  const networking = args.networking;
  if (networking === GcpEndpointNetworking.VpcPeering && args.network === undefined) {
    problems.add(
      "network",
      "required for `vpcPeering`: `projects/<project-number>/global/networks/<name>` with private services access",
    );
  }
  if (
    args.network !== undefined &&
    networking !== undefined &&
    networking !== GcpEndpointNetworking.VpcPeering
  ) {
    problems.add("network", `applies only with networking \`vpcPeering\`, not \`${networking}\``);
  }
  if (
    mode === "modelGarden" &&
    (networking === GcpEndpointNetworking.VpcPeering || args.network !== undefined)
  ) {
    problems.add(
      "networking",
      "Model Garden deployments support `public` or `privateServiceConnect`, not VPC peering",
    );
  }
  if (
    args.pscProjectAllowlist !== undefined &&
    networking !== undefined &&
    networking !== GcpEndpointNetworking.PrivateServiceConnect
  ) {
    problems.add(
      "pscProjectAllowlist",
      `applies only with networking \`privateServiceConnect\`, not \`${networking}\``,
    );
  }
}
