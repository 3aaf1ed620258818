import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Problems } from "../common/governance";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import { AwsArchivalRulesArgs } from "./archival-args";
import { resolveArchivalRules } from "./archival-defaults";
import { bucketLifecycleRules, ecrLifecyclePolicy } from "./archival-rules";
import { archivalIssues } from "./archival-validate";
import { addIssues, resolveAwsGovernance } from "./governance";
import { COMPONENT_RULE_SCOPES } from "../common/rule-scopes";

/** Arguments of {@link AwsArchivalPolicy}. */
export interface AwsArchivalPolicyArgs {
  /** Governance metadata of the asset whose artifacts the rules cover; fields left out come from `aigov:defaults`. */
  metadata?: GovernanceMetadataArgs;
  /** Name of the S3 bucket to archive. Its one lifecycle configuration is created here, so the bucket must have no other. */
  bucketName?: pulumi.Input<string>;
  /** Name of the ECR repository whose images expire by these rules (its one lifecycle policy is created here). */
  repositoryName?: pulumi.Input<string>;
  /** The archival rules; every field has a default. */
  rules?: AwsArchivalRulesArgs;
}

/**
 * Auto-archival of an AI asset's artifacts: one merged S3 lifecycle configuration for a bucket and
 * an image lifecycle policy for an ECR repository. Works on buckets and repositories created
 * elsewhere; `AwsModelRegistry` uses it for its own.
 */
export class AwsArchivalPolicy extends pulumi.ComponentResource {
  /** Ids of the lifecycle rules on the bucket (empty without a bucket). */
  public readonly bucketRuleIds: pulumi.Output<string[]>;
  /** The ECR lifecycle policy document as JSON (only with a repository). */
  public readonly repositoryLifecyclePolicy?: pulumi.Output<string>;

  constructor(name: string, args: AwsArchivalPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = new Problems();
    const { metadata } = resolveAwsGovernance(
      args.metadata,
      undefined,
      problems,
      COMPONENT_RULE_SCOPES.AwsArchivalPolicy,
    );
    if (args.bucketName === undefined && args.repositoryName === undefined) {
      problems.add("bucketName", "set `bucketName` and/or `repositoryName`: nothing to archive");
    }
    if (metadata !== undefined) addIssues(problems, archivalIssues(args.rules, metadata, "rules"));
    problems.throwIfAny("AwsArchivalPolicy", name);
    const rules = resolveArchivalRules(args.rules, metadata!);

    super("aigov:index:AwsArchivalPolicy", name, {}, opts);
    // Children are not told about the dependencies and retention of their parent, so pass them on.
    const childOpts: pulumi.CustomResourceOptions = {
      parent: this,
      dependsOn: opts?.dependsOn,
      retainOnDelete: opts?.retainOnDelete,
    };

    let ruleIds: string[] = [];
    if (args.bucketName !== undefined) {
      const lifecycleRules = bucketLifecycleRules(rules);
      ruleIds = lifecycleRules.map((r) => r.id);
      new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        { bucket: args.bucketName, rules: lifecycleRules },
        childOpts,
      );
    }
    if (args.repositoryName !== undefined) {
      const policyJson = JSON.stringify(ecrLifecyclePolicy(rules));
      new aws.ecr.LifecyclePolicy(
        `${name}-image-lifecycle`,
        { repository: args.repositoryName, policy: policyJson },
        childOpts,
      );
      this.repositoryLifecyclePolicy = pulumi.output(policyJson);
    }

    this.bucketRuleIds = pulumi.output(ruleIds);
    this.registerOutputs({
      bucketRuleIds: this.bucketRuleIds,
      repositoryLifecyclePolicy: this.repositoryLifecyclePolicy,
    });
  }
}
