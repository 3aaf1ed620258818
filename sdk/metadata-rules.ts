/**
 * The metadata rules of the pack's mandatory resource policies (docs/contract.md §2–§3), as
 * one pure function: the policies, the components on every cloud and the template all render what
 * {@link judgeMetadata} returns, so they cannot disagree.
 */
import { K8S_LABEL_KEYS } from "./encodings/k8s";
import {
  DEFAULT_REQUIRED_KEYS,
  FIELD_OF_KEY,
  DataClassification,
  METADATA_KEYS,
  MetadataKey,
  isCalendarDate,
} from "./metadata";
import { RuleScope } from "./resources/classify";
import { MetadataValues } from "./resources/metadata";
import { UNKNOWN } from "./resources/unknown";
import {
  ValueEncoding,
  checkMetadataValue,
  listValueIncludes,
  listValueItems,
  listValueOnlyFrom,
} from "./values";

/** The mandatory resource policies that judge metadata alone, in catalog order. */
export const METADATA_RULE_POLICIES = [
  "aigov-required-metadata",
  "aigov-metadata-values",
  "aigov-production-model-card",
  "aigov-production-evaluation",
  "aigov-training-data-license",
  "aigov-pii-safeguards",
  "aigov-lifecycle-state",
] as const;
/** One of {@link METADATA_RULE_POLICIES}. */
export type MetadataRulePolicy = (typeof METADATA_RULE_POLICIES)[number];

/** "Sensitive data": the classifications that need safeguards (PII, network isolation). */
export const SENSITIVE_CLASSIFICATIONS: readonly DataClassification[] = [
  "confidential",
  "restricted",
];

/** True when `classification` is one of {@link SENSITIVE_CLASSIFICATIONS}. */
export function isSensitiveClassification(classification: string | undefined): boolean {
  return (SENSITIVE_CLASSIFICATIONS as readonly string[]).includes(classification ?? "");
}

/** What is wrong, per {@link MetadataProblem}. */
export type MetadataProblemCode =
  /** A key a rule needs is absent (required keys, model card, evaluation, license, sunset date). */
  | "missing"
  /** A Kubernetes pod template lacks the label of a required label-safe key. */
  | "template-label-missing"
  /** The value does not have the key's format (`expected` says which). */
  | "invalid"
  /** `eval-status` is set but not `passed` in `production`. */
  | "not-passed"
  /** `eval-benchmarks` lacks benchmarks of `requiredBenchmarks` (`items`). */
  | "missing-benchmarks"
  /** `training-data-license` names denied licenses (`items`). */
  | "denied-license"
  /** `training-data-license` names licenses outside `allowedLicenses` (`items` when readable). */
  | "license-not-allowed"
  /** `contains-pii=true` but `data-classification` is not sensitive (`value`, absent when missing). */
  | "not-sensitive"
  /** The sunset date (`value`) has passed but the asset is still `stage`. */
  | "sunset-passed"
  /** A `retired` asset has a serving resource. */
  | "retired-serving";

/** One problem with an asset's metadata: which key to fix, which policy says so, and the facts. */
export interface MetadataProblem {
  /** The policy whose rule fails. */
  policy: MetadataRulePolicy;
  /** The key to set or fix. */
  key: MetadataKey;
  /** What is wrong. */
  code: MetadataProblemCode;
  /** The value as found (in the resource's encoding), when the key is set. */
  value?: string;
  /** `invalid`: what the format expects, e.g. "expected an https:// URL". */
  expected?: string;
  /** Benchmarks or licenses the problem is about. */
  items?: string[];
  /** `sunset-passed`: the stage the asset is still in. */
  stage?: string;
}

/** A value a rule needed but that is not known yet (during a preview). */
export interface UnknownMetadata {
  /** The key. */
  key: MetadataKey;
  /** `value`: the key's value is unknown; `map`: the whole tag/label map may hold it; `template`: the pod template labels. */
  where: "value" | "map" | "template";
}

/** What {@link judgeMetadata} found. */
export interface MetadataJudgement {
  /** Every problem, in the order of {@link METADATA_RULE_POLICIES}. */
  problems: MetadataProblem[];
  /** Values that rules needed but could not know. */
  unknown: UnknownMetadata[];
}

/** The metadata to judge, as read from a resource or written by a component. */
export interface JudgedMetadata {
  /** Values by key in their on-resource form; {@link UNKNOWN} when not known yet. */
  values: MetadataValues;
  /** False when the map is (partly) unknown, so that keys that look absent may be set. */
  complete: boolean;
  /** Encoding of the values; default `verbatim`. */
  encoding?: ValueEncoding;
  /** Kubernetes workloads: the `aigov.dev/` labels of the pod template. */
  template?: { values: MetadataValues; complete: boolean };
}

