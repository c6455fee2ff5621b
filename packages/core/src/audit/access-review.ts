// The access review (the part a person signs): per roster person and per principal that maps to no
// one — accounts and roles used, active days, console logins, source addresses (new ones marked),
// off-hours events, services touched, write calls. A fold like the detections, mergeable the same way.
import { z } from "zod";
import type { RosterPerson } from "../roster";
import { isIpAddress } from "./cidr";
import type { EventClock } from "./detection";
import type { CloudTrailEvent } from "./event";
import type { Identity } from "./identity";
import { addCount, child, mergeCounts, mergeMax, mergeMin, mergeNested, mergeSets } from "./state";

export interface AccessTally {
  principals: Set<string>;
  accounts: Set<string>;
  roles: Set<string>;
  days: Set<string>;
  services: Set<string>;
  /** Source address → events in the period. */
  sources: Map<string, number>;
  counts: Map<"events" | "writes" | "offHours" | "loginOk" | "loginFailed" | "loginMfa", number>;
  /** first/last event (epoch ms) under keys "first" and "last". */
  span: Map<"first" | "last", number>;
}

export interface UnmatchedTally extends AccessTally {
  label: string;
  kind: string;
  account: string;
  machine: boolean;
}

export interface AccessState {
  people: Map<string, AccessTally>;
  unmatched: Map<string, UnmatchedTally>;
  /** Source addresses seen in the baseline, per person id or principal key. */
  baselineSources: Map<string, Set<string>>;
}

export const newAccessState = (): AccessState => ({
  people: new Map(),
  unmatched: new Map(),
  baselineSources: new Map(),
});

const newTally = (): AccessTally => ({
  principals: new Set(),
  accounts: new Set(),
  roles: new Set(),
  days: new Set(),
  services: new Set(),
  sources: new Map(),
  counts: new Map(),
  span: new Map(),
});

export function foldAccess(
  state: AccessState,
  event: CloudTrailEvent,
  identity: Identity,
  clock: EventClock,
): void {
  if (identity.kind === "service") return;
  const owner = identity.person?.personId;
  const source = event.sourceIPAddress;
  if (!clock.inPeriod) {
    if (isIpAddress(source)) child(state.baselineSources, owner ?? identity.key, () => new Set()).add(source);
    return;
  }
  let tally: AccessTally;
  if (owner) tally = child(state.people, owner, newTally);
  else {
    let unmatched = state.unmatched.get(identity.key);
    if (!unmatched) {
      unmatched = {
        ...newTally(),
        label: identity.label,
        kind: identity.kind,
        account: identity.accountId ?? event.recipientAccountId ?? "unknown",
        machine: identity.machine,
      };
      state.unmatched.set(identity.key, unmatched);
    }
    tally = unmatched;
  }
  tally.principals.add(identity.label);
  const account = event.recipientAccountId ?? identity.accountId;
  if (account) tally.accounts.add(account);
  if (identity.roleName) tally.roles.add(identity.roleName);
  tally.days.add(clock.localDate);
  tally.services.add(event.eventSource);
  if (isIpAddress(source)) addCount(tally.sources, source);
  addCount(tally.counts, "events");
  if (event.readOnly === false) addCount(tally.counts, "writes");
  if (clock.offHours) addCount(tally.counts, "offHours");
  if (event.eventName === "ConsoleLogin") {
    const outcome = (event.responseElements as { ConsoleLogin?: string } | null | undefined)?.ConsoleLogin;
    if (outcome === "Success") {
      addCount(tally.counts, "loginOk");
      if ((event.additionalEventData as { MFAUsed?: string } | null | undefined)?.MFAUsed === "Yes")
        addCount(tally.counts, "loginMfa");
    } else addCount(tally.counts, "loginFailed");
  }
  const first = tally.span.get("first");
  if (first === undefined || clock.ms < first) tally.span.set("first", clock.ms);
  const last = tally.span.get("last");
  if (last === undefined || clock.ms > last) tally.span.set("last", clock.ms);
}

