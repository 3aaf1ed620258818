import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emptyOptions, type AnalysisResult, type StackResource } from "../../cli/model";
import { renderReport } from "../../cli/report";
import { sarifReport } from "../../cli/report/sarif";
import { sarifSchemaErrors } from "./sarif-schema";

/**
 * Violations point where the program declares the resource, relative to the repository root
 * (as GitHub code scanning resolves SARIF locations), whatever directory the check ran in.
 */
let repo: string;
beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-locations-"));
  fs.mkdirSync(path.join(repo, ".git"));
  fs.mkdirSync(path.join(repo, "infra"));
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

const urn = (name: string) => `urn:pulumi:dev::ml::aws:s3/bucket:Bucket::${name}`;

function bucket(name: string, line?: number): StackResource {
  return {
    urn: urn(name),
    type: "aws:s3/bucket:Bucket",
    name,
    custom: true,
    external: false,
    inputs: {},
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: emptyOptions,
    ...(line ? { source: { file: path.join(repo, "infra", "buckets.ts"), line, column: 3 } } : {}),
  };
}

const result = (): AnalysisResult => ({
  project: "ml",
  stack: "dev",
  resources: [bucket("models", 12), bucket("logs")],
  policyPacks: [{ name: "p", version: "1", policies: [] }],
  violations: ["models", "logs"].map((name) => ({
    policyPack: "p",
    policy: "lifecycle",
    enforcementLevel: "mandatory" as const,
    urn: urn(name),
    message: "Buckets have a lifecycle.\nnone",
  })),
  sourceFile: path.join(repo, "infra", "index.ts"),
});

describe("declaration locations", () => {
  test("SARIF: the declaring file and line, relative to the repository root", () => {
    const cwd = path.join(repo, "infra");
    const sarif = sarifReport(result(), { cwd });
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation)).toEqual([
      {
        artifactLocation: { uri: "infra/buckets.ts", uriBaseId: "%SRCROOT%" },
        region: { startLine: 12, startColumn: 3 },
      },
      // No declaration known: the program's main file.
      {
        artifactLocation: { uri: "infra/index.ts", uriBaseId: "%SRCROOT%" },
        region: { startLine: 1 },
      },
    ]);
  });

  test("text and markdown name the file and line too", () => {
    const options = { color: false, cwd: path.join(repo, "infra") };
    const text = renderReport(result(), "text", options);
    expect(text).toContain(`  ${urn("models")} at infra/buckets.ts:12\n`);
    expect(text).toContain(`  ${urn("logs")}\n`);
    const markdown = renderReport(result(), "markdown", options);
    expect(markdown).toContain("| `models` (`infra/buckets.ts:12`) | `aws:s3/bucket:Bucket` |");
    expect(markdown).toContain("| `logs` | `aws:s3/bucket:Bucket` |");
  });
});
