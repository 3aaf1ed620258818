/** Report formats, in a module of their own so that argument parsing loads no renderer. */
export const REPORT_FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats of `aigov cost` (besides `--html`). */
export const COST_FORMATS = ["text", "json", "markdown"] as const;
export type CostFormat = (typeof COST_FORMATS)[number];
