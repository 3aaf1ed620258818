import { AwsArchiveStorageClass, AwsArchivalRulesArgs } from "../../../components/aws";
import {
  ARCHIVAL_DEFAULTS,
  HIGH_RISK_RETENTION_DAYS,
  resolveArchivalRules,
} from "../../../components/aws/archival-defaults";
import { bucketLifecycleRules, ecrLifecyclePolicy } from "../../../components/aws/archival-rules";
import { archivalIssues } from "../../../components/aws/archival-validate";
import { EVIDENCE_RULES } from "./util";

const internal = { riskTier: undefined, stage: "production" } as const;
const high = { riskTier: "high", stage: "production" } as const;
const retired = { riskTier: undefined, stage: "retired" } as const;

describe("resolveArchivalRules", () => {
  test.each([
    [
      "defaults",
      undefined,
      internal,
      {
        glacierInstantRetrievalAfterDays: 90,
        deepArchiveAfterDays: undefined,
        expireAfterDays: undefined,
        noncurrentArchiveAfterDays: 30,
        noncurrentExpireAfterDays: 365,
        noncurrentVersionsToKeep: 3,
        abortIncompleteUploadsAfterDays: 7,
        archiveRetiredObjects: true,
        scopedRules: [],
        keepTaggedImages: 30,
        taggedImageMaxAgeDays: undefined,
        expireUntaggedImagesAfterDays: 7,
      },
    ],
    [
      "high risk keeps 10 years and expires tagged images by age",
      undefined,
      high,
      { noncurrentExpireAfterDays: 3650, keepTaggedImages: undefined, taggedImageMaxAgeDays: 3650 },
    ],
    [
      "retired assets go to Deep Archive at once",
      undefined,
      retired,
      { glacierInstantRetrievalAfterDays: undefined, deepArchiveAfterDays: 0 },
    ],
    [
      "0 turns moves off",
      { glacierInstantRetrievalAfterDays: 0, noncurrentArchiveAfterDays: 0 },
      internal,
      { glacierInstantRetrievalAfterDays: undefined, noncurrentArchiveAfterDays: undefined },
    ],
    [
      "explicit values win",
      { deepArchiveAfterDays: 365, expireAfterDays: 4000, noncurrentVersionsToKeep: 5 },
      internal,
      { deepArchiveAfterDays: 365, expireAfterDays: 4000, noncurrentVersionsToKeep: 5 },
    ],
  ] as const)("%s", (_what, args, metadata, expected) => {
    expect(resolveArchivalRules(args as AwsArchivalRulesArgs | undefined, metadata)).toMatchObject(
      expected,
    );
  });

  test("the defaults table is what the docs promise", () => {
    expect(ARCHIVAL_DEFAULTS).toEqual({
      glacierInstantRetrievalAfterDays: 90,
      deepArchiveAfterDays: 0,
      expireAfterDays: 0,
      noncurrentArchiveAfterDays: 30,
      noncurrentExpireAfterDays: 365,
      noncurrentVersionsToKeep: 3,
      abortIncompleteUploadsAfterDays: 7,
      archiveRetiredObjects: true,
      keepTaggedImages: 30,
      expireUntaggedImagesAfterDays: 7,
    });
    expect(HIGH_RISK_RETENTION_DAYS).toBe(3650);
  });
});

