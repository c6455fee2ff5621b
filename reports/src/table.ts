// The `table` format: what a person reads in a terminal. Columns are measured in display width, so
// Japanese names line up; scanned strings are made visible first, so they cannot move the cursor.
import type { ControlStatus, Finding, FindingStatus, Result } from "@itaku/core";
import { accessReviewTableLines } from "./access-review";
import { displayWidth, padToWidth, truncateToWidth } from "./display-width";
import {
  allGaps,
  controlLookup,
  groupFindings,
  headerNotes,
  type ReportContext,
  reasonOf,
  ruleLookup,
  sourceLabel,
  sourceStatsText,
  sourceStatuses,
  sourcesToList,
  statusOfSource,
} from "./report-context";
import { visibleText } from "./scanned-text";

const ANSI = {
  bold: "1",
  dim: "2",
  red: "31",
  green: "32",
  yellow: "33",
  magenta: "35",
  cyan: "36",
} as const;
type Style = keyof typeof ANSI;

const STATUS_STYLE: Record<FindingStatus | ControlStatus, Style> = {
  fail: "red",
  unknown: "yellow",
  waived: "cyan",
  pass: "green",
  not_applicable: "dim",
  attested: "green",
  not_assessed: "dim",
};

const SEVERITY_STYLE = {
  critical: "magenta",
  high: "red",
  medium: "yellow",
  low: "cyan",
  info: "dim",
} as const;

const MAX_COLUMN = { resource: 32, type: 30, where: 34 } as const;
const MIN_MESSAGE = 50;
const MIN_COLUMN = 10;
const DEFAULT_WIDTH = 120;

type Painter = (text: string, ...styles: Style[]) => string;

function painter(enabled: boolean): Painter {
  if (!enabled) return (text) => text;
  return (text, ...styles) =>
    styles.length === 0 ? text : `\u001b[${styles.map((s) => ANSI[s]).join(";")}m${text}\u001b[0m`;
}

/** Width of the widest cell of a column, capped. */
function columnWidth<K extends string>(
  header: string,
  rows: readonly Record<K, string>[],
  key: K,
  cap: number,
): number {
  let width = displayWidth(header);
  for (const row of rows) width = Math.max(width, Math.min(cap, displayWidth(row[key])));
  return width;
}

function findingsSection(result: Result, ctx: ReportContext, paint: Painter, width: number): string[] {
  const groups = groupFindings(result.findings, ["fail", "waived", "unknown"]);
  if (groups.length === 0) return [paint("No failing, waived or unknown findings.", "green")];
  const lookup = ruleLookup(ctx);
  const shown: Finding[] = groups.flatMap((g) => g.rules.flatMap((r) => r.findings));
  const row = (f: Finding) => ({
    status: f.status,
    resource: visibleText(f.resource.name),
    type: visibleText(f.resource.type),
    where: visibleText(`${f.resource.scope}/${f.resource.region}`),
    message: visibleText(reasonOf(f)),
  });
  const rows = new Map(shown.map((f) => [f, row(f)]));
  const all = [...rows.values()];
  const w = {
    status: columnWidth("STATUS", all, "status", 8),
    resource: columnWidth("RESOURCE", all, "resource", MAX_COLUMN.resource),
    type: columnWidth("TYPE", all, "type", MAX_COLUMN.type),
    where: columnWidth("SCOPE/REGION", all, "where", MAX_COLUMN.where),
  };
  const indent = "    ";
  // The message matters most: narrow the widest other column until the message has its share.
  const budget = width - indent.length - w.status - 4 * 2;
  const wantMessage = Math.min(MIN_MESSAGE, Math.max(10, budget - 3 * MIN_COLUMN));
  const shrinkable = ["resource", "type", "where"] as const;
  while (w.resource + w.type + w.where + wantMessage > budget) {
    const widest = shrinkable.reduce((a, b) => (w[b] > w[a] ? b : a));
    if (w[widest] <= MIN_COLUMN) break;
    w[widest]--;
  }
  const messageWidth = Math.max(10, budget - w.resource - w.type - w.where);
  // On a narrow terminal the message would be cut to a few words: give it lines of its own instead.
  const stacked = messageWidth < MIN_MESSAGE;
  const line = (
    status: string,
    resource: string,
    type: string,
    where: string,
    message: string,
    statusStyle?: Style,
  ) =>
    [
      indent,
      statusStyle ? paint(padToWidth(status, w.status), statusStyle) : padToWidth(status, w.status),
      "  ",
      padToWidth(resource, w.resource),
      "  ",
      padToWidth(type, w.type),
      "  ",
      padToWidth(where, w.where),
      stacked ? "" : "  ",
      stacked ? "" : truncateToWidth(message, messageWidth),
    ]
      .join("")
      .trimEnd();

  const out: string[] = [];
  for (const group of groups) {
    out.push(paint(group.severity.toUpperCase(), "bold", SEVERITY_STYLE[group.severity]));
    for (const ruleGroup of group.rules) {
      const title = lookup(ruleGroup.ruleId)?.title.en;
      out.push(
        `  ${paint(ruleGroup.ruleId, "bold")}${title ? `  ${truncateToWidth(title, Math.max(10, width - ruleGroup.ruleId.length - 4))}` : ""}`,
      );
      const fix = lookup(ruleGroup.ruleId)?.remediation.summary;
      if (fix) out.push(...wrapWords(`fix: ${fix}`.split(" "), width, "    ").map((l) => paint(l, "dim")));
      out.push(paint(line("STATUS", "RESOURCE", "TYPE", "SCOPE/REGION", "MESSAGE"), "dim"));
      for (const finding of ruleGroup.findings) {
        const r = rows.get(finding)!;
        out.push(line(r.status, r.resource, r.type, r.where, r.message, STATUS_STYLE[r.status]));
        if (stacked) out.push(...wrapWords(r.message.split(" "), width, `${indent}  `));
      }
    }
  }
  return out;
}

