import { expectInputError, inputError } from "../../helpers/input-errors";
import { recordOptions } from "../../helpers/options-recorder";
import { setStackConfig, settle, unwrap } from "../../helpers/pulumi-mocks";
import { DEFAULTS, mockStack } from "../../helpers/stack";
import { AwsArchivalPolicy, RiskTier, Stage } from "../../../index";
import { resolveArchivalRules } from "../../../components/aws/archival-defaults";
import { bucketLifecycleRules, ecrLifecyclePolicy } from "../../../components/aws/archival-rules";
import { EVIDENCE_RULES } from "./util";

const { mocks } = mockStack({
  config: { "aigov:defaults": { ...DEFAULTS, assetId: "fraud-scorer" } },
});
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const IMAGES = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
/** What the rules see of a production asset without a risk tier. */
const PRODUCTION = { riskTier: undefined, stage: "production" } as const;

describe("AwsArchivalPolicy", () => {
  test("works on a bucket and a repository created elsewhere, with one merged configuration", async () => {
    const rec = recordOptions();
    const archival = new AwsArchivalPolicy(
      "legacy",
      {
        metadata: { stage: Stage.Production },
        bucketName: "legacy-models-bucket",
        repositoryName: "legacy-serving",
        rules: EVIDENCE_RULES,
      },
      { transformations: rec.transformations },
    );
    await settle();
    expect(rec.records.map((c) => [c.type, c.name, c.parent])).toEqual([
      ["aigov:index:AwsArchivalPolicy", "legacy", undefined],
      [LIFECYCLE, "legacy-lifecycle", "legacy"],
      [IMAGES, "legacy-image-lifecycle", "legacy"],
    ]);
    expect(mocks.ofType(LIFECYCLE)).toHaveLength(1);
    // The rules themselves are pinned in archival.test.ts: here, that the component applies them.
    expect(mocks.get(LIFECYCLE, "legacy-lifecycle").inputs).toEqual({
      bucket: "legacy-models-bucket",
      rules: bucketLifecycleRules(resolveArchivalRules(EVIDENCE_RULES, PRODUCTION)),
    });
    const images = mocks.get(IMAGES, "legacy-image-lifecycle").inputs;
    expect(images.repository).toBe("legacy-serving");
    expect(JSON.parse(images.policy)).toEqual(
      ecrLifecyclePolicy(resolveArchivalRules(undefined, PRODUCTION)),
    );
    expect(await unwrap(archival.bucketRuleIds)).toEqual([
      "aigov-current-objects",
      "aigov-noncurrent-versions",
      "aigov-abort-incomplete-uploads",
      "aigov-retired-objects",
      "evaluation-evidence",
    ]);
    expect(await unwrap(archival.repositoryLifecyclePolicy!)).toBe(images.policy);
  });

  test("a bucket alone; retired assets go to Deep Archive at once; retention passes to children", async () => {
    const rec = recordOptions();
    const archival = new AwsArchivalPolicy(
      "old",
      { metadata: { stage: Stage.Retired }, bucketName: "old-bucket" },
      { transformations: rec.transformations, retainOnDelete: true },
    );
    await settle();
    expect(mocks.ofType(IMAGES)).toEqual([]);
    expect(archival.repositoryLifecyclePolicy).toBeUndefined();
    expect(mocks.get(LIFECYCLE, "old-lifecycle").inputs.rules[0]).toEqual({
      id: "aigov-current-objects",
      status: "Enabled",
      filter: {},
      transitions: [{ days: 0, storageClass: "DEEP_ARCHIVE" }],
    });
    expect(rec.retained()).toEqual(["old", "old-lifecycle"]);
  });

  test("a repository alone, high risk: tagged images expire after 10 years", async () => {
    new AwsArchivalPolicy("imgs", {
      metadata: { stage: Stage.Production, riskTier: RiskTier.High },
      repositoryName: "serving",
    });
    await settle();
    expect(mocks.ofType(LIFECYCLE)).toEqual([]);
    const policy = JSON.parse(mocks.get(IMAGES, "imgs-image-lifecycle").inputs.policy);
    expect(policy.rules[1].selection).toEqual({
      tagStatus: "tagged",
      tagPatternList: ["*"],
      countType: "sinceImagePushed",
      countUnit: "days",
      countNumber: 3650,
    });
  });

  test("rejects nothing to archive, missing metadata and unsafe rules, all at once", () => {
    setStackConfig({ "aigov:defaults": DEFAULTS });
    expectInputError(
      () => new AwsArchivalPolicy("bad", { metadata: { stage: Stage.Staging } }),
      inputError("AwsArchivalPolicy", "bad", [
        {
          propertyPath: "metadata.assetId",
          reason:
            "required: set `assetId` here or in the stack config `aigov:defaults` (aigov-required-metadata)",
        },
        {
          propertyPath: "bucketName",
          reason: "set `bucketName` and/or `repositoryName`: nothing to archive",
        },
      ]),
    );
    expectInputError(
      () =>
        new AwsArchivalPolicy("bad", {
          metadata: { assetId: "x1", stage: Stage.Production, riskTier: RiskTier.High },
          bucketName: "b",
          repositoryName: "r",
          rules: { expireAfterDays: 30, keepTaggedImages: 5 },
        }),
      inputError("AwsArchivalPolicy", "bad", [
        {
          propertyPath: "rules.expireAfterDays",
          reason: "must be greater than the last storage-class move (day 90), got 30",
        },
        {
          propertyPath: "rules.expireAfterDays",
          reason:
            "`high` risk-tier assets keep artifacts at least 3650 days (10 years); expiring objects after 30 days is too early",
        },
        {
          propertyPath: "rules.keepTaggedImages",
          reason:
            "`high` risk-tier assets keep artifacts at least 3650 days (10 years), so tagged images expire by age, not by count; remove `keepTaggedImages`",
        },
      ]),
    );
    expect(mocks.resources).toEqual([]);
  });
});
