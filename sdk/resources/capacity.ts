/**
 * Compute capacity declared by AI resources: instance/machine types, replica counts and spot use,
 * read from resource properties. Shared by the policies (allowlists, high availability, spot,
 * budget headroom) and the cost report.
 */
import { EstimateInput, PricingOverrides, PricingService, estimateCost } from "../pricing";
import { podTemplatePath } from "./metadata";
import { TYPES } from "./types";
import {
  Maybe,
  UNKNOWN,
  Unknown,
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asString,
  at,
} from "./unknown";

/** One block of capacity: a SageMaker variant, a Vertex pool, a Kubernetes workload, a notebook. */
export interface CapacityLine {
  /** Property path of the block, e.g. `productionVariants[0]`, for messages. */
  path: string;
  /** Name of the block where it has one (SageMaker `variantName`). */
  name?: Maybe<string>;
  /** `serving` capacity runs continuously for traffic; `notebook` is an interactive instance. */
  kind: "serving" | "notebook";
  /** Price-catalog service of `instanceType`, when it is priced per instance-hour. */
  service?: PricingService;
  /** Instance or machine type (`ml.g5.xlarge`, `n1-standard-4`). */
  instanceType: Maybe<string>;
  /** Property (relative to `path`) that holds the instance type, for messages. */
  instanceTypeProperty?: string;
  /** Accelerators attached per replica (Vertex machine specs). */
  accelerators?: { type: Maybe<string>; count: Maybe<number> };
  /** Minimum (initial) replicas; defaults applied (Kubernetes 1, KServe 1). */
  minReplicas: Maybe<number>;
  /** Property (relative to `path`) that holds the minimum, for messages. */
  minReplicasProperty: string;
  /** Maximum replicas (equals the minimum when no range is declared). */
  maxReplicas: Maybe<number>;
  /** True for SageMaker serverless variants (billed per use, no instances). */
  serverless: Maybe<boolean>;
  /** True when the capacity runs on spot/preemptible machines. */
  spot: Maybe<boolean>;
}

/** Node-selector labels that pick spot capacity, with their spot value. */
export const SPOT_SELECTORS: Readonly<Record<string, string>> = {
  "karpenter.sh/capacity-type": "spot",
  "cloud.google.com/gke-spot": "true",
  "eks.amazonaws.com/capacityType": "SPOT",
  "kubernetes.azure.com/scalesetpriority": "spot",
};

const INSTANCE_TYPE_LABELS = [
  "node.kubernetes.io/instance-type",
  "beta.kubernetes.io/instance-type",
];

function orDefault(value: Maybe<number>, fallback: number): Maybe<number> {
  return value === undefined ? fallback : value;
}

/**
 * True when a pod spec selects spot capacity through `nodeSelector` or a node-affinity term
 * (required or preferred) with operator `In` on one of {@link SPOT_SELECTORS}.
 */
export function selectsSpot(podSpec: unknown): Maybe<boolean> {
  const selector = asObject(at(podSpec, "nodeSelector"));
  if (selector === UNKNOWN) return UNKNOWN;
  if (typeof selector === "object") {
    for (const [k, v] of Object.entries(SPOT_SELECTORS)) if (selector[k] === v) return true;
  }
  const affinity = asObject(at(podSpec, "affinity", "nodeAffinity"));
  if (affinity === UNKNOWN) return UNKNOWN;
  const terms = [
    ...asArrayOrEmpty(
      at(affinity, "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"),
    ),
    ...asArrayOrEmpty(at(affinity, "preferredDuringSchedulingIgnoredDuringExecution")).map((p) =>
      at(p, "preference"),
    ),
  ];
  for (const term of terms) {
    for (const expr of asArrayOrEmpty(at(term, "matchExpressions"))) {
      const key = asString(at(expr, "key"));
      const values = asArrayOrEmpty(at(expr, "values"));
      if (typeof key === "string" && at(expr, "operator") === "In" && key in SPOT_SELECTORS) {
        if (values.includes(SPOT_SELECTORS[key])) return true;
      }
    }
  }
  return false;
}

function asArrayOrEmpty(value: unknown): unknown[] {
  const arr = asArray(value);
  return Array.isArray(arr) ? arr : [];
}

