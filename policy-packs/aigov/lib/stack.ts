import { PolicyResource } from "@pulumi/policy";
import {
  CapacityLine,
  ClassifyOptions,
  Maybe,
  Obj,
  ProviderInfo,
  ResourceMetadata,
  TYPES,
  UNKNOWN,
  asString,
  at,
  describeType,
  isAiResource,
  isTaggable,
  readCapacity,
  readMetadata,
} from "aigov/sdk";
import { raw } from "./props";

/** One resource of the stack, with its plain props (outputs) and lazily read metadata. */
export class Node {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  /** Plain outputs; unknown values are the engine's sentinel strings. */
  readonly props: Obj;
  readonly provider?: ProviderInfo;
  /** @internal Cached metadata (`null` until read). */
  meta: ResourceMetadata | undefined | null = null;
  /** @internal Cached AI classification. */
  ai?: boolean;

  constructor(readonly resource: PolicyResource) {
    this.type = resource.type;
    this.urn = resource.urn;
    this.name = resource.name;
    this.props = raw(resource.props) ?? {};
    const p = resource.provider;
    if (p) this.provider = { type: p.type, props: raw(p.props) };
  }

  /** Readable type, e.g. `S3 Bucket`. */
  get what(): string {
    return describeType(this.type);
  }
}

/** Reads the value a node is referred to by (a bucket name, an endpoint name, …). */
export type KeyOf = (node: Node) => Maybe<string>;

/**
 * Indexes of one stack, built once per stack-policy call so that every rule is linear in the
 * number of resources: nodes by URN and type, lazily cached metadata and AI classification,
 * and lookups by reference value.
 */
export class StackIndex {
  readonly nodes: Node[];
  private readonly byUrn = new Map<string, Node>();
  private readonly byType = new Map<string, Node[]>();
  private readonly valueIndexes = new Map<string, Map<string, Node[]>>();

  constructor(
    resources: readonly PolicyResource[],
    private readonly options: ClassifyOptions = {},
  ) {
    this.nodes = resources.map((r) => {
      const node = new Node(r);
      this.byUrn.set(node.urn, node);
      const list = this.byType.get(node.type);
      if (list) list.push(node);
      else this.byType.set(node.type, [node]);
      return node;
    });
  }

  /** The nodes of the given types, in stack order per type. */
  ofType(...types: string[]): Node[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Governance metadata of a node (cached). */
  meta(node: Node): ResourceMetadata | undefined {
    if (node.meta === null) node.meta = readMetadata(node.type, node.props, node.provider);
    return node.meta;
  }

  /** True for AI resources (docs/contract.md §2, with the policy's `extraResourceTypes`); cached. */
  isAi(node: Node): boolean {
    node.ai ??= isAiResource(node.type, node.props, this.options);
    return node.ai;
  }

  /** True for AI resources that carry metadata (taggable). */
  isGoverned(node: Node): boolean {
    return isTaggable(node.type) && this.isAi(node);
  }

  /** Nodes of `types` whose reference value (per `key`) is `value`; the index is built once. */
  byValue(id: string, types: string[], key: KeyOf, value: string): Node[] {
    let index = this.valueIndexes.get(id);
    if (!index) {
      index = new Map();
      for (const node of this.ofType(...types)) {
        const v = key(node);
        if (typeof v !== "string" || v === "") continue;
        const list = index.get(v);
        if (list) list.push(node);
        else index.set(v, [node]);
      }
      this.valueIndexes.set(id, index);
    }
    return index.get(value) ?? [];
  }

  /**
   * The resources of `types` that `from` refers to through property `prop`: by the referenced
   * value when it is known and matches (`pulumi stack export` audits without dependencies), else
   * by the property's dependencies, else, when the value is not known, by plain dependencies.
   */
  refs(
    from: Node,
    prop: string,
    types: string[],
    byValue?: { id: string; value: Maybe<string>; key: KeyOf },
  ): Node[] {
    if (byValue && typeof byValue.value === "string") {
      const hits = this.byValue(byValue.id, types, byValue.key, byValue.value);
      if (hits.length > 0) return hits;
    }
    const wanted = new Set(types);
    const linked = (list: readonly PolicyResource[] | undefined) =>
      (list ?? [])
        .map((r) => this.byUrn.get(r.urn))
        .filter((n): n is Node => n !== undefined && wanted.has(n.type));
    const viaProperty = linked(from.resource.propertyDependencies?.[prop]);
    if (viaProperty.length > 0 || (byValue && typeof byValue.value === "string"))
      return viaProperty;
    return linked(from.resource.dependencies);
  }
}

/** S3 bucket types (sidecar resources refer to them through their `bucket` property). */
export const S3_BUCKETS: string[] = [TYPES.s3Bucket, TYPES.s3BucketV2];

/** The `name` of a SageMaker resource, as endpoints and scaling targets refer to it. */
export const sagemakerName: KeyOf = (n) => asString(at(n.props, "name"));

/**
 * The production variants of a SageMaker endpoint, read from its endpoint configuration (found by
 * dependency, or by name). Empty when the configuration is not in the stack or not known yet.
 */
export function endpointVariants(stack: StackIndex, endpoint: Node): CapacityLine[] {
  const configs = stack.refs(
    endpoint,
    "endpointConfigName",
    [TYPES.sagemakerEndpointConfiguration],
    {
      id: "sm-config",
      value: asString(at(endpoint.props, "endpointConfigName")),
      key: sagemakerName,
    },
  );
  return configs.flatMap((c) => {
    const lines = readCapacity(c.type, c.props);
    return lines === UNKNOWN ? [] : lines;
  });
}

/**
 * The AI S3 buckets that at least one sidecar of `sidecarTypes` (linked through its `bucket`
 * property) satisfies; `ok` decides per sidecar and may return `undefined` when not known yet,
 * which counts as satisfied (no violation on unknowns).
 */
export function bucketsWithSidecar(
  stack: StackIndex,
  sidecarTypes: string[],
  ok: (sidecar: Node) => boolean | undefined,
): Set<Node> {
  const covered = new Set<Node>();
  for (const sidecar of stack.ofType(...sidecarTypes)) {
    if (ok(sidecar) === false) continue;
    const value = asString(at(sidecar.props, "bucket"));
    const buckets = stack.refs(sidecar, "bucket", S3_BUCKETS, {
      id: "s3-bucket",
      value,
      key: (n) => asString(at(n.props, "bucket")),
    });
    for (const b of buckets) covered.add(b);
  }
  return covered;
}

/** The known stage of a node, or `undefined`. */
export function stageOf(stack: StackIndex, node: Node): string | undefined {
  const v = stack.meta(node)?.values.stage;
  return typeof v === "string" ? v : undefined;
}
