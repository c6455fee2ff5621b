// Reporters: a Result and its context in, the bytes of one format out. They present, never decide.
import type { Result } from "@itaku/core";
import { renderCsv, renderCsvChunks } from "./csv";
import { renderHtml, renderHtmlChunks } from "./html";
import { renderJson, renderJsonChunks } from "./json";
import { renderJunit, renderJunitChunks } from "./junit";
import { renderMarkdown } from "./markdown";
import type { ReportContext, ReportFormat } from "./report-context";
import { withRuleSummaries } from "./rule-summaries";
import { renderSarif, renderSarifChunks } from "./sarif";
import { renderTable } from "./table";

export { BrowserUnavailableError, chromiumPath, launchChromium, printPdf } from "./browser";
export { displayWidth, padToWidth, truncateToWidth } from "./display-width";
export * from "./monthly";
export { REPORT_FORMATS, type ReportContext, type ReportFormat } from "./report-context";
export {
  renderCsv,
  renderHtml,
  renderJson,
  renderJsonChunks,
  renderJunit,
  renderMarkdown,
  renderSarif,
  renderTable,
};

const RENDERERS: Record<ReportFormat, (result: Result, ctx: ReportContext) => string> = {
  table: renderTable,
  json: (result, ctx) => renderJson(withRuleSummaries(result, ctx)),
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
  csv: renderCsv,
};

export function renderReport(format: ReportFormat, result: Result, ctx: ReportContext): string {
  const render = RENDERERS[format];
  if (!render) throw new Error(`unknown report format "${format}"`);
  return render(result, ctx);
}

/**
 * A report in pieces, for writing to a stream: formats that can stream (json, sarif, junit, csv, html) never build the whole
 * report as one string; the others come as a single piece.
 */
export function* renderReportChunks(
  format: ReportFormat,
  result: Result,
  ctx: ReportContext,
): Generator<string> {
  if (format === "json") yield* renderJsonChunks(withRuleSummaries(result, ctx));
  else if (format === "sarif") yield* renderSarifChunks(result, ctx);
  else if (format === "junit") yield* renderJunitChunks(result, ctx);
  else if (format === "csv") yield* renderCsvChunks(result, ctx);
  else if (format === "html") yield* renderHtmlChunks(result, ctx);
  else yield renderReport(format, result, ctx);
}
