import type { AnalysisResult } from "../model";
import { formatJson } from "./json";
import { formatMarkdown } from "./markdown";
import { formatSarif } from "./sarif";
import { formatText } from "./text";

export const REPORT_FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** Colour the text report (only when it goes to a terminal). */
  readonly color: boolean;
  /** The directory SARIF locations are relative to. */
  readonly cwd: string;
}

export function renderReport(
  result: AnalysisResult,
  format: ReportFormat,
  options: RenderOptions,
): string {
  switch (format) {
    case "text":
      return formatText(result, options);
    case "json":
      return formatJson(result);
    case "markdown":
      return formatMarkdown(result);
    case "sarif":
      return formatSarif(result, options);
  }
}
