import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policy-packs/aigov/policies";

const PACK_DIR = path.join(__dirname, "../../policy-packs/aigov");
describe("policy catalog", () => {
  it.each(policies.map((p) => [p.name, p] as const))(
    "%s has a description in sentences, remediation steps and a generated config schema",
    (_name, p) => {
      expect(p.description).toMatch(/^[A-Z].{40,}\.$/s);
      expect(p.remediationSteps).toMatch(/^[A-Z].{40,}\.$/s);
      expect(p.configSchema).toBeDefined();
      expect(p.configSchema?.properties).not.toHaveProperty("enforcementLevel");
      expect(p.configSchema?.required ?? []).not.toContain("enforcementLevel");
      for (const prop of Object.values(p.configSchema?.properties ?? {})) {
        expect(typeof prop === "object" && prop.description).toBeTruthy();
      }
    },
  );

  it("puts the contract's config keys on the policies that read them, with defaults", () => {
    const props = (name: string) =>
      policies.find((p) => p.name === name)?.configSchema?.properties as Record<
        string,
        Record<string, unknown>
      >;
    expect(props("aigov-required-metadata").requiredKeys.default).toEqual([
      "asset-id",
      "owner",
      "team",
      "cost-center",
      "stage",
      "data-classification",
    ]);
    expect(props("aigov-required-metadata").defaults).toMatchObject({
      type: "object",
      default: {},
    });
    expect(props("aigov-metadata-values").costCenterPattern.default).toBe(
      "^[A-Z]{2,5}-[0-9]{2,8}$",
    );
    expect(props("aigov-production-evaluation").requiredBenchmarks.default).toEqual([]);
    expect(props("aigov-training-data-license").deniedLicenses.default).toEqual(["unknown"]);
    expect(props("aigov-training-data-license").allowedLicenses.default).toBeUndefined();
    expect(props("aigov-instance-allowlist").allowedInstanceTypes).toMatchObject({
      propertyNames: { enum: expect.arrayContaining(["production"]) },
    });
    expect(props("aigov-instance-allowlist").maxHourlyUsd).toMatchObject({
      additionalProperties: { type: "number" },
    });
    expect(props("aigov-budget-coverage").budgetedTeams.default).toEqual([]);
    expect(props("aigov-budget-coverage").budgetedCostCenters.default).toEqual([]);
    expect(props("aigov-budget-headroom").pricing.default).toEqual({});
    expect(props("aigov-orphaned-endpoint").externalRegistries.default).toEqual([]);
    for (const name of [
      "aigov-required-metadata",
      "aigov-metadata-values",
      "aigov-pii-safeguards",
      "aigov-lifecycle-state",
      "aigov-budget-coverage",
    ]) {
      expect(props(name).extraResourceTypes.default).toEqual([]);
    }
  });

  it("serialises every config schema to JSON (as the server sends it to the CLI)", () => {
    for (const p of policies) expect(() => JSON.stringify(p.configSchema)).not.toThrow();
  });
});

describe("pack files", () => {
  it("PulumiPolicy.yaml declares the nodejs runtime and a description", () => {
    const yaml = fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8");
    expect(yaml).toMatch(/^runtime: nodejs$/m);
    expect(yaml).toMatch(/^description: \S.+$/m);
  });

  it("package.json keeps its name and dependencies and has a version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
    expect(pkg.name).toBe("aigov-policy-pack");
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(pkg.dependencies)).toEqual(["@pulumi/policy", "@pulumi/pulumi", "aigov"]);
  });

  it("pack code imports the sdk only as aigov/sdk", () => {
    const files = [
      "index.ts",
      ...["lib", "policies"].flatMap((d) =>
        fs.readdirSync(path.join(PACK_DIR, d)).map((f) => `${d}/${f}`),
      ),
    ];
    for (const f of files.filter((f) => f.endsWith(".ts"))) {
      const text = fs.readFileSync(path.join(PACK_DIR, f), "utf8");
      expect(text).not.toMatch(/from "\.\.\/\.\.\//);
      if (f !== "index.ts") expect(text).not.toMatch(/new PolicyPack/);
    }
  });
});
