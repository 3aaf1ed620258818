import * as pulumi from "@pulumi/pulumi";

/** The options of one resource, as a legacy transformation sees them. */
export interface OptionsRecord {
  /** Type token. */
  type: string;
  /** Logical name. */
  name: string;
  /** Logical name of the parent (undefined for the resource the recorder is attached to). */
  parent: string | undefined;
  /** Type token of the parent. */
  parentType: string | undefined;
  /** Logical names of the explicit `dependsOn` resources (`?` for a value that is no resource). */
  dependsOn: string[];
  /** `retainOnDelete` as given. */
  retainOnDelete: boolean | undefined;
  /** `protect` as given (before a parent's is inherited). */
  protect: boolean | undefined;
}

/** What {@link recordOptions} returns. */
export interface OptionsRecorder {
  /** One record per resource, in construction order (the component first). */
  records: OptionsRecord[];
  /** Transformations to put in the component's options (they propagate to every descendant). */
  transformations: pulumi.ResourceTransformation[];
  /** The record of the resource named `name` (and typed `type`); throws unless there is one. */
  of(name: string, type?: string): OptionsRecord;
  /** Logical name of the parent of the resource named `name`. */
  parentOf(name: string): string | undefined;
  /** `type::name` of each resource whose parent is the `type` resource `name`, sorted. */
  childrenOf(type: string, name: string): string[];
  /** Sorted names of the resources with `retainOnDelete: true`. */
  retained(): string[];
}

/** The internal fields of a resource that name it (the mock monitor does not see options). */
type Named = pulumi.Resource & { __name?: string; __pulumiType?: string };

/**
 * Records the parent, explicit `dependsOn`, `retainOnDelete` and `protect` of a component and of
 * every resource constructed under it, through a legacy transformation.
 */
export function recordOptions(): OptionsRecorder {
  const records: OptionsRecord[] = [];
  const transformations: pulumi.ResourceTransformation[] = [
    (args) => {
      const parent = args.opts.parent as Named | undefined;
      const deps = args.opts.dependsOn;
      const list: unknown[] = Array.isArray(deps) ? deps : deps ? [deps] : [];
      records.push({
        type: args.type,
        name: args.name,
        parent: parent?.__name,
        parentType: parent?.__pulumiType,
        dependsOn: list.map((d) =>
          pulumi.Resource.isInstance(d) ? ((d as Named).__name ?? "?") : "?",
        ),
        retainOnDelete: args.opts.retainOnDelete,
        protect: args.opts.protect,
      });
      return undefined;
    },
  ];
  const of = (name: string, type?: string) => {
    const found = records.filter((r) => r.name === name && (type === undefined || r.type === type));
    if (found.length !== 1) {
      throw new Error(`expected one resource named ${name}, recorded ${found.length}`);
    }
    return found[0];
  };
  return {
    records,
    transformations,
    of,
    parentOf: (name) => of(name).parent,
    childrenOf: (type, name) =>
      records
        .filter((r) => r.parentType === type && r.parent === name)
        .map((r) => `${r.type}::${r.name}`)
        .sort(),
    retained: () =>
      records
        .filter((r) => r.retainOnDelete === true)
        .map((r) => r.name)
        .sort(),
  };
}
