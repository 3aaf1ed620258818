import {
  budgetActionPolicy,
  budgetTopicKeyPolicy,
  budgetTopicPolicy,
  denyEndpointsPolicy,
} from "../../../components/aws/budget-policies";
import {
  EndpointRoleScope,
  ecrRepositoryArnFromImage,
  endpointExecutionPolicy,
  parseS3Uri,
} from "../../../components/aws/endpoint-policies";
import {
  artifactBucketPolicy,
  modelPackageGroupReadPolicy,
  parseArn,
  registryKeyPolicy,
  repositoryPullPolicy,
} from "../../../components/aws/iam-policies";
import { allowed } from "./util";

const BUCKET = "arn:aws:s3:::risk-ml-fraud-scorer-20260101";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/k1";

describe("ARN and URI helpers", () => {
  test.each([
    [
      "arn:aws:kms:eu-west-1:123456789012:key/k1",
      {
        partition: "aws",
        service: "kms",
        region: "eu-west-1",
        account: "123456789012",
        resource: "key/k1",
      },
    ],
    [
      "arn:aws-cn:s3:::bucket",
      { partition: "aws-cn", service: "s3", region: "", account: "", resource: "bucket" },
    ],
    ["1234abcd-12ab", undefined],
  ])("parseArn(%s)", (arn, expected) => expect(parseArn(arn)).toEqual(expected));

  test.each([
    ["s3://b/models/m.tar.gz", { bucket: "b", key: "models/m.tar.gz" }],
    ["s3://b", { bucket: "b", key: "" }],
    ["https://b.s3.amazonaws.com/x", undefined],
  ])("parseS3Uri(%s)", (uri, expected) => expect(parseS3Uri(uri)).toEqual(expected));

  test.each([
    [
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/model:1.2",
      "arn:aws:ecr:eu-west-1:123456789012:repository/team/model",
    ],
    [
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/model@sha256:abc",
      "arn:aws:ecr:eu-west-1:123456789012:repository/model",
    ],
    [
      "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1",
      "arn:aws:ecr:us-east-1:763104351884:repository/pytorch-inference",
    ],
    ["docker.io/library/nginx:1", undefined],
  ])("ecrRepositoryArnFromImage(%s)", (image, expected) =>
    expect(ecrRepositoryArnFromImage(image, "aws")).toBe(expected),
  );
});

