import { estimateCost } from "../cost";
import type { AnalysisResult, Violation } from "../model";
import { toReportProperties } from "../properties";
import { summarize } from "./summary";

/** A violation as the JSON reports write it (contract §5). */
export function violationRecord(v: Violation) {
  return {
    policyPack: v.policyPack,
    policy: v.policy,
    enforcementLevel: v.enforcementLevel,
    urn: v.urn,
    message: v.message,
  };
}

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
    violations: result.violations.map(violationRecord),
    cost: estimateCost(result.resources, result.config),
    summary: summarize(result),
  };
}

export function formatJson(result: AnalysisResult): string {
  return `${JSON.stringify(jsonReport(result), null, 2)}\n`;
}
