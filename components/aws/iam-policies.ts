/** An IAM policy statement (resource, key, bucket or identity policy). */
export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | { AWS?: string | string[]; Service?: string | string[] };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** A policy document of `statements`. */
export const doc = (Statement: PolicyStatement[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement,
});

/** The parts of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits an ARN, or returns `undefined` when `arn` is not one. */
export function parseArn(arn: string): ArnParts | undefined {
  const m = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):([0-9]*):(.+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], service: m[2], region: m[3], account: m[4], resource: m[5] };
}

/** The IAM principal of a whole AWS account. */
export const accountRoot = (partition: string, accountId: string) =>
  `arn:${partition}:iam::${accountId}:root`;

/**
 * The key-policy statement that keeps a key manageable: the owning account administers it (in a
 * key policy `*` means this key).
 */
export function accountAdministersKey(partition: string, accountId: string): PolicyStatement {
  return {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: accountRoot(partition, accountId) },
    Action: "kms:*",
    Resource: "*",
  };
}

/** Key prefix of model artifacts in a registry bucket. */
export const MODEL_PREFIX = "models/";
/** Key prefix under which endpoints write data capture in a registry bucket. */
export const DATA_CAPTURE_PREFIX = "data-capture/";

/**
 * Policy of a registry artifact bucket: deny any request without TLS 1.2+, and (when consumer
 * accounts are given) let them read the model artifacts under `models/`.
 */
export function artifactBucketPolicy(
  bucketArn: string,
  consumerAccountIds: string[],
): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
    {
      Sid: "DenyOutdatedTls",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
    },
  ];
  if (consumerAccountIds.length > 0) {
    const partition = parseArn(bucketArn)?.partition ?? "aws";
    const AWS = consumerAccountIds.map((id) => accountRoot(partition, id));
    statements.push(
      {
        Sid: "ConsumerAccountsReadModels",
        Effect: "Allow",
        Principal: { AWS },
        Action: "s3:GetObject",
        Resource: `${bucketArn}/${MODEL_PREFIX}*`,
      },
      {
        Sid: "ConsumerAccountsListModels",
        Effect: "Allow",
        Principal: { AWS },
        Action: "s3:ListBucket",
        Resource: bucketArn,
        Condition: { StringLike: { "s3:prefix": `${MODEL_PREFIX}*` } },
      },
    );
  }
  return doc(statements);
}

/** Read-only access of consumer accounts to a model package group and its versions. */
export function modelPackageGroupReadPolicy(
  groupArn: string,
  groupName: string,
  consumerAccountIds: string[],
): PolicyDocument {
  const arn = parseArn(groupArn);
  const partition = arn?.partition ?? "aws";
  const packages = arn
    ? `arn:${arn.partition}:sagemaker:${arn.region}:${arn.account}:model-package/${groupName.toLowerCase()}/*`
    : `${groupArn}/*`;
  const AWS = consumerAccountIds.map((id) => accountRoot(partition, id));
  return doc([
    {
      Sid: "ConsumerAccountsDescribeGroup",
      Effect: "Allow",
      Principal: { AWS },
      Action: "sagemaker:DescribeModelPackageGroup",
      Resource: groupArn,
    },
    {
      Sid: "ConsumerAccountsReadVersions",
      Effect: "Allow",
      Principal: { AWS },
      Action: ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"],
      Resource: packages,
    },
  ]);
}

/**
 * Key policy of a registry key with consumer accounts: the owning account administers the key
 * (the standard statement that keeps the key manageable; in a key policy `*` means this key) and
 * consumers may only decrypt.
 */
export function registryKeyPolicy(
  partition: string,
  accountId: string,
  consumerAccountIds: string[],
): PolicyDocument {
  return doc([
    accountAdministersKey(partition, accountId),
    {
      Sid: "ConsumerAccountsDecrypt",
      Effect: "Allow",
      Principal: { AWS: consumerAccountIds.map((id) => accountRoot(partition, id)) },
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: "*",
    },
  ]);
}

/** ECR repository policy that lets consumer accounts pull images. */
export function repositoryPullPolicy(
  partition: string,
  consumerAccountIds: string[],
): PolicyDocument {
  return doc([
    {
      Sid: "ConsumerAccountsPull",
      Effect: "Allow",
      Principal: { AWS: consumerAccountIds.map((id) => accountRoot(partition, id)) },
      Action: [
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchCheckLayerAvailability",
      ],
    },
  ]);
}

/** Trust policy of a role that only the given AWS service may assume. */
export function serviceTrustPolicy(service: string, sourceAccount?: string): PolicyDocument {
  const statement: PolicyStatement = {
    Sid: "ServiceAssumesRole",
    Effect: "Allow",
    Principal: { Service: service },
    Action: "sts:AssumeRole",
  };
  if (sourceAccount !== undefined) {
    statement.Condition = { StringEquals: { "aws:SourceAccount": sourceAccount } };
  }
  return doc([statement]);
}