/** The config of the policies, with the pack's defaults when left out. */
export interface MetadataRuleConfig {
  /** `aigov-required-metadata` `requiredKeys`; default {@link DEFAULT_REQUIRED_KEYS}. */
  requiredKeys?: readonly MetadataKey[];
  /** `aigov-metadata-values` `costCenterPattern`; default the contract's. */
  costCenterPattern?: string;
  /** `aigov-production-evaluation` `requiredBenchmarks`; default none. */
  requiredBenchmarks?: readonly string[];
  /** `aigov-training-data-license` `deniedLicenses`; default `["unknown"]`. */
  deniedLicenses?: readonly string[];
  /** `aigov-training-data-license` `allowedLicenses`; default any. */
  allowedLicenses?: readonly string[];
  /** Today as `YYYY-MM-DD` (UTC); default the current day. */
  today?: string;
  /** Only the rules of these policies; default all of {@link METADATA_RULE_POLICIES}. */
  policies?: readonly MetadataRulePolicy[];
}

/** Today as `YYYY-MM-DD` (UTC). */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

type Values = { values: MetadataValues; complete: boolean };

/** Reads values for the rules, recording the ones that are needed but unknown. */
class Reader {
  readonly problems: MetadataProblem[] = [];
  readonly unknown: UnknownMetadata[] = [];

  constructor(readonly meta: JudgedMetadata) {}

  /** `present`, `absent`, or `unknown` when the map could still hold the key. */
  state(key: MetadataKey, of: Values = this.meta): "present" | "absent" | "unknown" {
    if (of.values[key] !== undefined) return "present";
    return of.complete ? "absent" : "unknown";
  }

  /** The known value of `key`, else `undefined` (an unknown value is recorded). */
  known(key: MetadataKey): string | undefined {
    const v = this.meta.values[key];
    if (typeof v === "string") return v;
    if (v === UNKNOWN || !this.meta.complete) this.needs(key, "value");
    return undefined;
  }

  needs(key: MetadataKey, where: UnknownMetadata["where"]): void {
    if (!this.unknown.some((u) => u.key === key && u.where === where)) {
      this.unknown.push({ key, where });
    }
  }

  add(problem: MetadataProblem): void {
    this.problems.push(problem);
  }
}

type Rule = (r: Reader, scope: RuleScope, config: MetadataRuleConfig) => void;

const RULES: Record<MetadataRulePolicy, Rule> = {
  "aigov-required-metadata"(r, _scope, config) {
    const policy = "aigov-required-metadata";
    const template = r.meta.template;
    for (const key of config.requiredKeys ?? DEFAULT_REQUIRED_KEYS) {
      const state = r.state(key);
      if (state === "unknown") r.needs(key, "map");
      if (state === "absent") {
        r.add({ policy, key, code: "missing" });
      } else if (template && K8S_LABEL_KEYS.includes(key)) {
        const t = r.state(key, template);
        if (t === "unknown") r.needs(key, "template");
        if (t === "absent") r.add({ policy, key, code: "template-label-missing" });
      }
    }
  },

  "aigov-metadata-values"(r, _scope, config) {
    const options = { encoding: r.meta.encoding, costCenterPattern: config.costCenterPattern };
    for (const key of METADATA_KEYS) {
      const value = r.meta.values[key];
      if (typeof value !== "string") {
        if (value !== undefined) r.needs(key, "value");
        continue;
      }
      const expected = checkMetadataValue(key, value, options);
      if (expected)
        r.add({ policy: "aigov-metadata-values", key, code: "invalid", value, expected });
    }
  },

  "aigov-production-model-card"(r, scope) {
    if (!scope.deployable || r.known("stage") !== "production") return;
    const key = "model-card";
    const state = r.state(key);
    if (state === "unknown") r.needs(key, "value");
    if (state === "absent") r.add({ policy: "aigov-production-model-card", key, code: "missing" });
  },

  "aigov-production-evaluation"(r, scope, config) {
    if (!scope.deployable || r.known("stage") !== "production") return;
    const policy = "aigov-production-evaluation";
    if (r.state("eval-status") === "absent") {
      r.add({ policy, key: "eval-status", code: "missing" });
    } else {
      const status = r.known("eval-status");
      if (status !== undefined && status !== "passed") {
        r.add({ policy, key: "eval-status", code: "not-passed", value: status });
      }
    }
    const required = config.requiredBenchmarks ?? [];
    if (required.length === 0) return;
    const key = "eval-benchmarks";
    const benchmarks = r.state(key) === "absent" ? "" : r.known(key);
    if (benchmarks === undefined) return;
    const encoding = r.meta.encoding ?? "verbatim";
    const missing = required.filter((b) => !listValueIncludes(benchmarks, b, encoding));
    if (missing.length > 0) {
      r.add({
        policy,
        key,
        code: "missing-benchmarks",
        items: missing,
        ...(benchmarks === "" ? {} : { value: benchmarks }),
      });
    }
  },

  "aigov-training-data-license"(r, scope, config) {
    if (!scope.model) return;
    const policy = "aigov-training-data-license";
    const key = "training-data-license";
    if (r.state(key) === "absent") {
      r.add({ policy, key, code: "missing" });
      return;
    }
    const value = r.known(key);
    if (value === undefined) return;
    const encoding = r.meta.encoding ?? "verbatim";
    const denied = (config.deniedLicenses ?? ["unknown"]).filter((id) =>
      listValueIncludes(value, id, encoding),
    );
    if (denied.length > 0) r.add({ policy, key, code: "denied-license", value, items: denied });
    const allowed = config.allowedLicenses;
    if (allowed && !listValueOnlyFrom(value, allowed, encoding)) {
      const outside = listValueItems(value, encoding)?.filter((id) => !allowed.includes(id));
      r.add({
        policy,
        key,
        code: "license-not-allowed",
        value,
        ...(outside && { items: outside }),
      });
    }
  },

  "aigov-pii-safeguards"(r) {
    if (r.known("contains-pii") !== "true") return;
    const key = "data-classification";
    const classification = r.known(key);
    if (
      r.state(key) === "absent" ||
      (classification !== undefined && !isSensitiveClassification(classification))
    ) {
      r.add({
        policy: "aigov-pii-safeguards",
        key,
        code: "not-sensitive",
        ...(classification === undefined ? {} : { value: classification }),
      });
    }
  },

  "aigov-lifecycle-state"(r, scope, config) {
    const policy = "aigov-lifecycle-state";
    const stage = r.known("stage");
    if (stage === "retired" && scope.serving) {
      r.add({ policy, key: "stage", code: "retired-serving", value: stage });
    }
    const key = "sunset-date";
    if (stage === "deprecated" && r.state(key) === "absent") {
      r.add({ policy, key, code: "missing" });
      return;
    }
    const sunset = r.known(key);
    if (sunset === undefined || stage === undefined || stage === "retired") return;
    if (!isCalendarDate(sunset)) {
      if (stage === "deprecated") {
        const expected = checkMetadataValue(key, sunset, { encoding: r.meta.encoding });
        r.add({ policy, key, code: "invalid", value: sunset, expected });
      }
    } else if (sunset < (config.today ?? todayUtc())) {
      r.add({ policy, key, code: "sunset-passed", value: sunset, stage });
    }
  },
};

