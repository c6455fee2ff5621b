// The `markdown` format: a pull-request comment. A headline, the failures as a table, unknown and
// waived findings folded away, the controls in brief; always under GitHub's comment size limit.
import type { Finding, Result } from "@itaku/core";
import { accessReviewMarkdownLines } from "./access-review";
import { truncateToWidth } from "./display-width";
import {
  allGaps,
  compareWithinRule,
  controlLookup,
  headerNotes,
  type ReportContext,
  ruleLookup,
  SEVERITY_ORDER,
  sourceLabel,
  sourceStatsText,
  sourceStatuses,
  sourcesToList,
  statusOfSource,
  waiverNote,
} from "./report-context";
import { visibleText } from "./scanned-text";

/** GitHub rejects comments over 65,536 characters; stay well under it, with room for closing notes. */
export const MARKDOWN_LIMIT = 65_536;
const BUDGET = 60_000;
/** Longest a single scanned value may be in a cell (in terminal columns) before it is cut. */
const CELL_MAX = 160;

const INLINE_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "|": "\\|",
  "`": "\\`",
  "\\": "\\\\",
  "*": "\\*",
  _: "\\_",
  "[": "\\[",
  "]": "\\]",
  "~": "\\~",
  // Zero-width joiners keep "@team" from notifying anyone and "ops@example.com" from becoming a link.
  "@": "\u200d@\u200d",
};

/**
 * A scanned string as inline Markdown on one line: control characters and newlines made visible,
 * HTML escaped, and every character that could start emphasis, a link, code or a table cell escaped.
 */
