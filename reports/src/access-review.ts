// The access review of an audit Result (the part a person signs): one row per roster person, then
// every principal that maps to no one. Rendered here for table, Markdown and HTML; each format calls
// one function, so the formats themselves only place the section.
import type { AccessSection, Result } from "@itaku/core";
import { displayWidth, padToWidth, truncateToWidth } from "./display-width";
import { visibleText } from "./scanned-text";
import { escapeXmlText } from "./xml-escape";

type Activity = AccessSection["people"][number] | AccessSection["unmatched"][number];

interface Row {
  who: string;
  what: string;
  accounts: string;
  roles: string;
  days: number;
  events: number;
  writes: number;
  logins: string;
  offHours: number;
  /** Addresses, new ones marked with `*`. */
  sources: string;
  services: string;
}

const joinList = (items: readonly string[], max = 4): string =>
  items.slice(0, max).join(", ") + (items.length > max ? `, +${items.length - max}` : "");

function row(who: string, what: string, activity: Activity): Row {
  return {
    who,
    what,
    accounts: joinList(activity.accounts),
    roles: joinList(activity.roles, 3),
    days: activity.activeDays,
    events: activity.events,
    writes: activity.writeEvents,
    logins: `${activity.consoleLogins.ok}/${activity.consoleLogins.failed}/${activity.consoleLogins.withMfa}`,
    offHours: activity.offHoursEvents,
    sources: joinList(activity.sourceIps.map((s) => `${s.address}${s.new ? "*" : ""}`)),
    services: joinList(
      activity.services.map((s) => s.replace(/\.amazonaws\.com$/, "")),
      6,
    ),
  };
}

/** The words of the "role / kind" column and of principals without a name, in the report's language. */
export interface AccessWords {
  person(role: string, endDate: string | undefined): string;
  principal(kind: string, machine: boolean): string;
  /** The label of a principal whose name CloudTrail hides, or undefined to keep the audit's. */
  hiddenLabel?: string;
}

const ENGLISH_WORDS: AccessWords = {
  person: (role, endDate) => (endDate ? `${role}, left ${endDate}` : role),
  principal: (kind, machine) => `${kind}${machine ? " (workload)" : ""}`,
};

export function accessRows(
  access: AccessSection,
  words: AccessWords = ENGLISH_WORDS,
): { people: Row[]; unmatched: Row[] } {
  return {
    people: access.people.map((p) => row(`${p.personId} ${p.name}`, words.person(p.role, p.endDate), p)),
    unmatched: access.unmatched.map((u) =>
      row(
        u.kind === "hidden" && words.hiddenLabel ? words.hiddenLabel : u.label,
        words.principal(u.kind, u.machine),
        u,
      ),
    ),
  };
}

/**
 * Whether the review covers more than one account (an organisation audit): then the table and the
 * monthly report add an account column, without which `root` and other per-account principals of
 * different accounts read the same. Markdown and HTML always show it.
 */
export function spansAccounts(access: AccessSection): boolean {
  const accounts = new Set<string>();
  for (const entry of [...access.people, ...access.unmatched]) {
    for (const account of entry.accounts) accounts.add(account);
    if ("account" in entry) accounts.add(entry.account);
  }
  return accounts.size > 1;
}

/** The calendar day of an instant in the audit's time zone (the instant itself if the zone is unknown). */
function localDay(instant: string, timeZone: string, shiftMs = 0): string {
  try {
    const day = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    return day.format(new Date(Date.parse(instant) + shiftMs));
  } catch {
    return instant;
  }
}

// The period's end is exclusive, so the last day shown is the one just before it.
const period = ({ period: p, baselineFrom }: AccessSection) =>
  `${localDay(p.from, p.timeZone)} – ${localDay(p.to, p.timeZone, -1)} (${p.timeZone}); new addresses (*) against activity since ${localDay(baselineFrom, p.timeZone)}`;

const HEADERS = [
  "WHO",
  "ROLE/KIND",
  "ACCOUNTS",
  "DAYS",
  "EVENTS",
  "WRITES",
  "LOGINS ok/fail/mfa",
  "OFF-HOURS",
  "SOURCES",
];