function mergeTally(into: AccessTally, from: AccessTally): void {
  for (const key of ["principals", "accounts", "roles", "days", "services"] as const)
    mergeSets(into[key], from[key]);
  mergeCounts(into.sources, from.sources);
  mergeCounts(into.counts, from.counts);
  const first = from.span.get("first");
  const last = from.span.get("last");
  if (first !== undefined) mergeMin(into.span, new Map([["first", first]]));
  if (last !== undefined) mergeMax(into.span, new Map([["last", last]]));
}

export function mergeAccess(into: AccessState, from: AccessState): AccessState {
  mergeNested(into.people, from.people, mergeTally);
  mergeNested(into.unmatched, from.unmatched, (a, b) => mergeTally(a, b));
  mergeNested(into.baselineSources, from.baselineSources, mergeSets);
  return into;
}

const activitySchema = z
  .object({
    principals: z.array(z.string()),
    accounts: z.array(z.string()),
    roles: z.array(z.string()),
    activeDays: z.number().int(),
    events: z.number().int(),
    writeEvents: z.number().int(),
    offHoursEvents: z.number().int(),
    consoleLogins: z
      .object({ ok: z.number().int(), failed: z.number().int(), withMfa: z.number().int() })
      .strict(),
    /** Source addresses with their event counts; `new` when not seen in the baseline look-back. */
    sourceIps: z.array(
      z.object({ address: z.string(), events: z.number().int(), new: z.boolean() }).strict(),
    ),
    services: z.array(z.string()),
    firstEvent: z.string().optional(),
    lastEvent: z.string().optional(),
  })
  .strict();

export const accessSectionSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }).strict(),
    /** Start of the look-back against which source addresses count as new. */
    baselineFrom: z.string(),
    people: z.array(
      activitySchema
        .extend({
          personId: z.string(),
          name: z.string(),
          role: z.string(),
          startDate: z.string(),
          endDate: z.string().optional(),
        })
        .strict(),
    ),
    /** Principals that map to no roster person (root, other accounts, unknown sessions, workloads). */
    unmatched: z.array(
      activitySchema
        .extend({
          principal: z.string(),
          label: z.string(),
          kind: z.string(),
          account: z.string(),
          machine: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict();
export type AccessSection = z.infer<typeof accessSectionSchema>;

const sorted = (values: Iterable<string>): string[] => [...values].sort();

function activity(tally: AccessTally | undefined, baseline: ReadonlySet<string> | undefined) {
  const count = (key: Parameters<AccessTally["counts"]["get"]>[0]) => tally?.counts.get(key) ?? 0;
  const first = tally?.span.get("first");
  const last = tally?.span.get("last");
  return {
    principals: sorted(tally?.principals ?? []),
    accounts: sorted(tally?.accounts ?? []),
    roles: sorted(tally?.roles ?? []),
    activeDays: tally?.days.size ?? 0,
    events: count("events"),
    writeEvents: count("writes"),
    offHoursEvents: count("offHours"),
    consoleLogins: { ok: count("loginOk"), failed: count("loginFailed"), withMfa: count("loginMfa") },
    sourceIps: [...(tally?.sources ?? [])]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([address, events]) => ({ address, events, new: !(baseline?.has(address) ?? false) })),
    services: sorted(tally?.services ?? []),
    ...(first !== undefined ? { firstEvent: new Date(first).toISOString() } : {}),
    ...(last !== undefined ? { lastEvent: new Date(last).toISOString() } : {}),
  };
}

export function accessSection(
  state: AccessState,
  people: readonly RosterPerson[] | null,
  period: { from: string; to: string; timeZone: string; baselineFrom: string },
): AccessSection {
  return {
    period: { from: period.from, to: period.to, timeZone: period.timeZone },
    baselineFrom: period.baselineFrom,
    people: [...(people ?? [])]
      .sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))
      .map((person) => ({
        personId: person.personId,
        name: person.name,
        role: person.role,
        startDate: person.startDate,
        ...(person.endDate ? { endDate: person.endDate } : {}),
        ...activity(state.people.get(person.personId), state.baselineSources.get(person.personId)),
      })),
    unmatched: [...state.unmatched]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, tally]) => ({
        principal: key,
        label: tally.label,
        kind: tally.kind,
        account: tally.account,
        machine: tally.machine,
        ...activity(tally, state.baselineSources.get(key)),
      })),
  };
}
