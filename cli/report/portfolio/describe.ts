/** Wording shared by the text, Markdown and HTML portfolio reports. */
import { UNALLOCATED } from "../../../sdk";
import type { CoverageEntry, PortfolioResult, Rollups } from "../../portfolio/model";

/** The rollups in report order, with what their "no value" key is called. */
export const ROLLUPS: readonly [keyof Rollups, string, string][] = [
  ["byTeam", "By team", "team"],
  ["byCostCenter", "By cost center", "cost center"],
  ["byStage", "By stage", "stage"],
  ["byCloud", "By cloud", "cloud"],
  ["byRiskTier", "By risk tier", "risk tier"],
];

/** A rollup key for people: `__unallocated__` becomes `(no team)`. */
export function groupLabel(key: string, what: string): string {
  return key === UNALLOCATED ? `(no ${what})` : key;
}

/** `75%`, or `–` when there is nothing to count. */
export function share(part: number, whole: number): string {
  return whole === 0 ? "–" : `${Math.round((part / whole) * 100)}%`;
}

/** The coverage columns: header and value. */
export const COVERAGE_COLUMNS: readonly [string, (c: CoverageEntry) => string][] = [
  ["AI resources", (c) => String(c.aiResources)],
  ["fully governed", (c) => share(c.fullyGoverned, c.aiResources)],
  ["model card", (c) => share(c.withCard, c.modelResources)],
  ["evaluation", (c) => share(c.withEvaluation, c.modelResources)],
  ["license", (c) => share(c.withLicense, c.modelResources)],
  ["budgeted", (c) => share(c.budgeted, c.aiResources)],
];

/** `3 stacks, 12 assets, 4 findings, as of 2026-12-02`. */
export function headline(result: PortfolioResult): string {
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? "" : "s"}`;
  const mandatory = result.stacks.reduce((s, x) => s + x.mandatory, 0);
  return `${n(result.stacks.length, "stack")}, ${n(result.assets.length, "asset")}, ${n(result.findings.length, "finding")}, ${n(mandatory, "mandatory violation")}; as of ${result.asOf}`;
}