/** The table format's section: fixed columns in display width, scanned text made visible. */
export function accessReviewTableLines(
  result: Result,
  width: number,
  bold: (text: string) => string,
): string[] {
  const access = result.access;
  if (!access) return [];
  const { people, unmatched } = accessRows(access);
  // The account column only where the review spans accounts; a one-account audit keeps its width.
  const withAccounts = spansAccounts(access);
  const columns = (c: string[]) => (withAccounts ? c : c.filter((_, i) => i !== 2));
  const headers = columns(HEADERS);
  const cells = (r: Row) =>
    columns([
      r.who,
      r.what,
      r.accounts,
      String(r.days),
      String(r.events),
      String(r.writes),
      r.logins,
      String(r.offHours),
      r.sources,
    ]);
  const all = [...people, ...unmatched].map(cells);
  const last = headers.length - 1;
  const widths = headers.map((header, i) =>
    Math.min(
      i === last ? 60 : 28,
      Math.max(header.length, ...all.map((c) => displayWidth(visibleText(c[i]!)))),
    ),
  );
  const line = (c: string[]) =>
    truncateToWidth(
      `  ${c.map((text, i) => padToWidth(truncateToWidth(visibleText(text), widths[i]!), widths[i]!)).join("  ")}`.trimEnd(),
      width,
    );
  const out = [
    bold("Access review"),
    `  ${visibleText(period(access))}`,
    line(headers),
    ...people.map((r) => line(cells(r))),
  ];
  if (unmatched.length > 0)
    out.push("", bold("Principals that map to no roster person"), ...unmatched.map((r) => line(cells(r))));
  return out;
}

/** The Markdown format's section, as lines; `inline` is the format's escaping of a scanned string. */
export function accessReviewMarkdownLines(
  result: Result,
  inline: (text: string, max?: number) => string,
): string[] {
  const access = result.access;
  if (!access) return [];
  const { people, unmatched } = accessRows(access);
  const header =
    "| Who | Role / kind | Accounts | Days | Events | Writes | Console logins ok/failed/MFA | Off-hours | Source addresses (* new) | Services |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";
  const md = (r: Row) =>
    `| ${inline(r.who, 60)} | ${inline(r.what)} | ${inline(r.accounts)} | ${r.days} | ${r.events} | ${r.writes} | ${r.logins} | ${r.offHours} | ${inline(r.sources, 200)} | ${inline(r.services, 120)} |`;
  const lines = [
    "### Access review",
    "",
    `<sub>${inline(period(access), 200)}</sub>`,
    "",
    header,
    ...people.map(md),
    "",
  ];
  if (unmatched.length > 0)
    lines.push("#### Principals that map to no roster person", "", header, ...unmatched.map(md), "");
  return lines;
}

const h = (text: string) => escapeXmlText(visibleText(text));

/** The HTML format's section: a table per group, every value escaped. */
export function accessReviewHtml(result: Result): string {
  const access = result.access;
  if (!access) return "";
  const { people, unmatched } = accessRows(access);
  const head =
    "<thead><tr><th>Who</th><th>Role / kind</th><th>Accounts</th><th>Roles</th><th>Days</th><th>Events</th><th>Writes</th><th>Console logins<br><small>ok / failed / MFA</small></th><th>Off-hours</th><th>Source addresses<br><small>* new</small></th><th>Services</th></tr></thead>";
  const tr = (r: Row) =>
    `<tr><td>${h(r.who)}</td><td>${h(r.what)}</td><td>${h(r.accounts)}</td><td>${h(r.roles)}</td><td>${r.days}</td><td>${r.events}</td><td>${r.writes}</td><td class="nowrap">${h(r.logins)}</td><td>${r.offHours}</td><td class="long">${h(r.sources)}</td><td class="long">${h(r.services)}</td></tr>`;
  const parts = [
    '<section id="access-review">',
    "<h2>Access review</h2>",
    `<p class="muted">${h(period(access))}</p>`,
    `<table class="access">${head}<tbody>${people.map(tr).join("")}</tbody></table>`,
  ];
  if (unmatched.length > 0)
    parts.push(
      "<h3>Principals that map to no roster person</h3>",
      `<table class="access">${head}<tbody>${unmatched.map(tr).join("")}</tbody></table>`,
    );
  parts.push("</section>");
  return parts.join("\n");
}
