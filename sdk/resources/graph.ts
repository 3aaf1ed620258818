/**
 * The resources of one stack as a graph: nodes by URN, type and parent, their governance metadata
 * and AI classification (read once), and references between them, found the way the contract
 * says (§3): by the referenced value, else by property dependencies, else by plain dependencies.
 * The policy pack builds it from the engine's `PolicyResource`s, the CLI from the program's
 * registrations or a state file; the relations (./relations) and the cost estimate read it.
 */
import { ClassifyOptions, isAiResource, isTaggable } from "./classify";
import { ProviderInfo, ResourceMetadata, readMetadata } from "./metadata";
import { describeType } from "./types";
import { Maybe, Obj } from "./unknown";

/** The type of the root resource of every stack. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** One resource as the graph reads it: plain properties, links as URNs. */
export interface GraphResource {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly parent?: string;
  /** False for component resources (and the root stack). */
  readonly custom: boolean;
  /**
   * Plain properties: outputs (the provider's view: `tagsAll`, auto-names), inputs where there
   * are none. Unknown values are the engine's sentinel strings; secrets are plaintext.
   */
  readonly props: Obj;
  /** Outputs a component registered (`registerOutputs`), plain. */
  readonly componentOutputs?: Obj;
  readonly provider?: ProviderInfo;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** A resource of the graph, with the object it was built from (`resource`). */
export interface GraphNode<S = unknown> extends GraphResource {
  readonly resource: S;
  /** Readable type, e.g. `SageMaker Endpoint`. */
  readonly what: string;
  /** @internal Cached metadata (`null` until read). */
  meta: ResourceMetadata | undefined | null;
  /** @internal Cached AI classification. */
  ai?: boolean;
}

/** Reads the value a node is referred to by (a bucket name, an endpoint name, …). */
export type KeyOf<S = unknown> = (node: GraphNode<S>) => Maybe<string>;

/** How a reference is matched by value: the referenced value and the key it names. */
export interface ByValue<S = unknown> {
  /** Cache id of the index (`key` itself when not given). */
  readonly id?: string;
  readonly value: Maybe<string>;
  readonly key: KeyOf<S>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The indexed resources of one stack. Every lookup is built once per graph, so that rules stay
 * linear in the number of resources.
 */
export class StackGraph<S = unknown> {
  readonly nodes: GraphNode<S>[];
  private readonly byUrn = new Map<string, GraphNode<S>>();
  private readonly byType = new Map<string, GraphNode<S>[]>();
  private readonly byParent = new Map<string, GraphNode<S>[]>();
  private readonly valueIndexes = new Map<unknown, Map<string, Map<string, GraphNode<S>[]>>>();
  /** Results of relations (./relations) computed once per graph. */
  private readonly memo = new Map<string, unknown>();

  constructor(
    resources: readonly S[],
    adapt: (resource: S) => GraphResource,
    private readonly options: ClassifyOptions = {},
  ) {
    this.nodes = resources.map((r) => {
      const data = adapt(r);
      return { ...data, resource: r, what: describeType(data.type), meta: null };
    });
    for (const node of this.nodes) {
      this.byUrn.set(node.urn, node);
      push(this.byType, node.type, node);
      if (node.parent) push(this.byParent, node.parent, node);
    }
  }

  get(urn: string): GraphNode<S> | undefined {
    return this.byUrn.get(urn);
  }

  /** The nodes of the given types, in stack order per type. */
  ofType(...types: string[]): GraphNode<S>[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** The children of a resource (a component's children). */
  children(urn: string): GraphNode<S>[] {
    return this.byParent.get(urn) ?? [];
  }

  /** True when `node`'s parent is a component resource (not a custom resource, not the stack). */
  componentParent(node: GraphNode<S>): GraphNode<S> | undefined {
    const parent = node.parent ? this.byUrn.get(node.parent) : undefined;
    return parent && !parent.custom && parent.type !== ROOT_STACK_TYPE ? parent : undefined;
  }

  /** Governance metadata of a node (cached). */
  meta(node: GraphNode<S>): ResourceMetadata | undefined {
    if (node.meta === null) node.meta = readMetadata(node.type, node.props, node.provider);
    return node.meta;
  }

  /** True for AI resources (docs/contract.md §2, with the configured extra types); cached. */
  isAi(node: GraphNode<S>): boolean {
    node.ai ??= isAiResource(node.type, node.props, this.options);
    return node.ai;
  }

  /** True for AI resources that carry metadata (taggable). */
  isGoverned(node: GraphNode<S>): boolean {
    return isTaggable(node.type) && this.isAi(node);
  }

  /** A value computed once per graph (relations that several rules read). */
  once<T>(id: string, compute: () => T): T {
    if (!this.memo.has(id)) this.memo.set(id, compute());
    return this.memo.get(id) as T;
  }

  /** Nodes of `types` whose reference value (per `key`) is `value`; each index is built once. */
  byValue(id: unknown, types: readonly string[], key: KeyOf<S>, value: string): GraphNode<S>[] {
    const byTypes = this.valueIndexes.get(id) ?? new Map<string, Map<string, GraphNode<S>[]>>();
    this.valueIndexes.set(id, byTypes);
    const typesId = types.join("\n");
    let index = byTypes.get(typesId);
    if (!index) {
      index = new Map();
      for (const node of this.ofType(...types)) {
        const v = key(node);
        if (typeof v === "string" && v !== "") push(index, v, node);
      }
      byTypes.set(typesId, index);
    }
    return index.get(value) ?? [];
  }

  /**
   * The resources of `types` that `from` refers to through property `prop`: by the referenced
   * value when it is known and matches (`pulumi stack export` carries no property dependencies
   * for references by name), else by the property's dependencies, else, when the value is not
   * known, by plain dependencies.
   */
  refs(
    from: GraphNode<S>,
    prop: string,
    types: readonly string[],
    byValue?: ByValue<S>,
  ): GraphNode<S>[] {
    if (byValue && typeof byValue.value === "string") {
      const hits = this.byValue(byValue.id ?? byValue.key, types, byValue.key, byValue.value);
      if (hits.length > 0) return hits;
    }
    const wanted = new Set(types);
    const linked = (urns: readonly string[] | undefined) =>
      (urns ?? [])
        .map((u) => this.byUrn.get(u))
        .filter((n): n is GraphNode<S> => n !== undefined && wanted.has(n.type));
    const viaProperty = linked(from.propertyDependencies[prop]);
    if (viaProperty.length > 0 || (byValue && typeof byValue.value === "string"))
      return viaProperty;
    return linked(from.dependencies);
  }
}