describe("registry policies", () => {
  test("the bucket denies requests without TLS 1.2 and grants nothing by default", () => {
    expect(artifactBucketPolicy(BUCKET, [])).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [BUCKET, `${BUCKET}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Sid: "DenyOutdatedTls",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [BUCKET, `${BUCKET}/*`],
          Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        },
      ],
    });
  });

  test("consumer accounts may only read the model artifacts", () => {
    const policy = artifactBucketPolicy(BUCKET, ["111122223333"]);
    expect(policy.Statement.slice(2)).toEqual([
      {
        Sid: "ConsumerAccountsReadModels",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::111122223333:root"] },
        Action: "s3:GetObject",
        Resource: `${BUCKET}/models/*`,
      },
      {
        Sid: "ConsumerAccountsListModels",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::111122223333:root"] },
        Action: "s3:ListBucket",
        Resource: BUCKET,
        Condition: { StringLike: { "s3:prefix": "models/*" } },
      },
    ]);
  });

  test("the group policy is read-only and scoped to the group's versions", () => {
    const policy = modelPackageGroupReadPolicy(
      "arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/risk-ml-fraud-scorer",
      "risk-ml-fraud-scorer",
      ["111122223333", "444455556666"],
    );
    const consumers = ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"];
    expect(policy.Statement).toEqual([
      {
        Sid: "ConsumerAccountsDescribeGroup",
        Effect: "Allow",
        Principal: { AWS: consumers },
        Action: "sagemaker:DescribeModelPackageGroup",
        Resource:
          "arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/risk-ml-fraud-scorer",
      },
      {
        Sid: "ConsumerAccountsReadVersions",
        Effect: "Allow",
        Principal: { AWS: consumers },
        Action: ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"],
        Resource: "arn:aws:sagemaker:eu-west-1:123456789012:model-package/risk-ml-fraud-scorer/*",
      },
    ]);
    for (const action of allowed(policy).actions)
      expect(action).toMatch(/^sagemaker:(Describe|List)/);
  });

  test("the key policy keeps the account in charge and lets consumers decrypt only", () => {
    expect(registryKeyPolicy("aws", "123456789012", ["111122223333"]).Statement).toEqual([
      {
        Sid: "AccountAdministersKey",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "ConsumerAccountsDecrypt",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::111122223333:root"] },
        Action: ["kms:Decrypt", "kms:DescribeKey"],
        Resource: "*",
      },
    ]);
  });

  test("consumers may pull images and nothing else", () => {
    expect(repositoryPullPolicy("aws", ["111122223333"]).Statement).toEqual([
      {
        Sid: "ConsumerAccountsPull",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::111122223333:root"] },
        Action: [
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
          "ecr:BatchCheckLayerAvailability",
        ],
      },
    ]);
  });
});

describe("endpointExecutionPolicy", () => {
  const scope: EndpointRoleScope = {
    partition: "aws",
    region: "eu-west-1",
    account: "123456789012",
    endpointName: "risk-ml-fraud-api-prod",
    registryBucketArn: BUCKET,
    modelPrefix: "models/",
    repositoryArn: "arn:aws:ecr:eu-west-1:123456789012:repository/risk-ml-fraud-scorer",
    decryptKeyArns: [KEY],
    captureS3Uri: "s3://risk-ml-fraud-scorer-20260101/data-capture/fraud-api/",
    captureKeyArn: KEY,
  };
  const logGroup =
    "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/sagemaker/Endpoints/risk-ml-fraud-api-prod";

  test("reads its prefix, pulls its image, writes its capture and logs", () => {
    expect(endpointExecutionPolicy(scope).Statement).toEqual([
      {
        Sid: "ReadModelArtifacts",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: [`${BUCKET}/models/*`],
      },
      {
        Sid: "ListModelArtifacts",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: BUCKET,
        Condition: { StringLike: { "s3:prefix": "models/*" } },
      },
      {
        Sid: "WriteDataCapture",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `${BUCKET}/data-capture/fraud-api/*`,
      },
      {
        Sid: "PullModelImage",
        Effect: "Allow",
        Action: [
          "ecr:BatchCheckLayerAvailability",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
        ],
        Resource: "arn:aws:ecr:eu-west-1:123456789012:repository/risk-ml-fraud-scorer",
      },
      {
        Sid: "EcrAuthorizationToken",
        Effect: "Allow",
        Action: "ecr:GetAuthorizationToken",
        Resource: "*",
      },
      { Sid: "DecryptModelArtifacts", Effect: "Allow", Action: "kms:Decrypt", Resource: [KEY] },
      {
        Sid: "EncryptDataCapture",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: KEY,
      },
      {
        Sid: "WriteEndpointLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [logGroup, `${logGroup}:*`],
      },
    ]);
  });

  test("without a registry it reads exactly the model object and derives the repository", () => {
    const policy = endpointExecutionPolicy({
      ...scope,
      registryBucketArn: undefined,
      repositoryArn: undefined,
      captureS3Uri: undefined,
      modelDataUrl: "s3://other/fraud/model.tar.gz",
      image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/serving:3",
    });
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      "ReadModelArtifacts",
      "PullModelImage",
      "EcrAuthorizationToken",
      "DecryptModelArtifacts",
      "WriteEndpointLogs",
    ]);
    expect(policy.Statement[0].Resource).toEqual(["arn:aws:s3:::other/fraud/model.tar.gz"]);
    expect(policy.Statement[1].Resource).toBe(
      "arn:aws:ecr:eu-west-1:123456789012:repository/serving",
    );
  });

  test("a VPC model may manage network interfaces in its own subnets and groups only", () => {
    const policy = endpointExecutionPolicy({
      ...scope,
      vpc: { subnetIds: ["subnet-1", "subnet-2"], securityGroupIds: ["sg-1"] },
    });
    expect(policy.Statement.slice(-2)).toEqual([
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
          "arn:aws:ec2:eu-west-1:123456789012:network-interface/*",
          "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-1",
          "arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-2",
          "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1",
        ],
      },
    ]);
  });

  test("no wildcard action, and `*` only on the resources without resource-level permissions", () => {
    const policy = endpointExecutionPolicy({
      ...scope,
      vpc: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] },
    });
    const { actions } = allowed(policy);
    for (const action of actions) expect(action).not.toMatch(/\*/);
    const starred = policy.Statement.filter((s) => [s.Resource].flat().includes("*"));
    expect(starred.map((s) => s.Sid)).toEqual(["EcrAuthorizationToken", "DescribeNetwork"]);
    for (const s of policy.Statement) {
      for (const r of [s.Resource].flat()) {
        if (typeof r === "string" && (r.startsWith("arn:aws:s3") || r.startsWith("arn:aws:kms"))) {
          expect(r === "*" || r.endsWith(":*")).toBe(false);
        }
      }
    }
  });
});

describe("budget policies", () => {
  test("the topic accepts messages from AWS Budgets of this account only", () => {
    const topic = "arn:aws:sns:us-east-1:123456789012:t";
    expect(budgetTopicPolicy(topic, "aws", "123456789012")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "BudgetsPublish",
          Effect: "Allow",
          Principal: { Service: "budgets.amazonaws.com" },
          Action: "sns:Publish",
          Resource: topic,
          Condition: {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": "arn:aws:budgets::123456789012:*" },
          },
        },
      ],
    });
  });

  test("the topic key lets AWS Budgets encrypt for this account", () => {
    expect(budgetTopicKeyPolicy("aws", "123456789012").Statement[1]).toEqual({
      Sid: "BudgetsEncryptNotifications",
      Effect: "Allow",
      Principal: { Service: "budgets.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
    });
  });

  test("the deny policy denies creating and updating endpoints", () => {
    expect(denyEndpointsPolicy().Statement).toEqual([
      {
        Sid: "AigovBudgetDeniesEndpoints",
        Effect: "Deny",
        Action: ["sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint"],
        Resource: "*",
      },
    ]);
  });

  test("the action role attaches only the deny policy, only to the named targets", () => {
    const deny = "arn:aws:iam::123456789012:policy/deny";
    expect(
      budgetActionPolicy("aws", "123456789012", deny, {
        roleNames: ["deployer"],
        groupNames: [],
        userNames: ["ci"],
      }).Statement,
    ).toEqual([
      {
        Sid: "AttachDenyPolicyToRoles",
        Effect: "Allow",
        Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
        Resource: ["arn:aws:iam::123456789012:role/deployer"],
        Condition: { ArnEquals: { "iam:PolicyARN": deny } },
      },
      {
        Sid: "AttachDenyPolicyToUsers",
        Effect: "Allow",
        Action: ["iam:AttachUserPolicy", "iam:DetachUserPolicy"],
        Resource: ["arn:aws:iam::123456789012:user/ci"],
        Condition: { ArnEquals: { "iam:PolicyARN": deny } },
      },
    ]);
  });
});
