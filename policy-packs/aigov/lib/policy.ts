import {
  EnforcementLevel,
  PolicyComplianceFramework,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Secret,
  Severity,
  StackValidationPolicy,
} from "@pulumi/policy";
import { z } from "zod";
import {
  MetadataKey,
  Obj,
  ProviderInfo,
  ResourceMetadata,
  UNKNOWN,
  describeType,
  metadataValue,
  readMetadata,
} from "aigov/sdk";
import { configSchema, parseConfig } from "./config";
import { keyPath } from "./messages";
import { raw, unknownValueError } from "./props";
import { deepFreeze } from "./shared-props";
import { StackIndex } from "./stack";

/** One resource under a resource policy: plain props, provider, metadata and a readable name. */
export interface Subject {
  type: string;
  urn: string;
  name: string;
  /** Readable type, e.g. `SageMaker Endpoint`. */
  what: string;
  /** Plain props (inputs); unknown values are the engine's sentinel strings. */
  props: Obj;
  provider?: ProviderInfo;
  /** Governance metadata for AWS, GCP and Kubernetes types. */
  meta?: ResourceMetadata;
  /** Remediations: the props as received, with `Secret` values kept, to build new props from. */
  original?: Obj;
}

/** Reporting for one resource: violations, and values a rule needed but could not know. */
export interface Check {
  report(message: string): void;
  /** Marks the value at `path` as needed but unknown: the engine reports "can't run … during preview". */
  unknown(path: string): void;
}

/**
 * Subjects of validations by their (shared, frozen) props: every resource policy of one `Analyze`
 * reads the same props (lib/shared-props.ts), so the metadata is read once per resource.
 */
const subjects = new WeakMap<object, Subject>();

/** Builds the {@link Subject} of a validation or remediation call (remediations see secrets revealed). */
export function subjectOf(args: ResourceValidationArgs, revealSecrets = false): Subject {
  const original = raw(args.props) ?? {};
  const providerProps = args.provider && raw(args.provider.props);
  if (revealSecrets || !Object.isFrozen(original)) {
    return buildSubject(args, original, providerProps, revealSecrets);
  }
  const hit = subjects.get(original);
  if (
    hit?.urn === args.urn &&
    hit.type === args.type &&
    hit.name === args.name &&
    hit.provider?.props === providerProps
  ) {
    return hit;
  }
  const subject = deepFreeze(buildSubject(args, original, providerProps, false));
  subjects.set(original, subject);
  return subject;
}

function buildSubject(
  args: ResourceValidationArgs,
  original: Obj,
  providerProps: Obj | undefined,
  revealSecrets: boolean,
): Subject {
  const props = revealSecrets ? reveal(original) : original;
  const provider = args.provider ? { type: args.provider.type, props: providerProps } : undefined;
  return {
    type: args.type,
    urn: args.urn,
    name: args.name,
    what: describeType(args.type),
    props,
    provider,
    meta: readMetadata(args.type, props, provider),
    ...(revealSecrets ? { original } : {}),
  };
}

/** A deep copy of remediation props with `Secret` values replaced by their plaintext. */
function reveal(value: unknown): Obj {
  const walk = (v: unknown): unknown => {
    if (v instanceof Secret) return walk(v.value);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === "object" && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as Obj;
}

interface Common<S extends z.ZodObject> {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  remediationSteps: string;
  config: S;
  severity?: Severity;
  framework?: PolicyComplianceFramework;
}

/** Defines a resource policy whose rule sees a {@link Subject} and its parsed config. */
export function resourcePolicy<S extends z.ZodObject>(
  def: Common<S> & {
    validate(s: Subject, config: z.output<S>, check: Check): void;
    remediate?(s: Subject, config: z.output<S>): Obj | undefined;
  },
): ResourceValidationPolicy {
  const { config, validate, remediate, ...rest } = def;
  const policy: ResourceValidationPolicy = {
    ...rest,
    configSchema: configSchema(config),
    validateResource: (args, reportViolation) => {
      const cfg = parseConfig(def.name, config, args.getConfig());
      const unknown: string[] = [];
      validate(subjectOf(args), cfg, {
        report: (message) => reportViolation(message, args.urn),
        unknown: (path) => unknown.push(path),
      });
      if (unknown.length > 0) throw unknownValueError(unknown[0]);
    },
  };
  if (remediate) {
    policy.remediateResource = (args) =>
      remediate(subjectOf(args, true), parseConfig(def.name, config, args.getConfig()));
  }
  return policy;
}

/** Defines a stack policy whose rule sees the stack index and reports with resource URNs. */
export function stackPolicy<S extends z.ZodObject>(
  def: Common<S> & {
    validate(
      stack: StackIndex,
      config: z.output<S>,
      /** Reports a violation on a resource, or on the stack when `urn` is `undefined`. */
      report: (urn: string | undefined, message: string) => void,
    ): void;
    /** Reads `extraResourceTypes` from the config for AI classification. */
    extraTypes?(config: z.output<S>): readonly string[];
  },
): StackValidationPolicy {
  const { config, validate, extraTypes, ...rest } = def;
  return {
    ...rest,
    configSchema: configSchema(config),
    validateStack: (args, reportViolation) => {
      const cfg = parseConfig(def.name, config, args.getConfig());
      const stack = new StackIndex(args.resources, { extraResourceTypes: extraTypes?.(cfg) });
      validate(stack, cfg, (urn, message) => reportViolation(message, urn));
    },
  };
}

/**
 * The value of `key` when it is known, else `undefined`; a value that is set (or may be set) but
 * not known yet is recorded with `check.unknown`.
 */
export function knownValue(
  meta: ResourceMetadata,
  key: MetadataKey,
  check: Check,
): string | undefined {
  const value = metadataValue(meta, key);
  if (value === UNKNOWN) {
    check.unknown(keyPath(meta, key));
    return undefined;
  }
  return value;
}
