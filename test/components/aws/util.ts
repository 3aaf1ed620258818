import * as pulumi from "@pulumi/pulumi";
import { RecordedResource } from "../../helpers/pulumi-mocks";
import { PolicyDocument } from "../../../components/aws/iam-policies";

/** Parent name and options of each child, recorded by a legacy transformation. */
export interface ChildRecord {
  type: string;
  name: string;
  parent: string | undefined;
  retainOnDelete: boolean | undefined;
}

/**
 * A transformation (it propagates to every descendant) that records each child's parent name
 * and `retainOnDelete`, because the mock monitor does not see them.
 */
export function childRecorder(): {
  children: ChildRecord[];
  transformations: pulumi.ResourceTransformation[];
  parentOf(name: string): string | undefined;
  retained(): string[];
} {
  const children: ChildRecord[] = [];
  const transformations: pulumi.ResourceTransformation[] = [
    (args) => {
      const parent = args.opts.parent as (pulumi.Resource & { __name?: string }) | undefined;
      children.push({
        type: args.type,
        name: args.name,
        parent: parent?.__name,
        retainOnDelete: args.opts.retainOnDelete,
      });
      return undefined;
    },
  ];
  return {
    children,
    transformations,
    parentOf: (name) => {
      const found = children.find((c) => c.name === name);
      if (!found) throw new Error(`no child named ${name}`);
      return found.parent;
    },
    retained: () =>
      children
        .filter((c) => c.retainOnDelete === true)
        .map((c) => c.name)
        .sort(),
  };
}

/** Calls `fn` and returns what it threw; fails the test when it does not throw. */
export function thrownBy(fn: () => unknown): pulumi.InputPropertiesError {
  try {
    fn();
  } catch (e) {
    if (!pulumi.InputPropertiesError.isInstance(e)) throw e;
    return e;
  }
  throw new Error("expected an InputPropertiesError, nothing was thrown");
}

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

/**
 * Asserts that `fn` throws exactly `expected`: the same message (`toThrow`) and the same list of
 * property errors, in order.
 */
export function expectInputError(fn: () => unknown, expected: pulumi.InputPropertiesError): void {
  expect(fn).toThrow(expected);
  expect(thrownBy(fn).errors).toEqual(expected.errors);
}

/** The error a component throws for `errors`. */
export function inputError(
  component: string,
  name: string,
  errors: pulumi.InputPropertyErrorDetails[],
): pulumi.InputPropertiesError {
  return new pulumi.InputPropertiesError({
    message: `Invalid arguments for ${component} "${name}"`,
    errors,
  });
}
