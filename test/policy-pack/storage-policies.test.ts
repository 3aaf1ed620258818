import { archivalRule, artifactStoreProtection } from "../../policy-packs/aigov/policies";
import { ResourceSpec, UNKNOWN_VALUE, analyzeStack, runStack, serverMessage } from "./harness";
import { REGISTRY, arRepo, ecrStack, edit, gcsBucket, meta, s3ArtifactStack } from "./fixtures";

const P = [artifactStoreProtection, archivalRule];
const without = (stack: ResourceSpec[], suffix: string) =>
  stack.filter((r) => !r.name.endsWith(suffix));
const messages = async (...args: Parameters<typeof runStack>) =>
  (await runStack(...args)).violations.map((v) => [v.urn, v.message]);

describe("aigov-artifact-store-protection", () => {
  it("passes governed buckets linked by dependencies, by values (stack export) and when auto-named", async () => {
    for (const o of [{}, { deps: false }, { unknownNames: true }]) {
      expect(
        await analyzeStack(P, [...s3ArtifactStack(o), ...ecrStack(o), gcsBucket(), arRepo()]),
      ).toEqual([]);
    }
  });

  it("reports each missing S3 protection on the bucket URN", async () => {
    const stack = s3ArtifactStack();
    const bucket = stack[0];
    const d = await analyzeStack(
      [artifactStoreProtection],
      without(without(without(stack, "-pab"), "-versioning"), "-sse"),
    );
    expect(d.map((x) => [x.policy, x.level, x.urn])).toEqual(
      Array(3).fill(["aigov-artifact-store-protection", "mandatory", bucket.urn]),
    );
    expect(d.map((x) => x.message)).toEqual([
      serverMessage(
        artifactStoreProtection,
        "S3 Bucket `artifacts` holds AI artifacts but it has no aws.s3.BucketPublicAccessBlock with `blockPublicAcls`, `blockPublicPolicy`, `ignorePublicAcls`, `restrictPublicBuckets` all true: add one for this bucket.",
      ),
      serverMessage(
        artifactStoreProtection,
        'S3 Bucket `artifacts` holds AI artifacts but versioning is not enabled: add an aws.s3.BucketVersioning with `versioningConfiguration.status: "Enabled"`.',
      ),
      serverMessage(
        artifactStoreProtection,
        'S3 Bucket `artifacts` holds AI artifacts but it is not encrypted with KMS: add an aws.s3.BucketServerSideEncryptionConfiguration with `sseAlgorithm: "aws:kms"`.',
      ),
    ]);
  });

  it("does not let a sidecar of another bucket count, and checks every switch", async () => {
    const a = s3ArtifactStack({}, REGISTRY, "a");
    const b = without(s3ArtifactStack({}, REGISTRY, "b"), "-pab");
    expect((await messages(artifactStoreProtection, [...a, ...b])).map((m) => m[0])).toEqual([
      b[0].urn,
    ]);
    const weak = s3ArtifactStack();
    edit(weak[1], ["restrictPublicBuckets"], false);
    expect(await messages(artifactStoreProtection, weak)).toHaveLength(1);
    edit(weak[1], ["restrictPublicBuckets"], UNKNOWN_VALUE);
    expect(await messages(artifactStoreProtection, weak)).toEqual([]);
  });

  it("ignores buckets without aigov tags of their own", async () => {
    const plain = s3ArtifactStack()
      .slice(0, 1)
      .map((r) => ({ ...r, props: { bucket: "logs", tags: { Name: "logs" } } }));
    expect(await messages(artifactStoreProtection, plain)).toEqual([]);
  });

  it("reports forceDestroy on production buckets", async () => {
    const stack = s3ArtifactStack();
    edit(stack[0], ["forceDestroy"], true);
    expect(await messages(artifactStoreProtection, stack)).toEqual([
      [
        stack[0].urn,
        "S3 Bucket `artifacts` holds AI artifacts but it sets `forceDestroy: true` in `production`: remove `forceDestroy` so that the artifacts survive a deletion.",
      ],
    ]);
    const staging = s3ArtifactStack({}, meta({ stage: "staging" }));
    edit(staging[0], ["forceDestroy"], true);
    expect(await messages(artifactStoreProtection, staging)).toEqual([]);
  });

  it("reports unprotected GCS buckets, exempting versioning under a retention policy", async () => {
    const bad = gcsBucket({
      uniformBucketLevelAccess: false,
      publicAccessPrevention: "inherited",
      versioning: { enabled: false },
    });
    expect(await messages(artifactStoreProtection, [bad])).toEqual([
      [
        bad.urn,
        "Cloud Storage Bucket `gcs` holds AI artifacts but uniform bucket-level access is off: set `uniformBucketLevelAccess: true`.",
      ],
      [
        bad.urn,
        'Cloud Storage Bucket `gcs` holds AI artifacts but public access prevention is not enforced: set `publicAccessPrevention: "enforced"`.',
      ],
      [
        bad.urn,
        "Cloud Storage Bucket `gcs` holds AI artifacts but versioning is not enabled: set `versioning.enabled: true`.",
      ],
    ]);
    const evidence = gcsBucket({
      versioning: undefined,
      retentionPolicy: { retentionPeriod: "315360000", isLocked: true },
    });
    edit(evidence, ["versioning"], undefined);
    expect(await messages(artifactStoreProtection, [evidence])).toEqual([]);
  });
});

