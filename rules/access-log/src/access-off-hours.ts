import { child, defineDetection, mergeNested, mergeSets } from "@itaku/core";
import { z } from "zod";
import {
  consoleLoginOutcome,
  count,
  inOrder,
  iso,
  mergeTallies,
  newStringSet,
  subjectOf,
  type Tally,
  tallyEvidence,
} from "./tally";

interface State {
  /** Person id or principal key → off-hours sign-ins and calls. */
  offHours: Map<string, Tally>;
  /** Person id or principal key → local dates with off-hours activity. */
  days: Map<string, Set<string>>;
}

export default defineDetection({
  id: "access-off-hours",
  title: {
    en: "Work outside business hours, on weekends and public holidays",
    ja: "営業時間外・週末・祝日の作業",
  },
  description: {
    en: "Flags console sign-ins and write calls made outside audit.businessHours in audit.timeZone, on days off and on Japanese public holidays (audit.holidays: jp, from a maintained holiday calendar). Off-hours work is not forbidden, but it is what a reviewer asks about first.",
    ja: "audit.timeZone における audit.businessHours の外、休日、日本の祝日（audit.holidays: jp、保守されている祝日カレンダーによる）に行われたコンソールサインインと書き込み操作を検出します。時間外作業は禁止ではありませんが、確認者がまず尋ねる点です。",
  },
  severity: "low",
  controls: ["NIC-1-4-3-3"],
  options: z
    .object({
      events: z.enum(["logins-and-writes", "all"]).default("logins-and-writes"),
      minEvents: z.number().int().min(1).default(1),
    })
    .strict(),
  optionDocs: {
    events: "logins-and-writes: console sign-ins and calls that change something; all: reads too",
    minEvents: "Off-hours events of one person needed for a finding",
  },
  messages: {
    offHours:
      "{principal}: {count} sign-in(s) or write call(s) outside business hours on {days} day(s) ({dates})",
  },
  remediation: {
    summary:
      "Ask the person (or their manager) what the work was and whether it was approved; record approved maintenance windows, or adjust audit.businessHours if the contract's hours differ.",
  },
  init: (): State => ({ offHours: new Map(), days: new Map() }),
  fold(state, event, identity, ctx) {
    if (!ctx.clock.inPeriod || !ctx.clock.offHours || identity.machine || identity.kind === "service") return;
    if (ctx.options.events === "logins-and-writes") {
      const login = consoleLoginOutcome(event);
      if (login === undefined ? event.readOnly !== false : login !== "Success") return;
    }
    const key = identity.person?.personId ?? identity.key;
    count(
      state.offHours,
      key,
      () => subjectOf(identity, event.recipientAccountId),
      ctx.clock.ms,
      event.eventID,
    );
    child(state.days, key, newStringSet).add(ctx.clock.localDate);
  },
  merge(into, from) {
    mergeTallies(into.offHours, from.offHours);
    mergeNested(into.days, from.days, mergeSets);
    return into;
  },
  report(state, ctx) {
    for (const [key, tally] of inOrder(state.offHours)) {
      if (tally.count < ctx.options.minEvents) continue;
      const days = [...state.days.get(key)!].sort();
      ctx.fail(
        tally.subject,
        "offHours",
        {
          principal: tally.subject.name,
          count: tally.count,
          days: days.length,
          dates: days.slice(0, 5).join(", ") + (days.length > 5 ? ", …" : ""),
        },
        { ...tallyEvidence(tally), dates: days, first: iso(tally.first) },
      );
    }
  },
});
