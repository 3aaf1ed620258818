import { policies } from "../../policy-packs/aigov/policies";
import { Diagnostic, ResourceSpec, analyze, analyzeStack } from "../policy-pack/harness";
import { RecordedResource } from "./pulumi-mocks";

/**
 * A recorded resource as the engine sends it to the pack: its inputs (and id) as props, with its
 * URN, parent, dependencies and property dependencies, so that the stack policies find bucket
 * sidecars, endpoint configurations and scaling targets the way they do in a real preview.
 */
export function packSpec(r: RecordedResource): ResourceSpec {
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    parent: r.parent,
    props: { ...r.inputs, id: r.id },
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
  };
}

/** Runs the stack policies of the aigov pack over `resources` (components included). */
export function stackDiagnostics(resources: RecordedResource[]): Promise<Diagnostic[]> {
  return analyzeStack(policies, resources.map(packSpec));
}

/**
 * Runs every policy of the aigov pack as the engine would on a stack of `resources`: the resource
 * policies on each resource that is not an aigov component, then the stack policies.
 */
export async function runPack(resources: RecordedResource[]): Promise<Diagnostic[]> {
  const custom = resources.filter((r) => !r.type.startsWith("aigov:"));
  const diagnostics: Diagnostic[] = [];
  for (const r of custom) diagnostics.push(...(await analyze(policies, packSpec(r))));
  diagnostics.push(...(await stackDiagnostics(resources)));
  return diagnostics;
}
