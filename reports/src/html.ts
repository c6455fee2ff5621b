// The `html` format: one self-contained page (no external assets, no network) for people who do not read
// JSON. Summary first (counts, a chart per contract area, failures by severity), then the findings grouped
// by rule with the fix, filterable by status, severity, control and account and searchable without a
// server; the controls, gaps and inventory folded away at the end. Everything scanned is escaped, and a
// Content-Security-Policy admits only this page's own style and script.
import { createHash } from "node:crypto";
import type { Control } from "@itaku/controls";
import type { Finding, Result } from "@itaku/core";
import { accessReviewHtml } from "./access-review";
import {
  allGaps,
  controlLookup,
  groupFindings,
  headerNotes,
  type ReportContext,
  ruleLookup,
  SEVERITY_ORDER,
  STATUS_ORDER,
  sourceLabel,
  sourceStatsText,
  sourceStatuses,
  sourcesToList,
  statusOfSource,
  waiverNote,
} from "./report-context";
import { describeValue, visibleText } from "./scanned-text";
import { escapeXmlAttribute, escapeXmlText } from "./xml-escape";

/** Escaped text for element content; scanned strings are made visible first. */
const h = (text: string) => escapeXmlText(visibleText(text));
/** Escaped text for a double-quoted attribute. */
const a = (text: string) => escapeXmlAttribute(visibleText(text));

const STYLE = `
:root{color-scheme:light;--fail:#c62828;--unknown:#b26a00;--waived:#00838f;--pass:#2e7d32;--na:#9e9e9e;--muted:#616161;--line:#d0d0d0;--head:#f3f4f6}
*{box-sizing:border-box}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK JP","Hiragino Sans","Noto Sans JP",sans-serif;margin:0;color:#1f2328;background:#fff;overflow-wrap:break-word}
main{max-width:1280px;margin:0 auto;padding:1.25rem}
.note{border-left:3px solid var(--unknown);padding-left:.5rem}
h1{font-size:1.5rem;margin:.25rem 0}
h2{font-size:1.2rem;margin:1.75rem 0 .5rem;border-bottom:2px solid #1f2328;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:var(--head)}
code,pre{font-family:ui-monospace,Menlo,Consolas,"Noto Sans Mono CJK JP",monospace;font-size:.88em;overflow-wrap:anywhere}
pre{white-space:pre-wrap;background:#f6f8fa;border:1px solid var(--line);padding:.5rem;margin:.25rem 0}
small,.muted{color:var(--muted)}
.status{font-weight:600;white-space:nowrap}
#findings thead th{white-space:nowrap}
#findings td.c-scope{min-width:8.5rem}
.s-fail{color:var(--fail)}.s-unknown{color:var(--unknown)}.s-waived{color:var(--waived)}
.s-pass,.s-attested{color:var(--pass)}.s-not_applicable,.s-not_assessed{color:var(--muted)}
.cards{display:flex;gap:.75rem;flex-wrap:wrap;margin:.75rem 0}
.card{border:1px solid var(--line);border-radius:6px;padding:.4rem .9rem;min-width:6.5rem}
.card b{display:block;font-size:1.6rem;line-height:1.2}
.summary{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:1.25rem}
.chart svg{width:100%;height:auto;display:block}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.85em}
.legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em}
.k-fail{background:#c62828}.k-unknown{background:#b26a00}.k-waived{background:#00838f}.k-pass{background:#2e7d32}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem;background:var(--head);border:1px solid var(--line);border-radius:6px;position:sticky;top:0;z-index:1}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .75rem}
.filters legend{float:left;font-weight:600;margin-right:.5rem}
.filters label{white-space:nowrap}
.filters select,.filters input[type=search]{font:inherit;max-width:100%}
#shown{margin:.4rem 0}
tbody.rule>tr.rule-head th{background:#fafafa;font-weight:normal}
.rule-title{font-weight:600}
.sev{display:inline-block;border-radius:3px;padding:0 .35rem;font-size:.8em;font-weight:600;color:#fff;background:var(--muted)}
.sev-critical{background:#6a1b9a}.sev-high{background:var(--fail)}.sev-medium{background:#e65100}.sev-low{background:#9e7b00}
details>summary{cursor:pointer}
.hidden{display:none}
#areas td,#areas thead th,#severities td,#severities th{overflow-wrap:normal;white-space:nowrap}
#areas th[scope=row]{white-space:normal;overflow-wrap:anywhere}
.warn{border-left:4px solid var(--unknown);padding:.25rem .75rem;background:#fff8e1}
@media (max-width:760px){main{padding:.6rem}.summary{grid-template-columns:minmax(0,1fr)}th,td{padding:.2rem .3rem}#findings .c-scope,#findings .c-controls{display:none}}
@page{size:A4;margin:10mm}
@media print{
  body{font-size:9pt}main{max-width:none;padding:0}
  .filters,#shown{display:none}
  h2{break-after:avoid}
  #findings-section,#controls-section{break-before:page}
  /* The summary on one page: the chart smaller, the tables tight, each area's Japanese name beside it. */
  .summary{grid-template-columns:minmax(0,1fr);gap:.25rem}
  .chart svg{width:50%;margin:0 auto}
  .note,.warn{font-size:7.5pt}
  .card{padding:.1rem .6rem}.card b{font-size:1.2rem}
  #areas td,#areas th,#severities td,#severities th{padding:0 .3rem;font-size:7.5pt;line-height:1.25}
  #areas th[scope=row] br{display:none}#areas th[scope=row] small{margin-left:.5em}
  tr{break-inside:avoid}thead{display:table-header-group}
  /* On paper, one line per finding where it fits: the evidence, ids and snippets stay in the page and the JSON. */
  #findings .evidence,#findings td small,#findings td br,#findings .c-controls,#findings .c-scope,details.remedy{display:none}
  #findings td,#findings th{padding:0 .2rem;font-size:7pt;line-height:1.2}
  #findings td:nth-child(2){width:20%}
  /* A rule's heading on one line: the fix is cut there on paper, whole in the page, the JSON and SARIF
     (max-width:0 keeps the cell from widening the table to its text). */
  #findings .rule-head th{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:0}
  #findings .rule-head small{display:none}
  /* The rule's fix runs on after its title rather than on a line of its own. */
  #findings div.remedy{display:inline;margin-left:.5em}
}
`;

