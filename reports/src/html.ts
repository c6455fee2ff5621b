// The `html` format: one self-contained page (no external assets) for people who do not read JSON:
// summary, findings with a status filter, and every control with its clause quoted from the contract.
// Everything is escaped, and a Content-Security-Policy admits only this page's own style and script.
import { createHash } from "node:crypto";
import type { Finding, Result } from "@itaku/core";
import {
  allGaps,
  compareWithinRule,
  controlLookup,
  type ReportContext,
  ruleLookup,
  SEVERITY_ORDER,
  STATUS_ORDER,
  waiverNote,
} from "./report-context";
import { describeValue, visibleText } from "./scanned-text";
import { escapeXmlAttribute, escapeXmlText } from "./xml-escape";

/** Escaped text for element content; scanned strings are made visible first. */
const h = (text: string) => escapeXmlText(visibleText(text));
/** Escaped text for a double-quoted attribute. */
const a = (text: string) => escapeXmlAttribute(visibleText(text));

const STYLE = `
:root{color-scheme:light dark;--fail:#c62828;--unknown:#b26a00;--waived:#00838f;--pass:#2e7d32;--muted:#757575}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;margin:2rem;max-width:1400px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #8884;padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#8882;white-space:nowrap}
td.long{overflow-wrap:anywhere;min-width:12rem}
.nowrap{white-space:nowrap}
.status{font-weight:600;white-space:nowrap}
.s-fail{color:var(--fail)}.s-unknown{color:var(--unknown)}.s-waived{color:var(--waived)}
.s-pass,.s-attested{color:var(--pass)}.s-not_applicable,.s-not_assessed{color:var(--muted)}
.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{border:1px solid #8884;border-radius:6px;padding:.5rem 1rem;min-width:7rem}
.card b{display:block;font-size:1.6rem}
.filters label{margin-right:1rem;white-space:nowrap}
.muted,small{color:var(--muted)}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
blockquote{margin:.25rem 0;padding-left:.75rem;border-left:3px solid #8886}
.warn{border-left:4px solid var(--unknown);padding:.25rem .75rem}
tr.hidden{display:none}
`;

// Shows only the rows whose status box is ticked; without script every row stays visible.
const SCRIPT = `
(function(){
  var boxes=document.querySelectorAll('.filters input[type=checkbox]');
  function apply(){
    var on={};
    boxes.forEach(function(b){on[b.value]=b.checked;});
    document.querySelectorAll('#findings tbody tr').forEach(function(r){
      r.classList.toggle('hidden',!on[r.getAttribute('data-status')]);
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  apply();
})();
`;

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

const statusCell = (status: string) =>
  `<td class="status s-${a(status)}">${h(status.replace("_", " "))}</td>`;

function findingRow(finding: Finding, ruleTitle: string | undefined): string {
  const { resource } = finding;
  const evidence = Object.keys(finding.evidence)
    .sort()
    .map(
      (key) => `<div><small>${h(key)}:</small> <code>${h(describeValue(finding.evidence[key]))}</code></div>`,
    )
    .join("");
  const waiver = finding.waiver ? `<div class="muted">Waived: ${h(waiverNote(finding.waiver))}</div>` : "";
  return [
    `<tr data-status="${a(finding.status)}">`,
    statusCell(finding.status),
    `<td class="nowrap">${h(finding.severity)}</td>`,
    `<td><code class="nowrap">${h(finding.ruleId)}</code>${ruleTitle ? `<br><small>${h(ruleTitle)}</small>` : ""}</td>`,
    `<td class="long">${h(resource.name)}<br><small>${h(resource.type)}</small><br><small><code>${h(resource.id)}</code></small></td>`,
    `<td class="nowrap">${h(resource.scope)}<br><small>${h(resource.region)}</small></td>`,
    `<td class="long">${h(finding.message)}${waiver}${evidence}</td>`,
    `<td>${finding.controls.map((c) => `<code class="nowrap">${h(c)}</code>`).join(" ")}</td>`,
    "</tr>",
  ].join("");
}

function findingsSection(result: Result, ctx: ReportContext): string {
  const lookup = ruleLookup(ctx);
  const findings = [...result.findings].sort(
    (x, y) =>
      STATUS_ORDER.indexOf(x.status) - STATUS_ORDER.indexOf(y.status) ||
      SEVERITY_ORDER.indexOf(x.severity) - SEVERITY_ORDER.indexOf(y.severity) ||
      (x.ruleId < y.ruleId ? -1 : x.ruleId > y.ruleId ? 1 : 0) ||
      compareWithinRule(x, y),
  );
  const defaults = new Set(["fail", "waived", "unknown"]);
  const boxes = STATUS_ORDER.map(
    (status) =>
      `<label><input type="checkbox" value="${a(status)}"${defaults.has(status) ? " checked" : ""}> ${h(status.replace("_", " "))} (${result.summary[status]})</label>`,
  ).join("");
  return [
    `<h2 id="findings-heading">Findings</h2>`,
    `<div class="filters" role="group" aria-label="Show findings by status">${boxes}</div>`,
    `<table id="findings"><thead><tr><th>Status</th><th>Severity</th><th>Rule</th><th>Resource</th><th>Scope</th><th>Message and evidence</th><th>Controls</th></tr></thead><tbody>`,
    ...findings.map((f) => findingRow(f, lookup(f.ruleId)?.title.en)),
    "</tbody></table>",
  ].join("\n");
}

