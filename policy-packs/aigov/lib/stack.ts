import { PolicyResource } from "@pulumi/policy";
import {
  ClassifyOptions,
  GraphNode,
  GraphResource,
  KeyOf as GraphKeyOf,
  Obj,
  StackGraph,
} from "aigov/sdk";
import { raw } from "./props";

export {
  S3_BUCKETS,
  bucketsWithSidecar,
  endpointVariants,
  sagemakerName,
  stageOf,
} from "aigov/sdk";

/** One resource of the stack under a stack policy: plain props (outputs), lazily read metadata. */
export type Node = GraphNode<PolicyResource>;

/** Reads the value a node is referred to by (a bucket name, an endpoint name, …). */
export type KeyOf = GraphKeyOf<PolicyResource>;

const urns = (list: readonly PolicyResource[] | undefined) => (list ?? []).map((r) => r.urn);

/**
 * A resource as the sdk's stack graph reads it. The engine sends no custom/component flag:
 * custom resources are the ones with a provider. Unknown values stay the engine's sentinels.
 */
function graphResource(resource: PolicyResource): GraphResource {
  const props = raw(resource.props) ?? {};
  const p = resource.provider;
  const propertyDependencies: Record<string, string[]> = {};
  for (const [prop, list] of Object.entries(resource.propertyDependencies ?? {})) {
    propertyDependencies[prop] = urns(list);
  }
  return {
    type: resource.type,
    urn: resource.urn,
    name: resource.name,
    parent: resource.parent?.urn,
    custom: p !== undefined,
    props,
    ...(p
      ? { provider: { type: p.type, props: raw(p.props) as Obj } }
      : { componentOutputs: props }),
    dependencies: urns(resource.dependencies),
    propertyDependencies,
  };
}

/**
 * The sdk's stack graph over the resources of a stack-policy call: nodes by URN and type, cached
 * metadata and AI classification, references by value and dependencies.
 */
export class StackIndex extends StackGraph<PolicyResource> {
  constructor(resources: readonly PolicyResource[], options: ClassifyOptions = {}) {
    // In URN order, whatever order the engine passes: `pulumi preview` passes registration order,
    // `pulumi policy analyze` the snapshot's, `aigov check` URN order. A policy that reports on
    // the first of several resources must name the same one under each.
    const byUrn = [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    super(byUrn, graphResource, options);
  }
}