// Filters rows by status, severity, control, account and text; without script every row stays visible.
const SCRIPT = `
(function(){
  var q=function(s){return document.querySelector(s);};
  var boxes=document.querySelectorAll('#status-filter input');
  var sev=q('#severity-filter'),ctl=q('#control-filter'),acc=q('#account-filter'),txt=q('#search');
  var shown=q('#shown');
  function apply(){
    var on={};boxes.forEach(function(b){on[b.value]=b.checked;});
    var term=txt.value.trim().toLowerCase(),n=0;
    document.querySelectorAll('#findings tbody.rule').forEach(function(group){
      var visible=0;
      group.querySelectorAll('tr[data-status]').forEach(function(r){
        var ok=on[r.getAttribute('data-status')]
          &&(!sev.value||r.getAttribute('data-severity')===sev.value)
          &&(!ctl.value||(' '+r.getAttribute('data-controls')+' ').indexOf(' '+ctl.value+' ')>=0)
          &&(!acc.value||r.getAttribute('data-scope')===acc.value)
          &&(!term||(group.querySelector('.rule-head').textContent+' '+r.textContent).toLowerCase().indexOf(term)>=0);
        r.classList.toggle('hidden',!ok);if(ok){visible++;}
      });
      group.classList.toggle('hidden',visible===0);n+=visible;
    });
    shown.textContent=shown.getAttribute('data-template').replace('{n}',n);
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  [sev,ctl,acc].forEach(function(s){s.addEventListener('change',apply);});
  txt.addEventListener('input',apply);
  apply();
})();
`;

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

const label = (status: string) => status.replace("_", " ");
const COLORS: Record<string, string> = {
  pass: "#2e7d32",
  fail: "#c62828",
  unknown: "#b26a00",
  waived: "#00838f",
};
const CHART_STATUSES = ["fail", "unknown", "waived", "pass"] as const;

interface AreaScore {
  area: { en: string; ja: string };
  counts: Record<(typeof CHART_STATUSES)[number], number>;
}

