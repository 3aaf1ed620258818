import { GovernanceMetadata, isCalendarDate } from "../../sdk";
import { Problems } from "./governance";

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
 * Checks the mandatory rules of the aigov policy pack that depend on metadata alone (governance
 * contract §3), so that a component fails before registering anything instead of at policy time:
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
  if (
    meta.containsPii === true &&
    !["confidential", "restricted"].includes(meta.dataClassification)
  ) {
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
