// The monthly report as one self-contained HTML page (no network: inline CSS and script, a strict
// Content-Security-Policy), laid out for A4 print so the same page becomes the PDF.
import { createHash } from "node:crypto";
import { visibleText } from "../scanned-text";
import { escapeXmlAttribute, escapeXmlText } from "../xml-escape";
import type { Block, Cell, MonthlyDocument } from "./document";
import { translator } from "./messages";

const h = (text: string) => escapeXmlText(visibleText(text));
const attr = (text: string) => escapeXmlAttribute(visibleText(text));

export const MONTHLY_STYLE = `
:root{--fail:#b71c1c;--unknown:#8a5300;--waived:#006064;--pass:#1b5e20;--muted:#5f6368;--line:#c8c8c8;--head:#f1f3f4}
*{box-sizing:border-box}
body{font:14px/1.6 "Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",system-ui,sans-serif;margin:0;color:#202124;background:#fff;overflow-wrap:break-word}
main{max-width:1100px;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:2px solid #202124}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;table-layout:auto}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:normal}
thead th{background:var(--head)}
tbody th{font-weight:600;background:#fafafa}
#header th{width:11rem}
code{font-family:ui-monospace,"Noto Sans Mono CJK JP",Menlo,Consolas,monospace;font-size:.88em;overflow-wrap:anywhere}
.note{color:var(--muted)}
.warning{border-left:4px solid var(--unknown);padding:.25rem .75rem;background:#fff8e1}
.s-not_implemented,.s-fail,.s-critical,.s-high,.s-new,.s-failed{color:var(--fail);font-weight:600}
.s-unknown,.s-nowUnknown,.s-expiredWaivers,.s-expiringWaivers,.s-partial,.s-medium{color:var(--unknown);font-weight:600}
.s-waived,.s-newlyWaived{color:var(--waived)}
.s-implemented,.s-attested,.s-resolved,.s-ok{color:var(--pass);font-weight:600}
.s-not_assessed,.s-not_applicable,.s-skipped{color:var(--muted)}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0 0 1rem;padding:.5rem 0;border-bottom:1px solid var(--line)}
nav a{color:#1a73e8;text-decoration:none}
.toolbar{display:flex;justify-content:flex-end}
button{font:inherit;padding:.3rem .8rem;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}
#signoff td{height:2.6rem}
#clause-counts,#change-counts{width:auto;min-width:min(24rem,100%)}
@media (max-width:640px){main{padding:.75rem}th,td{padding:.25rem .3rem;font-size:13px}#header th{width:auto}}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{font-size:10pt}main{max-width:none;padding:0}
  nav,.toolbar{display:none}
  h2{break-after:avoid}h3{break-after:avoid}
  #section-clauses,#section-changes,#section-signoff{break-before:page}
  tr{break-inside:avoid}thead{display:table-header-group}
  /* Tables are most of the report: tight on paper, the clause and finding text still whole. */
  th,td{padding:.1rem .35rem;font-size:8.5pt;line-height:1.3}thead th{white-space:nowrap}
  #signoff td{height:2.2rem}
  a{color:inherit;text-decoration:none}
}
`;

const SCRIPT = `document.getElementById('print').addEventListener('click',function(){window.print();});`;

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const CSP = `default-src 'none'; style-src ${sha256(MONTHLY_STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

function cellHtml(cell: Cell, tag: "td" | "th", scope?: string): string {
  const cls = cell.status ? ` class="s-${attr(cell.status)}"` : "";
  const text = cell.code ? `<code>${h(cell.text)}</code>` : h(cell.text);
  const body = cell.id === undefined ? text : `${text}<br><small><code>${h(cell.id)}</code></small>`;
  return `<${tag}${scope ? ` scope="${scope}"` : ""}${cls}>${body}</${tag}>`;
}

function tableHtml(b: Extract<Block, { kind: "table" }>): string {
  const head =
    b.head.length > 0
      ? `<thead><tr>${b.head.map((c) => `<th scope="col">${h(c)}</th>`).join("")}</tr></thead>`
      : "";
  const rows = b.rows
    .map(
      (row) =>
        `<tr>${row.map((c, i) => (i === 0 && b.rowHeaders ? cellHtml(c, "th", "row") : cellHtml(c, "td"))).join("")}</tr>`,
    )
    .join("\n");
  return `<table${b.id ? ` id="${attr(b.id)}"` : ""} aria-label="${attr(b.label)}">${head}<tbody>\n${rows}\n</tbody></table>`;
}

export function renderMonthlyHtml(doc: MonthlyDocument): string {
  const t = translator(doc.lang);
  const sections: string[] = [];
  const nav: string[] = [];
  let open = false;
  for (const b of doc.blocks) {
    if (b.kind === "heading" && b.level === 2) {
      if (open) sections.push("</section>");
      sections.push(`<section id="section-${attr(b.id ?? "")}" aria-labelledby="${attr(b.id ?? "")}">`);
      open = true;
      nav.push(`<a href="#${attr(b.id ?? "")}">${h(b.text)}</a>`);
      sections.push(`<h2 id="${attr(b.id ?? "")}">${h(b.text)}</h2>`);
    } else if (b.kind === "heading") sections.push(`<h${b.level}>${h(b.text)}</h${b.level}>`);
    else if (b.kind === "paragraph")
      sections.push(`<p${b.role ? ` class="${b.role}"` : ""}>${h(b.text)}</p>`);
    else sections.push(tableHtml(b));
  }
  if (open) sections.push("</section>");
  // The title and header table come before the first section; the contents list goes after them.
  const firstSection = sections.findIndex((s) => s.startsWith("<section"));
  sections.splice(firstSection, 0, `<nav aria-label="${attr(t("nav.label"))}">${nav.join("")}</nav>`);
  return [
    "<!DOCTYPE html>",
    `<html lang="${doc.lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeXmlAttribute(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(doc.title)}</title>`,
    `<style>${MONTHLY_STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<div class="toolbar"><button type="button" id="print">${h(t("toolbar.print"))}</button></div>`,
    ...sections,
    "</main>",
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
