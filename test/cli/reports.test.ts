import * as path from "path";
import { emptyOptions, type AnalysisResult, type StackResource } from "../../cli/model";
import { PACKAGE_VERSION } from "../../cli/package-root";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../cli/properties";
import { renderReport } from "../../cli/report";
import { jsonReport } from "../../cli/report/json";
import { sarifReport } from "../../cli/report/sarif";
import { sarifSchemaErrors } from "./sarif-schema";

const stackUrn = "urn:pulumi:dev::ml::pulumi:pulumi:Stack::ml-dev";
const endpointUrn = "urn:pulumi:dev::ml::aws:sagemaker/endpoint:Endpoint::chat";
const bucketUrn = "urn:pulumi:dev::ml::aws:s3/bucket:Bucket::models";

function resource(
  urn: string,
  type: string,
  name: string,
  inputs = {},
  parent?: string,
): StackResource {
  return {
    urn,
    type,
    name,
    custom: type !== "pulumi:pulumi:Stack",
    parent,
    external: false,
    inputs,
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: emptyOptions,
  };
}

const cwd = "/repo";
const result: AnalysisResult = {
  project: "ml",
  stack: "dev",
  resources: [
    resource(stackUrn, "pulumi:pulumi:Stack", "ml-dev"),
    resource(
      endpointUrn,
      "aws:sagemaker/endpoint:Endpoint",
      "chat",
      { endpointConfigName: UNKNOWN, tags: { token: { [SIG_KEY]: SECRET_SIG, value: "s3cr3t" } } },
      stackUrn,
    ),
    resource(bucketUrn, "aws:s3/bucket:Bucket", "models", { bucket: "models-1" }, stackUrn),
  ],
  policyPacks: [
    {
      name: "aigov",
      version: "0.1.0",
      policies: [
        {
          name: "required-tags",
          description: "AI resources carry tags.",
          enforcementLevel: "mandatory",
        },
        { name: "archival", description: "Buckets | archive.", enforcementLevel: "advisory" },
      ],
    },
  ],
  violations: [
    {
      policyPack: "aigov",
      policy: "required-tags",
      enforcementLevel: "mandatory",
      urn: endpointUrn,
      message: "AI resources carry tags.\nmissing owner",
    },
    {
      policyPack: "aigov",
      policy: "archival",
      enforcementLevel: "advisory",
      urn: bucketUrn,
      message: "Buckets | archive.\nno <lifecycle>",
    },
    {
      policyPack: "aigov",
      policy: "required-tags",
      enforcementLevel: "mandatory",
      urn: bucketUrn,
      message: "AI resources carry tags.\nmissing team",
    },
  ],
  sourceFile: path.join(cwd, "infra", "index.ts"),
};

describe("json report", () => {
  test("has exactly the contract's shape, secrets masked and unknowns kept", () => {
    expect(jsonReport(result)).toEqual({
      project: "ml",
      stack: "dev",
      resources: [
        { urn: stackUrn, type: "pulumi:pulumi:Stack", name: "ml-dev", parent: null, inputs: {} },
        {
          urn: endpointUrn,
          type: "aws:sagemaker/endpoint:Endpoint",
          name: "chat",
          parent: stackUrn,
          inputs: { endpointConfigName: UNKNOWN, tags: { token: "[secret]" } },
        },
        {
          urn: bucketUrn,
          type: "aws:s3/bucket:Bucket",
          name: "models",
          parent: stackUrn,
          inputs: { bucket: "models-1" },
        },
      ],
      policyPacks: [{ name: "aigov", version: "0.1.0" }],
      violations: result.violations,
      cost: {
        monthlyUsd: { min: 0, max: 0 },
        byTeam: {},
        byCostCenter: {},
        byAsset: {},
        budgets: [],
        unpriced: [
          {
            urn: endpointUrn,
            part: "endpoint",
            code: "not-known",
            reason: "its endpoint configuration is not known until deployment",
          },
        ],
      },
      summary: { resources: 3, mandatory: 2, advisory: 1 },
    });
    expect(JSON.parse(renderReport(result, "json", { color: false, cwd }))).toEqual(
      jsonReport(result),
    );
  });
});