function sagemakerVariants(props: unknown): CapacityLine[] | Unknown {
  const variants = asArray(at(props, "productionVariants"));
  if (variants === UNKNOWN) return UNKNOWN;
  return (variants ?? []).map((v, i) => {
    const serverless = asObject(at(v, "serverlessConfig"));
    const initial = asNumber(at(v, "initialInstanceCount"));
    const managedMax = asNumber(at(v, "managedInstanceScaling", "maxInstanceCount"));
    return {
      path: `productionVariants[${i}]`,
      name: asString(at(v, "variantName")),
      kind: "serving",
      service: "sagemaker",
      instanceType: asString(at(v, "instanceType")),
      instanceTypeProperty: "instanceType",
      minReplicas: initial,
      minReplicasProperty: "initialInstanceCount",
      maxReplicas: typeof managedMax === "number" ? managedMax : initial,
      serverless: serverless === UNKNOWN ? UNKNOWN : serverless !== undefined,
      spot: false,
    };
  });
}

function vertexDedicated(props: unknown, base: string[], spotPath?: string[]): CapacityLine[] {
  const min = asNumber(at(props, ...base, "minReplicaCount"));
  const max = asNumber(at(props, ...base, "maxReplicaCount"));
  const acceleratorType = asString(at(props, ...base, "machineSpec", "acceleratorType"));
  return [
    {
      path: base
        .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
        .join("")
        .slice(1),
      kind: "serving",
      service: "vertex",
      instanceType: asString(at(props, ...base, "machineSpec", "machineType")),
      instanceTypeProperty: "machineSpec.machineType",
      accelerators:
        acceleratorType === undefined
          ? undefined
          : {
              type: acceleratorType,
              count: asNumber(at(props, ...base, "machineSpec", "acceleratorCount")),
            },
      minReplicas: min,
      minReplicasProperty: "minReplicaCount",
      maxReplicas: max === undefined ? min : max,
      serverless: false,
      spot: spotPath ? orFalse(asBoolean(at(props, ...spotPath))) : false,
    },
  ];
}

function orFalse(value: Maybe<boolean>): Maybe<boolean> {
  return value === undefined ? false : value;
}

/**
 * The node type a pod spec pins where its node selector names none: a required node affinity
 * on `node.kubernetes.io/instance-type` (or the beta label) `In` one type, in every term.
 */
export function pinnedInstanceType(line: CapacityLine, podSpec: unknown): CapacityLine {
  if (line.instanceType !== undefined) return line;
  const terms = asArray(
    at(
      podSpec,
      "affinity",
      "nodeAffinity",
      "requiredDuringSchedulingIgnoredDuringExecution",
      "nodeSelectorTerms",
    ),
  );
  if (!Array.isArray(terms) || terms.length === 0) return line;
  const pinned = new Set<unknown>();
  for (const term of terms) {
    const expr = asArrayOrEmpty(at(term, "matchExpressions")).find(
      (e) => INSTANCE_TYPE_LABELS.includes(String(at(e, "key"))) && at(e, "operator") === "In",
    );
    const values = asArray(at(expr, "values"));
    if (!Array.isArray(values) || values.length !== 1) return line;
    pinned.add(values[0]);
  }
  const [only] = [...pinned];
  return pinned.size === 1 && typeof only === "string" ? { ...line, instanceType: only } : line;
}

function nodeInstanceType(podSpec: unknown): Maybe<string> {
  const selector = asObject(at(podSpec, "nodeSelector"));
  if (selector === UNKNOWN) return UNKNOWN;
  for (const label of INSTANCE_TYPE_LABELS) {
    const v = asString(selector?.[label]);
    if (v !== undefined) return v;
  }
  return undefined;
}

function k8sLine(
  podSpec: unknown,
  path: string,
  podSpecProperty: string,
  replicas: unknown,
  minProperty: string,
  max: unknown,
): CapacityLine[] {
  const min = orDefault(asNumber(replicas), 1);
  const maxReplicas = asNumber(max);
  const line: CapacityLine = {
    path,
    kind: "serving",
    instanceType: nodeInstanceType(podSpec),
    instanceTypeProperty: `${podSpecProperty}nodeSelector`,
    minReplicas: min,
    minReplicasProperty: minProperty,
    maxReplicas: maxReplicas === undefined ? min : maxReplicas,
    serverless: false,
    spot: selectsSpot(podSpec),
  };
  return [line];
}

/** The full property path of `property` in a capacity line, e.g. `productionVariants[0].instanceType`. */
export function capacityPath(line: CapacityLine, property: string | undefined): string {
  return [line.path, property].filter((p) => p).join(".");
}

/**
 * True for SageMaker instance types with local NVMe instance storage (`ml.g5.*`, `ml.m5d.*`, …).
 * AWS encrypts that storage in hardware and rejects an endpoint configuration `kmsKeyArn` (or a
 * training `volumeKmsKeyId`) when any variant uses such a type.
 */
export function hasLocalInstanceStorage(instanceType: string): boolean {
  return /^ml\.(g4dn|g4ad|g5|g6|g6e|gr6|p3dn|p4d|p4de|p5|p5e|p5en|p6-b200|trn1|trn1n|trn2|[a-z]+[0-9]+[a-z]*d)\./.test(
    instanceType,
  );
}

