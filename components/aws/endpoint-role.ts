import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsInferenceEndpointArgs } from "./endpoint-args";
import { EndpointPlan } from "./endpoint-defaults";
import { endpointExecutionPolicy, sagemakerTrustPolicy } from "./endpoint-policies";
import { parseArn } from "./iam-policies";

/** What the execution role of an endpoint is scoped to. */
export interface RoleInputs {
  name: string;
  component: string;
  args: AwsInferenceEndpointArgs;
  plan: EndpointPlan;
  kmsKeyArn: pulumi.Output<string>;
  captureUri?: pulumi.Output<string>;
  captureKeyArn: pulumi.Output<string>;
  tags: Record<string, string>;
  parent: pulumi.Resource;
}

const opt = (v: pulumi.Input<string> | undefined) =>
  pulumi.output(v) as pulumi.Output<string | undefined>;

/**
 * Creates the least-privilege execution role and its inline policy. The partition and account
 * come from the role's ARN and the region from the endpoint's KMS key, so no lookups are needed.
 */
export function createExecutionRole(r: RoleInputs): {
  roleArn: pulumi.Output<string>;
  ready: pulumi.Resource[];
} {
  const { args, plan } = r;
  const registry = args.registry ?? {};
  const role = new aws.iam.Role(
    `${r.name}-execution-role`,
    {
      namePrefix: plan.roleNamePrefix,
      description: `SageMaker execution role of endpoint ${plan.endpointName} (aigov)`,
      assumeRolePolicy: JSON.stringify(sagemakerTrustPolicy()),
      tags: r.tags,
    },
    { parent: r.parent },
  );
  const vpc =
    args.vpc === undefined
      ? pulumi.output(undefined)
      : pulumi.all([pulumi.all(args.vpc.subnetIds), pulumi.all(args.vpc.securityGroupIds)]);
  const capture = pulumi.all([opt(r.captureUri), r.captureKeyArn]);
  const registryRefs = pulumi.all([
    opt(registry.bucketArn),
    opt(registry.kmsKeyArn),
    opt(registry.repositoryArn),
  ]);
  const model = pulumi.all([opt(args.image), opt(args.modelDataUrl)]);
  const policy = pulumi
    .all([role.arn, r.kmsKeyArn, registryRefs, model, capture, vpc])
    .apply(
      ([
        roleArn,
        keyArn,
        [bucketArn, registryKeyArn, repositoryArn],
        [image, modelDataUrl],
        [captureUri, captureKeyArn],
        network,
      ]) => {
        const account = parseArn(roleArn);
        const region = parseArn(keyArn)?.region;
        if (account === undefined || !region) {
          throw new Error(
            `${r.component} "${r.name}": kmsKeyArn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got ${keyArn}`,
          );
        }
        return JSON.stringify(
          endpointExecutionPolicy({
            partition: account.partition,
            region,
            account: account.account,
            endpointName: plan.endpointName,
            registryBucketArn: bucketArn,
            modelPrefix: plan.modelPrefix,
            modelDataUrl,
            repositoryArn,
            image,
            decryptKeyArns: [registryKeyArn ?? keyArn],
            captureS3Uri: captureUri,
            captureKeyArn: captureUri === undefined ? undefined : captureKeyArn,
            vpc:
              network === undefined
                ? undefined
                : { subnetIds: network[0], securityGroupIds: network[1] },
          }),
        );
      },
    );
  const rolePolicy = new aws.iam.RolePolicy(
    `${r.name}-execution-policy`,
    { role: role.id, policy },
    { parent: r.parent },
  );
  return { roleArn: role.arn, ready: [rolePolicy] };
}
