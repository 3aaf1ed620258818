import { Policies } from "@pulumi/policy";
import { archivalRule } from "./archival-rule";
import { artifactStoreProtection } from "./artifact-store-protection";
import { budgetCoverage } from "./budget-coverage";
import { budgetHeadroom } from "./budget-headroom";
import { encryptionAtRest } from "./encryption-at-rest";
import { endpointAutoscaling } from "./endpoint-autoscaling";
import { instanceAllowlist } from "./instance-allowlist";
import { lifecycleState } from "./lifecycle-state";
import { metadataValues } from "./metadata-values";
import { networkIsolation } from "./network-isolation";
import { notebookHardening } from "./notebook-hardening";
import { orphanedEndpoint } from "./orphaned-endpoint";
import { piiSafeguards } from "./pii-safeguards";
import { productionEvaluation } from "./production-evaluation";
import { productionHighAvailability } from "./production-high-availability";
import { productionModelCard } from "./production-model-card";
import { requiredMetadata } from "./required-metadata";
import { spotForNonProduction } from "./spot-for-non-production";
import { trainingDataLicense } from "./training-data-license";

export {
  archivalRule,
  artifactStoreProtection,
  budgetCoverage,
  budgetHeadroom,
  encryptionAtRest,
  endpointAutoscaling,
  instanceAllowlist,
  lifecycleState,
  metadataValues,
  networkIsolation,
  notebookHardening,
  orphanedEndpoint,
  piiSafeguards,
  productionEvaluation,
  productionHighAvailability,
  productionModelCard,
  requiredMetadata,
  spotForNonProduction,
  trainingDataLicense,
};

/** The policies of the `aigov` pack, in the order of the catalog of docs/contract.md (§3). */
export const policies: Policies = [
  requiredMetadata,
  metadataValues,
  productionModelCard,
  productionEvaluation,
  trainingDataLicense,
  piiSafeguards,
  encryptionAtRest,
  networkIsolation,
  productionHighAvailability,
  instanceAllowlist,
  spotForNonProduction,
  lifecycleState,
  notebookHardening,
  artifactStoreProtection,
  archivalRule,
  endpointAutoscaling,
  budgetCoverage,
  budgetHeadroom,
  orphanedEndpoint,
];
