/**
 * The serving capacity of a stack, block by block, priced from the offline catalog: SageMaker
 * endpoint variants (with their Application Auto Scaling targets), Vertex AI pools, Model Garden
 * deployments and deployed models, Kubernetes AI workloads and KServe InferenceServices (with
 * their HPA or KEDA ScaledObject).
 */
import type { MetadataKey } from "../metadata";
import {
  type EstimateInput,
  type PricingOverrides,
  type PricingService,
  estimateCost,
  lookupPrice,
  resolvePrice,
} from "../pricing";
import {
  ACCELERATOR_RESOURCES,
  type CapacityLine,
  type Cloud,
  type GraphNode,
  type StackGraph,
  TYPES,
  UNKNOWN,
  asArray,
  asNumber,
  asObject,
  asString,
  at,
  cloudOf,
  endpointConfigurations,
  isKubernetesAiWorkload,
  isTaggable,
  knownMetadata,
  pinnedInstanceType,
  readCapacity,
  readMetadata,
  scalerBounds,
  scalingTargets,
  workloadScalers,
} from "../resources";
import type { PricedCapacity, UnpricedCode } from "./model";

type CostNode = GraphNode;
type CostStack = StackGraph;

/** The metadata keys the estimate rolls up by, plus the stage for the report. */
export const ATTRIBUTION_KEYS = ["team", "cost-center", "asset-id", "stage"] as const;
export type AttributionKey = (typeof ATTRIBUTION_KEYS)[number] & MetadataKey;

/** Metadata values as the resource carries them: verbatim, or GCP label values. */
export interface RawAttribution {
  readonly gcp: boolean;
  readonly values: Partial<Record<AttributionKey, string>>;
}

type Pricing = Omit<PricedCapacity, "urn" | "type" | "name" | "part" | "cloud" | AttrFields>;
type AttrFields = "team" | "costCenter" | "assetId" | "stage";
interface Unpriced {
  readonly code: UnpricedCode;
  readonly reason: string;
  readonly instanceType?: string;
}

/** One block of serving capacity, priced or not. */
export interface CapacityItem {
  readonly node: CostNode;
  readonly part: string;
  readonly cloud: Cloud;
  /** Whose bill the spend lands on: the cloud; for Kubernetes, the cloud of the node type. */
  readonly billedOn?: "aws" | "gcp";
  readonly raw: RawAttribution;
  readonly priced?: Pricing;
  readonly unpriced?: Unpriced;
}

const unpriced = (code: UnpricedCode, reason: string, instanceType?: string): Unpriced =>
  instanceType === undefined ? { code, reason } : { code, reason, instanceType };

/** Known metadata of a node, with the pod template's labels filling in for Kubernetes workloads. */
function ownAttribution(stack: CostStack, node: CostNode): RawAttribution | undefined {
  const meta = stack.meta(node);
  if (!meta) return undefined;
  const values: Partial<Record<AttributionKey, string>> = {};
  const known = knownMetadata(meta);
  const template = meta.template
    ? knownMetadata({ ...meta, values: meta.template.values, template: undefined })
    : {};
  for (const key of ATTRIBUTION_KEYS) {
    const v = known[key] ?? template[key];
    if (v !== undefined) values[key] = v;
  }
  return { gcp: meta.encoding === "gcp", values };
}

/** `primary`'s values, each missing key filled from the fallbacks in order (same encoding only). */
function attribution(
  stack: CostStack,
  primary: CostNode,
  fallbacks: readonly CostNode[] = [],
): RawAttribution {
  const own = ownAttribution(stack, primary) ?? {
    gcp: cloudOf(primary.type) === "gcp",
    values: {},
  };
  const values = { ...own.values };
  for (const node of fallbacks) {
    const other = ownAttribution(stack, node);
    if (!other || other.gcp !== own.gcp) continue;
    for (const key of ATTRIBUTION_KEYS) {
      const v = other.values[key];
      if (values[key] === undefined && v !== undefined) values[key] = v;
    }
  }
  return { gcp: own.gcp, values };
}

/**
 * Vertex pools and Model Garden deployments have no labels: they take the metadata of the
 * component they belong to: its labelled Vertex AI resources, else its `labels` output.
 */
