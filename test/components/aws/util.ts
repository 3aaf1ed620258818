import { RecordedResource } from "../../helpers/pulumi-mocks";
import { AwsArchivalRulesArgs, AwsArchiveStorageClass } from "../../../components/aws";
import { PolicyDocument } from "../../../components/aws/iam-policies";

/** Archival rules with a Deep Archive move and a scoped rule for evaluation evidence. */
export const EVIDENCE_RULES: AwsArchivalRulesArgs = {
  deepArchiveAfterDays: 365,
  scopedRules: [
    {
      id: "evaluation-evidence",
      prefix: "evidence/",
      storageClass: AwsArchiveStorageClass.DeepArchive,
      transitionAfterDays: 30,
    },
  ],
};

/** Resource types whose args have `tags`. */
export const TAGGABLE_TYPES = new Set([
  "aws:kms/key:Key",
  "aws:s3/bucket:Bucket",
  "aws:ecr/repository:Repository",
  "aws:sagemaker/modelPackageGroup:ModelPackageGroup",
  "aws:sagemaker/modelCard:ModelCard",
  "aws:sagemaker/model:Model",
  "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
  "aws:sagemaker/endpoint:Endpoint",
  "aws:iam/role:Role",
  "aws:iam/policy:Policy",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:appautoscaling/target:Target",
  "aws:budgets/budget:Budget",
  "aws:budgets/budgetAction:BudgetAction",
  "aws:sns/topic:Topic",
  "aws:costexplorer/anomalyMonitor:AnomalyMonitor",
  "aws:costexplorer/anomalySubscription:AnomalySubscription",
]);

/** The taggable resources among `resources`. */
export function taggable(resources: RecordedResource[]): RecordedResource[] {
  return resources.filter((r) => TAGGABLE_TYPES.has(r.type));
}

/** Parses a JSON policy input. */
export function policyOf(resource: RecordedResource, field = "policy"): PolicyDocument {
  return JSON.parse(resource.inputs[field]) as PolicyDocument;
}

/** Every Allow statement's actions and resources as flat lists. */
export function allowed(policy: PolicyDocument): { actions: string[]; resources: string[] } {
  const actions: string[] = [];
  const resources: string[] = [];
  for (const s of policy.Statement) {
    if (s.Effect !== "Allow") continue;
    actions.push(...[s.Action].flat());
    if (s.Resource !== undefined) resources.push(...[s.Resource].flat());
  }
  return { actions, resources };
}