describe("bucketLifecycleRules", () => {
  const DEFAULT_RULES = [
    {
      id: "aigov-current-objects",
      status: "Enabled",
      filter: {},
      transitions: [{ days: 90, storageClass: "GLACIER_IR" }],
    },
    {
      id: "aigov-noncurrent-versions",
      status: "Enabled",
      filter: {},
      expiration: { expiredObjectDeleteMarker: true },
      noncurrentVersionExpiration: { noncurrentDays: 365, newerNoncurrentVersions: 3 },
      noncurrentVersionTransitions: [{ noncurrentDays: 30, storageClass: "GLACIER_IR" }],
    },
    {
      id: "aigov-abort-incomplete-uploads",
      status: "Enabled",
      filter: {},
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
    {
      id: "aigov-retired-objects",
      status: "Enabled",
      filter: { tag: { key: "aigov:stage", value: "retired" } },
      transitions: [{ days: 0, storageClass: "DEEP_ARCHIVE" }],
    },
  ];

  test("default rules, merged into one list; a caller's move joins them, scoped rules come last", () => {
    expect(bucketLifecycleRules(resolveArchivalRules(undefined, internal))).toEqual(DEFAULT_RULES);
    expect(bucketLifecycleRules(resolveArchivalRules(EVIDENCE_RULES, internal))).toEqual([
      {
        ...DEFAULT_RULES[0],
        transitions: [
          { days: 90, storageClass: "GLACIER_IR" },
          { days: 365, storageClass: "DEEP_ARCHIVE" },
        ],
      },
      ...DEFAULT_RULES.slice(1),
      {
        id: "evaluation-evidence",
        status: "Enabled",
        filter: { prefix: "evidence/" },
        transitions: [{ days: 30, storageClass: "DEEP_ARCHIVE" }],
      },
    ]);
  });

  test("both transitions and an expiry go into the current-objects rule", () => {
    const rules = bucketLifecycleRules(
      resolveArchivalRules(
        { glacierInstantRetrievalAfterDays: 30, deepArchiveAfterDays: 180, expireAfterDays: 4000 },
        high,
      ),
    );
    expect(rules[0]).toEqual({
      id: "aigov-current-objects",
      status: "Enabled",
      filter: {},
      transitions: [
        { days: 30, storageClass: "GLACIER_IR" },
        { days: 180, storageClass: "DEEP_ARCHIVE" },
      ],
      expiration: { days: 4000 },
    });
    expect(rules[1].noncurrentVersionExpiration).toEqual({
      noncurrentDays: 3650,
      newerNoncurrentVersions: 3,
    });
  });

  test("no current-objects rule when every move is off; no retired rule when disabled", () => {
    const ids = bucketLifecycleRules(
      resolveArchivalRules(
        { glacierInstantRetrievalAfterDays: 0, archiveRetiredObjects: false },
        internal,
      ),
    ).map((r) => r.id);
    expect(ids).toEqual(["aigov-noncurrent-versions", "aigov-abort-incomplete-uploads"]);
  });

  test.each([
    [
      "prefix only",
      { id: "evidence", prefix: "evidence/", storageClass: AwsArchiveStorageClass.DeepArchive },
      {
        id: "evidence",
        status: "Enabled",
        filter: { prefix: "evidence/" },
        transitions: [{ days: 0, storageClass: "DEEP_ARCHIVE" }],
      },
    ],
    [
      "one tag",
      { id: "archive-tag", objectTags: { lifecycle: "archive" }, expireAfterDays: 30 },
      {
        id: "archive-tag",
        status: "Enabled",
        filter: { tag: { key: "lifecycle", value: "archive" } },
        expiration: { days: 30 },
      },
    ],
    [
      "prefix and tags",
      {
        id: "both",
        prefix: "tmp/",
        objectTags: { a: "1", b: "2" },
        storageClass: AwsArchiveStorageClass.GlacierInstantRetrieval,
        transitionAfterDays: 10,
        expireAfterDays: 100,
      },
      {
        id: "both",
        status: "Enabled",
        filter: { and: { prefix: "tmp/", tags: { a: "1", b: "2" } } },
        transitions: [{ days: 10, storageClass: "GLACIER_IR" }],
        expiration: { days: 100 },
      },
    ],
  ])("scoped rule: %s", (_what, rule, expected) => {
    const rules = bucketLifecycleRules(resolveArchivalRules({ scopedRules: [rule] }, internal));
    expect(rules[rules.length - 1]).toEqual(expected);
  });
});

describe("ecrLifecyclePolicy", () => {
  test("expires untagged images and keeps the newest tagged ones", () => {
    expect(ecrLifecyclePolicy(resolveArchivalRules(undefined, internal))).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: "aigov: expire untagged images 7 days after push",
          selection: {
            tagStatus: "untagged",
            countType: "sinceImagePushed",
            countUnit: "days",
            countNumber: 7,
          },
          action: { type: "expire" },
        },
        {
          rulePriority: 2,
          description: "aigov: keep the newest 30 tagged images",
          selection: {
            tagStatus: "tagged",
            tagPatternList: ["*"],
            countType: "imageCountMoreThan",
            countNumber: 30,
          },
          action: { type: "expire" },
        },
      ],
    });
  });

  test("high risk expires tagged images only after 10 years", () => {
    const policy = ecrLifecyclePolicy(
      resolveArchivalRules({ expireUntaggedImagesAfterDays: 3 }, high),
    );
    expect(policy.rules[0].selection.countNumber).toBe(3);
    expect(policy.rules[1]).toEqual({
      rulePriority: 2,
      description: "aigov: expire tagged images 3650 days after push (risk-tier high)",
      selection: {
        tagStatus: "tagged",
        tagPatternList: ["*"],
        countType: "sinceImagePushed",
        countUnit: "days",
        countNumber: 3650,
      },
      action: { type: "expire" },
    });
  });
});

