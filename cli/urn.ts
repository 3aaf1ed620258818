import { ROOT_STACK_TYPE } from "../sdk/resources";

export { ROOT_STACK_TYPE };
const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

export function isProviderType(type: string): boolean {
  return type.startsWith(PROVIDER_TYPE_PREFIX);
}

/** The package a provider type serves (`pulumi:providers:aws` → `aws`). */
export function providerPackage(providerType: string): string {
  return providerType.slice(PROVIDER_TYPE_PREFIX.length);
}

export function providerType(pkg: string): string {
  return PROVIDER_TYPE_PREFIX + pkg;
}

function urnParts(urn: string): string[] {
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) {
    throw new Error(`malformed URN "${urn}"`);
  }
  return parts;
}

/** Builds a URN the way the engine does: the root stack is never part of a child's type chain. */
export function makeUrn(
  stack: string,
  project: string,
  parent: string | undefined,
  type: string,
  name: string,
): string {
  let qualifiedType = type;
  if (parent) {
    const parentType = urnQualifiedType(parent);
    if (parentType !== ROOT_STACK_TYPE) {
      qualifiedType = `${parentType}$${type}`;
    }
  }
  return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

export function urnQualifiedType(urn: string): string {
  return urnParts(urn)[2];
}

export function urnName(urn: string): string {
  return urnParts(urn).slice(3).join("::");
}

/** The stack and project a URN belongs to. */
export function urnStackAndProject(urn: string): { stack: string; project: string } {
  const parts = urnParts(urn);
  return { stack: parts[0].slice("urn:pulumi:".length), project: parts[1] };
}

/** Splits a provider reference `<urn>::<id>`. */
export function parseProviderReference(ref: string): { urn: string; id: string } {
  const at = ref.lastIndexOf("::");
  if (at < 0) {
    throw new Error(`malformed provider reference "${ref}"`);
  }
  return { urn: ref.slice(0, at), id: ref.slice(at + 2) };
}
