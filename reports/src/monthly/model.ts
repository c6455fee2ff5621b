// The monthly control-status report (IPA-C-3-10) as data: what this month's Result says, compared with
// last month's, with the roster's joiners and leavers and the audit's findings. Pure: no clock, no I/O;
// it only sorts and counts what the engine decided.
import type { Control } from "@itaku/controls";
import {
  type AccessSection,
  addDays,
  type ControlStatus,
  daysBetween,
  type Finding,
  parseCalendarDate,
  type ReportConfig,
  type Result,
  type Roster,
  type RosterPerson,
  type WaiverReport,
} from "@itaku/core";
import { compareWithinRule, SEVERITY_ORDER } from "../report-context";

export type ReportLanguage = "ja" | "en";

export interface MonthlyInput {
  current: Result;
  previous?: Result;
  /** The access-log audit's Result for the same period, when one was run. */
  audit?: Result;
  /** The roster as it stands now; joiners and leavers come from its dates. */
  roster?: Roster | null;
  /** The config's `report:` section; a report without one says so in its header. */
  header?: ReportConfig;
  controls: readonly Control[];
  /** This itaku's rules and detections, for their titles; a rule it does not know is named by the Results' summaries. */
  rules?: readonly { id: string; title: { ja: string; en: string } }[];
  /** When the report is generated (the CLI passes its clock, or `--now`). */
  generatedAt: Date;
}

/** How a clause stands, in the words a client reads. */
export type ClauseStatus =
  | "implemented"
  | "not_implemented"
  | "unknown"
  | "attested"
  | "attested_not_implemented"
  | "waived"
  | "not_applicable"
  | "not_assessed";

export interface ClauseRow {
  id: string;
  document: "NIC" | "IPA";
  clause: string;
  title: { ja: string; en: string };
  kind: "auto" | "partial" | "manual";
  status: ClauseStatus;
  previousStatus?: ClauseStatus;
  failing: number;
  unknown: number;
  waived: number;
}

export interface FindingRef {
  ruleId: string;
  /** The rule's title, from the Result's rule summaries (absent in Results written before they existed). */
  ruleTitle?: { ja: string; en: string };
  severity: Finding["severity"];
  resource: Finding["resource"];
  message: string;
  waiver?: Finding["waiver"];
}

export interface MonthlyChanges {
  /** Failing now and not failing (or absent) last month. */
  new: FindingRef[];
  /** Failing last month, passing, not applicable or gone now. */
  resolved: FindingRef[];
  /** Failing in both months. */
  stillOpen: FindingRef[];
  /** Failing last month, unknown now: not resolved, just no longer verifiable. */
  nowUnknown: FindingRef[];
  /** Waived now and not waived last month. */
  newlyWaived: FindingRef[];
  /** Waivers past their date (no longer applied). */
  expiredWaivers: WaiverReport[];
  /** Waivers still in force that end within 30 days of the report. */
  expiringWaivers: WaiverReport[];
}

export interface LeaverRow {
  person: Pick<RosterPerson, "personId" | "name" | "role" | "endDate">;
  /** The person's accounts the leaver rule judged: still enabled (with days since the end date) or disabled. */
  accounts: { name: string; type: string; enabled: boolean; daysAfterEnd?: number }[];
}

export interface AttestationDue {
  id: string;
  title: { ja: string; en: string };
  kind: "auto" | "partial" | "manual";
  /** The last attestation's date, when there was one (it is older than a year, or will be within 30 days). */
  lastAttestedAt?: string;
}

export interface SourceRow {
  provider: string;
  scope: string;
  regions: string[];
  /** The source's own status when the Result carries one (organisation scans do). */
  status?: string;
  gaps: number;
  /** What reading it took, when the source says (an Athena audit's queries, data scanned and cost). */
  stats?: Record<string, number>;
  /** A source of the access-log audit (`--audit`) rather than of the scan. */
  audit?: true;
}

export interface MonthlyReport {
  header?: ReportConfig;
  period: { from: string; to: string };
  generatedAt: string;
  toolVersion: string;
  origin: Result["origin"];
  sources: SourceRow[];
  hasPrevious: boolean;
  previousEvaluatedAt?: string;
  summary: Result["summary"];
  clauseCounts: Record<ClauseStatus, number>;
  clauses: ClauseRow[];
  changes?: MonthlyChanges;
  roster?: {
    joiners: Pick<RosterPerson, "personId" | "name" | "role" | "startDate">[];
    leavers: LeaverRow[];
  };
  audit?: { evaluatedAt: string; summary: Result["summary"]; failing: FindingRef[]; access?: AccessSection };
  attestationsDue: AttestationDue[];
}

export const CLAUSE_STATUSES: readonly ClauseStatus[] = [
  "implemented",
  "not_implemented",
  "unknown",
  "attested",
  "attested_not_implemented",
  "waived",
  "not_applicable",
  "not_assessed",
];

const EXPIRY_HORIZON_DAYS = 30;
/** An attestation is a statement about a point in time; one older than a year is renewed. */
const ATTESTATION_VALID_DAYS = 365;
const LEAVER_RULE = "accounts-leaver-enabled";

