import { AigovStackConfig, GovernanceMetadata, isCalendarDate } from "../../sdk";
import { Problems, isSensitive, readStackConfig, resolveMetadata } from "./governance";
import { GovernanceMetadataArgs } from "./metadata-args";

/** Options of {@link checkGovernanceGates}. */
export interface GovernanceGateOptions {
  /** Property path of the metadata arg; default `metadata`. */
  path?: string;
  /** Whether the component creates serving resources (endpoints, AI workloads). */
  serving: boolean;
  /** Today as `YYYY-MM-DD` (UTC); default the current day. */
  today?: string;
}

/**
 * Checks the mandatory rules of the aigov policy pack that depend on metadata alone
 * (docs/contract.md §3), so that a component fails before registering anything instead of at policy time:
 * PII safeguards, lifecycle state, and for serving resources the production gates and the
 * training-data license (with the pack's default `deniedLicenses: ["unknown"]`).
 */
export function checkGovernanceGates(
  meta: GovernanceMetadata,
  problems: Problems,
  options: GovernanceGateOptions,
): void {
  const path = options.path ?? "metadata";
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (meta.containsPii === true && !isSensitive(meta)) {
    problems.add(
      `${path}.dataClassification`,
      "assets with `containsPii: true` must be `confidential` or `restricted` (aigov-pii-safeguards)",
    );
  }
  if (meta.stage === "deprecated") {
    if (meta.sunsetDate === undefined) {
      problems.add(
        `${path}.sunsetDate`,
        "required for stage `deprecated`: set the planned retirement day as YYYY-MM-DD (aigov-lifecycle-state)",
      );
    } else if (isCalendarDate(meta.sunsetDate) && meta.sunsetDate < today) {
      problems.add(
        `${path}.sunsetDate`,
        `the sunset date ${meta.sunsetDate} has passed: retire the asset or move the date (aigov-lifecycle-state)`,
      );
    }
  }
  if (!options.serving) return;
  if (meta.stage === "retired") {
    problems.add(
      `${path}.stage`,
      "retired assets must not have serving resources: remove this component (aigov-lifecycle-state)",
    );
  }
  if (meta.stage === "production") {
    if (meta.modelCard === undefined) {
      problems.add(
        `${path}.modelCard`,
        "required in `production`: set the https:// URL of the model card (aigov-production-model-card)",
      );
    }
    if (meta.evalStatus !== "passed") {
      problems.add(
        `${path}.evalStatus`,
        `must be \`passed\` in \`production\`, got ${JSON.stringify(meta.evalStatus)} (aigov-production-evaluation)`,
      );
    }
  }
  if (meta.trainingDataLicense === undefined) {
    problems.add(
      `${path}.trainingDataLicense`,
      "required on served models: list the SPDX ids of the training data licenses (aigov-training-data-license)",
    );
  } else if (meta.trainingDataLicense.includes("unknown")) {
    problems.add(
      `${path}.trainingDataLicense`,
      "`unknown` is denied: name the licenses of the training data (aigov-training-data-license)",
    );
  }
}

/** Options of {@link validateGovernedComponent}. */
export interface GovernedComponentOptions {
  /** Whether the component creates serving resources (see {@link GovernanceGateOptions}). */
  serving: boolean;
  /** Checks the component's own args; `meta` is undefined when the metadata has problems. */
  validateArgs(meta: GovernanceMetadata | undefined, problems: Problems): void;
}

/**
 * Validates what a governed component is given before it registers anything: its metadata merged
 * over `aigov:defaults`, the governance gates, then its own args. Throws every problem at once as
 * one `InputPropertiesError`; returns the metadata and the stack config otherwise.
 */
export function validateGovernedComponent(
  component: string,
  name: string,
  metadata: GovernanceMetadataArgs | undefined,
  options: GovernedComponentOptions,
): { meta: GovernanceMetadata; config: AigovStackConfig } {
  const config = readStackConfig();
  const problems = new Problems();
  const meta = resolveMetadata(metadata, config.defaults, problems);
  if (meta) checkGovernanceGates(meta, problems, { serving: options.serving });
  options.validateArgs(meta, problems);
  problems.throwIfAny(component, name);
  if (!meta) throw new Error("unreachable: metadata problems are thrown above");
  return { meta, config };
}
