import * as pulumi from "@pulumi/pulumi";

/** Stack config shared by the GCP component tests. */
export const DEFAULTS = {
  owner: "jane.doe@example.com",
  team: "risk-ml",
  costCenter: "FIN-1234",
  stage: "staging",
  dataClassification: "internal",
};

/** Project the `getProject` invoke returns. */
export const PROJECT = { number: "123456789012", projectId: "acme-ml", name: "acme-ml" };

/** Children seen by a component's transformations: `type::name` → parent's `type::name`. */
export interface ParentLog {
  /** Transformation to put in the component's options. */
  transformation: pulumi.ResourceTransformation;
  /** Parent of each child, keyed `type::name`, as `type::name` (undefined for the component itself). */
  parents: Map<string, string | undefined>;
  /** Explicit `dependsOn` of each child, keyed `type::name`, as `type::name`s. */
  dependsOn: Map<string, string[]>;
}

/** Records the parent of every resource constructed under a component. */
export function recordParents(): ParentLog {
  const parents = new Map<string, string | undefined>();
  const dependsOn = new Map<string, string[]>();
  const names = new WeakMap<pulumi.Resource, string>();
  const transformation: pulumi.ResourceTransformation = (a) => {
    const key = `${a.type}::${a.name}`;
    names.set(a.resource, key);
    parents.set(key, a.opts.parent ? names.get(a.opts.parent) : undefined);
    const deps = a.opts.dependsOn;
    const list = Array.isArray(deps) ? deps : deps ? [deps] : [];
    dependsOn.set(
      key,
      list.map((d) => names.get(d as pulumi.Resource) ?? "?"),
    );
    return undefined;
  };
  return { transformation, parents, dependsOn };
}