function controlsSection(result: Result, ctx: ReportContext): string {
  const control = controlLookup(ctx);
  const rows = result.controls.map((c) => {
    const entry = control(c.id);
    const attestation = c.attestation
      ? `<div class="muted">Attested ${h(c.attestation.status.replace("_", " "))} by ${h(c.attestation.by)} on ${h(c.attestation.at)}${c.attestation.note ? `: ${h(c.attestation.note)}` : ""}</div>`
      : "";
    const counts = `<small>${c.counts.pass} pass · ${c.counts.fail} fail · ${c.counts.unknown} unknown · ${c.counts.waived} waived</small>`;
    return [
      `<tr data-status="${a(c.status)}">`,
      `<td class="nowrap"><code>${h(c.id)}</code>${entry ? `<br><small>${h(entry.clause)}</small>` : ""}</td>`,
      `<td>${h(c.kind)}</td>`,
      statusCell(c.status),
      `<td>${entry ? `<div>${h(entry.title.en)}</div><div lang="ja">${h(entry.title.ja)}</div><blockquote lang="ja">${h(entry.text)}</blockquote>` : ""}${attestation}</td>`,
      `<td>${c.rules.length > 0 ? `${c.rules.map((r) => `<code>${h(r)}</code>`).join("<br>")}<br>${counts}` : ""}</td>`,
      "</tr>",
    ].join("");
  });
  return [
    `<h2>Contract controls</h2>`,
    `<table id="controls"><thead><tr><th>Control</th><th>Kind</th><th>Status</th><th>Clause</th><th>Rules</th></tr></thead><tbody>`,
    ...rows,
    "</tbody></table>",
  ].join("\n");
}

function notesSection(result: Result): string {
  const parts: string[] = [];
  const expired = result.waivers.filter((w) => w.status === "expired");
  if (expired.length > 0) {
    parts.push(
      `<div class="warn" role="alert"><strong>Expired waivers</strong> (no longer applied):<ul>${expired
        .map(
          (w) =>
            `<li><code>${h(w.rule)}</code> on <code>${h(w.resource)}</code>, expired ${h(w.expires)}, approved by ${h(w.approvedBy)}: ${h(w.reason)}</li>`,
        )
        .join("")}</ul></div>`,
    );
  }
  const gaps = allGaps(result);
  if (gaps.length > 0) {
    parts.push(
      `<h2>Gaps</h2><p class="muted">Data that could not be read; checks that need it are unknown, never pass.</p><table><thead><tr><th>Source</th><th>Scope</th><th>Region</th><th>Type</th><th>Operation</th><th>Code</th><th>Message</th></tr></thead><tbody>${gaps
        .map(
          (g) =>
            `<tr><td>${h(g.source)}</td><td>${h(g.scope)}</td><td>${h(g.region)}</td><td>${h(g.resourceType)}</td><td>${h(g.operation)}</td><td>${h(g.code)}</td><td>${h(g.message ?? "")}</td></tr>`,
        )
        .join("")}</tbody></table>`,
    );
  }
  if (result.inventory.length > 0) {
    parts.push(
      `<h2>Inventory</h2><table><thead><tr><th>Provider</th><th>Scope</th><th>Type</th><th>Count</th></tr></thead><tbody>${result.inventory
        .map(
          (i) =>
            `<tr><td>${h(i.provider)}</td><td>${h(i.scope)}</td><td>${h(i.type)}</td><td>${i.count}</td></tr>`,
        )
        .join("")}</tbody></table>`,
    );
  }
  return parts.join("\n");
}

export function renderHtml(result: Result, ctx: ReportContext): string {
  const s = result.summary;
  const card = (status: keyof typeof s, label: string) =>
    `<div class="card s-${a(status)}"><b>${s[status]}</b>${h(label)}</div>`;
  const sources = result.sources
    .map((src) => `${h(src.provider)} <code>${h(src.scope)}</code> (${h(src.regions.join(", "))})`)
    .join(" · ");
  return [
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
    `<h1>itaku compliance report</h1>`,
    `<p class="muted">${h(result.tool.name)} ${h(result.tool.version)} · evaluated ${h(result.evaluatedAt)} · ${h(result.origin)}${sources ? ` · ${sources}` : ""}</p>`,
    `<div class="cards">${card("fail", "fail")}${card("unknown", "unknown")}${card("waived", "waived")}${card("pass", "pass")}${card("not_applicable", "not applicable")}</div>`,
    notesSection(result),
    findingsSection(result, ctx),
    controlsSection(result, ctx),
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