function componentAttribution(stack: CostStack, node: CostNode): RawAttribution {
  const parent = stack.componentParent(node);
  if (!parent) return attribution(stack, node);
  const siblings = stack
    .children(parent.urn)
    .filter((n) => n !== node && isTaggable(n.type) && cloudOf(n.type) === cloudOf(node.type));
  const fromSiblings = attribution(stack, node, siblings);
  const labels = asObject(at(parent.componentOutputs, "labels"));
  if (typeof labels !== "object") return fromSiblings;
  const meta = readMetadata(node.type, { labels }, node.provider);
  const values = { ...fromSiblings.values };
  if (meta) {
    const known = knownMetadata(meta);
    for (const key of ATTRIBUTION_KEYS) {
      const v = known[key];
      if (values[key] === undefined && v !== undefined) values[key] = v;
    }
  }
  return { gcp: fromSiblings.gcp, values };
}

/** Prices an instance-based block with the estimator; `share` scales it (Kubernetes nodes). */
function priceInput(
  input: EstimateInput,
  overrides: PricingOverrides,
  replicasFrom: string,
  share?: { fraction: number; basis: string },
): { priced: Pricing } | { unpriced: Unpriced } {
  const estimate = estimateCost(input, overrides);
  if (!estimate.known) {
    if (estimate.code !== "unknown-sku") {
      return { unpriced: unpriced("unsupported", estimate.reason, input.sku) };
    }
    const skus = estimate.unknownSkus.map((s) => `\`${s}\``).join(" and ");
    return {
      unpriced: unpriced(
        "unknown-instance-type",
        `${skus} ${estimate.unknownSkus.length > 1 ? "have" : "has"} no ${input.service} price in the offline catalog: add its USD/hour to the stack config \`aigov:pricing\``,
        input.sku,
      ),
    };
  }
  const fraction = share?.fraction ?? 1;
  const accelerators = input.accelerators;
  return {
    priced: {
      service: input.service,
      instanceType: input.sku,
      ...(accelerators ? { accelerators } : {}),
      replicas: { ...input.replicas },
      replicasFrom,
      spot: input.spot ?? false,
      ...(share ? { nodeShare: share } : {}),
      usdPerReplicaHour: estimate.usdPerReplicaHour * fraction,
      monthlyUsd: {
        min: estimate.monthlyUsd.min * fraction,
        max: estimate.monthlyUsd.max * fraction,
      },
      priceSource: estimate.breakdown.some((l) => l.origin === "override") ? "override" : "catalog",
    },
  };
}

/** A replica range from capacity values; an error text when it is not known or missing. */
function replicaRange(
  min: unknown,
  max: unknown,
  what: string,
): { min: number; max: number } | Unpriced {
  if (min === UNKNOWN || max === UNKNOWN) {
    return unpriced("not-known", `${what} is not known until deployment`);
  }
  if (typeof min !== "number") {
    return unpriced("no-capacity", `${what} is not set`);
  }
  const invalid = (why: string) => unpriced("invalid-capacity", `invalid capacity (${why})`);
  const count = (n: number, which: string) =>
    n < 0
      ? `${which} is ${n}, below 0`
      : Number.isInteger(n)
        ? undefined
        : `${which} is ${n}, not a whole number`;
  const bad = count(min, what) ?? (typeof max === "number" ? count(max, "the maximum") : undefined);
  if (bad) return invalid(bad);
  if (typeof max === "number" && max < min) {
    return invalid(`${what} is ${min}, above the maximum ${max}`);
  }
  return { min, max: typeof max === "number" ? max : min };
}

function isUnpriced(value: object): value is Unpriced {
  return "code" in value;
}

// --- SageMaker -------------------------------------------------------------------------------