export function escapeMarkdownInline(text: string, max = CELL_MAX): string {
  return breakAutolinks(
    truncateToWidth(visibleText(text), max).replace(/[&<>|`\\*_[\]~@]/g, (c) => INLINE_ESCAPES[c]!),
  );
}

/**
 * GitHub links some plain text after Markdown is parsed, so no backslash escape stops it: bare URLs
 * (`https://…`, `www.…`), issue references (`#12`, `GH-12`, `owner/repo#12`) and mentions (`@team`,
 * handled above). A zero-width joiner inside each pattern leaves the text as it reads but unlinked.
 */
function breakAutolinks(text: string): string {
  return text
    .replace(/:\/\//g, ":\u200d//")
    .replace(/\b(www)\./gi, "$1\u200d.")
    .replace(/#(?=\d)/g, "#\u200d")
    .replace(/\b(GH)-(?=\d)/gi, "$1\u200d-");
}

const code = (text: string) => `<code>${escapeMarkdownInline(text)}</code>`;

const SEVERITY_ICON = { critical: "🟣", high: "🔴", medium: "🟠", low: "🟡", info: "⚪" } as const;

function bySeverity(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    compareWithinRule(a, b)
  );
}

function resourceCell(finding: Finding): string {
  const { name, type, id } = finding.resource;
  return `${escapeMarkdownInline(name, 60)}<br><sub>${escapeMarkdownInline(type)}${id !== name ? ` · ${escapeMarkdownInline(id, 100)}` : ""}</sub>`;
}

/** Appends lines while they fit in the budget; returns how many rows were left out. */
class Budget {
  private used = 0;
  readonly lines: string[] = [];
  constructor(private readonly limit: number) {}
  fits(text: string, reserve = 0): boolean {
    return this.used + text.length + 1 + reserve <= this.limit;
  }
  push(text: string): void {
    this.lines.push(text);
    this.used += text.length + 1;
  }
}

function table(
  out: Budget,
  header: string,
  findings: readonly Finding[],
  row: (finding: Finding) => string,
  what: string,
  reserve: number,
): void {
  out.push(header);
  let shown = 0;
  for (const finding of findings) {
    const line = row(finding);
    if (!out.fits(line, reserve)) break;
    out.push(line);
    shown++;
  }
  if (shown < findings.length) {
    out.push("");
    out.push(
      `_…and ${findings.length - shown} more ${what} not shown here (comment size limit); see the full report._`,
    );
  }
}

export function renderMarkdown(result: Result, ctx: ReportContext): string {
  const lookup = ruleLookup(ctx);
  const control = controlLookup(ctx);
  const s = result.summary;
  const failing = result.findings.filter((f) => f.status === "fail").sort(bySeverity);
  const unknown = result.findings.filter((f) => f.status === "unknown").sort(bySeverity);
  const waived = result.findings.filter((f) => f.status === "waived").sort(bySeverity);
  const out = new Budget(BUDGET);
  // Room kept for what must close the comment: </details> tags, the controls summary line, notes.
  const reserve = 2_000;

  const icon = s.fail > 0 ? "❌" : s.unknown > 0 ? "⚠️" : "✅";
  out.push(
    `## ${icon} itaku: ${s.fail} failing, ${s.unknown} unknown, ${s.waived} waived, ${s.pass} passing`,
  );
  out.push("");
  out.push(
    `<sub>${escapeMarkdownInline(`${result.tool.name} ${result.tool.version}`)} · evaluated ${escapeMarkdownInline(result.evaluatedAt)} · ${result.origin} · ${s.not_applicable} not applicable</sub>`,
  );
  out.push("");
  for (const note of headerNotes(result)) {
    out.push(`> ${escapeMarkdownInline(note)}`);
    out.push("");
  }

  if (failing.length > 0) {
    out.push("### Failing");
    out.push("");
    table(
      out,
      "| Severity | Rule | Resource | Scope | Message |\n| --- | --- | --- | --- | --- |",
      failing,
      (f) =>
        `| ${SEVERITY_ICON[f.severity]} ${f.severity} | ${code(f.ruleId)} | ${resourceCell(f)} | ${escapeMarkdownInline(`${f.resource.scope}/${f.resource.region}`)} | ${escapeMarkdownInline(f.message, 300)} |`,
      "failing findings",
      reserve,
    );
    out.push("");
    // The fix of every failing rule once, folded: the rule metadata's remediation, with its CLI command.
    const failingRules = [...new Set(failing.map((f) => f.ruleId))];
    out.push(`<details><summary>How to fix (${failingRules.length} rules)</summary>`);
    out.push("");
    out.push("| Rule | Fix | CLI |\n| --- | --- | --- |");
    for (const ruleId of failingRules) {
      const remediation = lookup(ruleId)?.remediation;
      if (!remediation) continue;
      const line = `| ${code(ruleId)} | ${escapeMarkdownInline(remediation.summary, 500)} | ${remediation.cli ? `<code>${escapeMarkdownInline(remediation.cli, 300)}</code>` : ""} |`;
      if (!out.fits(line, reserve)) break;
      out.push(line);
    }
    out.push("");
    out.push("</details>");
    out.push("");
  } else {
    out.push("No failing findings.");
    out.push("");
  }

  const folded = (
    title: string,
    findings: readonly Finding[],
    reason: (f: Finding) => string,
    what: string,
  ) => {
    if (findings.length === 0) return;
    out.push(`<details><summary>${title} (${findings.length})</summary>`);
    out.push("");
    table(
      out,
      "| Rule | Resource | Scope | Reason |\n| --- | --- | --- | --- |",
      findings,
      (f) =>
        `| ${code(f.ruleId)} | ${resourceCell(f)} | ${escapeMarkdownInline(`${f.resource.scope}/${f.resource.region}`)} | ${escapeMarkdownInline(reason(f), 300)} |`,
      what,
      reserve,
    );
    out.push("");
    out.push("</details>");
    out.push("");
  };
  folded("Waived", waived, (f) => (f.waiver ? waiverNote(f.waiver) : f.message), "waived findings");
  folded("Unknown: data not collected or incomplete", unknown, (f) => f.message, "unknown findings");

  const expired = result.waivers.filter((w) => w.status === "expired");
  if (expired.length > 0) {
    out.push("> [!WARNING]");
    out.push(`> ${expired.length} waiver(s) expired and no longer apply:`);
    for (const w of expired) {
      const line = `> - ${code(w.rule)} on ${code(w.resource)}: expired ${escapeMarkdownInline(w.expires)} (approved by ${escapeMarkdownInline(w.approvedBy)})`;
      if (out.fits(line, reserve)) out.push(line);
    }
    out.push("");
  }
  const listedSources = sourcesToList(result);
  if (listedSources.length > 0) {
    const c = sourceStatuses(result).counts;
    out.push(`> Sources: ${c.ok} ok, ${c.partial} partial, ${c.failed} failed, ${c.skipped} skipped`);
    for (const source of listedSources) {
      const read = sourceStatsText(source);
      const line = `> - **${statusOfSource(source)}** ${escapeMarkdownInline(sourceLabel(source))}${source.reason ? `: ${escapeMarkdownInline(source.reason)}` : ""}${read ? ` (${escapeMarkdownInline(read)})` : ""}`;
      if (!out.fits(line, reserve)) break;
      out.push(line);
    }
    out.push("");
  }
  const gaps = allGaps(result);
  if (gaps.length > 0) {
    out.push(`<details><summary>Gaps: data that could not be read (${gaps.length})</summary>`);
    out.push("");
    out.push("| Source | Scope | Region | Type | Operation | Code |\n| --- | --- | --- | --- | --- | --- |");
    let shown = 0;
    for (const g of gaps) {
      const line = `| ${g.source} | ${escapeMarkdownInline(g.scope)} | ${escapeMarkdownInline(g.region)} | ${escapeMarkdownInline(g.resourceType)} | ${escapeMarkdownInline(g.operation)} | ${escapeMarkdownInline(g.code)} |`;
      if (!out.fits(line, reserve)) break;
      out.push(line);
      shown++;
    }
    if (shown < gaps.length) out.push(`\n_…and ${gaps.length - shown} more gaps not shown here._`);
    out.push("");
    out.push("</details>");
    out.push("");
  }

  const counts = new Map<string, number>();
  for (const c of result.controls) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  if (result.controls.length > 0) {
    out.push(
      `**Controls:** ${[...counts.entries()].map(([status, n]) => `${n} ${status.replace("_", " ")}`).join(" · ")} (of ${result.controls.length})`,
    );
    out.push("");
    const attention = result.controls.filter(
      (c) => c.status === "fail" || c.status === "unknown" || c.status === "waived",
    );
    if (attention.length > 0) {
      out.push(`<details><summary>Controls needing attention (${attention.length})</summary>`);
      out.push("");
      out.push("| Control | Kind | Status | Title | Rules |\n| --- | --- | --- | --- | --- |");
      let shown = 0;
      for (const c of attention) {
        const title = control(c.id)?.title;
        const rules = c.rules.map((id) => lookup(id)?.id ?? id);
        const line = `| ${code(c.id)} | ${c.kind} | ${c.status} | ${escapeMarkdownInline(title ? `${title.en} / ${title.ja}` : "")} | ${escapeMarkdownInline(rules.join(", "), 200)} |`;
        if (!out.fits(line, 200)) break;
        out.push(line);
        shown++;
      }
      if (shown < attention.length)
        out.push(`\n_…and ${attention.length - shown} more controls not shown here._`);
      out.push("");
      out.push("</details>");
      out.push("");
    }
  }
  const review = accessReviewMarkdownLines(result, escapeMarkdownInline);
  for (const [i, line] of review.entries()) {
    if (!out.fits(line, 200)) {
      out.push(`\n_…the access review has ${review.length - i} more lines; see the HTML or JSON report._`);
      break;
    }
    out.push(line);
  }
  return `${out.lines.join("\n").trimEnd()}\n`;
}
