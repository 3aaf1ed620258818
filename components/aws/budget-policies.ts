import {
  PolicyDocument,
  PolicyStatement,
  accountAdministersKey,
  doc,
  serviceTrustPolicy,
} from "./iam-policies";

const BUDGETS = "budgets.amazonaws.com";

/** The IAM actions a budget action may deny: creating and updating SageMaker endpoints. */
export const DENIED_ENDPOINT_ACTIONS = ["sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint"];

/**
 * Key policy of the budget topics' key: the account administers it (in a key policy `*` means this
 * key) and AWS Budgets may encrypt messages for this account only.
 */
export function budgetTopicKeyPolicy(partition: string, accountId: string): PolicyDocument {
  return doc([
    accountAdministersKey(partition, accountId),
    {
      Sid: "BudgetsEncryptNotifications",
      Effect: "Allow",
      Principal: { Service: BUDGETS },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

/** Topic policy: only AWS Budgets of this account may publish. */
export function budgetTopicPolicy(
  topicArn: string,
  partition: string,
  accountId: string,
): PolicyDocument {
  return doc([
    {
      Sid: "BudgetsPublish",
      Effect: "Allow",
      Principal: { Service: BUDGETS },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: {
        StringEquals: { "aws:SourceAccount": accountId },
        ArnLike: { "aws:SourceArn": `arn:${partition}:budgets::${accountId}:*` },
      },
    },
  ]);
}

/** The policy a budget action attaches: deny new and updated SageMaker endpoints. */
export function denyEndpointsPolicy(): PolicyDocument {
  return doc([
    {
      Sid: "AigovBudgetDeniesEndpoints",
      Effect: "Deny",
      Action: DENIED_ENDPOINT_ACTIONS,
      Resource: "*",
    },
  ]);
}

/** Trust policy of the budget action role: only AWS Budgets of this account may assume it. */
export const budgetActionTrustPolicy = (accountId: string) =>
  serviceTrustPolicy(BUDGETS, accountId);

/** Who gets the deny policy, by IAM name. */
export interface EnforcementTargets {
  roleNames: string[];
  groupNames: string[];
  userNames: string[];
}

/** Permissions of the budget action role: attach and detach exactly the deny policy, to exactly the targets. */
export function budgetActionPolicy(
  partition: string,
  accountId: string,
  denyPolicyArn: string,
  targets: EnforcementTargets,
): PolicyDocument {
  const iam = `arn:${partition}:iam::${accountId}`;
  const onlyDenyPolicy = { ArnEquals: { "iam:PolicyARN": denyPolicyArn } };
  const kinds = [
    ["Role", "role", targets.roleNames],
    ["Group", "group", targets.groupNames],
    ["User", "user", targets.userNames],
  ] as const;
  const statements: PolicyStatement[] = [];
  for (const [kind, path, names] of kinds) {
    if (names.length === 0) continue;
    statements.push({
      Sid: `AttachDenyPolicyTo${kind}s`,
      Effect: "Allow",
      Action: [`iam:Attach${kind}Policy`, `iam:Detach${kind}Policy`],
      Resource: names.map((n) => `${iam}:${path}/${n}`),
      Condition: onlyDenyPolicy,
    });
  }
  return doc(statements);
}