describe("aigov-archival-rule", () => {
  it("reports an AI S3 bucket without a lifecycle configuration, and a disabled rule", async () => {
    const stack = without(s3ArtifactStack(), "-lifecycle");
    expect(await analyzeStack([archivalRule], stack)).toEqual([
      {
        policy: "aigov-archival-rule",
        level: "mandatory",
        urn: stack[0].urn,
        message: serverMessage(
          archivalRule,
          "S3 Bucket `artifacts` holds AI artifacts but has no lifecycle rule that archives or expires them: add an aws.s3.BucketLifecycleConfiguration for this bucket with an `Enabled` rule that sets `transitions`, `expiration`, `noncurrentVersionTransitions` or `noncurrentVersionExpiration`.",
        ),
      },
    ]);
    const disabled = s3ArtifactStack();
    edit(disabled[4], ["rules", 0, "status"], "Disabled");
    expect(await messages(archivalRule, disabled)).toHaveLength(1);
    const abortOnly = s3ArtifactStack();
    edit(
      abortOnly[4],
      ["rules"],
      [{ id: "x", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }],
    );
    expect(await messages(archivalRule, abortOnly)).toHaveLength(1);
  });

  it("reports ECR repositories, GCS buckets and Artifact Registry repositories without rules", async () => {
    const [repo] = ecrStack();
    const gcs = gcsBucket({ lifecycleRules: [] });
    const ar = arRepo({ cleanupPolicies: [] });
    expect(await messages(archivalRule, [repo, gcs, ar])).toEqual([
      [
        gcs.urn,
        "Cloud Storage Bucket `gcs` holds AI artifacts but has no lifecycle rules: set `lifecycleRules` (e.g. `SetStorageClass` to `ARCHIVE` after 90 days, `Delete` for old noncurrent versions).",
      ],
      [
        repo.urn,
        "ECR Repository `images` holds AI images but has no lifecycle policy: add an aws.ecr.LifecyclePolicy for this repository that expires or archives old images.",
      ],
      [
        ar.urn,
        "Artifact Registry Repository `ar` holds AI artifacts but has no cleanup policies: set `cleanupPolicies` that delete old versions (keep the recent ones with a `KEEP` policy).",
      ],
    ]);
  });

  it("never reports when the rules are not known yet", async () => {
    const stack = s3ArtifactStack({ unknownNames: true });
    edit(stack[4], ["rules"], UNKNOWN_VALUE);
    expect(await analyzeStack([archivalRule], stack)).toEqual([]);
    expect(
      await analyzeStack([archivalRule], [gcsBucket({ lifecycleRules: UNKNOWN_VALUE })]),
    ).toEqual([]);
  });
});
