import { TYPES, UNKNOWN, asArray, at } from "aigov/sdk";
import { noConfig } from "../lib/config";
import { stackPolicy } from "../lib/policy";
import { Node, S3_BUCKETS, StackIndex, bucketsWithSidecar, stageOf } from "../lib/stack";

const SWITCHES = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
];
const KMS = ["aws:kms", "aws:kms:dsse"];

/** `true`/`false` for a known value, `undefined` (benefit of the doubt) for an unknown one. */
const test = (value: unknown, ok: (v: unknown) => boolean) =>
  value === UNKNOWN ? undefined : ok(value);
const all = (results: (boolean | undefined)[]) =>
  results.includes(false) ? false : results.includes(undefined) ? undefined : true;

function s3Problems(stack: StackIndex, ai: Node[]): Map<Node, string[]> {
  const blocked = bucketsWithSidecar(stack, [TYPES.s3PublicAccessBlock], (n) =>
    all(SWITCHES.map((k) => test(at(n.props, k), (v) => v === true))),
  );
  const versioned = bucketsWithSidecar(stack, [TYPES.s3Versioning, TYPES.s3VersioningV2], (n) =>
    test(at(n.props, "versioningConfiguration", "status"), (v) => v === "Enabled"),
  );
  const encrypted = bucketsWithSidecar(stack, [TYPES.s3Encryption, TYPES.s3EncryptionV2], (n) => {
    const rules = asArray(at(n.props, "rules"));
    if (rules === UNKNOWN) return undefined;
    const kms = (rules ?? []).map((r) =>
      test(at(r, "applyServerSideEncryptionByDefault", "sseAlgorithm"), (v) =>
        KMS.includes(v as string),
      ),
    );
    return kms.includes(true) ? true : kms.includes(undefined) ? undefined : false;
  });
  const problems = new Map<Node, string[]>();
  for (const b of ai) {
    const list: string[] = [];
    if (!blocked.has(b)) {
      list.push(
        `it has no aws.s3.BucketPublicAccessBlock with \`${SWITCHES.join("`, `")}\` all true: add one for this bucket`,
      );
    }
    const inlineVersioning = test(at(b.props, "versioning", "enabled"), (v) => v === true);
    if (!versioned.has(b) && inlineVersioning === false) {
      list.push(
        'versioning is not enabled: add an aws.s3.BucketVersioning with `versioningConfiguration.status: "Enabled"`',
      );
    }
    const inlineSse = at(
      b.props,
      "serverSideEncryptionConfiguration",
      "rule",
      "applyServerSideEncryptionByDefault",
      "sseAlgorithm",
    );
    if (!encrypted.has(b) && test(inlineSse, (v) => KMS.includes(v as string)) === false) {
      list.push(
        'it is not encrypted with KMS: add an aws.s3.BucketServerSideEncryptionConfiguration with `sseAlgorithm: "aws:kms"`',
      );
    }
    problems.set(b, list);
  }
  return problems;
}

function gcsProblems(b: Node): string[] {
  const list: string[] = [];
  if (test(at(b.props, "uniformBucketLevelAccess"), (v) => v === true) === false) {
    list.push("uniform bucket-level access is off: set `uniformBucketLevelAccess: true`");
  }
  if (test(at(b.props, "publicAccessPrevention"), (v) => v === "enforced") === false) {
    list.push('public access prevention is not enforced: set `publicAccessPrevention: "enforced"`');
  }
  // GCS does not allow versioning on buckets with a retention policy (which protects objects itself).
  const retention = at(b.props, "retentionPolicy");
  const versioned = test(at(b.props, "versioning", "enabled"), (v) => v === true);
  if (versioned === false && (retention === undefined || retention === null)) {
    list.push("versioning is not enabled: set `versioning.enabled: true`");
  }
  return list;
}

/** `aigov-artifact-store-protection`: AI artifact buckets are private, versioned and encrypted. */
export const artifactStoreProtection = stackPolicy({
  name: "aigov-artifact-store-protection",
  description:
    "AI artifact buckets must protect the models and data they hold: S3 buckets need a public-access block with all four switches on, versioning `Enabled` and SSE with `aws:kms`; GCS buckets need uniform bucket-level access, `publicAccessPrevention=enforced` and versioning; and no production bucket may set `forceDestroy`.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Create AI artifact buckets with the aigov registry component, which adds the public-access block, versioning and KMS encryption; on raw buckets add the S3 sidecar resources or GCS settings that the message names, and remove `forceDestroy` from production buckets.",
  config: noConfig,
  validate(stack, _cfg, report) {
    const s3 = stack.ofType(...S3_BUCKETS).filter((n) => stack.isGoverned(n));
    const problems = s3Problems(stack, s3);
    for (const b of stack.ofType(TYPES.gcsBucket)) {
      if (stack.isGoverned(b)) problems.set(b, gcsProblems(b));
    }
    for (const [b, list] of problems) {
      if (stageOf(stack, b) === "production" && at(b.props, "forceDestroy") === true) {
        list.push(
          "it sets `forceDestroy: true` in `production`: remove `forceDestroy` so that the artifacts survive a deletion",
        );
      }
      for (const problem of list)
        report(b.urn, `${b.what} \`${b.name}\` holds AI artifacts but ${problem}.`);
    }
  },
});