export function clauseStatusOf(control: Result["controls"][number]): ClauseStatus {
  const map: Record<ControlStatus, ClauseStatus> = {
    pass: "implemented",
    fail: "not_implemented",
    unknown: "unknown",
    waived: "waived",
    not_applicable: "not_applicable",
    attested: "attested",
    not_assessed: "not_assessed",
  };
  if (control.status === "attested" && control.attestation?.status === "not_implemented")
    return "attested_not_implemented";
  return map[control.status];
}

const findingKey = (f: Finding) =>
  `${f.ruleId}\u0000${f.resource.scope}\u0000${f.resource.type}\u0000${f.resource.id}`;

type RuleTitles = ReadonlyMap<string, { ja: string; en: string }>;

/** Rule titles by id: this itaku's own first, then the Results', newest first (titles get reworded). */
const ruleTitles = (known: MonthlyInput["rules"], ...results: (Result | undefined)[]): RuleTitles => {
  const titles = new Map<string, { ja: string; en: string }>();
  for (const rule of known ?? []) titles.set(rule.id, { ja: rule.title.ja, en: rule.title.en });
  for (const result of results)
    for (const rule of result?.rules ?? []) if (!titles.has(rule.id)) titles.set(rule.id, rule.title);
  return titles;
};

const refOf =
  (titles: RuleTitles) =>
  (f: Finding): FindingRef => ({
    ruleId: f.ruleId,
    ...(titles.has(f.ruleId) ? { ruleTitle: titles.get(f.ruleId) } : {}),
    severity: f.severity,
    resource: f.resource,
    message: f.message,
    ...(f.waiver ? { waiver: f.waiver } : {}),
  });

function bySeverityThenRule(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    compareWithinRule(a, b)
  );
}

export function compareChanges(
  current: Result,
  previous: Result,
  now: Date,
  rules?: MonthlyInput["rules"],
): MonthlyChanges {
  const before = new Map(previous.findings.map((f) => [findingKey(f), f]));
  const after = new Map(current.findings.map((f) => [findingKey(f), f]));
  const pick = (findings: Finding[]) =>
    findings.sort(bySeverityThenRule).map(refOf(ruleTitles(rules, current, previous)));
  const newOnes: Finding[] = [];
  const stillOpen: Finding[] = [];
  const newlyWaived: Finding[] = [];
  for (const [key, finding] of after) {
    const old = before.get(key);
    if (finding.status === "fail") (old?.status === "fail" ? stillOpen : newOnes).push(finding);
    if (finding.status === "waived" && old?.status !== "waived") newlyWaived.push(finding);
  }
  const resolved: Finding[] = [];
  const nowUnknown: Finding[] = [];
  for (const [key, old] of before) {
    if (old.status !== "fail") continue;
    const now = after.get(key);
    if (now === undefined || now.status === "pass" || now.status === "not_applicable") resolved.push(old);
    else if (now.status === "unknown") nowUnknown.push(now);
  }
  const horizon = addDays(now, EXPIRY_HORIZON_DAYS);
  const byExpiry = (a: WaiverReport, b: WaiverReport) =>
    a.expires < b.expires ? -1 : a.expires > b.expires ? 1 : 0;
  return {
    new: pick(newOnes),
    resolved: pick(resolved),
    stillOpen: pick(stillOpen),
    nowUnknown: pick(nowUnknown),
    newlyWaived: pick(newlyWaived),
    expiredWaivers: current.waivers.filter((w) => w.status === "expired").sort(byExpiry),
    expiringWaivers: current.waivers
      .filter((w) => {
        const end = parseCalendarDate(w.expires);
        return w.status !== "expired" && end !== undefined && end <= horizon;
      })
      .sort(byExpiry),
  };
}

/** `alice`, `123456789012:alice`, `VENDOR\\alice` and `alice@vendor.local` all name the account `alice`. */
const accountName = (entry: string) =>
  entry
    .replace(/^\d{12}:/, "")
    .replace(/^.*\\/, "")
    .replace(/@.*$/, "");

function rosterChanges(roster: Roster, current: Result, from: string, to: string): MonthlyReport["roster"] {
  const now = current.now;
  const inPeriod = (date: string | undefined) => date !== undefined && date > from && date <= to;
  const joiners = roster.people
    .filter((p) => inPeriod(p.startDate))
    .map(({ personId, name, role, startDate }) => ({ personId, name, role, startDate }));
  const leaverFindings = current.findings.filter((f) => f.ruleId === LEAVER_RULE);
  // Everyone who left this period, and anyone who left earlier whose accounts are still enabled.
  const stillEnabledPeople = new Set(
    leaverFindings.filter((f) => f.status === "fail").map((f) => String(f.evidence.person)),
  );
  const leavers = roster.people
    .filter(
      (p) =>
        p.endDate !== undefined &&
        p.endDate <= to &&
        (inPeriod(p.endDate) || stillEnabledPeople.has(p.personId)),
    )
    .map((person): LeaverRow => {
      const names = new Set([...person.awsIamUsers, ...person.adAccounts].map(accountName));
      const accounts = leaverFindings
        .filter((f) =>
          f.status === "fail"
            ? String(f.evidence.person) === person.personId
            : f.evidence.disabled === true && names.has(f.resource.name),
        )
        .map((f) => ({
          name: f.resource.name,
          type: f.resource.type,
          enabled: f.status === "fail",
          ...(f.status === "fail" && person.endDate
            ? { daysAfterEnd: daysBetween(`${person.endDate}T00:00:00Z`, now) }
            : {}),
        }));
      return {
        person: { personId: person.personId, name: person.name, role: person.role, endDate: person.endDate },
        accounts,
      };
    });
  return { joiners, leavers };
}

