import type {
  DataClassification,
  EvalStatus,
  GovernanceMetadataArgs,
  RiskTier,
  Stage,
} from "aigov";
import type { ModelConfig } from "./config";

/** The governance metadata of a model's registry; what is left out comes from `aigov:defaults`. */
export function registryMetadata(m: ModelConfig): GovernanceMetadataArgs {
  return {
    assetId: m.assetId,
    stage: m.stage as Stage,
    owner: m.owner,
    team: m.team,
    costCenter: m.costCenter,
    dataClassification: m.dataClassification as DataClassification | undefined,
    riskTier: m.riskTier as RiskTier | undefined,
    trainingDataLicense: m.trainingDataLicense,
    containsPii: m.containsPii,
    sunsetDate: m.sunsetDate,
  };
}

/** The asset id of a model's endpoint: `endpoint.assetId`, else `<model>-api`. */
export function endpointAssetId(m: ModelConfig): string {
  return m.endpoint?.assetId ?? `${m.assetId}-api`;
}

/** The governance metadata of a model's endpoint, which serves from the model's registry. */
export function endpointMetadata(m: ModelConfig): GovernanceMetadataArgs {
  return {
    ...registryMetadata(m),
    assetId: endpointAssetId(m),
    modelCard: m.modelCard,
    evalStatus: m.evalStatus as EvalStatus | undefined,
    evalBenchmarks: m.evalBenchmarks,
    evalReport: m.evalReport,
    modelRegistry: m.assetId,
  };
}
