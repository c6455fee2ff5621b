// CSV: one row per finding, for spreadsheets. Scanned text is made visible (no raw controls, newlines
// or bidi overrides, so rows stay lines) and cells a spreadsheet would run as a formula are escaped.
import type { Result } from "@itaku/core";
import { stringify } from "csv-stringify/sync";
import {
  compareWithinRule,
  headerNotes,
  type ReportContext,
  ruleLookup,
  SEVERITY_ORDER,
} from "./report-context";
import { visibleText } from "./scanned-text";

export const CSV_COLUMNS = [
  "severity",
  "status",
  "rule",
  "title",
  "controls",
  "resource_type",
  "resource_id",
  "resource_name",
  "scope",
  "region",
  "message",
  "waiver_reason",
  "waiver_expires",
] as const;

export function renderCsv(result: Result, ctx: ReportContext): string {
  return [...renderCsvChunks(result, ctx)].join("");
}

/** The CSV in pieces, rows a batch at a time, so millions of findings never make one string. */
export function* renderCsvChunks(result: Result, ctx: ReportContext, rowsPerPiece = 5000): Generator<string> {
  const lookup = ruleLookup(ctx);
  const rank = new Map(SEVERITY_ORDER.map((severity, at) => [severity, at]));
  const findings = [...result.findings].sort(
    (a, b) =>
      rank.get(a.severity)! - rank.get(b.severity)! ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      compareWithinRule(a, b),
  );
  const csv = (rows: string[][]) => stringify(rows, { escape_formulas: true, record_delimiter: "unix" });
  yield csv([[...CSV_COLUMNS]]);
  for (let start = 0; start < findings.length; start += rowsPerPiece) {
    const rows = findings
      .slice(start, start + rowsPerPiece)
      .map((f) =>
        [
          f.severity,
          f.status,
          f.ruleId,
          lookup(f.ruleId)?.title.en ?? "",
          f.controls.join(" "),
          f.resource.type,
          f.resource.id,
          f.resource.name,
          f.resource.scope,
          f.resource.region,
          f.message,
          f.waiver?.reason ?? "",
          f.waiver?.expires ?? "",
        ].map(visibleText),
      );
    yield csv(rows);
  }
  // A spreadsheet shows no preamble well, so the notes (display filters) go in a trailing comment row.
  const notes = headerNotes(result).map((note) => [`# ${note}`]);
  if (notes.length > 0) yield csv(notes);
}
