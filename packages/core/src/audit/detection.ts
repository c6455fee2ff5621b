// defineDetection: the factory every access-log detection goes through (the audit's defineRule).
// A detection folds events into a small state (`init`, `fold`), states merge across files, worker
// threads and pre-aggregated query rows (`merge`, associative), and `report` turns a state into findings.
import { z } from "zod";
import type { RosterPerson } from "../roster";
import type { Evidence, Localized, MessageData, RuleSettings, Severity } from "../rule";
import type { AuditCalendar } from "./calendar";
import type { CidrSet } from "./cidr";
import type { CloudTrailEvent } from "./event";
import type { Identity } from "./identity";
import type { AuditSettings } from "./settings";

/** What a detection must see; a source that cannot see it makes the detection `not_applicable`. */
export interface DetectionNeeds {
  /** Data events (S3 object-level calls): only a trail with data event selectors records them. */
  dataEvents?: boolean;
  /** The look-back before the period (audit.baselineDays), for first-seen comparisons. */
  baseline?: boolean;
  /** The roster: without one the detection answers `unknown`. */
  roster?: boolean;
}

/** The instants the audit covers, as epoch milliseconds: baseline [baselineFrom, from), period [from, to). */
export interface AuditWindowMs {
  readonly baselineFrom: number;
  readonly from: number;
  readonly to: number;
}

/** Facts about the event being folded, computed once by the driver and shared by every detection. */
export interface EventClock {
  /** eventTime as epoch milliseconds. */
  ms: number;
  /** In the audited period (otherwise in the baseline look-back before it). */
  inPeriod: boolean;
  /** The calendar date in audit.timeZone. */
  localDate: string;
  /** Outside audit.businessHours, on a weekend or a public holiday. */
  offHours: boolean;
}

export interface FoldContext<O = unknown> {
  readonly options: O;
  readonly audit: AuditSettings;
  readonly window: AuditWindowMs;
  /** The current event's time facts (the same object, updated before each fold: no allocation per event). */
  readonly clock: EventClock;
  readonly calendar: AuditCalendar;
  /** audit.allowedSourceCidrs. */
  readonly allowedSources: CidrSet;
  readonly subcontractors: RuleSettings["subcontractors"];
  /** Accounts audited together (calls between them are not external). */
  readonly ownAccounts: readonly string[];
}

/** What a finding of a detection is about: a person, a principal, a source address, an account, the period. */
export interface Subject {
  type: string;
  id: string;
  name: string;
  /** The AWS account (or `all`). */
  scope: string;
  region: string;
}

export interface ReportContext<M extends string, O = unknown> {
  readonly options: O;
  readonly audit: AuditSettings;
  readonly window: AuditWindowMs;
  readonly people: readonly RosterPerson[] | null;
  readonly subcontractors: RuleSettings["subcontractors"];
  /** The audited period and accounts as a subject, for a detection's one `pass`. */
  readonly scope: Subject;
  pass(subject?: Subject, evidence?: Evidence): void;
  fail(subject: Subject, messageId: M, data?: MessageData, evidence?: Evidence): void;
  unknown(subject: Subject | undefined, reason: string, evidence?: Evidence): void;
  notApplicable(subject: Subject | undefined, reason: string): void;
}

export interface DetectionDefinition<M extends string, O extends z.ZodType, S> {
  /** kebab-case; equals the file name. */
  id: string;
  title: Localized;
  description: Localized;
  severity: Severity;
  controls: readonly string[];
  needs?: DetectionNeeds;
  options?: O;
  optionDocs?: Partial<Record<keyof z.output<O> & string, string>>;
  messages: Record<M, string>;
  remediation: { summary: string; cli?: string; pulumi?: string };
  /** A fresh, empty state (plain objects, arrays, Map, Set: it crosses worker threads). */
  init(options: z.output<O>, ctx: FoldContext<z.output<O>>): S;
  /** Adds one event; mutates `state`. Called for baseline and period events alike (see ctx.clock). */
  fold(state: S, event: CloudTrailEvent, identity: Identity, ctx: FoldContext<z.output<O>>): void;
  /** Folds `from` into `into` and returns `into`; associative, order-independent. */
  merge(into: S, from: S): S;
  report(state: S, ctx: ReportContext<M, z.output<O>>): void;
}

/** A detection with its types erased, as registries and runners hold it. */
export interface AnyDetection {
  kind: "detection";
  id: string;
  title: Localized;
  description: Localized;
  severity: Severity;
  controls: readonly string[];
  needs: DetectionNeeds;
  options: z.ZodType;
  optionDocs?: Record<string, string | undefined>;
  messages: Record<string, string>;
  remediation: { summary: string; cli?: string; pulumi?: string };
  init(options: unknown, ctx: FoldContext): unknown;
  fold(state: unknown, event: CloudTrailEvent, identity: Identity, ctx: FoldContext): void;
  merge(into: unknown, from: unknown): unknown;
  report(state: unknown, ctx: ReportContext<string>): void;
}

const DETECTION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function defineDetection<
  M extends string,
  S,
  O extends z.ZodType = z.ZodObject<Record<string, never>>,
>(definition: DetectionDefinition<M, O, S>): AnyDetection {
  if (!DETECTION_ID.test(definition.id)) throw new Error(`detection id "${definition.id}" is not kebab-case`);
  if (definition.controls.length === 0) throw new Error(`detection ${definition.id} names no control`);
  return {
    ...definition,
    kind: "detection",
    needs: definition.needs ?? {},
    options: definition.options ?? z.object({}).strict(),
  } as unknown as AnyDetection;
}

export const isDetection = (value: unknown): value is AnyDetection =>
  typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "detection";

/** Subjects detections report on; the type names what the id is. */
export const subjects = {
  person: (person: Pick<RosterPerson, "personId" | "name">, scope = "roster"): Subject => ({
    type: "audit.person",
    id: person.personId,
    name: person.name,
    scope,
    region: "global",
  }),
  principal: (key: string, label: string, account: string | undefined): Subject => ({
    type: "audit.principal",
    id: key,
    name: label,
    scope: account ?? "unknown",
    region: "global",
  }),
  sourceAddress: (address: string): Subject => ({
    type: "audit.source-ip",
    id: address,
    name: address,
    scope: "internet",
    region: "global",
  }),
  account: (accountId: string): Subject => ({
    type: "aws.account",
    id: accountId,
    name: accountId,
    scope: accountId,
    region: "global",
  }),
  resource: (arn: string, name: string, account: string, region: string): Subject => ({
    type: "aws.resource",
    id: arn,
    name,
    scope: account,
    region,
  }),
};