function attestationsDue(current: Result, controls: readonly Control[], now: Date): AttestationDue[] {
  const catalog = new Map(controls.map((c) => [c.id, c]));
  const renewBy = addDays(now, EXPIRY_HORIZON_DAYS - ATTESTATION_VALID_DAYS);
  const due: AttestationDue[] = [];
  for (const control of current.controls) {
    const entry = catalog.get(control.id);
    if (!entry) continue;
    if (control.status === "not_assessed" && control.kind !== "auto") {
      due.push({ id: control.id, title: entry.title, kind: control.kind });
      continue;
    }
    const at = control.attestation ? parseCalendarDate(control.attestation.at) : undefined;
    if (control.attestation && at && at <= renewBy) {
      due.push({
        id: control.id,
        title: entry.title,
        kind: control.kind,
        lastAttestedAt: control.attestation.at,
      });
    }
  }
  return due;
}

/** The first day of `now`'s month, as YYYY-MM-DD in the given zone. */
function monthStart(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-01`;
}

const dayIn = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );

function sourceRow(source: Result["sources"][number], ofAudit = false): SourceRow {
  const status = (source as { status?: unknown }).status;
  return {
    provider: source.provider,
    scope: source.scope,
    regions: source.regions,
    ...(typeof status === "string" ? { status } : {}),
    gaps: source.gaps.length,
    ...(source.stats && Object.keys(source.stats).length > 0 ? { stats: source.stats } : {}),
    ...(ofAudit ? { audit: true as const } : {}),
  };
}

export function buildMonthlyReport(input: MonthlyInput): MonthlyReport {
  const { current, previous, audit, roster, header, controls } = input;
  const timeZone = header?.timeZone ?? "Asia/Tokyo";
  const now = new Date(current.now);
  const to = dayIn(current.now, timeZone);
  // The period runs from the last report's evaluation to this one; without one, the calendar month so far.
  const from = previous ? dayIn(previous.now, timeZone) : monthStart(now, timeZone);
  const catalog = new Map(controls.map((c) => [c.id, c]));
  const previousStatus = new Map((previous?.controls ?? []).map((c) => [c.id, clauseStatusOf(c)]));
  const clauses: ClauseRow[] = current.controls.map((control) => {
    const entry = catalog.get(control.id);
    return {
      id: control.id,
      document: entry?.document ?? (control.id.startsWith("NIC") ? "NIC" : "IPA"),
      clause: entry?.clause ?? control.id,
      title: entry?.title ?? { ja: control.id, en: control.id },
      kind: control.kind,
      status: clauseStatusOf(control),
      ...(previousStatus.has(control.id) ? { previousStatus: previousStatus.get(control.id) } : {}),
      failing: control.counts.fail,
      unknown: control.counts.unknown,
      waived: control.counts.waived,
    };
  });
  const clauseCounts = Object.fromEntries(CLAUSE_STATUSES.map((s) => [s, 0])) as Record<ClauseStatus, number>;
  for (const row of clauses) clauseCounts[row.status]++;
  return {
    ...(header ? { header } : {}),
    period: { from, to },
    generatedAt: input.generatedAt.toISOString(),
    toolVersion: current.tool.version,
    origin: current.origin,
    sources: [
      ...current.sources.map((s) => sourceRow(s)),
      ...(audit?.sources ?? []).map((s) => sourceRow(s, true)),
    ],
    hasPrevious: previous !== undefined,
    ...(previous ? { previousEvaluatedAt: previous.evaluatedAt } : {}),
    summary: current.summary,
    clauseCounts,
    clauses,
    ...(previous ? { changes: compareChanges(current, previous, now, input.rules) } : {}),
    ...(roster ? { roster: rosterChanges(roster, current, from, to) } : {}),
    ...(audit
      ? {
          audit: {
            evaluatedAt: audit.evaluatedAt,
            summary: audit.summary,
            failing: audit.findings
              .filter((f) => f.status === "fail")
              .sort(bySeverityThenRule)
              .map(refOf(ruleTitles(input.rules, audit, current))),
            ...(audit.access ? { access: audit.access } : {}),
          },
        }
      : {}),
    attestationsDue: attestationsDue(current, controls, now),
  };
}
