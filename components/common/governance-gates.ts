import { AigovStackConfig, GovernanceMetadata, RuleScope } from "../../sdk";
import { Problems, readStackConfig, resolveMetadata } from "./governance";
import { GovernanceMetadataArgs } from "./metadata-args";

/** Options of {@link validateGovernedComponent}. */
export interface GovernedComponentOptions {
  /** Which metadata rules apply besides the ones for every AI resource (sdk `ruleScopeOfTypes`). */
  scope: RuleScope;
  /** Checks the component's own args; `meta` is undefined when the metadata has problems. */
  validateArgs(meta: GovernanceMetadata | undefined, problems: Problems): void;
}

/**
 * Validates what a governed component is given before it registers anything: its metadata merged
 * over `aigov:defaults` and judged as the pack's mandatory metadata policies judge it, then its own
 * args. Throws every problem at once as one `InputPropertiesError`; returns the metadata and the
 * stack config otherwise.
 */
export function validateGovernedComponent(
  component: string,
  name: string,
  metadata: GovernanceMetadataArgs | undefined,
  options: GovernedComponentOptions,
): { meta: GovernanceMetadata; config: AigovStackConfig } {
  const config = readStackConfig();
  const problems = new Problems();
  const meta = resolveMetadata(metadata, config.defaults, problems, { scope: options.scope });
  options.validateArgs(meta, problems);
  problems.throwIfAny(component, name);
  if (!meta) throw new Error("unreachable: metadata problems are thrown above");
  return { meta, config };
}
