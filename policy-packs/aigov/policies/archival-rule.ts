import { TYPES, UNKNOWN, asArray, asString, at } from "aigov/sdk";
import { noConfig } from "../lib/config";
import { stackPolicy } from "../lib/policy";
import { Node, S3_BUCKETS, StackIndex, bucketsWithSidecar } from "../lib/stack";

const ACTIONS = [
  "transitions",
  "expiration",
  "noncurrentVersionTransitions",
  "noncurrentVersionExpiration",
];

/** True when `value` is a non-empty array or an object with a set field. */
function isSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === "object" && value !== null && Object.values(value).some((v) => v != null);
}

/** `true`/`false`, or `undefined` when the rules are not known yet (no violation then). */
function archives(rules: unknown, enabled: (rule: unknown) => unknown): boolean | undefined {
  const list = asArray(rules);
  if (list === UNKNOWN) return undefined;
  return (list ?? []).some((r) => {
    const on = enabled(r);
    return (
      (on === UNKNOWN || on === true) &&
      ACTIONS.some((a) => at(r, a) === UNKNOWN || isSet(at(r, a)))
    );
  });
}

/** `true` when a non-empty list (or unknown) is at `path`. */
const hasList = (node: Node, path: string) => {
  const list = asArray(at(node.props, path));
  return list === UNKNOWN || (list !== undefined && list.length > 0);
};

function ecrWithPolicy(stack: StackIndex): Set<Node> {
  const covered = new Set<Node>();
  for (const policy of stack.ofType(TYPES.ecrLifecyclePolicy)) {
    const repos = stack.refs(policy, "repository", [TYPES.ecrRepository], {
      id: "ecr-repository",
      value: asString(at(policy.props, "repository")),
      key: (n) => asString(at(n.props, "name")),
    });
    for (const r of repos) covered.add(r);
  }
  return covered;
}

/** `aigov-archival-rule`: AI artifact stores archive or expire old artifacts. */
export const archivalRule = stackPolicy({
  name: "aigov-archival-rule",
  description:
    "AI artifact stores must archive or expire old artifacts so that storage cost does not grow without bound: every AI S3 bucket has a lifecycle configuration with an enabled rule that transitions or expires objects or noncurrent versions, AI GCS buckets have lifecycle rules, AI ECR repositories have a lifecycle policy and AI Artifact Registry repositories have cleanup policies.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Use the aigov archival component, or add one aws.s3.BucketLifecycleConfiguration per S3 bucket (a bucket takes only one) with transition/expiration rules, `lifecycleRules` on GCS buckets, an aws.ecr.LifecyclePolicy per ECR repository and `cleanupPolicies` on Artifact Registry repositories.",
  config: noConfig,
  validate(stack, _cfg, report) {
    const lifecycle = bucketsWithSidecar(stack, [TYPES.s3Lifecycle, TYPES.s3LifecycleV2], (n) =>
      archives(at(n.props, "rules"), (r) =>
        at(r, "status") === UNKNOWN ? UNKNOWN : at(r, "status") === "Enabled",
      ),
    );
    const ecr = ecrWithPolicy(stack);
    const governed = (types: string[]) => stack.ofType(...types).filter((n) => stack.isGoverned(n));
    for (const b of governed(S3_BUCKETS)) {
      if (
        lifecycle.has(b) ||
        archives(at(b.props, "lifecycleRules"), (r) => at(r, "enabled")) !== false
      )
        continue;
      report(
        b.urn,
        `${b.what} \`${b.name}\` holds AI artifacts but has no lifecycle rule that archives or expires them: add an aws.s3.BucketLifecycleConfiguration for this bucket with an \`Enabled\` rule that sets \`transitions\`, \`expiration\`, \`noncurrentVersionTransitions\` or \`noncurrentVersionExpiration\`.`,
      );
    }
    for (const b of governed([TYPES.gcsBucket])) {
      if (hasList(b, "lifecycleRules")) continue;
      report(
        b.urn,
        `${b.what} \`${b.name}\` holds AI artifacts but has no lifecycle rules: set \`lifecycleRules\` (e.g. \`SetStorageClass\` to \`ARCHIVE\` after 90 days, \`Delete\` for old noncurrent versions).`,
      );
    }
    for (const r of governed([TYPES.ecrRepository])) {
      if (ecr.has(r)) continue;
      report(
        r.urn,
        `${r.what} \`${r.name}\` holds AI images but has no lifecycle policy: add an aws.ecr.LifecyclePolicy for this repository that expires or archives old images.`,
      );
    }
    for (const r of governed([TYPES.artifactRegistryRepository])) {
      if (hasList(r, "cleanupPolicies")) continue;
      report(
        r.urn,
        `${r.what} \`${r.name}\` holds AI artifacts but has no cleanup policies: set \`cleanupPolicies\` that delete old versions (keep the recent ones with a \`KEEP\` policy).`,
      );
    }
  },
});
