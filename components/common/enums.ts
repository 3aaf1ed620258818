/** Lifecycle stage of an AI asset. Stages only move forward. */
export enum Stage {
  /** Exploration; cheap, interruptible capacity. */
  Experimental = "experimental",
  /** Pre-production validation. */
  Staging = "staging",
  /** Serving real traffic; protected from deletion. */
  Production = "production",
  /** Still serving, with a planned sunset date. */
  Deprecated = "deprecated",
  /** No longer serving; artifacts archived. */
  Retired = "retired",
}

/** Sensitivity of the data an asset sees. */
export enum DataClassification {
  /** Public data. */
  Public = "public",
  /** Internal data. */
  Internal = "internal",
  /** Confidential data; private networking by default. */
  Confidential = "confidential",
  /** Restricted data; private networking by default. */
  Restricted = "restricted",
}

/** AI-risk tier (EU AI Act style). */
export enum RiskTier {
  /** Minimal risk. */
  Minimal = "minimal",
  /** Limited risk (transparency obligations). */
  Limited = "limited",
  /** High risk: 10-year retention of artifacts and evidence. */
  High = "high",
}

/** Outcome of the promotion evaluation. */
export enum EvalStatus {
  /** The evaluation passed. */
  Passed = "passed",
  /** The evaluation failed. */
  Failed = "failed",
  /** The evaluation has not finished. */
  Pending = "pending",
}
