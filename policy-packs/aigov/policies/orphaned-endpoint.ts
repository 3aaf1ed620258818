import { z } from "zod";
import {
  TYPES,
  asString,
  at,
  gcpLabelValue,
  isServingResource,
  isTaggable,
  keyState,
} from "aigov/sdk";
import { fields } from "../lib/config";
import { keyName, setTo } from "../lib/messages";
import { stackPolicy } from "../lib/policy";
import { StackIndex } from "../lib/stack";

const config = z.object({ externalRegistries: fields.externalRegistries });

const REGISTRY_TYPES = [
  TYPES.sagemakerModelPackageGroup,
  TYPES.s3Bucket,
  TYPES.s3BucketV2,
  TYPES.ecrRepository,
  TYPES.gcsBucket,
  TYPES.artifactRegistryRepository,
];

/**
 * Asset ids of the registries in the stack, in GCP label form so that AWS, GCP and Kubernetes
 * values compare: ModelPackageGroups and AI artifact stores by `asset-id`, Vertex AI metadata
 * stores (which cannot carry labels) by their `name`.
 */
function registryIds(stack: StackIndex): Set<string> {
  const ids = new Set<string>();
  for (const node of stack.ofType(...REGISTRY_TYPES)) {
    const id = stack.isGoverned(node) ? stack.meta(node)?.values["asset-id"] : undefined;
    if (typeof id === "string") ids.add(gcpLabelValue(id));
  }
  for (const store of stack.ofType(TYPES.vertexMetadataStore)) {
    const name = asString(at(store.props, "name"));
    ids.add(gcpLabelValue(typeof name === "string" ? name : store.name));
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