function warningsSection(result: Result, paint: Painter, width: number): string[] {
  const lines: string[] = [];
  for (const waiver of result.waivers) {
    const who = `rule ${waiver.rule}, resource ${waiver.resource} (approved by ${waiver.approvedBy})`;
    if (waiver.status === "expired") {
      lines.push(`Waiver expired on ${waiver.expires} and no longer applies: ${who}`);
    } else if (waiver.status === "unused") {
      lines.push(`Waiver matches no failing finding: ${who}, expires ${waiver.expires}`);
    }
  }
  if (lines.length === 0) return [];
  return [
    paint("Warnings", "bold", "yellow"),
    ...lines.map((text) => `  ${paint("!", "yellow")} ${truncateToWidth(visibleText(text), width - 4)}`),
  ];
}

/** Counts of sources by status, then each source not read fully, with its reason. */
function sourcesSection(result: Result, paint: Painter, width: number): string[] {
  const { counts } = sourceStatuses(result);
  const listed = sourcesToList(result);
  if (listed.length === 0) return [];
  const style = { failed: "red", partial: "yellow", skipped: "dim", ok: "green" } as const;
  return [
    `${paint("Sources", "bold", "yellow")}  ${counts.ok} ok, ${counts.partial} partial, ${counts.failed} failed, ${counts.skipped} skipped`,
    ...listed.map((source) => {
      const status = statusOfSource(source);
      const read = sourceStatsText(source);
      const text = `${sourceLabel(source)}${source.reason ? `  ${source.reason}` : ""}${read ? `  (${read})` : ""}`;
      return `  ${paint(status.padEnd(8), style[status])}${truncateToWidth(visibleText(text), width - 10)}`;
    }),
  ];
}

function gapsSection(result: Result, paint: Painter, width: number): string[] {
  const gaps = allGaps(result);
  if (gaps.length === 0) return [];
  return [
    paint("Gaps (not collected; checks that need this data are unknown)", "bold", "yellow"),
    ...gaps.map((gap) => {
      const text = `${gap.source} ${gap.scope} ${gap.region}  ${gap.resourceType}  ${gap.operation}: ${gap.code}${gap.message ? `  ${gap.message}` : ""}`;
      return `  ${truncateToWidth(visibleText(text), width - 2)}`;
    }),
  ];
}

