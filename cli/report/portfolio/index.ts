import type { PortfolioFormat } from "../../lifecycle-args";
import type { PortfolioResult } from "../../portfolio/model";
import { formatPortfolioCsv } from "./csv";
import { formatPortfolioHtml } from "./html";
import { formatPortfolioJson } from "./json";
import { formatPortfolioMarkdown } from "./markdown";
import { formatPortfolioText } from "./text";

export function renderPortfolio(
  result: PortfolioResult,
  format: PortfolioFormat,
  options: { color: boolean },
): string {
  switch (format) {
    case "text":
      return formatPortfolioText(result, options);
    case "json":
      return formatPortfolioJson(result);
    case "csv":
      return formatPortfolioCsv(result);
    case "markdown":
      return formatPortfolioMarkdown(result);
    case "html":
      return formatPortfolioHtml(result);
  }
}

/** True when a finding named in `--fail-on` is present (`mandatory`: a mandatory violation). */
export function failsOn(result: PortfolioResult, failOn: readonly string[]): boolean {
  const ids = new Set(failOn);
  return (
    result.findings.some((f) => ids.has(f.id)) ||
    (ids.has("mandatory") && result.violations.some((v) => v.enforcementLevel === "mandatory"))
  );
}
