import { createHash } from "crypto";
import type { AnalysisResult, ViolationLevel } from "../model";
import { PACKAGE_VERSION } from "../package-root";
import { artifactLocation, repositoryRoot } from "./locations";
import { describeUrn, resourcesByUrn } from "./summary";

type SarifLevel = "error" | "warning" | "note" | "none";

const LEVELS: Record<string, SarifLevel> = {
  mandatory: "error",
  remediate: "error",
  advisory: "warning",
  disabled: "none",
};

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { policyPack: string; enforcementLevel: string };
}

/**
 * A SARIF 2.1.0 log: one rule per policy (`<pack>/<policy>`) with its description, one result per
 * violation (`error` for mandatory, `warning` for advisory) located where the program declares
 * the resource (else at line 1 of the program's main file or the state file), relative to the
 * repository root, and naming the resource's URN as its logical location.
 */
export function sarifReport(result: AnalysisResult, options: { cwd: string }) {
  const rules: Rule[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (pack: string, policy: string, description: string, level: string) => {
    const id = `${pack}/${policy}`;
    if (!ruleIndex.has(id)) {
      ruleIndex.set(id, rules.length);
      rules.push({
        id,
        name: policy,
        shortDescription: { text: description || policy },
        defaultConfiguration: { level: LEVELS[level] ?? "warning" },
        properties: { policyPack: pack, enforcementLevel: level },
      });
    }
    return ruleIndex.get(id) as number;
  };
  for (const pack of result.policyPacks) {
    for (const policy of pack.policies) {
      addRule(pack.name, policy.name, policy.description, policy.enforcementLevel);
    }
  }
  const root = repositoryRoot(options.cwd);
  const fallback = {
    artifactLocation: artifactLocation(result.sourceFile, root),
    region: { startLine: 1 },
  };
  const resources = resourcesByUrn(result);
  const physicalLocation = (urn: string) => {
    const source = resources.get(urn)?.source;
    return source
      ? {
          artifactLocation: artifactLocation(source.file, root),
          region: { startLine: source.line, startColumn: source.column },
        }
      : fallback;
  };
  const results = result.violations.map((v) => {
    const level: ViolationLevel = v.enforcementLevel;
    const index = addRule(v.policyPack, v.policy, "", level);
    return {
      ruleId: rules[index].id,
      ruleIndex: index,
      level: LEVELS[level],
      message: { text: v.message },
      locations: [
        {
          physicalLocation: physicalLocation(v.urn),
          logicalLocations: [
            {
              name: describeUrn(v.urn, resources).name,
              fullyQualifiedName: v.urn,
              kind: "resource",
            },
          ],
        },
      ],
      partialFingerprints: {
        "aigovViolation/v1": createHash("sha256")
          .update(`${v.policyPack}\n${v.policy}\n${v.urn}\n${v.message}`)
          .digest("hex"),
      },
    };
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "aigov", version: PACKAGE_VERSION, rules } }, results }],
  };
}

export function formatSarif(result: AnalysisResult, options: { cwd: string }): string {
  return `${JSON.stringify(sarifReport(result, options), null, 2)}\n`;
}