describe("text report", () => {
  test("groups violations by resource and ends with the summary line", () => {
    expect(renderReport(result, "text", { color: false, cwd })).toBe(
      [
        "aigov: ml/dev, policy packs: aigov@v0.1.0",
        "",
        "aws:sagemaker/endpoint:Endpoint  chat",
        `  ${endpointUrn}`,
        "  mandatory  aigov/required-tags",
        "    AI resources carry tags.",
        "    missing owner",
        "",
        "aws:s3/bucket:Bucket  models",
        `  ${bucketUrn}`,
        "  advisory   aigov/archival",
        "    Buckets | archive.",
        "    no <lifecycle>",
        "  mandatory  aigov/required-tags",
        "    AI resources carry tags.",
        "    missing team",
        "",
        "Estimated monthly cost: $0.00; 1 not priced (details: aigov cost)",
        "3 resources, 2 mandatory, 1 advisory violations",
        "",
      ].join("\n"),
    );
  });

  test("colours only when asked", () => {
    expect(renderReport(result, "text", { color: true, cwd })).toContain(
      "\x1b[31mmandatory\x1b[0m",
    );
    expect(renderReport(result, "text", { color: false, cwd })).not.toContain("\x1b[");
  });

  test("says when there is nothing to report", () => {
    const clean = { ...result, violations: [] };
    expect(renderReport(clean, "text", { color: false, cwd })).toContain(
      "No policy violations.\n\nEstimated monthly cost: $0.00; 1 not priced (details: aigov cost)\n3 resources, 0 mandatory, 0 advisory violations\n",
    );
  });
});

describe("markdown report", () => {
  test("has a summary table and violations grouped by policy, escaped for tables", () => {
    const markdown = renderReport(result, "markdown", { color: false, cwd });
    expect(markdown).toContain("| 3 | 2 | 1 |");
    expect(markdown).toContain("Policy packs: `aigov@v0.1.0`");
    expect(markdown).toContain("### `aigov/required-tags` (mandatory, 2 violations)");
    expect(markdown).toContain(
      "| `chat` | `aws:sagemaker/endpoint:Endpoint` | AI resources carry tags.<br>missing owner |",
    );
    expect(markdown).toContain("### `aigov/archival` (advisory, 1 violation)");
    expect(markdown).toContain(
      "| `models` | `aws:s3/bucket:Bucket` | Buckets \\| archive.<br>no \\<lifecycle\\> |",
    );
    expect(markdown.indexOf("required-tags")).toBeLessThan(markdown.indexOf("archival`"));
  });
});

describe("sarif report", () => {
  const sarif = sarifReport(result, { cwd });
  const run = sarif.runs[0];

  test("is a SARIF 2.1.0 log with one rule per policy", () => {
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(run.tool.driver).toEqual({
      name: "aigov",
      version: PACKAGE_VERSION,
      rules: [
        {
          id: "aigov/required-tags",
          name: "required-tags",
          shortDescription: { text: "AI resources carry tags." },
          defaultConfiguration: { level: "error" },
          properties: { policyPack: "aigov", enforcementLevel: "mandatory" },
        },
        {
          id: "aigov/archival",
          name: "archival",
          shortDescription: { text: "Buckets | archive." },
          defaultConfiguration: { level: "warning" },
          properties: { policyPack: "aigov", enforcementLevel: "advisory" },
        },
      ],
    });
  });

  test("has one result per violation, located at the main file and the resource", () => {
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ["aigov/required-tags", 0, "error"],
      ["aigov/archival", 1, "warning"],
      ["aigov/required-tags", 0, "error"],
    ]);
    expect(run.results[0].message).toEqual({ text: "AI resources carry tags.\nmissing owner" });
    expect(run.results[0].locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "infra/index.ts", uriBaseId: "%SRCROOT%" },
          region: { startLine: 1 },
        },
        logicalLocations: [{ name: "chat", fullyQualifiedName: endpointUrn, kind: "resource" }],
      },
    ]);
    const fingerprints = run.results.map((r) => r.partialFingerprints["aigovViolation/v1"]);
    expect(new Set(fingerprints).size).toBe(3);
  });

  test("validates against the SARIF 2.1.0 schema, with violations, a file URL or no result", () => {
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const outside = sarifReport({ ...result, sourceFile: "/elsewhere/index.ts" }, { cwd });
    expect(sarifSchemaErrors(outside)).toEqual([]);
    const clean = sarifReport({ ...result, violations: [], policyPacks: [] }, { cwd });
    expect(sarifSchemaErrors(clean)).toEqual([]);
    // The validator does reject what is not SARIF.
    expect(sarifSchemaErrors({ ...sarif, version: "2.0.0" })).not.toEqual([]);
  });

  test("uses a file URL for a main file outside the working directory", () => {
    const outside = sarifReport({ ...result, sourceFile: "/elsewhere/index.ts" }, { cwd });
    expect(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "file:///elsewhere/index.ts",
    });
  });
});