/** Findings counted once per contract area (the catalog's sections) their controls fall in. */
function areaScores(result: Result, control: (id: string) => Control | undefined): AreaScore[] {
  const areas = new Map<string, AreaScore>();
  for (const finding of result.findings) {
    if (finding.status === "not_applicable") continue;
    const seen = new Set<string>();
    for (const id of finding.controls) {
      const section = control(id)?.section;
      if (!section || seen.has(section.en)) continue;
      seen.add(section.en);
      let score = areas.get(section.en);
      if (!score) {
        score = { area: section, counts: { fail: 0, unknown: 0, waived: 0, pass: 0 } };
        areas.set(section.en, score);
      }
      score.counts[finding.status]++;
    }
  }
  return [...areas.values()];
}

const percentPassing = (counts: AreaScore["counts"]) => {
  const total = counts.pass + counts.fail + counts.unknown + counts.waived;
  return total === 0 ? 0 : Math.round((100 * counts.pass) / total);
};

/** A stacked bar per area: an SVG drawn here, so the page needs no chart library or network. */
function areaChart(scores: AreaScore[]): string {
  const rowHeight = 26;
  const labelWidth = 330;
  const barWidth = 420;
  const height = scores.length * rowHeight + 4;
  const bars = scores.map((score, i) => {
    const total = CHART_STATUSES.reduce((n, s) => n + score.counts[s], 0) || 1;
    let x = labelWidth;
    const y = i * rowHeight + 4;
    const segments = CHART_STATUSES.map((status) => {
      const width = (barWidth * score.counts[status]) / total;
      const rect =
        width > 0
          ? `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="${COLORS[status]}"><title>${h(`${score.area.en}: ${score.counts[status]} ${status}`)}</title></rect>`
          : "";
      x += width;
      return rect;
    }).join("");
    return `<text x="${labelWidth - 8}" y="${y + rowHeight / 2}" text-anchor="end" font-size="11">${h(score.area.en.length > 52 ? `${score.area.en.slice(0, 51)}…` : score.area.en)}</text>${segments}<text x="${labelWidth + barWidth + 6}" y="${y + rowHeight / 2}" font-size="12">${percentPassing(score.counts)}%</text>`;
  });
  const legend = CHART_STATUSES.map((s) => `<span><i class="k-${s}"></i>${h(s)}</span>`).join("");
  return `<figure class="chart" aria-labelledby="chart-caption"><svg viewBox="0 0 ${labelWidth + barWidth + 48} ${height}" role="img" aria-label="Findings per contract area: fail, unknown, waived, pass">${bars.join("")}</svg><figcaption id="chart-caption" class="legend">${legend}</figcaption></figure>`;
}

function summarySection(result: Result, ctx: ReportContext): string {
  const s = result.summary;
  const card = (status: keyof typeof s, text: string) =>
    `<div class="card s-${a(status)}"><b>${s[status]}</b>${h(text)}</div>`;
  const scores = areaScores(result, controlLookup(ctx));
  const areaRows = scores
    .map(
      (score) =>
        `<tr><th scope="row">${h(score.area.en)}<br><small lang="ja">${h(score.area.ja)}</small></th><td>${percentPassing(score.counts)}%</td>${CHART_STATUSES.map((st) => `<td class="s-${st}">${score.counts[st]}</td>`).join("")}</tr>`,
    )
    .join("");
  const failing = result.findings.filter((f) => f.status === "fail");
  const severityRows = SEVERITY_ORDER.map(
    (sev) =>
      `<tr><th scope="row"><span class="sev sev-${sev}">${h(sev)}</span></th><td>${failing.filter((f) => f.severity === sev).length}</td><td>${result.findings.filter((f) => f.severity === sev && f.status === "unknown").length}</td></tr>`,
  ).join("");
  return [
    `<section id="summary-section" aria-labelledby="summary"><h2 id="summary">Summary</h2>`,
    `<div class="cards">${card("fail", "fail")}${card("unknown", "unknown")}${card("waived", "waived")}${card("pass", "pass")}${card("not_applicable", "not applicable")}</div>`,
    `<div class="summary"><div>${scores.length > 0 ? areaChart(scores) : ""}`,
    `<table id="areas"><caption class="muted">Findings per contract area (score: share passing)</caption><thead><tr><th scope="col">Area</th><th scope="col">Score</th>${CHART_STATUSES.map((st) => `<th scope="col">${h(st)}</th>`).join("")}</tr></thead><tbody>${areaRows}</tbody></table></div>`,
    `<div><table id="severities"><caption class="muted">By severity</caption><thead><tr><th scope="col">Severity</th><th scope="col">fail</th><th scope="col">unknown</th></tr></thead><tbody>${severityRows}</tbody></table></div></div>`,
    "</section>",
  ].join("\n");
}

