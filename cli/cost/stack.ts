import { type GraphResource, type Obj, StackGraph } from "../../sdk/resources";
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
 * The stack graph (sdk) of the resources the program registered or a state file holds, as the
 * policy pack sees them: a custom resource's outputs (the provider's view: `tagsAll`, auto-names,
 * outputs such as Vertex `deployedModels`), else its inputs; a component's registered outputs;
 * each resource's provider inputs. Resources read with `get` (external) are not the stack's.
 */
export function stackGraph(resources: readonly StackResource[]): StackGraph<StackResource> {
  const managed = resources.filter((r) => !r.external);
  const byUrn = new Map(managed.map((r) => [r.urn, r]));
  return new StackGraph(managed, (resource): GraphResource => {
    const source =
      resource.custom && Object.keys(resource.outputs).length > 0
        ? resource.outputs
        : resource.inputs;
    const ref = resource.provider;
    const provider = ref ? byUrn.get(parseProviderReference(ref).urn) : undefined;
    return {
      type: resource.type,
      urn: resource.urn,
      name: resource.name,
      parent: resource.parent,
      custom: resource.custom,
      props: plainValue(source) as Obj,
      ...(resource.custom ? {} : { componentOutputs: plainValue(resource.outputs) as Obj }),
      ...(provider
        ? { provider: { type: provider.type, props: plainValue(provider.inputs) as Obj } }
        : {}),
      dependencies: resource.dependencies,
      propertyDependencies: resource.propertyDependencies,
    };
  });
}
