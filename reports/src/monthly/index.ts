// The monthly control-status report: build the data, lay it out in one language, write HTML or Markdown.
import { monthlyDocument } from "./document";
import { renderMonthlyHtml } from "./html";
import { renderMonthlyMarkdown } from "./markdown";
import { buildMonthlyReport, type MonthlyInput, type ReportLanguage } from "./model";

export { monthlyDocument } from "./document";
export { MESSAGES, type MessageKey, translator } from "./messages";
export * from "./model";
export { renderMonthlyHtml, renderMonthlyMarkdown };

export const MONTHLY_FORMATS = ["html", "markdown", "pdf"] as const;
export type MonthlyFormat = (typeof MONTHLY_FORMATS)[number];

/** The report as HTML or Markdown text (PDF is this HTML printed by a browser: see `printPdf`). */
export function renderMonthly(
  input: MonthlyInput,
  lang: ReportLanguage,
  format: "html" | "markdown",
): string {
  const doc = monthlyDocument(buildMonthlyReport(input), lang);
  return format === "html" ? renderMonthlyHtml(doc) : renderMonthlyMarkdown(doc);
}
