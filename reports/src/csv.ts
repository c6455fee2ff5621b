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
  const lookup = ruleLookup(ctx);
  const findings = [...result.findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      compareWithinRule(a, b),
  );
  const rows = findings.map((f) =>
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
  // A spreadsheet shows no preamble well, so the notes (display filters) go in a trailing comment row.
  const notes = headerNotes(result).map((note) => [`# ${note}`]);
  return stringify([[...CSV_COLUMNS], ...rows, ...notes], {
    escape_formulas: true,
    record_delimiter: "unix",
  });
}