function remediationBlock(ruleId: string, ctx: ReportContext): string {
  const rule = ruleLookup(ctx)(ruleId);
  if (!rule) return "";
  const { summary, cli, pulumi } = rule.remediation;
  const snippets = [
    cli ? `<div><small>CLI</small><pre><code>${h(cli)}</code></pre></div>` : "",
    pulumi ? `<div><small>Pulumi</small><pre><code>${h(pulumi)}</code></pre></div>` : "",
  ].join("");
  return `<div class="remedy"><strong>Fix:</strong> ${h(summary)}</div>${snippets ? `<details class="remedy"><summary>CLI and Pulumi</summary>${snippets}</details>` : ""}`;
}

function findingRow(finding: Finding): string {
  const { resource } = finding;
  const evidence = Object.keys(finding.evidence)
    .sort()
    .map(
      (key) => `<div><small>${h(key)}:</small> <code>${h(describeValue(finding.evidence[key]))}</code></div>`,
    )
    .join("");
  const waiver = finding.waiver ? `<div class="muted">Waived: ${h(waiverNote(finding.waiver))}</div>` : "";
  return [
    `<tr data-status="${a(finding.status)}" data-severity="${a(finding.severity)}" data-scope="${a(resource.scope)}" data-controls="${a(finding.controls.join(" "))}">`,
    `<td class="status s-${a(finding.status)}">${h(label(finding.status))}</td>`,
    `<td>${h(resource.name)}<br><small>${h(resource.type)}</small><br><small><code>${h(resource.id)}</code></small></td>`,
    `<td class="c-scope">${h(resource.scope)}<br><small>${h(resource.region)}</small></td>`,
    `<td>${h(finding.message)}${waiver}${evidence ? `<div class="evidence">${evidence}</div>` : ""}</td>`,
    `<td class="c-controls">${finding.controls.map((c) => `<code>${h(c)}</code>`).join(" ")}</td>`,
    "</tr>",
  ].join("");
}

