// Drives the detections: one event in, every detection's fold and the access review updated, no
// allocation beyond the first sighting of a principal. States merge across files and threads; at the
// end, `reportDetections` turns the merged states into findings (gaps make would-be passes unknown).
import type { RosterPerson } from "../roster";
import { type Evidence, formatMessage, type RuleSettings } from "../rule";
import { type AccessState, foldAccess, mergeAccess, newAccessState } from "./access-review";
import { AuditCalendar } from "./calendar";
import { CidrSet } from "./cidr";
import type {
  AnyDetection,
  AuditWindowMs,
  EventClock,
  FoldContext,
  ReportContext,
  Subject,
} from "./detection";
import type { CloudTrailEvent } from "./event";
import { type Identity, type IdentityCenterUser, IdentityResolver } from "./identity";
import type { AuditSettings } from "./settings";

const DAY_MS = 86_400_000;

/** Everything a fold needs, structured-cloneable (it is sent to every worker thread). */
export interface AuditFoldInit {
  /** The audited period, ISO instants, `to` exclusive. */
  period: { from: string; to: string };
  audit: AuditSettings;
  subcontractors: RuleSettings["subcontractors"];
  people: RosterPerson[] | null;
  /** Accounts audited together; calls between them are not "external". */
  ownAccounts: string[];
  /** The enabled detections and their parsed options. */
  detections: { id: string; options: unknown }[];
  /** IAM Identity Center users from a snapshot, for SSO sessions (see IdentityResolverInput). */
  ssoUsers?: IdentityCenterUser[];
}

export interface AuditState {
  /** Events folded (baseline and period). */
  events: number;
  /** Events outside the read window or with an unreadable eventTime, ignored. */
  ignored: number;
  /** Data events seen (S3 object-level and the like): tells whether the trail logs them. */
  dataEvents: number;
  detections: Record<string, unknown>;
  access: AccessState;
}

export function auditWindow(init: Pick<AuditFoldInit, "period" | "audit">): AuditWindowMs {
  const from = Date.parse(init.period.from);
  return { baselineFrom: from - init.audit.baselineDays * DAY_MS, from, to: Date.parse(init.period.to) };
}

export class AuditFold {
  private readonly resolver: IdentityResolver;
  private readonly calendar: AuditCalendar;
  private readonly window: AuditWindowMs;
  private readonly clock: EventClock = { ms: 0, inPeriod: false, localDate: "", offHours: false };
  private readonly active: { detection: AnyDetection; ctx: FoldContext; state: unknown }[];
  private readonly totals: AuditState;

  constructor(init: AuditFoldInit, catalog: readonly AnyDetection[]) {
    this.resolver = new IdentityResolver({
      people: init.people,
      subcontractors: init.subcontractors,
      ownAccounts: init.ownAccounts,
      ...(init.ssoUsers ? { ssoUsers: init.ssoUsers } : {}),
    });
    this.calendar = new AuditCalendar(init.audit);
    this.window = auditWindow(init);
    const allowedSources = new CidrSet(init.audit.allowedSourceCidrs);
    const byId = new Map(catalog.map((d) => [d.id, d]));
    this.active = init.detections.map(({ id, options }) => {
      const detection = byId.get(id);
      if (!detection) throw new Error(`unknown detection "${id}"`);
      const ctx: FoldContext = {
        options,
        audit: init.audit,
        window: this.window,
        clock: this.clock,
        calendar: this.calendar,
        allowedSources,
        subcontractors: init.subcontractors,
        ownAccounts: init.ownAccounts,
      };
      return { detection, ctx, state: detection.init(options, ctx) };
    });
    this.totals = {
      events: 0,
      ignored: 0,
      dataEvents: 0,
      detections: Object.fromEntries(this.active.map((a) => [a.detection.id, a.state])),
      access: newAccessState(),
    };
  }

  add(event: CloudTrailEvent): void {
    const ms = Date.parse(event.eventTime);
    if (!(ms >= this.window.baselineFrom && ms < this.window.to)) {
      this.totals.ignored++;
      return;
    }
    this.totals.events++;
    if (event.eventCategory === "Data" || event.managementEvent === false) this.totals.dataEvents++;
    const clock = this.clock;
    clock.ms = ms;
    clock.inPeriod = ms >= this.window.from;
    clock.localDate = this.calendar.localDate(ms);
    clock.offHours = this.calendar.isOffHours(ms);
    const identity: Identity = this.resolver.resolve(event);
    for (const { detection, ctx, state } of this.active) detection.fold(state, event, identity, ctx);
    foldAccess(this.totals.access, event, identity, clock);
  }

  state(): AuditState {
    return this.totals;
  }
}

/** Folds `from` into `into` (associative): what the main thread does with the workers' states. */
export function mergeAuditStates(
  into: AuditState,
  from: AuditState,
  catalog: readonly AnyDetection[],
): AuditState {
  into.events += from.events;
  into.ignored += from.ignored;
  into.dataEvents += from.dataEvents;
  const byId = new Map(catalog.map((d) => [d.id, d]));
  for (const [id, state] of Object.entries(from.detections)) {
    const mine = into.detections[id];
    into.detections[id] = mine === undefined ? state : byId.get(id)!.merge(mine, state);
  }
  mergeAccess(into.access, from.access);
  return into;
}

/** A part of the read window a source could not read (its AuditGap, as far as detections care). */
export interface DetectionGap {
  code: string;
  location: string;
  account?: string;
  region?: string;
  /** Hours affected (ISO UTC, `to` exclusive); absent = the whole window. */
  from?: string;
  to?: string;
}

