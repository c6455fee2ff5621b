// The monthly report laid out once, as headings, paragraphs and tables of plain text in one language;
// the Markdown and HTML writers only serialize these blocks (and escape every cell as they do).
import { accessRows, spansAccounts } from "../access-review";
import { type StatsWords, statsText } from "../report-context";
import { type DateStyle, formatDay, formatInstant, formatLocalDay } from "./dates";
import { isMessageKey, type MessageKey, type Translate, translator } from "./messages";
import {
  CLAUSE_STATUSES,
  type ClauseRow,
  type FindingRef,
  type MonthlyReport,
  type ReportLanguage,
} from "./model";

export interface Cell {
  text: string;
  /** Shown as code (ids, names from scanned systems). */
  code?: boolean;
  /** An id shown as code after the text (a rule's id under its title). */
  id?: string;
  /** A clause or finding status, for colour in HTML. */
  status?: string;
}

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string; id?: string }
  | { kind: "paragraph"; text: string; role?: "note" | "warning" }
  | { kind: "table"; id?: string; label: string; head: string[]; rows: Cell[][]; rowHeaders?: boolean };

export interface MonthlyDocument {
  lang: ReportLanguage;
  title: string;
  blocks: Block[];
}

const plain = (text: string): Cell => ({ text });
const code = (text: string): Cell => ({ text, code: true });

function findingTable(
  t: Translate,
  lang: ReportLanguage,
  label: string,
  findings: readonly FindingRef[],
  id?: string,
): Block {
  return {
    kind: "table",
    ...(id ? { id } : {}),
    label,
    head: [
      t("finding.col.severity"),
      t("finding.col.rule"),
      t("finding.col.resource"),
      t("finding.col.message"),
    ],
    rows: findings.map((f) => [
      { text: t(`severity.${f.severity}` as MessageKey), status: f.severity },
      f.ruleTitle ? { text: f.ruleTitle[lang], id: f.ruleId } : code(f.ruleId),
      code(f.resource.name === f.resource.id ? f.resource.id : `${f.resource.name} (${f.resource.id})`),
      plain(f.message),
    ]),
  };
}

function clauseTable(
  t: Translate,
  lang: ReportLanguage,
  document: "NIC" | "IPA",
  rows: ClauseRow[],
  withPrevious: boolean,
): Block {
  const status = (s: ClauseRow["status"]) => t(`status.${s}` as MessageKey);
  return {
    kind: "table",
    id: `clauses-${document.toLowerCase()}`,
    label: t(`clauses.document.${document}` as MessageKey),
    head: [
      t("clauses.col.id"),
      t("clauses.col.clause"),
      t("clauses.col.title"),
      t("clauses.col.status"),
      t("clauses.col.failing"),
      ...(withPrevious ? [t("clauses.col.previous")] : []),
    ],
    rowHeaders: true,
    rows: rows.map((row) => [
      code(row.id),
      plain(row.clause),
      plain(row.title[lang]),
      { text: status(row.status), status: row.status },
      plain(String(row.failing)),
      ...(withPrevious
        ? [
            row.previousStatus === undefined
              ? plain("—")
              : { text: status(row.previousStatus), status: row.previousStatus },
          ]
        : []),
    ]),
  };
}

/** The reading statistics' words in the report's language (an audit's queries, data scanned, cost, time). */
function statsWords(t: Translate, lang: ReportLanguage): StatsWords {
  const plural = new Intl.PluralRules(lang);
  const counted = (key: "queries" | "requests") => (n: number) =>
    t(`source.read.${key}.${plural.select(n) === "one" ? "one" : "other"}` as MessageKey, {
      count: n.toLocaleString(lang),
    });
  const usd = new Intl.NumberFormat(lang, { style: "currency", currency: "USD", minimumFractionDigits: 4 });
  return {
    queries: counted("queries"),
    requests: counted("requests"),
    scanned: (size) => t("source.read.scanned", { size }),
    cost: (amount) => t("source.read.cost", { usd: usd.format(amount) }),
    elapsed: (seconds) => t("source.read.elapsed", { seconds }),
    separator: t("source.read.separator"),
  };
}