function sagemakerItems(stack: CostStack, overrides: PricingOverrides): CapacityItem[] {
  const items: CapacityItem[] = [];
  const targets = scalingTargets(stack);
  for (const ep of stack.ofType(TYPES.sagemakerEndpoint)) {
    const configName = asString(at(ep.props, "endpointConfigName"));
    const configs = endpointConfigurations(stack, ep);
    const raw = attribution(stack, ep, configs);
    const item = (part: string, result: { priced: Pricing } | { unpriced: Unpriced }) =>
      items.push({ node: ep, part, cloud: "aws", billedOn: "aws", raw, ...result });
    if (configs.length === 0) {
      const which = typeof configName === "string" ? ` \`${configName}\`` : "";
      item("endpoint", {
        unpriced:
          configName === UNKNOWN
            ? unpriced("not-known", "its endpoint configuration is not known until deployment")
            : unpriced(
                "no-capacity",
                `its endpoint configuration${which} is not in this stack, so its instances are not known`,
              ),
      });
      continue;
    }
    for (const config of configs) {
      const lines = readCapacity(config.type, config.props);
      if (lines === UNKNOWN) {
        item("productionVariants", {
          unpriced: unpriced("not-known", "its production variants are not known until deployment"),
        });
        continue;
      }
      const byVariant = targets.get(ep);
      for (const line of lines) {
        const variant = typeof line.name === "string" ? line.name : line.path;
        const part = `variant ${variant}`;
        if (line.serverless !== false) {
          item(part, {
            unpriced: unpriced(
              line.serverless === UNKNOWN ? "not-known" : "usage-based",
              line.serverless === UNKNOWN
                ? "whether the variant is serverless is not known until deployment"
                : "serverless variant: billed per request and compute time, not per instance-hour",
            ),
          });
          continue;
        }
        item(
          part,
          sagemakerVariant(line, byVariant?.get(variant) ?? byVariant?.get("*"), overrides),
        );
      }
    }
  }
  return items;
}

/** Why a line without a known instance type is not priced: not known yet, or not set. */
function noInstanceType(line: CapacityLine, what: string, unset: string): { unpriced: Unpriced } {
  return {
    unpriced:
      line.instanceType === UNKNOWN
        ? unpriced("not-known", `its ${what} is not known until deployment`)
        : unpriced("no-capacity", unset),
  };
}

function sagemakerVariant(
  line: CapacityLine,
  target: CostNode | undefined,
  overrides: PricingOverrides,
): { priced: Pricing } | { unpriced: Unpriced } {
  if (typeof line.instanceType !== "string") {
    return noInstanceType(line, "instance type", "the variant sets no `instanceType`");
  }
  const replicas = target
    ? replicaRange(
        asNumber(at(target.props, "minCapacity")),
        asNumber(at(target.props, "maxCapacity")),
        `the \`minCapacity\` of autoscaling target \`${target.name}\``,
      )
    : replicaRange(line.minReplicas, line.maxReplicas, "`initialInstanceCount`");
  if (isUnpriced(replicas)) return { unpriced: { ...replicas, instanceType: line.instanceType } };
  const from = target
    ? `autoscaling target ${target.name}`
    : line.maxReplicas !== line.minReplicas
      ? "initialInstanceCount, managedInstanceScaling"
      : "initialInstanceCount (no autoscaling target)";
  return priceInput({ service: "sagemaker", sku: line.instanceType, replicas }, overrides, from);
}

// --- Vertex AI -------------------------------------------------------------------------------

function vertexLine(
  line: CapacityLine,
  overrides: PricingOverrides,
): { priced: Pricing } | { unpriced: Unpriced } {
  if (typeof line.instanceType !== "string") {
    return noInstanceType(
      line,
      "machine type",
      `\`${line.path}.machineSpec.machineType\` is not set`,
    );
  }
  const replicas = replicaRange(line.minReplicas, line.maxReplicas, "`minReplicaCount`");
  if (isUnpriced(replicas)) return { unpriced: { ...replicas, instanceType: line.instanceType } };
  if (line.spot === UNKNOWN) {
    return {
      unpriced: unpriced("not-known", "`spot` is not known until deployment", line.instanceType),
    };
  }
  const input: EstimateInput = { service: "vertex", sku: line.instanceType, replicas };
  const acc = line.accelerators;
  if (acc) {
    if (
      typeof acc.type !== "string" ||
      (acc.count !== undefined && typeof acc.count !== "number")
    ) {
      return {
        unpriced: unpriced(
          "not-known",
          "its accelerators are not known until deployment",
          line.instanceType,
        ),
      };
    }
    input.accelerators = { type: acc.type, count: typeof acc.count === "number" ? acc.count : 1 };
  }
  if (line.spot === true) input.spot = true;
  const from =
    replicas.min === replicas.max ? "minReplicaCount" : "minReplicaCount–maxReplicaCount";
  return priceInput(input, overrides, from);
}

