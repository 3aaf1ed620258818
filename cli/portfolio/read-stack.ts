/** One stack of the portfolio, read down to what the cross-stack review needs. */
import {
  type BudgetInfo,
  type GraphNode,
  type PricedCapacity,
  analyzeCost,
  type ClassifyOptions,
  TYPES,
  isDeployableModelResource,
  isGovernedResource,
  isModelResource,
  isRegistryType,
  isServingResource,
  knownMetadata,
  readBudget,
  readLineage,
  registryIdOf,
} from "../../sdk";
import { stackGraph } from "../cost/stack";
import type { StackResource, Violation } from "../model";
import type { AiResource, AssetKind, StackEntry } from "./model";

/** What the portfolio keeps of one stack (the resources themselves are dropped). */
export interface StackSummary {
  readonly entry: StackEntry;
  readonly ai: readonly AiResource[];
  /** Ids of the registries in the stack (GCP label form). */
  readonly registryIds: readonly string[];
  readonly budgets: readonly BudgetInfo[];
  /** The priced serving capacity (`aigov cost`). */
  readonly priced: readonly PricedCapacity[];
}

const DATASET_TYPES = new Set<string>([
  TYPES.vertexDataset,
  "gcp:vertex/aiFeatureStore:AiFeatureStore",
  "gcp:vertex/aiFeatureOnlineStore:AiFeatureOnlineStore",
  "aws:sagemaker/featureGroup:FeatureGroup",
]);
const NOTEBOOK_TYPES = new Set<string>([
  TYPES.sagemakerNotebookInstance,
  TYPES.sagemakerDomain,
  TYPES.workbenchInstance,
  TYPES.notebooksInstance,
]);
/** Asset kinds, strongest first: an asset is of the strongest kind among its resources. */
export const KIND_ORDER: readonly AssetKind[] = [
  "endpoint",
  "adapter",
  "model",
  "registry",
  "rag-index",
  "dataset",
  "notebook",
  "other",
];

function kindOf(node: GraphNode): AssetKind {
  if (isServingResource(node.type, node.props)) return "endpoint";
  if (node.type === TYPES.bedrockCustomModel) return "adapter";
  if (isRegistryType(node.type)) return "registry";
  if (isModelResource(node.type, node.props)) return "model";
  if (node.type === TYPES.vertexIndex || node.type === TYPES.vertexIndexEndpoint) {
    return "rag-index";
  }
  if (DATASET_TYPES.has(node.type)) return "dataset";
  if (NOTEBOOK_TYPES.has(node.type)) return "notebook";
  return "other";
}

/**
 * Reads one stack: its governed AI resources with their metadata and classes, the registries
 * and budgets it declares, its priced serving capacity, and the pack's verdict on it.
 */
export function readStack(
  identity: { project: string; stack: string; file: string },
  resources: readonly StackResource[],
  violations: readonly Violation[],
  options: ClassifyOptions,
): StackSummary {
  const stackName = `${identity.project}/${identity.stack}`;
  const graph = stackGraph(resources);
  const violationsAt = new Map<string, number>();
  for (const v of violations) violationsAt.set(v.urn, (violationsAt.get(v.urn) ?? 0) + 1);
  const ai: AiResource[] = [];
  const registryIds = new Set<string>();
  const budgets: BudgetInfo[] = [];
  for (const node of graph.nodes) {
    const budget = readBudget(node.type, node.props);
    if (budget) budgets.push(budget);
    const governed = isGovernedResource(node.type, node.props, options);
    const meta = governed ? graph.meta(node) : undefined;
    const values = meta ? knownMetadata(meta) : {};
    const registryId = registryIdOf(node.type, node.name, node.props, values["asset-id"]);
    if (registryId !== undefined) registryIds.add(registryId);
    if (!meta) continue;
    ai.push({
      urn: node.urn,
      type: node.type,
      name: node.name,
      stack: stackName,
      cloud: meta.cloud,
      gcp: meta.encoding === "gcp",
      values,
      lineage: readLineage(node.type, node.props, node.provider) ?? {},
      serving: isServingResource(node.type, node.props),
      deployable: isDeployableModelResource(node.type, node.props),
      model: isModelResource(node.type, node.props),
      kind: kindOf(node),
      ...(registryId !== undefined ? { registryId } : {}),
      violations: violationsAt.get(node.urn) ?? 0,
    });
  }
  const count = (level: Violation["enforcementLevel"]) =>
    violations.filter((v) => v.enforcementLevel === level).length;
  return {
    entry: {
      project: identity.project,
      stack: identity.stack,
      file: identity.file,
      resources: resources.length,
      aiResources: ai.length,
      mandatory: count("mandatory"),
      advisory: count("advisory"),
    },
    ai,
    registryIds: [...registryIds],
    budgets,
    priced: analyzeCost(graph).resources,
  };
}
