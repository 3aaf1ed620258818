import { ROOT_STACK_TYPE } from "./urn";

/** A property bag in the Pulumi wire format (unknown sentinels, secret/asset/resource signatures). */
export type PropertyMap = Record<string, unknown>;

/** Resource options as the engine passes them to analyzers. */
export interface ResourceOptions {
  readonly protect: boolean;
  readonly ignoreChanges: readonly string[];
  readonly deleteBeforeReplace?: boolean;
  readonly additionalSecretOutputs: readonly string[];
  readonly aliases: readonly string[];
  /** Custom timeouts in seconds. */
  readonly customTimeouts: {
    readonly create: number;
    readonly update: number;
    readonly delete: number;
  };
}

/** Where the program declares a resource: the first stack frame inside the program. */
export interface SourceLocation {
  /** Absolute path of the file. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One resource of the stack, as registered by the program or read from a state file. */
export interface StackResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  id?: string;
  readonly parent?: string;
  /** Provider reference `<provider URN>::<provider id>`. */
  readonly provider?: string;
  /** Read with `Resource.get` rather than managed: not analyzed, but part of the stack. */
  readonly external: boolean;
  inputs: PropertyMap;
  outputs: PropertyMap;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly options: ResourceOptions;
  /** Where the program declares it (`aigov check`; none for default providers and state files). */
  readonly source?: SourceLocation;
}

export type ViolationLevel = "advisory" | "mandatory";

/** A policy diagnostic, as the pack sent it (the message is the policy description, "\n", the detail). */
export interface Violation {
  readonly policyPack: string;
  readonly policy: string;
  readonly enforcementLevel: ViolationLevel;
  readonly urn: string;
  readonly message: string;
}

export interface PolicySummary {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: string;
}

export interface PolicyPackSummary {
  readonly name: string;
  readonly version: string;
  readonly policies: readonly PolicySummary[];
}

/** Everything a report is made from. */
export interface AnalysisResult {
  readonly project: string;
  readonly stack: string;
  readonly resources: readonly StackResource[];
  readonly policyPacks: readonly PolicyPackSummary[];
  readonly violations: readonly Violation[];
  /** The file violations are located at in SARIF (the program's main file or the state file). */
  readonly sourceFile: string;
  /** The stack config the program ran with (`aigov check`); state files carry none. */
  readonly config?: Readonly<Record<string, string>>;
}

export const emptyOptions: ResourceOptions = {
  protect: false,
  ignoreChanges: [],
  additionalSecretOutputs: [],
  aliases: [],
  customTimeouts: { create: 0, update: 0, delete: 0 },
};

/** The URN of the stack's root resource, or "" when there is none. */
export function stackUrnOf(resources: readonly StackResource[]): string {
  return resources.find((r) => r.type === ROOT_STACK_TYPE)?.urn ?? "";
}

/**
 * The order reports and stack policies see resources in: the stack, then by URN. Registration
 * order depends on timing (policy packs answer asynchronously); this one does not.
 */
export function canonicalOrder(resources: readonly StackResource[]): StackResource[] {
  const rank = (r: StackResource) => (r.type === ROOT_STACK_TYPE ? 0 : 1);
  return [...resources].sort(
    (a, b) => rank(a) - rank(b) || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0),
  );
}