function vertexItems(stack: CostStack, overrides: PricingOverrides): CapacityItem[] {
  const items: CapacityItem[] = [];
  const pooled = new Set<string>();
  for (const node of stack.ofType(
    TYPES.vertexDeploymentResourcePool,
    TYPES.vertexModelGardenDeployment,
  )) {
    if (node.parent) pooled.add(node.parent);
    const raw = componentAttribution(stack, node);
    const lines = readCapacity(node.type, node.props);
    const base = { node, cloud: "gcp" as const, billedOn: "gcp" as const, raw };
    if (lines === UNKNOWN) {
      items.push({
        ...base,
        part: "dedicatedResources",
        unpriced: unpriced("not-known", "its dedicated resources are not known until deployment"),
      });
      continue;
    }
    for (const line of lines) {
      items.push({ ...base, part: line.path, ...vertexLine(line, overrides) });
    }
  }
  for (const ep of stack.ofType(TYPES.vertexEndpoint)) {
    const raw = attribution(stack, ep);
    const base = { node: ep, cloud: "gcp" as const, billedOn: "gcp" as const, raw };
    const models = asArray(at(ep.props, "deployedModels"));
    if (!Array.isArray(models) || models.length === 0) {
      // A shared pool or Model Garden deployment of the same component holds the capacity.
      if (ep.parent && pooled.has(ep.parent)) continue;
      items.push({
        ...base,
        part: "deployedModels",
        unpriced: unpriced(
          "no-capacity",
          "no model is deployed to it in this stack (models deployed later, e.g. by a pipeline, are not estimated)",
        ),
      });
      continue;
    }
    const lines = readCapacity(ep.type, ep.props);
    const dedicated = new Map(
      (lines === UNKNOWN ? [] : lines).map((l) => [l.path.split(".")[0], l] as const),
    );
    models.forEach((_, i) => {
      const path = `deployedModels[${i}]`;
      const line = dedicated.get(path);
      items.push(
        line
          ? { ...base, part: path, ...vertexLine(line, overrides) }
          : {
              ...base,
              part: path,
              unpriced: unpriced(
                "usage-based",
                "automatic resources: Vertex AI picks the machines, so there is no machine type to price",
              ),
            },
      );
    });
  }
  return items;
}

// --- Kubernetes ------------------------------------------------------------------------------

/** Accelerator devices one replica requests (`aws.amazon.com/neuroncore`: 2 cores per device). */
function acceleratorsOf(containers: readonly unknown[]): number {
  let devices = 0;
  for (const c of containers) {
    for (const name of ACCELERATOR_RESOURCES) {
      const count = (part: string) => {
        const n = asNumber(at(c, "resources", part, name));
        return typeof n === "number" ? n : 0;
      };
      const requested = Math.max(count("limits"), count("requests"));
      devices += name === "aws.amazon.com/neuroncore" ? Math.ceil(requested / 2) : requested;
    }
  }
  return devices;
}

function predictorContainers(predictor: unknown): unknown[] {
  const p = asObject(predictor);
  if (typeof p !== "object") return [];
  const containers = asArray(p.containers);
  const out: unknown[] = Array.isArray(containers) ? [...containers] : [];
  // `model`, or a framework spec (`huggingface`, `sklearn`, …) with its resources.
  for (const [key, value] of Object.entries(p)) {
    if (key !== "containers" && typeof asObject(at(value, "resources")) === "object") {
      out.push(value);
    }
  }
  return out;
}

/** The pricing service of a node type: the catalog's, else by its spelling. */
function nodeService(instanceType: string): "ec2" | "gce" {
  if (lookupPrice("ec2", instanceType)) return "ec2";
  if (lookupPrice("gce", instanceType)) return "gce";
  return instanceType.includes(".") ? "ec2" : "gce";
}

