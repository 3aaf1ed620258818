import { DataClassification, EvalStatus, RiskTier, Stage } from "./enums";

/**
 * Governance metadata of an AI asset (docs/contract.md §1). Fields left out are taken from the
 * stack config `aigov:defaults`; fields given here win.
 */
export interface GovernanceMetadataArgs {
  /** Stable id of the governed asset, e.g. `fraud-scorer` (`^[a-z][a-z0-9-]{1,62}$`). */
  assetId?: string;
  /** E-mail address of the accountable person. */
  owner?: string;
  /** Owning team, e.g. `risk-ml` (`^[a-z][a-z0-9-]{0,62}$`). */
  team?: string;
  /** Finance cost center, e.g. `FIN-1234`. */
  costCenter?: string;
  /** Lifecycle stage. */
  stage?: Stage;
  /** Sensitivity of the data the asset sees. */
  dataClassification?: DataClassification;
  /** AI-risk tier. */
  riskTier?: RiskTier;
  /** `https://` URL of the model card. */
  modelCard?: string;
  /** Outcome of the promotion evaluation. */
  evalStatus?: EvalStatus;
  /** Benchmarks that passed, e.g. `["accuracy", "toxicity"]`. */
  evalBenchmarks?: string[];
  /** `https://` URL of the evaluation report. */
  evalReport?: string;
  /** Licenses of the training data as lower-case SPDX ids, or `proprietary`/`unknown`. */
  trainingDataLicense?: string[];
  /** Whether the asset was trained on or sees personal data. */
  containsPii?: boolean;
  /** Planned retirement day as `YYYY-MM-DD` (required once deprecated). */
  sunsetDate?: string;
  /** `assetId` of the registry the served model comes from. */
  modelRegistry?: string;
}
