import { z } from "zod";
import {
  REGISTRY_TYPES,
  TYPES,
  gcpLabelValue,
  registryIdOf,
  isServingResource,
  isTaggable,
  keyState,
} from "aigov/sdk";
import { fields } from "../lib/config";
import { keyName, setTo } from "../lib/messages";
import { stackPolicy } from "../lib/policy";
import { StackIndex } from "../lib/stack";

const config = z.object({ externalRegistries: fields.externalRegistries });

/** Ids of the registries in the stack, in GCP label form (see `registryIdOf`). */
function registryIds(stack: StackIndex): Set<string> {
  const ids = new Set<string>();
  for (const node of stack.ofType(...REGISTRY_TYPES, TYPES.vertexMetadataStore)) {
    const assetId = stack.isGoverned(node) ? stack.meta(node)?.values["asset-id"] : undefined;
    const id = registryIdOf(node.type, node.name, node.props, assetId);
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

/** `aigov-orphaned-endpoint`: serving resources name the registry their model comes from. */
export const orphanedEndpoint = stackPolicy({
  name: "aigov-orphaned-endpoint",
  description:
    "Serving resources must carry `model-registry`, the asset id of the model registry their model comes from: a SageMaker model package group, Vertex AI metadata store, artifact bucket or container repository with that `asset-id` in the stack, or a registry listed in `externalRegistries`.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Deploy models from a governed registry (the aigov registry component) and set `modelRegistry` to its `assetId` in the endpoint's metadata; list registries of other stacks in `externalRegistries`.",
  config,
  validate(stack, cfg, report) {
    const ids = registryIds(stack);
    for (const id of cfg.externalRegistries) ids.add(gcpLabelValue(id));
    for (const node of stack.nodes) {
      if (!isTaggable(node.type) || !isServingResource(node.type, node.props)) continue;
      const meta = stack.meta(node);
      if (!meta) continue;
      const key = "model-registry";
      const value = meta.values[key];
      if (keyState(meta, key) === "absent") {
        report(
          node.urn,
          `${node.what} \`${node.name}\` does not say which registry its model comes from: ${keyName(meta, key)} is missing; ${setTo(meta, key, !!meta.template)}.`,
        );
      } else if (typeof value === "string" && !ids.has(gcpLabelValue(value))) {
        report(
          node.urn,
          `${node.what} \`${node.name}\` names the model registry \`${value}\`, but no registry with that \`asset-id\` is in the stack: deploy the model from a registry of this stack, fix ${keyName(meta, key)}, or add \`${value}\` to \`externalRegistries\`.`,
        );
      }
    }
  },
});
