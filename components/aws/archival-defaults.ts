import { GovernanceMetadata } from "../../sdk";
import { AwsArchivalRulesArgs, AwsScopedArchivalRuleArgs } from "./archival-args";

/** Artifacts of `high` risk-tier assets are kept at least this long (EU AI Act, 10 years). */
export const HIGH_RISK_RETENTION_DAYS = 3650;

/** The object tag that marks retired artifacts for immediate deep archival. */
export const RETIRED_OBJECT_TAG = { key: "aigov:stage", value: "retired" } as const;

/** Defaults of {@link AwsArchivalRulesArgs} (before the risk-tier and stage adjustments). */
export const ARCHIVAL_DEFAULTS = {
  glacierInstantRetrievalAfterDays: 90,
  deepArchiveAfterDays: 0,
  expireAfterDays: 0,
  noncurrentArchiveAfterDays: 30,
  noncurrentExpireAfterDays: 365,
  noncurrentVersionsToKeep: 3,
  abortIncompleteUploadsAfterDays: 7,
  archiveRetiredObjects: true,
  keepTaggedImages: 30,
  expireUntaggedImagesAfterDays: 7,
} as const;

/** Archival rules with every default applied; `undefined` day counts mean "off". */
export interface ResolvedArchivalRules {
  glacierInstantRetrievalAfterDays?: number;
  deepArchiveAfterDays?: number;
  expireAfterDays?: number;
  noncurrentArchiveAfterDays?: number;
  noncurrentExpireAfterDays: number;
  noncurrentVersionsToKeep: number;
  abortIncompleteUploadsAfterDays: number;
  archiveRetiredObjects: boolean;
  scopedRules: AwsScopedArchivalRuleArgs[];
  /** Tagged images kept by count; `undefined` when they expire by age. */
  keepTaggedImages?: number;
  /** Age in days after which tagged images expire (high risk tier). */
  taggedImageMaxAgeDays?: number;
  expireUntaggedImagesAfterDays: number;
}

const onOrOff = (days: number) => (days > 0 ? days : undefined);

/**
 * Applies the defaults. `high` risk tier raises the default noncurrent expiry to 10 years and
 * expires tagged images by age instead of count; a `retired` asset moves current objects to Deep
 * Archive at once. Explicit values are kept as given (validation rejects unsafe ones).
 */
export function resolveArchivalRules(
  args: AwsArchivalRulesArgs | undefined,
  metadata: Pick<GovernanceMetadata, "riskTier" | "stage">,
): ResolvedArchivalRules {
  const a = args ?? {};
  const highRisk = metadata.riskTier === "high";
  const retired = metadata.stage === "retired";
  // 0 turns a move off; a retired asset moves every current object to Deep Archive at once.
  const deep =
    a.deepArchiveAfterDays !== undefined
      ? onOrOff(a.deepArchiveAfterDays)
      : retired
        ? 0
        : undefined;
  const glacierIr =
    a.glacierInstantRetrievalAfterDays !== undefined
      ? onOrOff(a.glacierInstantRetrievalAfterDays)
      : retired
        ? undefined
        : ARCHIVAL_DEFAULTS.glacierInstantRetrievalAfterDays;
  return {
    glacierInstantRetrievalAfterDays: glacierIr,
    deepArchiveAfterDays: deep,
    expireAfterDays: onOrOff(a.expireAfterDays ?? ARCHIVAL_DEFAULTS.expireAfterDays),
    noncurrentArchiveAfterDays: onOrOff(
      a.noncurrentArchiveAfterDays ?? ARCHIVAL_DEFAULTS.noncurrentArchiveAfterDays,
    ),
    noncurrentExpireAfterDays:
      a.noncurrentExpireAfterDays ??
      (highRisk ? HIGH_RISK_RETENTION_DAYS : ARCHIVAL_DEFAULTS.noncurrentExpireAfterDays),
    noncurrentVersionsToKeep:
      a.noncurrentVersionsToKeep ?? ARCHIVAL_DEFAULTS.noncurrentVersionsToKeep,
    abortIncompleteUploadsAfterDays:
      a.abortIncompleteUploadsAfterDays ?? ARCHIVAL_DEFAULTS.abortIncompleteUploadsAfterDays,
    archiveRetiredObjects: a.archiveRetiredObjects ?? ARCHIVAL_DEFAULTS.archiveRetiredObjects,
    scopedRules: a.scopedRules ?? [],
    keepTaggedImages: highRisk
      ? undefined
      : (a.keepTaggedImages ?? ARCHIVAL_DEFAULTS.keepTaggedImages),
    taggedImageMaxAgeDays: highRisk ? HIGH_RISK_RETENTION_DAYS : undefined,
    expireUntaggedImagesAfterDays:
      a.expireUntaggedImagesAfterDays ?? ARCHIVAL_DEFAULTS.expireUntaggedImagesAfterDays,
  };
}