/** The findings section in pieces: a rule's rows a batch at a time (an estate can have millions). */
function* findingsSection(result: Result, ctx: ReportContext, rowsPerPiece: number): Generator<string> {
  const lookup = ruleLookup(ctx);
  const defaults = new Set(["fail", "waived", "unknown"]);
  const boxes = STATUS_ORDER.map(
    (status) =>
      `<label><input type="checkbox" value="${a(status)}"${defaults.has(status) ? " checked" : ""}> ${h(label(status))} (${result.summary[status]})</label>`,
  ).join("");
  const options = (values: string[]) =>
    values.map((v) => `<option value="${a(v)}">${h(v)}</option>`).join("");
  const controlSet = new Set<string>();
  const scopeSet = new Set<string>();
  for (const finding of result.findings) {
    for (const control of finding.controls) controlSet.add(control);
    scopeSet.add(finding.resource.scope);
  }
  yield `${[
    `<section id="findings-section" aria-labelledby="findings-heading"><h2 id="findings-heading">Findings</h2>`,
    `<div class="filters">`,
    `<fieldset id="status-filter"><legend>Status</legend>${boxes}</fieldset>`,
    `<label>Severity <select id="severity-filter"><option value="">all</option>${options([...SEVERITY_ORDER])}</select></label>`,
    `<label>Control <select id="control-filter"><option value="">all</option>${options([...controlSet].sort())}</select></label>`,
    `<label>Account <select id="account-filter"><option value="">all</option>${options([...scopeSet].sort())}</select></label>`,
    `<label>Search <input type="search" id="search" placeholder="name, rule, message…"></label>`,
    `</div>`,
    `<p id="shown" aria-live="polite" data-template="{n} of ${result.findings.length} findings shown">${result.findings.length} findings</p>`,
    `<table id="findings"><thead><tr><th scope="col">Status</th><th scope="col">Resource</th><th scope="col" class="c-scope">Scope</th><th scope="col">Message and evidence</th><th scope="col" class="c-controls">Controls</th></tr></thead>`,
  ].join("\n")}\n`;
  for (const group of groupFindings(result.findings, STATUS_ORDER).flatMap((g) => g.rules)) {
    const rule = lookup(group.ruleId);
    const head = `<tr class="rule-head"><th colspan="5" scope="colgroup"><span class="sev sev-${a(group.severity)}">${h(group.severity)}</span> <span class="rule-title">${h(rule?.title.en ?? group.ruleId)}</span> <code>${h(group.ruleId)}</code>${rule ? ` <small lang="ja">${h(rule.title.ja)}</small>` : ""}${remediationBlock(group.ruleId, ctx)}</th></tr>`;
    yield `<tbody class="rule" data-rule="${a(group.ruleId)}">${head}\n`;
    for (let start = 0; start < group.findings.length; start += rowsPerPiece) {
      const rows = group.findings
        .slice(start, start + rowsPerPiece)
        .map(findingRow)
        .join("\n");
      yield start === 0 ? rows : `\n${rows}`;
    }
    yield "</tbody>\n";
  }
  yield "</table></section>";
}

function controlsSection(result: Result, ctx: ReportContext): string {
  const control = controlLookup(ctx);
  const rows = result.controls.map((c) => {
    const entry = control(c.id);
    const attestation = c.attestation
      ? `<div class="muted">Attested ${h(label(c.attestation.status))} by ${h(c.attestation.by)} on ${h(c.attestation.at)}${c.attestation.note ? `: ${h(c.attestation.note)}` : ""}</div>`
      : "";
    const counts = `<small>${c.counts.pass} pass · ${c.counts.fail} fail · ${c.counts.unknown} unknown · ${c.counts.waived} waived</small>`;
    return [
      `<tr data-status="${a(c.status)}">`,
      `<td><code>${h(c.id)}</code>${entry ? `<br><small>${h(entry.clause)}</small>` : ""}</td>`,
      `<td>${h(c.kind)}</td>`,
      `<td class="status s-${a(c.status)}">${h(label(c.status))}</td>`,
      `<td>${entry ? `<div>${h(entry.title.en)}</div><div lang="ja">${h(entry.title.ja)}</div><blockquote lang="ja">${h(entry.text)}</blockquote>` : ""}${attestation}</td>`,
      `<td>${c.rules.length > 0 ? `${c.rules.map((r) => `<code>${h(r)}</code>`).join("<br>")}<br>${counts}` : ""}</td>`,
      "</tr>",
    ].join("");
  });
  return [
    `<section id="controls-section" aria-labelledby="controls-heading"><h2 id="controls-heading">Contract controls</h2>`,
    `<details><summary>${result.controls.length} controls of both contract documents, with the clause text</summary>`,
    `<table id="controls"><thead><tr><th scope="col">Control</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Clause</th><th scope="col">Rules</th></tr></thead><tbody>`,
    ...rows,
    "</tbody></table></details></section>",
  ].join("\n");
}

function expiredWaivers(result: Result): string {
  const expired = result.waivers.filter((w) => w.status === "expired");
  if (expired.length === 0) return "";
  return `<div class="warn" role="alert"><strong>Expired waivers</strong> (no longer applied):<ul>${expired
    .map(
      (w) =>
        `<li><code>${h(w.rule)}</code> on <code>${h(w.resource)}</code>, expired ${h(w.expires)}, approved by ${h(w.approvedBy)}: ${h(w.reason)}</li>`,
    )
    .join("")}</ul></div>`;
}

