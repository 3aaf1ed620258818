import {
  type Maybe,
  type Obj,
  type ProviderInfo,
  type ResourceMetadata,
  describeType,
  readMetadata,
} from "../../sdk/resources";
import type { StackResource } from "../model";
import { SECRET_SIG, signatureOf, toAnalyzerValue } from "../properties";
import { parseProviderReference } from "../urn";

/** A value as policies see it: resource references resolved, secrets in plaintext. */
export function plainValue(value: unknown): unknown {
  return unwrapSecrets(toAnalyzerValue(value));
}

function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(unwrapSecrets);
  }
  if (typeof value !== "object" || value === null) {
    return value;
  }
  const record = value as Record<string, unknown>;
  if (signatureOf(record) === SECRET_SIG) {
    return unwrapSecrets(record.value);
  }
  if (signatureOf(record) !== undefined) {
    return record;
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
}

/**
 * The properties the cost estimate reads: a custom resource's outputs (the provider's view:
 * `tagsAll`, auto-names, outputs such as Vertex `deployedModels`), else its inputs.
 */
function propsOf(resource: StackResource): Obj {
  const source =
    resource.custom && Object.keys(resource.outputs).length > 0
      ? resource.outputs
      : resource.inputs;
  return plainValue(source) as Obj;
}

/** One resource of the stack with its plain properties and provider. */
export class CostNode {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly parent?: string;
  readonly props: Obj;
  /** Outputs of a component resource (`registerOutputs`), plain. */
  readonly componentOutputs?: Obj;
  provider?: ProviderInfo;
  /** @internal cached metadata (`null` until read) */
  meta: ResourceMetadata | undefined | null = null;

  constructor(readonly resource: StackResource) {
    this.type = resource.type;
    this.urn = resource.urn;
    this.name = resource.name;
    this.parent = resource.parent;
    this.props = propsOf(resource);
    if (!resource.custom) {
      this.componentOutputs = plainValue(resource.outputs) as Obj;
    }
  }

  /** Readable type, e.g. `SageMaker Endpoint`. */
  get what(): string {
    return describeType(this.type);
  }
}

/** Reads the value a node is referred to by (an endpoint name, a Deployment name, …). */
export type KeyOf = (node: CostNode) => Maybe<string>;

/** The resources of one stack, indexed by URN, type and parent, as the cost estimate reads them. */
export class CostStack {
  readonly nodes: CostNode[];
  private readonly byUrn = new Map<string, CostNode>();
  private readonly byType = new Map<string, CostNode[]>();
  private readonly byParent = new Map<string, CostNode[]>();

  constructor(resources: readonly StackResource[]) {
    this.nodes = resources.filter((r) => !r.external).map((r) => new CostNode(r));
    for (const node of this.nodes) {
      this.byUrn.set(node.urn, node);
      push(this.byType, node.type, node);
      if (node.parent) {
        push(this.byParent, node.parent, node);
      }
    }
    for (const node of this.nodes) {
      const ref = node.resource.provider;
      const provider = ref ? this.byUrn.get(parseProviderReference(ref).urn) : undefined;
      if (provider) {
        node.provider = {
          type: provider.type,
          props: plainValue(provider.resource.inputs),
        };
      }
    }
  }

  get(urn: string): CostNode | undefined {
    return this.byUrn.get(urn);
  }

  /** The nodes of the given types, in stack order per type. */
  ofType(...types: string[]): CostNode[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** The children of a resource (components' children). */
  children(urn: string): CostNode[] {
    return this.byParent.get(urn) ?? [];
  }

  /** Governance metadata of a node (cached), read by the shared sdk reader. */
  meta(node: CostNode): ResourceMetadata | undefined {
    if (node.meta === null) {
      node.meta = readMetadata(node.type, node.props, node.provider);
    }
    return node.meta;
  }

  private readonly valueIndexes = new Map<KeyOf, Map<string, Map<string, CostNode[]>>>();

  /** Nodes of `types` by the value `key` reads from them; built once per types and key. */
  private valueIndex(types: readonly string[], key: KeyOf): Map<string, CostNode[]> {
    const byTypes = this.valueIndexes.get(key) ?? new Map<string, Map<string, CostNode[]>>();
    this.valueIndexes.set(key, byTypes);
    const id = types.join("\n");
    let index = byTypes.get(id);
    if (!index) {
      index = new Map();
      for (const node of this.ofType(...types)) {
        const value = key(node);
        if (typeof value === "string" && value !== "") push(index, value, node);
      }
      byTypes.set(id, index);
    }
    return index;
  }

  /**
   * The resources of `types` that `from` refers to through property `prop`, found as the policy
   * pack finds them: by the referenced value when it is known and matches (state files carry no
   * property dependencies for references by name), else through the property's dependencies,
   * else, when the value is not known, through plain dependencies.
   */
  refs(
    from: CostNode,
    prop: string,
    types: readonly string[],
    byValue?: { value: Maybe<string>; key: KeyOf },
  ): CostNode[] {
    const wanted = new Set(types);
    if (byValue && typeof byValue.value === "string") {
      const hits = this.valueIndex(types, byValue.key).get(byValue.value) ?? [];
      if (hits.length > 0) {
        return hits;
      }
    }
    const linked = (urns: readonly string[] | undefined) =>
      (urns ?? [])
        .map((u) => this.byUrn.get(u))
        .filter((n): n is CostNode => n !== undefined && wanted.has(n.type));
    const viaProperty = linked(from.resource.propertyDependencies[prop]);
    if (viaProperty.length > 0 || (byValue && typeof byValue.value === "string")) {
      return viaProperty;
    }
    return linked(from.resource.dependencies);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}
