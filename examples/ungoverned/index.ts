// A SageMaker serving stack as teams write it by hand, without the aigov components: the platform
// team's provider tags some governance keys (one of them wrongly), the rest is left out, and the
// bucket, endpoint configuration and endpoint use the provider defaults. `aigov check` rejects it;
// README.md walks through every violation and what fixes it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

// Tags on every resource of this provider (AWS `defaultTags`): owner, team and classification are
// right, the cost center does not match the finance pattern (`FIN-1234`).
const provider = new aws.Provider("tagged", {
  region: "eu-west-1",
  defaultTags: {
    tags: {
      "aigov:owner": "jane.doe@example.com",
      "aigov:team": "risk-ml",
      "aigov:cost-center": "fin1234",
      "aigov:data-classification": "confidential",
    },
  },
});
const opts = { provider };
const assetTags = { "aigov:asset-id": "fraud-scorer", "aigov:stage": "production" };

// Model artifacts: without a stage, and neither versioned, encrypted with a customer key, nor
// archived.
const artifacts = new aws.s3.Bucket(
  "model-artifacts",
  { tags: { "aigov:asset-id": "fraud-scorer" } },
  opts,
);

const role = new aws.iam.Role(
  "sagemaker-execution",
  {
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Principal: { Service: "sagemaker.amazonaws.com" },
        },
      ],
    }),
    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"],
  },
  opts,
);

// A production model without a model card, evaluation or training-data license, with network
// access.
const model = new aws.sagemaker.Model(
  "fraud-model",
  {
    executionRoleArn: role.arn,
    primaryContainer: {
      image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fraud-scorer:1.4.0",
      modelDataUrl: pulumi.interpolate`s3://${artifacts.bucket}/fraud-scorer/1.4.0/model.tar.gz`,
    },
    tags: assetTags,
  },
  opts,
);

// One instance, no customer-managed key.
const endpointConfig = new aws.sagemaker.EndpointConfiguration(
  "fraud-config",
  {
    productionVariants: [
      {
        variantName: "AllTraffic",
        modelName: model.name,
        instanceType: "ml.c5.xlarge",
        initialInstanceCount: 1,
      },
    ],
    tags: assetTags,
  },
  opts,
);

// No autoscaling, and no budget for the team anywhere in the stack.
const endpoint = new aws.sagemaker.Endpoint(
  "fraud-endpoint",
  { endpointConfigName: endpointConfig.name, tags: assetTags },
  opts,
);

export const endpointName = endpoint.name;