function appendix(result: Result): string {
  const parts: string[] = [];
  const { counts } = sourceStatuses(result);
  const listed = sourcesToList(result);
  if (listed.length > 0) {
    parts.push(
      `<h2>Sources</h2><p class="muted">${counts.ok} ok · ${counts.partial} partial · ${counts.failed} failed · ${counts.skipped} skipped. Controls over a failed source are unknown.</p><table><thead><tr><th>Status</th><th>Source</th><th>Reason</th><th>Read</th></tr></thead><tbody>${listed
        .map(
          (src) =>
            `<tr class="source-${a(statusOfSource(src))}"><td>${h(statusOfSource(src))}</td><td>${h(sourceLabel(src))}</td><td>${h(src.reason ?? "")}</td><td>${h(sourceStatsText(src))}</td></tr>`,
        )
        .join("")}</tbody></table>`,
    );
  }
  const gaps = allGaps(result);
  if (gaps.length > 0) {
    parts.push(
      `<section aria-labelledby="gaps-heading"><h2 id="gaps-heading">Gaps</h2><details><summary>${gaps.length} things could not be read; checks that need them are unknown, never pass</summary><table id="gaps"><thead><tr><th scope="col">Source</th><th scope="col">Scope</th><th scope="col">Region</th><th scope="col">Type</th><th scope="col">Operation</th><th scope="col">Code</th><th scope="col">Message</th></tr></thead><tbody>${gaps
        .map(
          (g) =>
            `<tr><td>${h(g.source)}</td><td>${h(g.scope)}</td><td>${h(g.region)}</td><td>${h(g.resourceType)}</td><td>${h(g.operation)}</td><td>${h(g.code)}</td><td>${h(g.message ?? "")}</td></tr>`,
        )
        .join("")}</tbody></table></details></section>`,
    );
  }
  if (result.inventory.length > 0) {
    parts.push(
      `<section aria-labelledby="inventory-heading"><h2 id="inventory-heading">Inventory</h2><details><summary>${result.inventory.reduce((n, i) => n + i.count, 0)} resources of ${result.inventory.length} types scanned</summary><table id="inventory"><thead><tr><th scope="col">Provider</th><th scope="col">Scope</th><th scope="col">Type</th><th scope="col">Count</th></tr></thead><tbody>${result.inventory
        .map(
          (i) =>
            `<tr><td>${h(i.provider)}</td><td>${h(i.scope)}</td><td>${h(i.type)}</td><td>${i.count}</td></tr>`,
        )
        .join("")}</tbody></table></details></section>`,
    );
  }
  return parts.join("\n");
}

export function renderHtml(result: Result, ctx: ReportContext): string {
  return [...renderHtmlChunks(result, ctx)].join("");
}

/** The HTML report in pieces, its findings a batch of rows at a time (see findingsSection). */
export function* renderHtmlChunks(
  result: Result,
  ctx: ReportContext,
  rowsPerPiece = 2000,
): Generator<string> {
  // An organisation's hundreds of accounts are counted here and listed in the Sources section.
  const sources =
    result.sources.length > 5
      ? `${result.sources.length} sources`
      : result.sources
          .map((src) => {
            const status = (src as { status?: unknown }).status;
            const read = sourceStatsText(src);
            return `${h(src.provider)} <code>${h(src.scope)}</code> (${h(src.regions.join(", "))})${typeof status === "string" ? ` <span class="s-${a(status)}">${h(status)}</span>` : ""}${src.gaps.length > 0 ? ` <small>${src.gaps.length} gaps</small>` : ""}${read ? ` <small>${h(read)}</small>` : ""}`;
          })
          .join(" · ");
  yield `${[
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeXmlAttribute(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>itaku report — ${h(result.evaluatedAt)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>itaku compliance report</h1>`,
    `<p class="muted">${h(result.tool.name)} ${h(result.tool.version)} · evaluated ${h(result.evaluatedAt)} · ${h(result.origin)}${sources ? ` · ${sources}` : ""}</p>`,
    ...headerNotes(result).map((note) => `<p class="note">${h(note)}</p>`),
    expiredWaivers(result),
    summarySection(result, ctx),
  ].join("\n")}\n`;
  yield* findingsSection(result, ctx, rowsPerPiece);
  yield `\n${[
    controlsSection(result, ctx),
    accessReviewHtml(result),
    appendix(result),
    "</main>",
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n")}`;
}