/** What the sources could see, beyond the events themselves. */
export interface DetectionCoverage {
  /** False when the source cannot return data events at all (LookupEvents). */
  dataEvents: boolean;
  /** False when the source cannot reach back to the baseline (LookupEvents keeps 90 days). */
  baseline: boolean;
  gaps: readonly DetectionGap[];
}

export interface DetectionFinding {
  ruleId: string;
  status: "pass" | "fail" | "unknown" | "not_applicable";
  subject: Subject;
  messageId?: string;
  message: string;
  evidence: Evidence;
}

/** The audited period and accounts as a finding subject. */
export function periodSubject(init: Pick<AuditFoldInit, "period" | "ownAccounts">): Subject {
  const scope = init.ownAccounts.length > 0 ? [...init.ownAccounts].sort().join(",") : "all";
  return {
    type: "audit.period",
    id: `${init.period.from}/${init.period.to}`,
    name: `CloudTrail ${init.period.from.slice(0, 10)} – ${init.period.to.slice(0, 10)}`,
    scope,
    region: "all",
  };
}

function overlaps(gap: DetectionGap, from: number, to: number): boolean {
  const gapFrom = gap.from ? Date.parse(gap.from) : Number.NEGATIVE_INFINITY;
  const gapTo = gap.to ? Date.parse(gap.to) : Number.POSITIVE_INFINITY;
  return gapFrom < to && gapTo > from;
}

/** Turns each detection's merged state into findings: fails as found; passes `unknown` when a gap touches them. */
export function reportDetections(
  init: AuditFoldInit,
  state: AuditState,
  coverage: DetectionCoverage,
  catalog: readonly AnyDetection[],
): DetectionFinding[] {
  const window = auditWindow(init);
  const scope = periodSubject(init);
  const byId = new Map(catalog.map((d) => [d.id, d]));
  const findings: DetectionFinding[] = [];
  for (const { id, options } of init.detections) {
    const detection = byId.get(id)!;
    const out: DetectionFinding[] = [];
    const needs = detection.needs;
    const missing =
      needs.dataEvents && !coverage.dataEvents
        ? "the source returns no data events (LookupEvents reads management events only)"
        : needs.baseline && !coverage.baseline
          ? `the source cannot reach the ${init.audit.baselineDays}-day look-back before the period`
          : undefined;
    if (missing) {
      findings.push({ ruleId: id, status: "not_applicable", subject: scope, message: missing, evidence: {} });
      continue;
    }
    if (needs.roster && init.people === null) {
      findings.push({
        ruleId: id,
        status: "unknown",
        subject: scope,
        message: "No roster was given: who may act cannot be decided (--roster or the config's roster:)",
        evidence: {},
      });
      continue;
    }
    const blocking = coverage.gaps.filter(
      (gap) =>
        overlaps(gap, window.from, window.to) ||
        (needs.baseline === true && overlaps(gap, window.baselineFrom, window.from)),
    );
    const ctx: ReportContext<string> = {
      options,
      audit: init.audit,
      window,
      people: init.people,
      subcontractors: init.subcontractors,
      scope,
      pass: (subject = scope, evidence = {}) => {
        if (blocking.length > 0) {
          out.push({
            ruleId: id,
            status: "unknown",
            subject,
            message: `Not every log of the period could be read (${blocking.length} gap${blocking.length > 1 ? "s" : ""}: ${blocking
              .slice(0, 3)
              .map((g) => `${g.code} ${g.location}`)
              .join("; ")}${blocking.length > 3 ? "; …" : ""})`,
            evidence: { ...evidence, gaps: blocking.length },
          });
        } else out.push({ ruleId: id, status: "pass", subject, message: detection.title.en, evidence });
      },
      fail: (subject, messageId, data, evidence = {}) => {
        const template = detection.messages[messageId];
        if (template === undefined) throw new Error(`detection ${id} has no message "${messageId}"`);
        out.push({
          ruleId: id,
          status: "fail",
          subject,
          messageId,
          message: formatMessage(template, data),
          evidence,
        });
      },
      unknown: (subject = scope, message, evidence = {}) =>
        out.push({ ruleId: id, status: "unknown", subject, message, evidence }),
      notApplicable: (subject = scope, message) =>
        out.push({ ruleId: id, status: "not_applicable", subject, message, evidence: {} }),
    };
    detection.report(state.detections[id] ?? detection.init(options, foldContextFor(init, options)), ctx);
    // A detection that found nothing says so once for the whole period.
    if (out.length === 0) ctx.pass();
    const seen = new Set<string>();
    for (const finding of out) {
      const key = `${finding.subject.type}\u0000${finding.subject.id}`;
      if (seen.has(key))
        throw new Error(`detection ${id} reported ${finding.subject.type} ${finding.subject.id} twice`);
      seen.add(key);
    }
    findings.push(...out);
  }
  return findings;
}

/** A fold context outside a fold (for a state that no event reached). */
function foldContextFor(init: AuditFoldInit, options: unknown): FoldContext {
  return {
    options,
    audit: init.audit,
    window: auditWindow(init),
    clock: { ms: 0, inPeriod: false, localDate: "", offHours: false },
    calendar: new AuditCalendar(init.audit),
    allowedSources: new CidrSet(init.audit.allowedSourceCidrs),
    subcontractors: init.subcontractors,
    ownAccounts: init.ownAccounts,
  };
}
