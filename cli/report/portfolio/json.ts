import type { PortfolioResult } from "../../portfolio/model";
import { violationRecord } from "../json";

/** The report object of contract v2 §6. */
export function portfolioJson(result: PortfolioResult) {
  return {
    asOf: result.asOf,
    stacks: result.stacks,
    assets: result.assets,
    findings: result.findings.map(({ id, severity, assetId, stack, urn, message }) => ({
      id,
      severity,
      assetId,
      stack,
      urn,
      message,
    })),
    violations: result.violations.map(violationRecord),
    rollups: result.rollups,
    coverage: result.coverage,
    policyPacks: result.policyPacks.map((p) => ({ name: p.name, version: p.version })),
    skipped: result.skipped,
  };
}

export function formatPortfolioJson(result: PortfolioResult): string {
  return `${JSON.stringify(portfolioJson(result), null, 2)}\n`;
}
