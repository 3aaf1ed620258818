import { GovernanceMetadata } from "../../../sdk";
import {
  buildTags,
  overriddenTagKeys,
  tagOverrideWarnings,
  userTagIssues,
} from "../../../components/aws/tags";
import {
  registryNames,
  modelCardContent,
  MODEL_CARD_STATUS,
} from "../../../components/aws/registry-defaults";
import { registryIssues } from "../../../components/aws/registry-validate";

const meta = (over: Partial<GovernanceMetadata> = {}): GovernanceMetadata => ({
  assetId: "fraud-scorer",
  owner: "jane@example.com",
  team: "risk-ml",
  costCenter: "FIN-1234",
  stage: "production",
  dataClassification: "confidential",
  ...over,
});
/** The aigov tags of `meta()`. */
const META_TAGS = {
  "aigov:asset-id": "fraud-scorer",
  "aigov:owner": "jane@example.com",
  "aigov:team": "risk-ml",
  "aigov:cost-center": "FIN-1234",
  "aigov:stage": "production",
  "aigov:data-classification": "confidential",
};

describe("tags", () => {
  test("aigov tags win over the caller's tags of the same key", () => {
    expect(buildTags(meta(), { "aigov:team": "other", env: "prod" })).toEqual({
      env: "prod",
      ...META_TAGS,
    });
    expect(tagOverrideWarnings({ "aigov:team": "other" }, meta())).toEqual([
      '`tags` "aigov:team" replaced by the governance metadata; set `metadata` instead',
    ]);
    expect(tagOverrideWarnings({ env: "prod" }, meta())).toEqual([]);
    expect(overriddenTagKeys({ "aigov:team": "other", env: "prod" }, meta())).toEqual([
      "aigov:team",
    ]);
  });

  test("caller tags are checked against AWS's rules and the 50-tag limit", () => {
    expect(userTagIssues({ "aws:x": "1", ok: "é" }, meta())).toEqual([
      { path: "tags", reason: 'tag key "aws:x" must not start with the reserved prefix aws:' },
    ]);
    const many = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, "v"]));
    expect(userTagIssues(many, meta())).toEqual([
      { path: "tags", reason: "at most 50 tags are allowed with the aigov tags included, got 51" },
    ]);
  });
});

describe("registry defaults", () => {
  test("names leave the stage out and fit each service", () => {
    expect(registryNames(meta())).toEqual({
      modelPackageGroup: "risk-ml-fraud-scorer",
      modelCard: "risk-ml-fraud-scorer-card",
      repository: "risk-ml-fraud-scorer",
      bucketPrefix: "risk-ml-fraud-scorer-",
    });
    const long = registryNames(
      meta({ team: "platform-machine-learning", assetId: "customer-churn-predictor-v2" }),
    );
    expect(long.bucketPrefix).toBe("platform-machine-learning-customer-c-");
    expect(long.bucketPrefix.length).toBeLessThanOrEqual(37);
    expect(registryNames(meta(), "Custom-Group").modelPackageGroup).toBe("Custom-Group");
  });

  test("model card status follows the stage", () => {
    expect(MODEL_CARD_STATUS).toEqual({
      experimental: "Draft",
      staging: "PendingReview",
      production: "Approved",
      deprecated: "Approved",
      retired: "Archived",
    });
  });

  test("generated model card content", () => {
    expect(
      modelCardContent(meta({ riskTier: "high" }), {
        description: "Scores card fraud",
        intendedUses: "Payments",
      }),
    ).toEqual({
      model_overview: {
        model_owner: "jane@example.com",
        model_creator: "risk-ml",
        model_description: "Scores card fraud",
      },
      intended_uses: { risk_rating: "High", intended_uses: "Payments" },
      additional_information: {
        custom_details: { ...META_TAGS, "aigov:risk-tier": "high" },
      },
    });
  });

  test("registry arg problems", () => {
    expect(
      registryIssues(
        {
          consumerAccountIds: ["111122223333", "12", "111122223333"],
          description: "x".repeat(1025),
          modelPackageGroupName: "bad_name",
          modelCard: { contentJson: "[1]" },
          archival: { noncurrentVersionsToKeep: 0 },
        },
        meta(),
      ),
    ).toEqual([
      { path: "consumerAccountIds[1]", reason: 'expected a 12-digit AWS account id, got "12"' },
      { path: "consumerAccountIds[2]", reason: "duplicate account id 111122223333" },
      { path: "description", reason: "expected at most 1024 characters, got 1025" },
      {
        path: "modelPackageGroupName",
        reason:
          'expected up to 63 letters, digits and hyphens, starting and ending with a letter or digit, got "bad_name"',
      },
      {
        path: "modelCard.contentJson",
        reason: "expected a JSON object in the SageMaker model card schema",
      },
      {
        path: "archival.noncurrentVersionsToKeep",
        reason: "expected a whole number between 1 and 100, got 0",
      },
    ]);
  });
});
