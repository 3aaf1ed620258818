/** The asset inventory as CSV (RFC 4180: CRLF records, fields quoted when they need it). */
import { stringify } from "csv-stringify/sync";
import type { Asset, PortfolioResult } from "../../portfolio/model";

/** The inventory columns: header and value. */
export const INVENTORY_COLUMNS: readonly [string, (a: Asset) => string | number | null][] = [
  ["asset_id", (a) => a.assetId],
  ["kind", (a) => a.kind],
  ["team", (a) => a.team],
  ["owner", (a) => a.owner],
  ["cost_center", (a) => a.costCenter],
  ["stage", (a) => a.stage],
  ["data_classification", (a) => a.dataClassification],
  ["risk_tier", (a) => a.riskTier],
  ["training_data_license", (a) => a.trainingDataLicense],
  ["base_model", (a) => a.baseModel],
  ["source_datasets", (a) => a.sourceDatasets],
  ["sunset_date", (a) => a.sunsetDate],
  ["clouds", (a) => a.clouds.join(" ")],
  ["stacks", (a) => a.stacks.join(" ")],
  ["resources", (a) => a.resources.length],
  ["monthly_usd_min", (a) => a.monthlyUsd.min],
  ["monthly_usd_max", (a) => a.monthlyUsd.max],
  ["findings", (a) => a.findings.join(" ")],
  ["first_resource", (a) => a.resources[0] ?? null],
];

export function formatPortfolioCsv(result: PortfolioResult): string {
  const rows = result.assets.map((a) => INVENTORY_COLUMNS.map(([, value]) => value(a) ?? ""));
  return stringify([INVENTORY_COLUMNS.map(([name]) => name), ...rows], {
    record_delimiter: "windows",
  });
}