/** Capacity of the models deployed to a Vertex endpoint (`deployedModels`, an output). */
function vertexDeployedModels(props: unknown): CapacityLine[] | Unknown {
  const models = asArray(at(props, "deployedModels"));
  if (models === UNKNOWN) return UNKNOWN;
  return (models ?? []).flatMap((_, i) =>
    at(props, "deployedModels", i, "dedicatedResources") === undefined
      ? []
      : vertexDedicated(props, ["deployedModels", String(i), "dedicatedResources"]),
  );
}

/**
 * The capacity a resource declares, or {@link UNKNOWN} when the property holding it is not known
 * yet. Resources without declared capacity give an empty list.
 */
export function readCapacity(type: string, props: unknown): CapacityLine[] | Unknown {
  switch (type) {
    case TYPES.sagemakerEndpointConfiguration:
      return sagemakerVariants(props);
    case TYPES.vertexEndpoint:
      return vertexDeployedModels(props);
    case TYPES.vertexDeploymentResourcePool:
      return vertexDedicated(props, ["dedicatedResources"]);
    case TYPES.vertexModelGardenDeployment:
      return vertexDedicated(
        props,
        ["deployConfig", "dedicatedResources"],
        ["deployConfig", "dedicatedResources", "spot"],
      );
    case TYPES.kserveInferenceService:
      return k8sLine(
        at(props, "spec", "predictor"),
        "spec.predictor",
        "",
        at(props, "spec", "predictor", "minReplicas"),
        "minReplicas",
        at(props, "spec", "predictor", "maxReplicas"),
      );
    case TYPES.sagemakerNotebookInstance:
      return [notebook("instanceType", asString(at(props, "instanceType")))];
    case TYPES.workbenchInstance:
      return [notebook("gceSetup.machineType", asString(at(props, "gceSetup", "machineType")))];
    case TYPES.notebooksInstance:
      return [notebook("machineType", asString(at(props, "machineType")))];
  }
  const template = podTemplatePath(type);
  if (!template) return [];
  const spec = at(props, "spec");
  if (spec === UNKNOWN) return UNKNOWN;
  const podSpec = at(props, ...template, "spec");
  return k8sLine(podSpec, "spec", "template.spec.", at(spec, "replicas"), "replicas", undefined);
}

function notebook(property: string, instanceType: Maybe<string>): CapacityLine {
  return {
    path: "",
    kind: "notebook",
    instanceType,
    instanceTypeProperty: property,
    minReplicas: 1,
    minReplicasProperty: "",
    maxReplicas: 1,
    serverless: false,
    spot: false,
  };
}

/** Monthly on-demand cost of capacity lines, from the price catalog and overrides. */
export interface CapacityCost {
  /** USD per month at the minimum and maximum replica counts. */
  monthlyUsd: { min: number; max: number };
  /** Instance/machine types (as written) that could not be priced; they count as 0. */
  unpriced: string[];
}

/**
 * The price-estimator input of an instance-based serving line (service, instance type, replicas,
 * accelerators), or `undefined` for lines that are not priced per instance-hour: serverless and
 * Kubernetes capacity (billed per use or per node), notebooks, and values not known yet.
 */
export function estimateInputOf(line: CapacityLine): EstimateInput | undefined {
  if (line.kind !== "serving" || line.serverless !== false || !line.service) return undefined;
  if (typeof line.instanceType !== "string" || typeof line.minReplicas !== "number")
    return undefined;
  const min = Math.max(0, line.minReplicas);
  const max = typeof line.maxReplicas === "number" ? Math.max(line.maxReplicas, min) : min;
  const acc = line.accelerators;
  const input: EstimateInput = {
    service: line.service,
    sku: line.instanceType,
    replicas: { min, max },
  };
  if (acc && typeof acc.type === "string" && typeof acc.count === "number") {
    input.accelerators = { type: acc.type, count: acc.count };
  }
  return input;
}

/** Prices serving capacity lines (see {@link estimateInputOf}) with the catalog and overrides. */
export function capacityCost(
  lines: readonly CapacityLine[],
  overrides: PricingOverrides = {},
): CapacityCost {
  const out: CapacityCost = { monthlyUsd: { min: 0, max: 0 }, unpriced: [] };
  for (const line of lines) {
    const input = estimateInputOf(line);
    if (!input) continue;
    const e = estimateCost(input, overrides);
    if (!e.known) {
      out.unpriced.push(input.sku);
      continue;
    }
    out.monthlyUsd.min += e.monthlyUsd.min;
    out.monthlyUsd.max += e.monthlyUsd.max;
  }
  return out;
}
