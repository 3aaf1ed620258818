import * as pulumi from "@pulumi/pulumi";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import { AwsAnomalyFrequency, AwsBudgetApproval } from "./enums";

/** What a budget covers: exactly one of a team, a cost center or an asset (by their aigov tags). */
export interface AwsBudgetScopeArgs {
  /** Team, matched on the `aigov:team` cost allocation tag. */
  team?: string;
  /** Cost center, matched on the `aigov:cost-center` cost allocation tag. */
  costCenter?: string;
  /** Asset id, matched on the `aigov:asset-id` cost allocation tag. */
  assetId?: string;
}

/** Who hears about a budget. */
export interface AwsBudgetNotifyArgs {
  /** E-mail addresses to notify. */
  emails?: string[];
  /** ARN of an existing SNS topic to notify instead of a topic created for the budget. */
  snsTopicArn?: string;
}

/** One monthly cost budget; the same fields as an entry of the stack config `aigov:budgets`. */
export interface AwsBudgetArgs {
  /** Budget name, unique in the account (no `:` or `\`). */
  name: string;
  /** Monthly limit in USD. */
  monthlyLimitUsd: number;
  /** What the budget covers. */
  scope: AwsBudgetScopeArgs;
  /** Percentages of actual spend that notify, 1 to 1000; default 50, 80 and 100. */
  thresholdsPercent?: number[];
  /** Percentage of forecast spend that notifies, 1 to 1000; default 100. */
  forecastThresholdPercent?: number;
  /** Who hears about the budget. */
  notify?: AwsBudgetNotifyArgs;
  /** Percentage of actual spend at which new and updated SageMaker endpoints are denied. */
  denyNewEndpointsAtPercent?: number;
}

/** Who is stopped from creating SageMaker endpoints when a budget's deny threshold is crossed. */
export interface AwsBudgetEnforcementArgs {
  /** Who approves the action; default manual approval in the AWS Budgets console. */
  approval?: AwsBudgetApproval;
  /** Names of the IAM roles that get the deny policy (e.g. the team's deploy role). */
  roleNames?: string[];
  /** Names of the IAM groups that get the deny policy. */
  groupNames?: string[];
  /** Names of the IAM users that get the deny policy. */
  userNames?: string[];
}

/** Cost Anomaly Detection for each budget's scope, e-mailed to the budget's addresses. */
export interface AwsAnomalyDetectionArgs {
  /** Total impact in USD from which an anomaly is reported; default 100. */
  impactThresholdUsd?: number;
  /** How often the summary is e-mailed; default daily. */
  frequency?: AwsAnomalyFrequency;
}

/** Arguments of {@link AwsBudgetAlarm}. */
export interface AwsBudgetAlarmArgs {
  /** The budgets; default the stack config `aigov:budgets`. */
  budgets?: AwsBudgetArgs[];
  /** Governance metadata written as tags on the budgets and topics; every field is optional here. */
  metadata?: GovernanceMetadataArgs;
  /** Extra tags for every taggable child; the aigov metadata tags win over tags of the same key. */
  tags?: { [key: string]: string };
  /** 12-digit id of the account the budgets belong to; default the caller's account. */
  accountId?: pulumi.Input<string>;
  /** ARN of an existing SNS topic for every budget without its own `notify.snsTopicArn`; default one new topic per budget. */
  topicArn?: pulumi.Input<string>;
  /** Activate the aigov tag keys used by the budgets as cost allocation tags; default true. Set false in all but one stack of an account. */
  activateCostAllocationTags?: boolean;
  /** Who is denied new SageMaker endpoints at `denyNewEndpointsAtPercent`. */
  enforcement?: AwsBudgetEnforcementArgs;
  /** Cost Anomaly Detection per budget scope; default off. */
  anomalyDetection?: AwsAnomalyDetectionArgs;
}
