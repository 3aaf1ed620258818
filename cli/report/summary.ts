import { estimateCost } from "../cost";
import { usdRange } from "./cost/describe";
import type { AnalysisResult, StackResource, Violation } from "../model";
import { urnName, urnQualifiedType } from "../urn";

export interface Summary {
  readonly resources: number;
  readonly mandatory: number;
  readonly advisory: number;
}

export function summarize(result: AnalysisResult): Summary {
  const count = (level: Violation["enforcementLevel"]) =>
    result.violations.filter((v) => v.enforcementLevel === level).length;
  return {
    resources: result.resources.length,
    mandatory: count("mandatory"),
    advisory: count("advisory"),
  };
}

export function summaryLine(summary: Summary): string {
  return `${summary.resources} resources, ${summary.mandatory} mandatory, ${summary.advisory} advisory violations`;
}

/** Violations grouped by a key, groups in the order their first violation appears. */
export function groupBy<K>(
  violations: readonly Violation[],
  key: (v: Violation) => K,
): Map<K, Violation[]> {
  const groups = new Map<K, Violation[]>();
  for (const v of violations) {
    const k = key(v);
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  return groups;
}

/** The type and name of the resource a URN names, from the stack or else from the URN. */
export function describeUrn(
  urn: string,
  resources: ReadonlyMap<string, StackResource>,
): { type: string; name: string } {
  const resource = resources.get(urn);
  if (resource) {
    return { type: resource.type, name: resource.name };
  }
  try {
    return { type: urnQualifiedType(urn).split("$").pop() as string, name: urnName(urn) };
  } catch {
    return { type: "", name: urn };
  }
}

export function resourcesByUrn(result: AnalysisResult): Map<string, StackResource> {
  return new Map(result.resources.map((r) => [r.urn, r]));
}

/**
 * One line on cost for the check reports: the monthly estimate of the serving resources, how the
 * budgets fare, and what could not be priced (the detail is `aigov cost`).
 */
export function costLine(result: AnalysisResult): string {
  const cost = estimateCost(result.resources, result.config);
  const parts = [`Estimated monthly cost: ${usdRange(cost.monthlyUsd)}`];
  if (cost.budgets.length > 0) {
    const counts = new Map<string, number>();
    for (const b of cost.budgets) counts.set(b.status, (counts.get(b.status) ?? 0) + 1);
    const order = ["over", "at-risk", "within", "unknown"];
    const statuses = order.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
    parts.push(`budgets: ${statuses.join(", ")}`);
  }
  if (cost.unpriced.length > 0) parts.push(`${cost.unpriced.length} not priced`);
  return `${parts.join("; ")} (details: aigov cost)`;
}
