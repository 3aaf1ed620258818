import { Budget, DataClassification } from "../../../sdk";
import type { GcpInferenceEndpointArgs } from "../../../components/gcp/inferenceEndpoint";
import {
  budgetAmount,
  budgetLabelFilter,
  thresholdRules,
} from "../../../components/gcp/budget-rules";
import {
  defaultNetworking,
  resolveEndpoint,
  stableEndpointId,
} from "../../../components/gcp/endpoint-config";
import { GcpEndpointNetworking } from "../../../components/gcp/enums";
import {
  artifactLifecycleRules,
  defaultMetadataStoreName,
  resolveRegistry,
} from "../../../components/gcp/registry-rules";
import { METADATA } from "../../helpers/stack";

describe("artifactLifecycleRules", () => {
  test.each([
    [30, 3, { daysSinceNoncurrentTime: 30, numNewerVersions: 3 }],
    [
      0,
      3,
      { daysSinceNoncurrentTime: 0, numNewerVersions: 3, sendDaysSinceNoncurrentTimeIfZero: true },
    ],
    [30, 0, { daysSinceNoncurrentTime: 30, numNewerVersions: 0, sendNumNewerVersionsIfZero: true }],
    [
      0,
      0,
      {
        daysSinceNoncurrentTime: 0,
        numNewerVersions: 0,
        sendDaysSinceNoncurrentTimeIfZero: true,
        sendNumNewerVersionsIfZero: true,
      },
    ],
  ])("noncurrent days %p, keep %p", (days, keep, condition) => {
    const r = resolveRegistry(
      {
        location: "us-central1",
        archival: { noncurrentVersionDays: days, keepNewerVersions: keep },
      },
      METADATA,
    );
    expect(artifactLifecycleRules(r)[1]).toEqual({
      action: { type: "Delete" },
      condition: { withState: "ARCHIVED", ...condition },
    });
  });

  test.each([
    [0, { age: 0, sendAgeIfZero: true }],
    [1, { age: 1 }],
  ])("archive after %p days", (days, condition) => {
    const r = resolveRegistry({ location: "x", archival: { archiveAfterDays: days } }, METADATA);
    expect(artifactLifecycleRules(r)[0].condition).toEqual(
      expect.objectContaining({ withState: "LIVE", ...condition }),
    );
    if (days !== 0)
      expect(artifactLifecycleRules(r)[0].condition).not.toHaveProperty("sendAgeIfZero");
  });
});

describe("resolveRegistry", () => {
  test.each([
    ["experimental", false, true, false, 7],
    ["staging", false, true, false, 7],
    ["production", true, false, true, 30],
    ["deprecated", true, false, false, 30],
    ["retired", true, false, false, 30],
  ] as const)(
    "%s: protect %p, dry run %p, immutable %p, soft delete %p d",
    (stage, protect, dryRun, immutable, soft) => {
      const r = resolveRegistry({ location: "x" }, { ...METADATA, stage });
      expect([r.protect, r.cleanupDryRun, r.immutableTags, r.softDeleteDays]).toEqual([
        protect,
        dryRun,
        immutable,
        soft,
      ]);
    },
  );

  it("fits long metadata store names to Vertex's 60 characters of [a-z0-9_]", () => {
    const name = defaultMetadataStoreName({ ...METADATA, assetId: `a${"b".repeat(60)}` });
    expect(name).toMatch(/^[a-z_][a-z0-9_]{0,59}$/);
    expect(defaultMetadataStoreName(METADATA)).toBe("risk_ml_fraud_scorer_stg_metadata");
  });
});

describe("endpoint defaults", () => {
  test.each<[DataClassification, Partial<GcpInferenceEndpointArgs>, GcpEndpointNetworking]>([
    ["public", {}, GcpEndpointNetworking.Public],
    ["internal", {}, GcpEndpointNetworking.Public],
    ["confidential", {}, GcpEndpointNetworking.PrivateServiceConnect],
    ["restricted", {}, GcpEndpointNetworking.PrivateServiceConnect],
    ["restricted", { network: "projects/1/global/networks/n" }, GcpEndpointNetworking.VpcPeering],
    ["internal", { pscProjectAllowlist: ["p"] }, GcpEndpointNetworking.PrivateServiceConnect],
  ])("%s data with %p → %s", (dataClassification, extra, expected) => {
    expect(
      defaultNetworking({ location: "x", ...extra }, { ...METADATA, dataClassification }),
    ).toBe(expected);
  });

  test.each([
    ["experimental", true, true],
    ["staging", true, true],
    ["production", true, false],
    ["staging", false, false],
  ] as const)("%s, Model Garden %p → spot %p", (stage, garden, spot) => {
    const args = garden
      ? { location: "x", machineType: "g2-standard-4", modelGarden: { huggingFaceModelId: "a/b" } }
      : { location: "x" };
    expect(resolveEndpoint(args, { ...METADATA, stage }, "seed").spot).toBe(spot);
  });

  it("derives stable 10-digit endpoint ids", () => {
    expect(stableEndpointId("a")).toBe(stableEndpointId("a"));
    expect(stableEndpointId("a")).not.toBe(stableEndpointId("b"));
    for (const seed of ["a", "b", "c", "project/stack/x"])
      expect(stableEndpointId(seed)).toMatch(/^[1-9]\d{9}$/);
  });
});

describe("budget rules", () => {
  const budget = (extra: Partial<Budget>): Budget => ({
    name: "b",
    monthlyLimitUsd: 100,
    scope: { team: "risk-ml" },
    thresholdsPercent: [50, 80, 100],
    forecastThresholdPercent: 100,
    notify: { emails: [] },
    ...extra,
  });

  test.each([
    [5000, "5000", 0],
    [1234.56, "1234", 560000000],
    [0.5, "0", 500000000],
    [99.9999999999, "100", 0],
  ])("$%p → units %p, nanos %p", (usd, units, nanos) => {
    expect(budgetAmount(usd)).toEqual({ currencyCode: "USD", units, nanos });
  });

  test.each([
    [{ team: "risk-ml" }, { "aigov-team": "risk-ml" }],
    [{ costCenter: "FIN-1234" }, { "aigov-cost-center": "fin-1234" }],
    [{ assetId: "fraud-scorer" }, { "aigov-asset-id": "fraud-scorer" }],
  ])("scope %p filters on %p", (scope, labels) => {
    expect(budgetLabelFilter(budget({ scope }))).toEqual(labels);
  });

  it("converts percent to GCP's 0–1 scale, sorted and without repeats", () => {
    expect(
      thresholdRules(
        budget({
          thresholdsPercent: [100, 50, 50],
          forecastThresholdPercent: 120,
          denyNewEndpointsAtPercent: 95,
        }),
      ),
    ).toEqual([
      { thresholdPercent: 0.5, spendBasis: "CURRENT_SPEND" },
      { thresholdPercent: 0.95, spendBasis: "CURRENT_SPEND" },
      { thresholdPercent: 1, spendBasis: "CURRENT_SPEND" },
      { thresholdPercent: 1.2, spendBasis: "FORECASTED_SPEND" },
    ]);
  });
});
