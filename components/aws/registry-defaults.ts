import { GovernanceMetadata, Stage, fitName, metadataToStrings } from "../../sdk";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import { AwsModelCardArgs } from "./registry-args";

/** Longest `bucketPrefix` S3 accepts (the provider appends a 26-character unique suffix). */
export const BUCKET_PREFIX_MAX = 37;

/** Physical names of a registry's children. */
export interface RegistryNames {
  modelPackageGroup: string;
  modelCard: string;
  repository: string;
  bucketPrefix: string;
}

/**
 * Names of a registry's children: `<team>-<assetId>` fitted to each service. The stage is left
 * out on purpose: promoting a registry must not rename (and so replace) its group, bucket or
 * repository. The bucket gets a unique suffix from the provider (`bucketPrefix`), because S3
 * names are global.
 */
export function registryNames(
  metadata: Pick<GovernanceMetadata, "team" | "assetId">,
  groupName?: string,
): RegistryNames {
  const base = `${metadata.team}-${metadata.assetId}`;
  const prefix = fitName(base, "s3")
    .slice(0, BUCKET_PREFIX_MAX - 1)
    .replace(/[^a-z0-9]+$/, "");
  return {
    modelPackageGroup: groupName ?? fitName(base, "sagemaker"),
    modelCard: fitName(`${base}-card`, "sagemaker"),
    repository: fitName(base, "ecr"),
    bucketPrefix: `${prefix}-`,
  };
}

/** SageMaker model card status of each stage. */
export const MODEL_CARD_STATUS: Readonly<Record<Stage, string>> = {
  experimental: "Draft",
  staging: "PendingReview",
  production: "Approved",
  deprecated: "Approved",
  retired: "Archived",
};

/** SageMaker `risk_rating` of each risk tier. */
const RISK_RATING = { high: "High", limited: "Medium", minimal: "Low" } as const;

/** The generated model card content (SageMaker model card JSON schema). */
export function modelCardContent(
  metadata: GovernanceMetadata,
  card: AwsModelCardArgs,
): Record<string, unknown> {
  const overview: Record<string, string> = {
    model_owner: metadata.owner,
    model_creator: metadata.team,
  };
  if (card.description !== undefined) overview.model_description = card.description;
  const uses: Record<string, string> = {
    risk_rating: metadata.riskTier === undefined ? "Unknown" : RISK_RATING[metadata.riskTier],
  };
  if (card.intendedUses !== undefined) uses.intended_uses = card.intendedUses;
  const custom = Object.fromEntries(
    Object.entries(metadataToStrings(metadata)).map(([k, v]) => [`aigov:${k}`, v]),
  );
  return {
    model_overview: overview,
    intended_uses: uses,
    additional_information: { custom_details: custom },
  };
}

/** The card content to send: the caller's JSON as given, else the generated content. */
export function modelCardJson(metadata: GovernanceMetadata, card: AwsModelCardArgs): string {
  return card.contentJson ?? JSON.stringify(modelCardContent(metadata, card));
}

/** Typed metadata back in the shape of the metadata args (the enum values are the same strings). */
export function toMetadataArgs(metadata: GovernanceMetadata): GovernanceMetadataArgs {
  return { ...metadata } as unknown as GovernanceMetadataArgs;
}