describe("archivalIssues", () => {
  test("valid and default rules have no issues", () => {
    expect(archivalIssues(undefined, internal, "rules")).toEqual([]);
    expect(archivalIssues(undefined, high, "rules")).toEqual([]);
    expect(archivalIssues(undefined, retired, "rules")).toEqual([]);
  });

  test.each([
    [
      "negative and fractional counts",
      {
        glacierInstantRetrievalAfterDays: -1,
        noncurrentVersionsToKeep: 101,
        keepTaggedImages: 1.5,
      },
      internal,
      [
        {
          path: "rules.glacierInstantRetrievalAfterDays",
          reason: "expected a whole number of at least 0, got -1",
        },
        {
          path: "rules.noncurrentVersionsToKeep",
          reason: "expected a whole number between 1 and 100, got 101",
        },
        {
          path: "rules.keepTaggedImages",
          reason: "expected a whole number of at least 1, got 1.5",
        },
      ],
    ],
    [
      "moves out of order",
      { glacierInstantRetrievalAfterDays: 90, deepArchiveAfterDays: 60, expireAfterDays: 80 },
      internal,
      [
        {
          path: "rules.deepArchiveAfterDays",
          reason:
            "must be at least 90 days after `glacierInstantRetrievalAfterDays` (90), the minimum storage duration of Glacier Instant Retrieval, got 60",
        },
        {
          path: "rules.expireAfterDays",
          reason: "must be greater than the last storage-class move (day 90), got 80",
        },
      ],
    ],
    [
      "noncurrent expiry before its move",
      { noncurrentArchiveAfterDays: 60, noncurrentExpireAfterDays: 30 },
      internal,
      [
        {
          path: "rules.noncurrentExpireAfterDays",
          reason: "must be greater than `noncurrentArchiveAfterDays` (60), got 30",
        },
      ],
    ],
    [
      "high risk expiring before 10 years",
      {
        expireAfterDays: 365,
        noncurrentExpireAfterDays: 400,
        keepTaggedImages: 10,
        scopedRules: [{ id: "tmp", prefix: "tmp/", expireAfterDays: 30 }],
      },
      high,
      [
        {
          path: "rules.expireAfterDays",
          reason:
            "`high` risk-tier assets keep artifacts at least 3650 days (10 years); expiring objects after 365 days is too early",
        },
        {
          path: "rules.noncurrentExpireAfterDays",
          reason:
            "`high` risk-tier assets keep artifacts at least 3650 days (10 years); expiring noncurrent versions after 400 days is too early",
        },
        {
          path: "rules.keepTaggedImages",
          reason:
            "`high` risk-tier assets keep artifacts at least 3650 days (10 years), so tagged images expire by age, not by count; remove `keepTaggedImages`",
        },
        {
          path: "rules.scopedRules[0].expireAfterDays",
          reason:
            "`high` risk-tier assets keep artifacts at least 3650 days (10 years); expiring objects after 30 days is too early",
        },
      ],
    ],
  ] as const)("%s", (_what, args, metadata, expected) => {
    expect(archivalIssues(args as AwsArchivalRulesArgs, metadata, "rules")).toEqual(expected);
  });

  test("scoped rule problems", () => {
    expect(
      archivalIssues(
        {
          scopedRules: [
            { id: "aigov-mine", prefix: "a/", expireAfterDays: 5 },
            { id: "x y", prefix: "a/", expireAfterDays: 5 },
            { id: "ok" },
            { id: "ok", prefix: "b/", transitionAfterDays: 5, expireAfterDays: 9 },
            {
              id: "ia",
              prefix: "c/",
              storageClass: AwsArchiveStorageClass.StandardInfrequentAccess,
              transitionAfterDays: 10,
              expireAfterDays: 5,
            },
          ],
        },
        internal,
        "archival",
      ),
    ).toEqual([
      {
        path: "archival.scopedRules[0].id",
        reason: "the `aigov-` prefix is reserved for built-in rules",
      },
      {
        path: "archival.scopedRules[1].id",
        reason: 'expected 1 to 200 letters, digits, `.`, `_` or `-`, got "x y"',
      },
      {
        path: "archival.scopedRules[2]",
        reason: "set `prefix` and/or `objectTags`: scoped rules never apply to the whole bucket",
      },
      { path: "archival.scopedRules[2]", reason: "set `storageClass` and/or `expireAfterDays`" },
      { path: "archival.scopedRules[3].id", reason: 'duplicate rule id "ok"' },
      {
        path: "archival.scopedRules[3].transitionAfterDays",
        reason: "needs `storageClass`, the class to move the objects to",
      },
      {
        path: "archival.scopedRules[4].transitionAfterDays",
        reason: "S3 moves objects to STANDARD_IA after at least 30 days, got 10",
      },
      {
        path: "archival.scopedRules[4].expireAfterDays",
        reason: "must be greater than `transitionAfterDays` (10), got 5",
      },
    ]);
  });
});
