import { createHash } from "crypto";
import * as path from "path";
import { pathToFileURL } from "url";
import type { AnalysisResult, ViolationLevel } from "../model";
import { PACKAGE_VERSION } from "../package-root";
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

/** Where violations are located: the file relative to `cwd` (the checkout), else its file URL. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    return { uri: pathToFileURL(file).href };
  }
  return { uri: relative.split(path.sep).join("/"), uriBaseId: "%SRCROOT%" };
}

/**
 * A SARIF 2.1.0 log: one rule per policy (`<pack>/<policy>`) with its description, one result per
 * violation (`error` for mandatory, `warning` for advisory) located at the program's main file
 * and naming the resource's URN as its logical location.
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
  const location = artifactLocation(result.sourceFile, options.cwd);
  const resources = resourcesByUrn(result);
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
          physicalLocation: { artifactLocation: location, region: { startLine: 1 } },
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