/** A word wider than a line, cut into pieces that fit (by display width, so CJK counts double). */
function splitLongWord(word: string, max: number): string[] {
  if (displayWidth(word) <= max) return [word];
  const pieces: string[] = [];
  let piece = "";
  for (const char of word) {
    if (displayWidth(piece + char) > max) {
      pieces.push(piece);
      piece = "";
    }
    piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Wraps words into lines of at most `width` columns, each starting with `indent`. */
function wrapWords(words: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let current = indent;
  const max = Math.max(1, width - displayWidth(indent));
  for (const word of words.flatMap((w) => splitLongWord(w, max))) {
    if (current.trim() !== "" && displayWidth(current) + 1 + displayWidth(word) > width) {
      lines.push(current);
      current = indent;
    }
    current += current.trim() === "" ? word : ` ${word}`;
  }
  if (current.trim() !== "") lines.push(current);
  return lines;
}

function controlsSection(result: Result, ctx: ReportContext, paint: Painter, width: number): string[] {
  if (result.controls.length === 0) return [];
  const control = controlLookup(ctx);
  // Controls nobody assessed (no rule ran, no attestation) are listed by id only, so the table stays short.
  const assessed = result.controls.filter((c) => c.status !== "not_assessed");
  const notAssessed = result.controls.filter((c) => c.status === "not_assessed");
  const idWidth = columnWidth("ID", assessed, "id", 20);
  const statusWidth = columnWidth("STATUS", assessed, "status", 14);
  const kindWidth = 7;
  const titleWidth = Math.max(10, width - 2 - idWidth - kindWidth - statusWidth - 3 * 2);
  const line = (id: string, kind: string, status: string, title: string, style?: Style) =>
    [
      "  ",
      padToWidth(id, idWidth),
      "  ",
      padToWidth(kind, kindWidth),
      "  ",
      style ? paint(padToWidth(status, statusWidth), style) : padToWidth(status, statusWidth),
      "  ",
      truncateToWidth(title, titleWidth),
    ]
      .join("")
      .trimEnd();
  const counts = new Map<string, number>();
  for (const c of result.controls) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const summary = [...counts.entries()].map(([status, n]) => `${n} ${status.replace("_", " ")}`).join(", ");
  const out = [`${paint("Controls", "bold")}  ${summary}`];
  if (assessed.length > 0) {
    out.push(paint(line("ID", "KIND", "STATUS", "TITLE"), "dim"));
    for (const c of assessed) {
      const entry = control(c.id);
      const title = entry ? entry.title.en : "";
      const attested = c.attestation
        ? ` [attested ${c.attestation.status} by ${c.attestation.by}, ${c.attestation.at}]`
        : "";
      out.push(line(c.id, c.kind, c.status, visibleText(title + attested), STATUS_STYLE[c.status]));
    }
  }
  if (notAssessed.length > 0) {
    out.push(paint(`  Not assessed (no rule ran and no attestation): ${notAssessed.length}`, "dim"));
    out.push(
      ...wrapWords(
        notAssessed.map((c) => visibleText(c.id)),
        width,
        "    ",
      ).map((l) => paint(l, "dim")),
    );
  }
  return out;
}

export function renderTable(result: Result, ctx: ReportContext): string {
  const paint = painter(ctx.color === true);
  const width = Math.max(60, ctx.width ?? DEFAULT_WIDTH);
  const s = result.summary;
  const headline = [
    paint(`${s.fail} fail`, s.fail > 0 ? "red" : "green", "bold"),
    paint(`${s.unknown} unknown`, s.unknown > 0 ? "yellow" : "dim"),
    paint(`${s.waived} waived`, s.waived > 0 ? "cyan" : "dim"),
    paint(`${s.pass} pass`, "green"),
    paint(`${s.not_applicable} not applicable`, "dim"),
  ].join(", ");
  const sections = [
    [
      `${paint(`${result.tool.name} ${visibleText(result.tool.version)}`, "bold")}  evaluated ${result.evaluatedAt} (${result.origin})`,
      `Findings: ${headline}`,
      ...headerNotes(result).map((note) => paint(visibleText(note), "yellow")),
    ],
    findingsSection(result, ctx, paint, width),
    warningsSection(result, paint, width),
    sourcesSection(result, paint, width),
    gapsSection(result, paint, width),
    controlsSection(result, ctx, paint, width),
    accessReviewTableLines(result, width, (text) => paint(text, "bold")),
  ].filter((lines) => lines.length > 0);
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}