/**
 * Judges an asset's metadata as the pack's mandatory metadata policies do (docs/contract.md §2), for a
 * resource of `scope`: required keys, value formats, the production model card and evaluation,
 * the training-data license, PII safeguards and the lifecycle state.
 */
export function judgeMetadata(
  meta: JudgedMetadata,
  scope: RuleScope,
  config: MetadataRuleConfig = {},
): MetadataJudgement {
  const reader = new Reader(meta);
  for (const policy of config.policies ?? METADATA_RULE_POLICIES) {
    RULES[policy](reader, scope, config);
  }
  return { problems: reader.problems, unknown: reader.unknown };
}

const quoteAll = (items: readonly string[]) => items.map((i) => `\`${i}\``).join(", ");
const given = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));

/**
 * The reason of a problem in the words of component args and stack config (camelCase fields,
 * `aigov:defaults`), ending with the policy id: what components and the template report.
 * `value` is the value as the user gave it (a list stays a list).
 */
export function describeMetadataProblem(p: MetadataProblem, value?: unknown): string {
  const field = FIELD_OF_KEY[p.key];
  const why = (() => {
    switch (p.code) {
      case "missing":
        if (p.policy === "aigov-production-model-card")
          return "required in `production`: set the https:// URL of the model card";
        if (p.policy === "aigov-production-evaluation")
          return "must be `passed` in `production`, got nothing: run the promotion evaluation first";
        if (p.policy === "aigov-training-data-license")
          return "required on model resources: list the SPDX ids of the training data licenses";
        if (p.policy === "aigov-lifecycle-state")
          return "required for stage `deprecated`: set the planned retirement day as YYYY-MM-DD";
        return `required: set \`${field}\` here or in the stack config \`aigov:defaults\``;
      case "template-label-missing":
        return `required on the pod template: set \`${field}\``;
      case "invalid":
        return p.policy === "aigov-lifecycle-state"
          ? `the sunset day of a \`deprecated\` asset must be a date as YYYY-MM-DD, got ${given(value)}`
          : `${p.expected}, got ${given(value)}`;
      case "not-passed":
        return `must be \`passed\` in \`production\`, got ${given(value)}`;
      case "missing-benchmarks":
        return `must include the benchmark(s) ${quoteAll(p.items ?? [])} in \`production\``;
      case "denied-license":
        return `${quoteAll(p.items ?? [])} ${(p.items ?? []).length === 1 ? "is" : "are"} denied: name the licenses of the training data`;
      case "license-not-allowed":
        return `licenses outside \`allowedLicenses\`${p.items ? ` (${quoteAll(p.items)})` : ""}`;
      case "not-sensitive":
        return `assets with \`containsPii: true\` must be ${SENSITIVE_CLASSIFICATIONS.map((c) => `\`${c}\``).join(" or ")}, got ${given(value)}`;
      case "sunset-passed":
        return `the sunset date ${p.value} has passed: retire the asset or move the date`;
      case "retired-serving":
        return "retired assets must not have serving resources: remove this component";
    }
  })();
  return `${why} (${p.policy})`;
}