function priceNodes(
  line: CapacityLine,
  replicas: { min: number; max: number },
  from: string,
  gpusPerReplica: number,
  overrides: PricingOverrides,
): { priced: Pricing } | { unpriced: Unpriced } {
  const instanceType = line.instanceType as string;
  const service: PricingService = nodeService(instanceType);
  const node = resolvePrice(service, instanceType, overrides);
  let share: { fraction: number; basis: string };
  if (gpusPerReplica > 0 && node?.gpus !== undefined) {
    if (gpusPerReplica > node.gpus) {
      return {
        unpriced: unpriced(
          "unsupported",
          `each replica requests ${gpusPerReplica} accelerators, but a ${instanceType} node has ${node.gpus}`,
          instanceType,
        ),
      };
    }
    share = {
      fraction: gpusPerReplica / node.gpus,
      basis: `${gpusPerReplica} of the node's ${node.gpus} GPUs`,
    };
  } else {
    share = { fraction: 1, basis: "one node per replica" };
  }
  const input: EstimateInput = { service, sku: instanceType, replicas };
  if (line.spot === true) input.spot = true;
  return priceInput(input, overrides, from, share);
}

function kubernetesItems(stack: CostStack, overrides: PricingOverrides): CapacityItem[] {
  const items: CapacityItem[] = [];
  const scalers = workloadScalers(stack);
  const workloads = stack
    .ofType(TYPES.k8sDeployment, TYPES.k8sStatefulSet)
    .filter((w) => isKubernetesAiWorkload(w.type, w.props));
  for (const node of [...workloads, ...stack.ofType(TYPES.kserveInferenceService)]) {
    const isvc = node.type === TYPES.kserveInferenceService;
    const raw = attribution(stack, node);
    const lines = readCapacity(node.type, node.props);
    const part = isvc ? "predictor" : "pods";
    const base = { node, part, cloud: "kubernetes" as const, raw };
    if (lines === UNKNOWN || lines.length === 0) {
      items.push({
        ...base,
        unpriced: unpriced("not-known", "its pod spec is not known until deployment"),
      });
      continue;
    }
    const line = pinnedInstanceType(
      lines[0],
      isvc ? at(node.props, "spec", "predictor") : at(node.props, "spec", "template", "spec"),
    );
    const containers = isvc
      ? predictorContainers(at(node.props, "spec", "predictor"))
      : (asArray(at(node.props, "spec", "template", "spec", "containers")) ?? []);
    const gpus = acceleratorsOf(Array.isArray(containers) ? containers : []);
    if (typeof line.instanceType !== "string") {
      items.push({
        ...base,
        unpriced:
          line.instanceType === UNKNOWN
            ? unpriced("not-known", "its node selector is not known until deployment")
            : unpriced(
                "no-instance-type",
                `no \`node.kubernetes.io/instance-type\` node selector (or required node affinity on one type), so the node type and its price are up to the cluster; select an instance type, or attribute the cluster's cost with OpenCost/Kubecost`,
              ),
      });
      continue;
    }
    const service = nodeService(line.instanceType);
    const billedOn = service === "ec2" ? ("aws" as const) : ("gcp" as const);
    const scaler = scalers.get(node);
    const bounds = scaler
      ? scalerBounds(scaler)
      : {
          min: line.minReplicas,
          max: line.maxReplicas,
          from: isvc ? "minReplicas–maxReplicas" : "replicas (no autoscaler)",
        };
    const replicas = replicaRange(bounds.min, bounds.max, `the replica count (${bounds.from})`);
    if (isUnpriced(replicas)) {
      items.push({ ...base, billedOn, unpriced: { ...replicas, instanceType: line.instanceType } });
      continue;
    }
    if (line.spot === UNKNOWN) {
      items.push({
        ...base,
        billedOn,
        unpriced: unpriced(
          "not-known",
          "its spot node selector is not known until deployment",
          line.instanceType,
        ),
      });
      continue;
    }
    items.push({
      ...base,
      billedOn,
      ...priceNodes(line, replicas, bounds.from, gpus, overrides),
    });
  }
  return items;
}

/** Every block of serving capacity in the stack, priced where the catalog (or overrides) can. */
export function collectCapacity(stack: CostStack, overrides: PricingOverrides): CapacityItem[] {
  return [
    ...sagemakerItems(stack, overrides),
    ...vertexItems(stack, overrides),
    ...kubernetesItems(stack, overrides),
  ];
}