export function monthlyDocument(report: MonthlyReport, lang: ReportLanguage): MonthlyDocument {
  const t = translator(lang);
  const style: DateStyle = {
    lang,
    timeZone: report.header?.timeZone ?? "Asia/Tokyo",
    japaneseEra: report.header?.japaneseEra ?? false,
  };
  const day = (d: string) => formatDay(d, style);
  // Words the Results carry as codes (roster roles, principal kinds); a code this version has no word for stays as it is.
  const word = (prefix: string, code: string) =>
    isMessageKey(`${prefix}${code}`) ? t(`${prefix}${code}` as MessageKey) : code;
  const role = (r: string) => word("role.", r);
  const blocks: Block[] = [{ kind: "heading", level: 1, text: t("title") }];

  const headerRows: Cell[][] = [];
  if (report.header) {
    headerRows.push([plain(t("header.client")), plain(report.header.client)]);
    headerRows.push([plain(t("header.vendor")), plain(report.header.vendor)]);
    headerRows.push([plain(t("header.contract")), plain(report.header.contract)]);
  }
  headerRows.push([
    plain(t("header.period")),
    plain(`${day(report.period.from)} – ${day(report.period.to)}`),
  ]);
  headerRows.push([plain(t("header.generatedAt")), plain(formatInstant(report.generatedAt, style))]);
  headerRows.push([plain(t("header.tool")), plain(`itaku ${report.toolVersion}`)]);
  const words = statsWords(t, lang);
  for (const source of report.sources) {
    const status = source.status ? t(`source.status.${source.status}` as MessageKey) : undefined;
    const gaps = source.gaps > 0 ? t("source.gaps", { count: source.gaps }) : t("source.noGaps");
    const read = source.stats ? statsText(source.stats, words) : "";
    headerRows.push([
      plain(t(source.audit ? "header.auditSources" : "header.sources")),
      {
        text: `${source.provider} ${source.scope}${source.regions.length > 0 ? ` (${source.regions.join(", ")})` : ""} — ${status ? `${status}, ` : ""}${gaps}${read ? ` (${read})` : ""}`,
        ...(source.status ? { status: source.status } : {}),
      },
    ]);
  }
  blocks.push({
    kind: "table",
    id: "header",
    label: t("title"),
    head: [],
    rows: headerRows,
    rowHeaders: true,
  });
  if (!report.header) blocks.push({ kind: "paragraph", text: t("header.noConfig"), role: "warning" });
  blocks.push({ kind: "paragraph", text: t("header.basis"), role: "note" });

  // 1. Summary
  const c = report.clauseCounts;
  blocks.push({ kind: "heading", level: 2, text: t("section.summary"), id: "summary" });
  const summary = [
    t("summary.text", {
      date: day(report.period.to),
      total: report.clauses.length,
      implemented: c.implemented,
      notImplemented: c.not_implemented,
      unknown: c.unknown,
      attested: c.attested + c.attested_not_implemented,
      waived: c.waived,
      notApplicable: c.not_applicable,
      notAssessed: c.not_assessed,
      fail: report.summary.fail,
      unknownFindings: report.summary.unknown,
      waivedFindings: report.summary.waived,
    }),
    report.changes
      ? t("summary.changes", {
          new: report.changes.new.length,
          resolved: report.changes.resolved.length,
          stillOpen: report.changes.stillOpen.length,
        })
      : t("summary.noPrevious"),
    report.summary.unknown > 0 || c.unknown > 0 ? t("summary.unknownWarning") : "",
  ]
    .filter(Boolean)
    .join(lang === "ja" ? "" : " ");
  blocks.push({ kind: "paragraph", text: summary });

  // 2. Clauses
  blocks.push({ kind: "heading", level: 2, text: t("section.clauses"), id: "clauses" });
  blocks.push({
    kind: "table",
    id: "clause-counts",
    label: t("clauses.counts"),
    head: [t("clauses.col.status"), t("changes.count")],
    rowHeaders: true,
    rows: CLAUSE_STATUSES.filter((s) => c[s] > 0).map((s) => [
      { text: t(`status.${s}` as MessageKey), status: s },
      plain(String(c[s])),
    ]),
  });
  for (const document of ["NIC", "IPA"] as const) {
    const rows = report.clauses.filter((row) => row.document === document);
    if (rows.length === 0) continue;
    blocks.push({ kind: "heading", level: 3, text: t(`clauses.document.${document}` as MessageKey) });
    blocks.push(clauseTable(t, lang, document, rows, report.hasPrevious));
  }

  // 3. Changes
  blocks.push({ kind: "heading", level: 2, text: t("section.changes"), id: "changes" });
  const changes = report.changes;
  if (!changes) blocks.push({ kind: "paragraph", text: t("changes.noPrevious"), role: "warning" });
  else {
    if (report.previousEvaluatedAt)
      blocks.push({
        kind: "paragraph",
        text: t("changes.since", { date: formatInstant(report.previousEvaluatedAt, style) }),
      });
    const categories = [
      "new",
      "resolved",
      "stillOpen",
      "nowUnknown",
      "newlyWaived",
      "expiredWaivers",
      "expiringWaivers",
    ] as const;
    blocks.push({
      kind: "table",
      id: "change-counts",
      label: t("section.changes"),
      head: [t("changes.category"), t("changes.count")],
      rowHeaders: true,
      rows: categories.map((k) => [plain(t(`changes.${k}`)), { text: String(changes[k].length), status: k }]),
    });
    for (const k of ["new", "resolved", "nowUnknown", "newlyWaived", "stillOpen"] as const) {
      if (changes[k].length === 0) continue;
      blocks.push({ kind: "heading", level: 3, text: `${t(`changes.${k}`)} (${changes[k].length})` });
      blocks.push(findingTable(t, lang, t(`changes.${k}`), changes[k], `changes-${k}`));
    }
    for (const k of ["expiredWaivers", "expiringWaivers"] as const) {
      if (changes[k].length === 0) continue;
      blocks.push({ kind: "heading", level: 3, text: `${t(`changes.${k}`)} (${changes[k].length})` });
      blocks.push({
        kind: "table",
        id: `changes-${k}`,
        label: t(`changes.${k}`),
        head: [
          t("waiver.col.rule"),
          t("waiver.col.resource"),
          t("waiver.col.expires"),
          t("waiver.col.approvedBy"),
          t("waiver.col.reason"),
        ],
        rows: changes[k].map((w) => [
          code(w.rule),
          code(w.resource),
          plain(day(w.expires)),
          plain(w.approvedBy),
          plain(w.reason),
        ]),
      });
    }
  }

  // 4. Roster
  blocks.push({ kind: "heading", level: 2, text: t("section.roster"), id: "roster" });
  if (!report.roster) blocks.push({ kind: "paragraph", text: t("roster.none"), role: "warning" });
  else {
    const { joiners, leavers } = report.roster;
    blocks.push({ kind: "heading", level: 3, text: `${t("roster.joiners")} (${joiners.length})` });
    if (joiners.length === 0) blocks.push({ kind: "paragraph", text: t("roster.noJoiners") });
    else
      blocks.push({
        kind: "table",
        id: "joiners",
        label: t("roster.joiners"),
        head: [t("roster.col.person"), t("roster.col.role"), t("roster.col.startDate")],
        rows: joiners.map((p) => [
          plain(`${p.personId} ${p.name}`),
          plain(role(p.role)),
          plain(day(p.startDate)),
        ]),
      });
    blocks.push({ kind: "heading", level: 3, text: `${t("roster.leavers")} (${leavers.length})` });
    if (leavers.length === 0) blocks.push({ kind: "paragraph", text: t("roster.noLeavers") });
    else
      blocks.push({
        kind: "table",
        id: "leavers",
        label: t("roster.leavers"),
        head: [
          t("roster.col.person"),
          t("roster.col.role"),
          t("roster.col.endDate"),
          t("roster.col.accounts"),
        ],
        rows: leavers.map((l) => {
          const kind = (type: string) =>
            type.startsWith("ad.") ? "AD" : type.startsWith("aws.") ? "IAM" : type;
          const enabled = l.accounts.filter((a) => a.enabled);
          const disabled = l.accounts.filter((a) => !a.enabled);
          const parts = [
            ...(enabled.length > 0
              ? [
                  t("roster.stillEnabled", {
                    accounts: enabled
                      .map((a) =>
                        t("roster.daysAfter", {
                          name: `${a.name} (${kind(a.type)})`,
                          days: a.daysAfterEnd ?? "?",
                        }),
                      )
                      .join(", "),
                  }),
                ]
              : []),
            ...(disabled.length > 0
              ? [
                  `${t("roster.disabledInTime")}: ${disabled.map((a) => `${a.name} (${kind(a.type)})`).join(", ")}`,
                ]
              : []),
          ];
          return [
            plain(`${l.person.personId} ${l.person.name}`),
            plain(role(l.person.role)),
            plain(l.person.endDate ? day(l.person.endDate) : "—"),
            parts.length === 0
              ? plain(t("roster.noAccounts"))
              : { text: parts.join(" / "), status: enabled.length > 0 ? "not_implemented" : "implemented" },
          ];
        }),
      });
  }

  // 5. Access review
  blocks.push({ kind: "heading", level: 2, text: t("section.access"), id: "access" });
  if (!report.audit) blocks.push({ kind: "paragraph", text: t("access.none"), role: "note" });
  else {
    blocks.push({
      kind: "paragraph",
      text: t("access.evaluatedAt", { date: formatInstant(report.audit.evaluatedAt, style) }),
    });
    blocks.push({
      kind: "paragraph",
      text: t("access.summary", { fail: report.audit.summary.fail, unknown: report.audit.summary.unknown }),
    });
    const access = report.audit.access;
    if (access) {
      const auditDays = { ...style, timeZone: access.period.timeZone };
      // One row per roster person, then principals nobody owns: the rows the scan report's review shows.
      const kindWord = (kind: string) => word("access.kind.", kind);
      const { people, unmatched } = accessRows(access, {
        person: (r, endDate) =>
          endDate ? t("access.left", { role: role(r), date: formatDay(endDate, style) }) : role(r),
        principal: (kind, machine) =>
          machine ? t("access.workload", { kind: kindWord(kind) }) : kindWord(kind),
        hiddenLabel: t("access.hiddenLabel"),
      });
      // In an organisation audit the accounts column tells apart `root` (and the like) of each account.
      const withAccounts = spansAccounts(access);
      const head = (
        [
          "who",
          "role",
          ...(withAccounts ? (["accounts"] as const) : []),
          "days",
          "events",
          "writes",
          "logins",
          "offHours",
          "sources",
        ] as const
      ).map((k) => t(`access.col.${k}`));
      const rows = (list: typeof people) =>
        list.map((r) => [
          plain(r.who),
          plain(r.what),
          ...(withAccounts ? [code(r.accounts)] : []),
          plain(String(r.days)),
          plain(String(r.events)),
          plain(String(r.writes)),
          plain(r.logins),
          plain(String(r.offHours)),
          code(r.sources),
        ]);
      blocks.push({ kind: "heading", level: 3, text: t("access.review") });
      blocks.push({
        kind: "paragraph",
        // Local days of the audit's zone; the period's end is exclusive, so the last day is the one before it.
        text: t("access.reviewPeriod", {
          from: formatLocalDay(access.period.from, auditDays),
          to: formatLocalDay(access.period.to, auditDays, -1),
          timeZone: access.period.timeZone,
          baseline: formatLocalDay(access.baselineFrom, auditDays),
        }),
        role: "note",
      });
      blocks.push({
        kind: "table",
        id: "access-people",
        label: t("access.review"),
        head,
        rows: rows(people),
      });
      if (unmatched.length > 0) {
        blocks.push({ kind: "heading", level: 3, text: t("access.unmatched") });
        blocks.push({
          kind: "table",
          id: "access-unmatched",
          label: t("access.unmatched"),
          head,
          rows: rows(unmatched),
        });
      }
    }
    blocks.push({
      kind: "heading",
      level: 3,
      text: `${t("access.anomalies")} (${report.audit.failing.length})`,
    });
    if (report.audit.failing.length === 0) blocks.push({ kind: "paragraph", text: t("access.noFindings") });
    else blocks.push(findingTable(t, lang, t("section.access"), report.audit.failing, "access-findings"));
  }

  // 6. Attestations due
  blocks.push({ kind: "heading", level: 2, text: t("section.attestations"), id: "attestations" });
  if (report.attestationsDue.length === 0) blocks.push({ kind: "paragraph", text: t("attestations.none") });
  else {
    blocks.push({ kind: "paragraph", text: t("attestations.intro") });
    blocks.push({
      kind: "table",
      id: "attestations-due",
      label: t("section.attestations"),
      head: [t("attestations.col.id"), t("attestations.col.title"), t("attestations.col.last")],
      rows: report.attestationsDue.map((a) => [
        code(a.id),
        plain(a.title[lang]),
        plain(a.lastAttestedAt ? day(a.lastAttestedAt) : t("attestations.never")),
      ]),
    });
  }

  // 7. Sign-off
  blocks.push({ kind: "heading", level: 2, text: t("section.signoff"), id: "signoff" });
  blocks.push({
    kind: "table",
    id: "signoff",
    label: t("section.signoff"),
    head: ["", t("signoff.preparedBy"), t("signoff.approvedBy")],
    rowHeaders: true,
    rows: [
      [
        plain(t("signoff.name")),
        plain(report.header?.preparedBy ?? ""),
        plain(report.header?.approvedBy ?? ""),
      ],
      [plain(t("signoff.date")), plain(""), plain("")],
      [plain(t("signoff.signature")), plain(""), plain("")],
    ],
  });
  return { lang, title: t("title"), blocks };
}
