import { PolicyDocument, PolicyStatement, doc, serviceTrustPolicy } from "./iam-policies";

/** Everything the execution role of an endpoint's model may touch, as resolved values. */
export interface EndpointRoleScope {
  /** Partition, region and account of the endpoint (taken from its KMS key ARN). */
  partition: string;
  region: string;
  account: string;
  /** Name of the endpoint (its log group is `/aws/sagemaker/Endpoints/<name>`). */
  endpointName: string;
  /** Registry bucket ARN and the prefix of the model artifacts in it. */
  registryBucketArn?: string;
  modelPrefix: string;
  /** `s3://` URL of the model artifact, when given. */
  modelDataUrl?: string;
  /** ECR repository ARN, or the image URI to derive it from. */
  repositoryArn?: string;
  image?: string;
  /** Keys that encrypt the model artifacts. */
  decryptKeyArns: string[];
  /** Data capture destination (`s3://bucket/prefix/`) and its key, when capture is on. */
  captureS3Uri?: string;
  captureKeyArn?: string;
  /** VPC of the model, when it runs in one. */
  vpc?: { subnetIds: string[]; securityGroupIds: string[] };
}

/** Splits `s3://bucket/key` into bucket and key, or returns `undefined`. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return m ? { bucket: m[1], key: m[2] } : undefined;
}

/** The ECR repository ARN of a private ECR image URI, or `undefined` for other registries. */
export function ecrRepositoryArnFromImage(image: string, partition: string): string | undefined {
  const m = /^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image);
  return m ? `arn:${partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}` : undefined;
}

const unique = (values: (string | undefined)[]) => [
  ...new Set(values.filter((v): v is string => v !== undefined && v !== "")),
];

const s3Object = (partition: string, bucket: string, key: string) =>
  `arn:${partition}:s3:::${bucket}/${key}${key === "" || key.endsWith("/") ? "*" : ""}`;

/** `key` as a folder prefix (`""` or ending in `/`). */
const asPrefix = (key: string) => (key === "" || key.endsWith("/") ? key : `${key}/`);

/** Trust policy of the execution role: only SageMaker may assume it. */
export const sagemakerTrustPolicy = (): PolicyDocument =>
  serviceTrustPolicy("sagemaker.amazonaws.com");

/**
 * Least-privilege permissions of a model's execution role: read its own artifacts, pull its own
 * image, use its keys, write its own logs and data capture. The only `*` resources are the
 * account-level ECR token and EC2 `Describe*` calls, which have no resource-level permissions.
 */
export function endpointExecutionPolicy(s: EndpointRoleScope): PolicyDocument {
  const statements: PolicyStatement[] = [];
  const { partition, region, account } = s;
  const reads: string[] = [];
  if (s.registryBucketArn !== undefined) reads.push(`${s.registryBucketArn}/${s.modelPrefix}*`);
  const model = s.modelDataUrl !== undefined ? parseS3Uri(s.modelDataUrl) : undefined;
  if (model !== undefined) reads.push(s3Object(partition, model.bucket, model.key));
  if (reads.length > 0) {
    statements.push({
      Sid: "ReadModelArtifacts",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: unique(reads),
    });
  }
  if (s.registryBucketArn !== undefined) {
    statements.push({
      Sid: "ListModelArtifacts",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: s.registryBucketArn,
      Condition: { StringLike: { "s3:prefix": `${s.modelPrefix}*` } },
    });
  }
  const capture = s.captureS3Uri !== undefined ? parseS3Uri(s.captureS3Uri) : undefined;
  if (capture !== undefined) {
    statements.push({
      Sid: "WriteDataCapture",
      Effect: "Allow",
      Action: "s3:PutObject",
      Resource: s3Object(partition, capture.bucket, asPrefix(capture.key)),
    });
  }
  const repository =
    s.repositoryArn ??
    (s.image !== undefined ? ecrRepositoryArnFromImage(s.image, partition) : undefined);
  if (repository !== undefined) {
    statements.push(
      {
        Sid: "PullModelImage",
        Effect: "Allow",
        Action: [
          "ecr:BatchCheckLayerAvailability",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
        ],
        Resource: repository,
      },
      {
        Sid: "EcrAuthorizationToken",
        Effect: "Allow",
        Action: "ecr:GetAuthorizationToken",
        Resource: "*",
      },
    );
  }
  const decrypt = unique(s.decryptKeyArns);
  if (decrypt.length > 0) {
    statements.push({
      Sid: "DecryptModelArtifacts",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: decrypt,
    });
  }
  if (capture !== undefined && s.captureKeyArn !== undefined) {
    statements.push({
      Sid: "EncryptDataCapture",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: s.captureKeyArn,
    });
  }
  const logGroup = `arn:${partition}:logs:${region}:${account}:log-group:/aws/sagemaker/Endpoints/${s.endpointName}`;
  statements.push({
    Sid: "WriteEndpointLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: [logGroup, `${logGroup}:*`],
  });
  if (s.vpc !== undefined) {
    const ec2 = `arn:${partition}:ec2:${region}:${account}`;
    statements.push(
      {
        Sid: "DescribeNetwork",
        Effect: "Allow",
        Action: [
          "ec2:DescribeDhcpOptions",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSubnets",
          "ec2:DescribeVpcs",
        ],
        Resource: "*",
      },
      {
        Sid: "ManageEndpointNetworkInterfaces",
        Effect: "Allow",
        Action: [
          "ec2:CreateNetworkInterface",
          "ec2:CreateNetworkInterfacePermission",
          "ec2:DeleteNetworkInterface",
          "ec2:DeleteNetworkInterfacePermission",
        ],
        Resource: [
          `${ec2}:network-interface/*`,
          ...s.vpc.subnetIds.map((id) => `${ec2}:subnet/${id}`),
          ...s.vpc.securityGroupIds.map((id) => `${ec2}:security-group/${id}`),
        ],
      },
    );
  }
  return doc(statements);
}
