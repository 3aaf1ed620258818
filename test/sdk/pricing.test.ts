import fc from "fast-check";
import {
  CostEstimate,
  EstimateInput,
  HOURS_PER_MONTH,
  KnownEstimate,
  PRICE_CATALOG,
  PRICE_INDEX,
  PriceEntrySchema,
  PricingOverridesSchema,
  SPOT_FACTORS,
  SpotFactorSchema,
  estimateCost,
  formatUsd,
  hourlyPrice,
  lookupPrice,
  priceId,
  spotFactorFor,
} from "../../sdk/pricing";

function known(result: CostEstimate): KnownEstimate {
  if (!result.known) throw new Error(`expected a priced estimate, got: ${result.reason}`);
  return result;
}

function expectMonthly(result: CostEstimate, min: number, max: number): void {
  const k = known(result);
  expect(k.monthlyUsd.min).toBeCloseTo(min, 6);
  expect(k.monthlyUsd.max).toBeCloseTo(max, 6);
  expect(k.hourlyUsd.min * HOURS_PER_MONTH).toBeCloseTo(k.monthlyUsd.min, 9);
}

describe("price catalog", () => {
  it("has at least 30 entries, each valid with an https source, a date and a positive price", () => {
    expect(PRICE_CATALOG.length).toBeGreaterThanOrEqual(30);
    for (const entry of PRICE_CATALOG) {
      expect(PriceEntrySchema.safeParse(entry).success).toBe(true);
      expect(entry.source).toMatch(/^https:\/\/[a-z0-9.-]+\//);
      expect(entry.capturedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.usdPerHour).toBeGreaterThan(0);
    }
  });

  it("rejects malformed entries", () => {
    const good = PRICE_CATALOG[0];
    expect(PriceEntrySchema.safeParse({ ...good, source: "http://x.example/" }).success).toBe(
      false,
    );
    expect(PriceEntrySchema.safeParse({ ...good, usdPerHour: 0 }).success).toBe(false);
    expect(PriceEntrySchema.safeParse({ ...good, capturedAt: "26/11/2026" }).success).toBe(false);
    expect(PriceEntrySchema.safeParse({ ...good, region: "us-central1" }).success).toBe(false);
  });

  it("has unique namespaced ids so same-named skus never clash", () => {
    expect(PRICE_INDEX.size).toBe(PRICE_CATALOG.length);
    expect(lookupPrice("sagemaker", "ml.g5.xlarge")?.usdPerHour).toBe(1.408);
    expect(lookupPrice("ec2", "g5.xlarge")?.usdPerHour).toBe(1.006);
    expect(lookupPrice("gce", "n1-standard-4")?.usdPerHour).toBe(0.189999);
    expect(lookupPrice("vertex", "n1-standard-4")?.usdPerHour).toBe(0.2185);
    expect(lookupPrice("ec2", "ml.g5.xlarge")).toBeUndefined();
    expect(priceId("vertex-gpu", "NVIDIA_TESLA_T4")).toBe("vertex-gpu:nvidia-tesla-t4");
  });

  it("covers the required families", () => {
    const required: Record<string, string[]> = {
      sagemaker: [
        ...["large", "xlarge", "2xlarge", "4xlarge"].map((s) => `ml.m5.${s}`),
        ...["large", "xlarge", "2xlarge"].map((s) => `ml.c5.${s}`),
        ...["xlarge", "2xlarge", "12xlarge"].map((s) => `ml.g4dn.${s}`),
        ...["xlarge", "2xlarge", "12xlarge", "48xlarge"].map((s) => `ml.g5.${s}`),
        ...["xlarge", "2xlarge", "12xlarge"].map((s) => `ml.g6.${s}`),
        "ml.p4d.24xlarge",
        ...["xlarge", "8xlarge", "24xlarge"].map((s) => `ml.inf2.${s}`),
      ],
      ec2: [
        ...["xlarge", "2xlarge", "12xlarge"].flatMap((s) => [`g4dn.${s}`, `g5.${s}`]),
        "g6.xlarge",
        "g6.2xlarge",
        "p4d.24xlarge",
        "inf2.xlarge",
        "inf2.8xlarge",
      ],
      gce: [
        ...["4", "8", "16"].map((n) => `n1-standard-${n}`),
        "n2-standard-4",
        "n2-standard-8",
        ...["4", "8", "12"].map((n) => `g2-standard-${n}`),
        "a2-highgpu-1g",
        "a2-highgpu-2g",
        "a3-highgpu-8g",
      ],
      "gce-gpu": ["nvidia-tesla-t4", "nvidia-l4", "nvidia-tesla-a100", "nvidia-h100-80gb"],
      vertex: ["n1-standard-4", "n1-standard-8", "g2-standard-4", "g2-standard-8", "a2-highgpu-1g"],
      "vertex-gpu": ["nvidia-tesla-t4", "nvidia-l4", "nvidia-tesla-a100"],
    };
    for (const [service, skus] of Object.entries(required)) {
      for (const sku of skus) expect(PRICE_INDEX.has(`${service}:${sku}`)).toBe(true);
    }
    for (const sku of ["g2-standard-4", "a2-highgpu-1g", "a3-highgpu-8g"]) {
      expect(lookupPrice("gce", sku)?.gpus).toBeGreaterThan(0);
    }
  });

  it("has valid spot factors and none for SageMaker hosting", () => {
    for (const f of SPOT_FACTORS) expect(SpotFactorSchema.safeParse(f).success).toBe(true);
    expect(spotFactorFor("sagemaker", "ml.g5.xlarge")).toBeUndefined();
    expect(spotFactorFor("ec2", "g5.xlarge")?.factor).toBe(0.35);
    expect(spotFactorFor("gce", "n1-standard-4")?.factor).toBe(0.3);
    expect(spotFactorFor("gce-gpu", "NVIDIA_TESLA_T4")?.factor).toBe(0.31);
  });
});

describe("estimateCost", () => {
  const est = (input: EstimateInput, overrides?: Record<string, number>) =>
    estimateCost(input, overrides);

  it("prices ml.g5.xlarge 1..4 replicas", () => {
    const r = est({ service: "sagemaker", sku: "ml.g5.xlarge", replicas: { min: 1, max: 4 } });
    expectMonthly(r, 1027.84, 4111.36);
    expect(known(r).hourlyUsd.max).toBeCloseTo(5.632, 9);
    expect(known(r).sources).toEqual(["https://aws.amazon.com/sagemaker/pricing/"]);
  });

  it("prices ml.m5.large at exactly 2 replicas", () => {
    const r = est({ service: "sagemaker", sku: "ml.m5.large", replicas: { min: 2, max: 2 } });
    expectMonthly(r, 167.9, 167.9);
    expect(formatUsd(known(r).monthlyUsd.max)).toBe("$167.90");
  });

  it("prices EC2 g5.xlarge on spot with the AWS planning factor", () => {
    const r = est({ service: "ec2", sku: "g5.xlarge", replicas: { min: 2, max: 3 }, spot: true });
    // 1.006 * 0.35 = 0.3521 USD/h per replica
    expectMonthly(r, 514.066, 771.099);
    expect(known(r).breakdown[0].spotFactor).toBe(0.35);
    expect(known(r).sources).toContain("https://aws.amazon.com/ec2/spot/pricing/");
  });

  it("prices GCE n1-standard-4 + 2x T4 from the gce-gpu catalog", () => {
    const r = est({
      service: "gce",
      sku: "n1-standard-4",
      replicas: { min: 1, max: 2 },
      accelerators: { type: "nvidia-tesla-t4", count: 2 },
    });
    // 0.189999 + 2 * 0.35 = 0.889999 USD/h per replica
    expectMonthly(r, 649.69927, 1299.39854);
    expect(known(r).breakdown.map((l) => l.id)).toEqual([
      "gce:n1-standard-4",
      "gce-gpu:nvidia-tesla-t4",
    ]);
    expect(known(r).sources).toEqual([
      "https://cloud.google.com/compute/vm-instance-pricing",
      "https://cloud.google.com/compute/gpus-pricing",
    ]);
  });

  it("prices GCE spot machine and GPU with their own factors", () => {
    const r = est({
      service: "gce",
      sku: "n1-standard-4",
      replicas: { min: 1, max: 1 },
      spot: true,
      accelerators: { type: "nvidia-tesla-t4", count: 1 },
    });
    // 0.189999 * 0.3 + 0.35 * 0.31 = 0.1654997
    expectMonthly(r, 120.814781, 120.814781);
  });

  it("prices Vertex n1-standard-4 + 1x T4 (Vertex accelerator spelling)", () => {
    const r = est({
      service: "vertex",
      sku: "n1-standard-4",
      replicas: { min: 1, max: 1 },
      accelerators: { type: "NVIDIA_TESLA_T4", count: 1 },
    });
    // 0.2185 + 0.4025 = 0.621 USD/h
    expectMonthly(r, 453.33, 453.33);
    expect(known(r).breakdown[1].id).toBe("vertex-gpu:nvidia-tesla-t4");
  });

  it("does not double-count GPUs bundled in g2 machine types", () => {
    const r = est({
      service: "gce",
      sku: "g2-standard-4",
      replicas: { min: 0, max: 1 },
      accelerators: { type: "nvidia-l4", count: 1 },
    });
    expectMonthly(r, 0, 0.70683228 * 730);
    expect(known(r).breakdown).toHaveLength(1);
    const bad = est({
      service: "gce",
      sku: "g2-standard-4",
      replicas: { min: 1, max: 1 },
      accelerators: { type: "nvidia-l4", count: 2 },
    });
    expect(bad).toMatchObject({ known: false, code: "unsupported" });
  });

  it("reports unknown skus and accelerators instead of pricing them as zero", () => {
    const r = est({ service: "sagemaker", sku: "ml.x99.huge", replicas: { min: 1, max: 2 } });
    expect(r).toMatchObject({ known: false, code: "unknown-sku", unknownSkus: ["ml.x99.huge"] });
    const both = est({
      service: "gce",
      sku: "n9-weird-4",
      replicas: { min: 1, max: 1 },
      accelerators: { type: "nvidia-tesla-v999", count: 1 },
    });
    expect(both).toMatchObject({ known: false, unknownSkus: ["n9-weird-4", "nvidia-tesla-v999"] });
    const gpuOnly = est({
      service: "vertex",
      sku: "n1-standard-4",
      replicas: { min: 1, max: 1 },
      accelerators: { type: "NVIDIA_TESLA_P100", count: 1 },
    });
    expect(gpuOnly).toMatchObject({ known: false, unknownSkus: ["NVIDIA_TESLA_P100"] });
    // a SageMaker sku is not an EC2 sku
    expect(est({ service: "ec2", sku: "ml.g5.xlarge", replicas: { min: 1, max: 1 } }).known).toBe(
      false,
    );
  });

  it("rejects spot on SageMaker hosting", () => {
    const r = est({
      service: "sagemaker",
      sku: "ml.g5.xlarge",
      replicas: { min: 1, max: 1 },
      spot: true,
    });
    expect(r.known).toBe(false);
    if (r.known) return;
    expect(r.code).toBe("unsupported");
    expect(r.reason).toMatch(/SageMaker hosting has no spot capacity/);
  });

  it("rejects accelerators on AWS services and invalid input", () => {
    const acc = est({
      service: "ec2",
      sku: "g5.xlarge",
      replicas: { min: 1, max: 1 },
      accelerators: { type: "nvidia-a10g", count: 1 },
    });
    expect(acc).toMatchObject({ known: false, code: "unsupported" });
    const inverted = est({ service: "ec2", sku: "g5.xlarge", replicas: { min: 3, max: 1 } });
    expect(inverted).toMatchObject({ known: false, code: "invalid-input" });
    const badOverride = est(
      { service: "ec2", sku: "g5.xlarge", replicas: { min: 1, max: 1 } },
      {
        "g5.xlarge": -1,
      },
    );
    expect(badOverride).toMatchObject({ known: false, code: "invalid-input" });
  });

  it("lets overrides win and price skus missing from the catalog", () => {
    const r = est(
      { service: "sagemaker", sku: "ml.g5.xlarge", replicas: { min: 1, max: 1 } },
      { "ml.g5.xlarge": 1.2 },
    );
    expectMonthly(r, 876, 876);
    expect(known(r).breakdown[0].origin).toBe("override");
    expect(known(r).sources).toEqual(["stack-config override (ml.g5.xlarge)"]);

    const unknownMadeKnown = est(
      { service: "sagemaker", sku: "ml.x99.huge", replicas: { min: 1, max: 1 } },
      { "ml.x99.huge": 2 },
    );
    expectMonthly(unknownMadeKnown, 1460, 1460);

    const ov = { "n1-standard-4": 0.2, "vertex:n1-standard-4": 0.25, NVIDIA_TESLA_T4: 0.3 };
    expect(hourlyPrice("gce", "n1-standard-4", ov)).toBe(0.2);
    expect(hourlyPrice("vertex", "n1-standard-4", ov)).toBe(0.25);
    expect(hourlyPrice("gce-gpu", "nvidia-tesla-t4", ov)).toBe(0.3);
    expect(hourlyPrice("vertex-gpu", "NVIDIA_TESLA_T4", ov)).toBe(0.3);
    expect(hourlyPrice("gce", "n1-standard-4")).toBe(0.189999);
    expect(hourlyPrice("gce", "nope-1")).toBeUndefined();
  });

  it("validates overrides with PricingOverridesSchema", () => {
    expect(PricingOverridesSchema.safeParse({ "ml.g5.xlarge": 1.2 }).success).toBe(true);
    expect(PricingOverridesSchema.safeParse({ "ml.g5.xlarge": 0 }).success).toBe(false);
    expect(PricingOverridesSchema.safeParse({ "ml.g5.xlarge": "1.2" }).success).toBe(false);
  });

  it("monthly min <= max and scales linearly with replicas (property)", () => {
    const priced = PRICE_CATALOG.filter(
      (e) => e.service !== "gce-gpu" && e.service !== "vertex-gpu",
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...priced),
        fc.nat({ max: 500 }),
        fc.nat({ max: 500 }),
        fc.boolean(),
        (entry, a, b, spot) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const useSpot = spot && entry.service !== "sagemaker";
          const input = { service: entry.service, sku: entry.sku, spot: useSpot };
          const r = known(estimateCost({ ...input, replicas: { min, max } }));
          const one = known(estimateCost({ ...input, replicas: { min: 1, max: 1 } }));
          expect(r.monthlyUsd.min).toBeLessThanOrEqual(r.monthlyUsd.max);
          const unit = one.monthlyUsd.max;
          expect(r.monthlyUsd.min).toBeCloseTo(unit * min, 6);
          expect(r.monthlyUsd.max).toBeCloseTo(unit * max, 6);
          expect(unit).toBeCloseTo(r.usdPerReplicaHour * HOURS_PER_MONTH, 9);
        },
      ),
      { numRuns: 300 },
    );
  });
});
