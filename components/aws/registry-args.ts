import * as pulumi from "@pulumi/pulumi";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import { AwsArchivalRulesArgs } from "./archival-args";

/** The SageMaker model card of a registry. Its status follows the stage of the registry. */
export interface AwsModelCardArgs {
  /** Description of the model family (`model_overview.model_description`). */
  description?: string;
  /** Intended uses of the model family (`intended_uses.intended_uses`). */
  intendedUses?: string;
  /** Complete card content as JSON in the SageMaker model card schema; replaces the generated content. */
  contentJson?: string;
}

/** Arguments of {@link AwsModelRegistry}. */
export interface AwsModelRegistryArgs {
  /** Governance metadata of the model family; fields left out come from `aigov:defaults`. */
  metadata?: GovernanceMetadataArgs;
  /** Extra tags for every taggable child; the aigov metadata tags win over tags of the same key. */
  tags?: { [key: string]: string };
  /** Description of the model package group. */
  description?: string;
  /** Name of the model package group; default `<team>-<assetId>`. */
  modelPackageGroupName?: string;
  /** 12-digit AWS account ids that get read-only access to the group, the model artifacts and the images. */
  consumerAccountIds?: string[];
  /** ARN of an existing KMS key for the bucket, repository and model card; default a new key with yearly rotation. */
  kmsKeyArn?: pulumi.Input<string>;
  /** Create an ECR repository for the serving images; default true. */
  createRepository?: boolean;
  /** Create a SageMaker model card with this content; default no card. */
  modelCard?: AwsModelCardArgs;
  /** Auto-archival rules of the bucket and repository; every field has a default. */
  archival?: AwsArchivalRulesArgs;
}
