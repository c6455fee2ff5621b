// What every reporter is given besides the Result, and the orderings they share. Reporters only
// present: statuses, counts and waivers come from the engine as they are.
import type { Control } from "@itaku/controls";
import type { CheckMeta, Finding, FindingStatus, Result, Severity } from "@itaku/core";
import { provenanceNotes } from "./provenance";

export interface ReportContext {
  /** Rule (or detection) metadata — titles, descriptions, remediation — for the rules in the Result. */
  rules: readonly CheckMeta[];
  /** The control catalog (titles, clause text) for the controls in the Result. */
  controls: readonly Control[];
  /** ANSI colour in the table format; callers set it only for a TTY. */
  color?: boolean;
  /** Terminal columns for the table format (default 120). */
  width?: number;
}

export const REPORT_FORMATS = ["table", "json", "sarif", "junit", "markdown", "html", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/** Order in which findings are listed inside a rule: what needs action first. */
export const STATUS_ORDER: readonly FindingStatus[] = ["fail", "waived", "unknown", "pass", "not_applicable"];

export type RuleLookup = (ruleId: string) => CheckMeta | undefined;

export function ruleLookup(ctx: ReportContext): RuleLookup {
  const byId = new Map(ctx.rules.map((rule) => [rule.id, rule]));
  return (id) => byId.get(id);
}

export function controlLookup(ctx: ReportContext): (id: string) => Control | undefined {
  const byId = new Map(ctx.controls.map((control) => [control.id, control]));
  return (id) => byId.get(id);
}

export interface RuleGroup {
  ruleId: string;
  severity: Severity;
  findings: Finding[];
}

export interface SeverityGroup {
  severity: Severity;
  rules: RuleGroup[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareWithinRule(a: Finding, b: Finding): number {
  return (
    STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
    cmp(a.resource.scope, b.resource.scope) ||
    cmp(a.resource.type, b.resource.type) ||
    cmp(a.resource.name, b.resource.name) ||
    cmp(a.resource.id, b.resource.id)
  );
}

/** Findings with the given statuses, grouped by severity (most severe first), then by rule id. */
export function groupFindings(
  findings: readonly Finding[],
  statuses: readonly FindingStatus[],
): SeverityGroup[] {
  const byRule = new Map<string, RuleGroup>();
  for (const finding of findings) {
    if (!statuses.includes(finding.status)) continue;
    let group = byRule.get(finding.ruleId);
    if (!group) {
      group = { ruleId: finding.ruleId, severity: finding.severity, findings: [] };
      byRule.set(finding.ruleId, group);
    }
    group.findings.push(finding);
  }
  const groups: SeverityGroup[] = [];
  for (const severity of SEVERITY_ORDER) {
    const rules = [...byRule.values()]
      .filter((g) => g.severity === severity)
      .sort((a, b) => cmp(a.ruleId, b.ruleId));
    for (const rule of rules) rule.findings.sort(compareWithinRule);
    if (rules.length > 0) groups.push({ severity, rules });
  }
  return groups;
}

type ResultSource = Result["sources"][number];
export type SourceStatusCounts = { ok: number; partial: number; failed: number; skipped: number };

/** The status of a source; results written before statuses existed derive it from the gaps. */
export const statusOfSource = (source: ResultSource): keyof SourceStatusCounts =>
  source.status ?? (source.gaps.length > 0 ? "partial" : "ok");

/**
 * How many sources (accounts, domains) were read fully, partly, not at all, or skipped, and the
 * ones that were not read fully, worst first: an organisation of 500 accounts lists only those.
 */
export function sourceStatuses(result: Result): { counts: SourceStatusCounts; notOk: ResultSource[] } {
  const counts: SourceStatusCounts = { ok: 0, partial: 0, failed: 0, skipped: 0 };
  for (const source of result.sources) counts[statusOfSource(source)]++;
  const order = { failed: 0, partial: 1, skipped: 2, ok: 3 };
  const notOk = result.sources
    .filter((source) => statusOfSource(source) !== "ok")
    .sort((a, b) => order[statusOfSource(a)] - order[statusOfSource(b)]);
  return { counts, notOk };
}

/**
 * The sources a report lists: those not read fully (worst first, as sourceStatuses orders them),
 * then those read fully that have reading statistics worth seeing (an Athena audit's cost).
 */
export function sourcesToList(result: Result): ResultSource[] {
  const { notOk } = sourceStatuses(result);
  return [
    ...notOk,
    ...result.sources.filter((source) => statusOfSource(source) === "ok" && sourceStatsText(source)),
  ];
}

/** `1.21 GB`: a byte count as people read it (decimal units, as Athena bills). */
const bytesText = (bytes: number): string => {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
};

/** How a report words each reading statistic; English unless a report passes its own language's. */
export interface StatsWords {
  queries(count: number): string;
  requests(count: number): string;
  scanned(size: string): string;
  cost(usd: number): string;
  elapsed(seconds: string): string;
  separator: string;
}

const countWord = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
const ENGLISH_STATS_WORDS: StatsWords = {
  queries: (n) => countWord(n, "query", "queries"),
  requests: (n) => countWord(n, "request", "requests"),
  scanned: (size) => `${size} scanned`,
  cost: (usd) => `about $${usd.toFixed(4)}`,
  elapsed: (seconds) => `${seconds} s`,
  separator: ", ",
};

/** What reading took, from a source's statistics, in the given words; empty when it has none of these. */
export function statsText(stats: Record<string, number>, words: StatsWords = ENGLISH_STATS_WORDS): string {
  const parts: string[] = [];
  if (stats.queries !== undefined) parts.push(words.queries(stats.queries));
  if (stats.requests !== undefined) parts.push(words.requests(stats.requests));
  if (stats.dataScannedBytes !== undefined) parts.push(words.scanned(bytesText(stats.dataScannedBytes)));
  if (stats.costUsd !== undefined) parts.push(words.cost(stats.costUsd));
  if (stats.elapsedMs !== undefined) parts.push(words.elapsed((stats.elapsedMs / 1000).toFixed(1)));
  return parts.join(words.separator);
}

/**
 * `2 queries, 1.21 GB scanned, about $0.0060, 41.2 s`: what reading a source took, from its
 * statistics (the audit's Athena and LookupEvents sources); empty when it has none of these.
 */
export function sourceStatsText(source: ResultSource): string {
  return source.stats ? statsText(source.stats) : "";
}

/** `aws 123456789012 (prod-web, Root/Workloads/Prod)`: a source as people name it. */
export function sourceLabel(source: ResultSource): string {
  const about = [source.account?.name, source.account?.ouPath].filter(Boolean).join(", ");
  return `${source.provider} ${source.scope}${about ? ` (${about})` : ""}`;
}

/** Every gap of every source, in the order the Result lists them. */
export function allGaps(result: Result): Result["sources"][number]["gaps"] {
  return result.sources.flatMap((source) => source.gaps);
}

export function waiverNote(waiver: NonNullable<Finding["waiver"]>): string {
  return `${waiver.reason} (approved by ${waiver.approvedBy}, expires ${waiver.expires})`;
}

/** The one-line explanation of a finding's status: the waiver first for waived, the message otherwise. */
export function reasonOf(finding: Finding): string {
  return finding.status === "waived" && finding.waiver
    ? `waived: ${waiverNote(finding.waiver)} — ${finding.message}`
    : finding.message;
}

/**
 * Lines every report states above its findings: which display filters hid findings (evaluation is
 * unchanged), and the provenance of the evaluated snapshots. Empty when nothing needs saying.
 */
export function headerNotes(result: Result): string[] {
  const notes: string[] = [];
  if (result.view) {
    const f = result.view.filters;
    const flags = [
      f.severity && `--severity ${f.severity.join(",")}`,
      f.rules && `--rules ${f.rules.join(",")}`,
      f.excludeRules && `--exclude-rules ${f.excludeRules.join(",")}`,
      f.controls && `--controls ${f.controls.join(",")}`,
      f.status && `--status ${f.status.join(",")}`,
    ].filter(Boolean);
    notes.push(
      `display filter ${flags.join(" ")}: ${result.view.findingsShown} of ${result.view.findingsTotal} findings shown; the summary and control statuses are the evaluation of every finding`,
    );
  }
  notes.push(...provenanceNotes(result));
  return notes;
}
