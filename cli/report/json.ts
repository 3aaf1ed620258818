import { estimateCost } from "../cost";
import type { AnalysisResult } from "../model";
import { toReportProperties } from "../properties";
import { summarize } from "./summary";

/** The report object of docs/contract.md §5. Secret values are masked; unknowns keep their sentinel. */
export function jsonReport(result: AnalysisResult) {
  return {
    project: result.project,
    stack: result.stack,
    resources: result.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent ?? null,
      inputs: toReportProperties(r.inputs),
    })),
    policyPacks: result.policyPacks.map((p) => ({ name: p.name, version: p.version })),
    violations: result.violations.map((v) => ({
      policyPack: v.policyPack,
      policy: v.policy,
      enforcementLevel: v.enforcementLevel,
      urn: v.urn,
      message: v.message,
    })),
    cost: estimateCost(result.resources, result.config),
    summary: summarize(result),
  };
}

export function formatJson(result: AnalysisResult): string {
  return `${JSON.stringify(jsonReport(result), null, 2)}\n`;
}
