import type { AnalysisResult } from "../model";
import { formatJson } from "./json";
import { formatMarkdown } from "./markdown";
import { formatSarif } from "./sarif";
import { formatText } from "./text";

import type { ReportFormat } from "./formats";

export { REPORT_FORMATS, type ReportFormat } from "./formats";

export interface RenderOptions {
  /** Colour the text report (only when it goes to a terminal). */
  readonly color: boolean;
  /** The directory the check ran in: locations are relative to its repository's root. */
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
      return formatMarkdown(result, options);
    case "sarif":
      return formatSarif(result, options);
  }
}
