import { defineDetection, personStatusOn } from "@itaku/core";
import { count, inOrder, iso, mergeTallies, subjectOf, type Tally, tallyEvidence } from "./tally";

interface State {
  /** Person id → actions after the roster's end_date. */
  afterEnd: Map<string, Tally>;
  /** Person id → actions before the roster's start_date. */
  beforeStart: Map<string, Tally>;
}

export default defineDetection({
  id: "access-leaver-activity",
  title: {
    en: "Activity of people outside their roster dates (leavers, not yet started)",
    ja: "台帳の従事期間外の操作（離任者・着任前）",
  },
  description: {
    en: "Flags actions by a roster person on a day (in audit.timeZone) after their end_date or before their start_date: only the contract's current personnel may touch the information, and a leaver's access must already be gone.",
    ja: "台帳の終了日より後、または開始日より前の日（audit.timeZone 基準）に行われた本人の操作を検出します。情報を扱えるのは契約上の現従事者のみで、離任者のアクセスは既に無効でなければなりません。",
  },
  severity: "critical",
  controls: ["NIC-1-4-3-3", "NIC-1-2-2-1", "NIC-1-4-2-4"],
  needs: { roster: true },
  messages: {
    afterEnd: "{name} left on {endDate} but acted {count} time(s) between {first} and {last}",
    beforeStart: "{name} starts on {startDate} but acted {count} time(s) between {first} and {last}",
  },
  remediation: {
    summary:
      "Disable the person's IAM user, keys and SSO assignment at once, find out what was done, and update the roster if the dates are wrong.",
    cli: "aws iam delete-login-profile --user-name NAME; aws iam update-access-key --user-name NAME --access-key-id KEY --status Inactive",
  },
  init: (): State => ({ afterEnd: new Map(), beforeStart: new Map() }),
  fold(state, event, identity, ctx) {
    const person = identity.person;
    if (!person || !ctx.clock.inPeriod) return;
    const status = personStatusOn(person, ctx.clock.localDate);
    if (status === "active") return;
    count(
      status === "after-end" ? state.afterEnd : state.beforeStart,
      person.personId,
      () => subjectOf(identity, event.recipientAccountId),
      ctx.clock.ms,
      event.eventID,
    );
  },
  merge(into, from) {
    mergeTallies(into.afterEnd, from.afterEnd);
    mergeTallies(into.beforeStart, from.beforeStart);
    return into;
  },
  report(state, ctx) {
    const byId = new Map((ctx.people ?? []).map((p) => [p.personId, p]));
    const reported = new Set<string>();
    for (const [messageId, map] of [
      ["afterEnd", state.afterEnd],
      ["beforeStart", state.beforeStart],
    ] as const) {
      for (const [personId, tally] of inOrder(map)) {
        if (reported.has(personId)) continue;
        reported.add(personId);
        const person = byId.get(personId);
        ctx.fail(
          tally.subject,
          messageId,
          {
            name: tally.subject.name,
            endDate: person?.endDate ?? "?",
            startDate: person?.startDate ?? "?",
            count: tally.count,
            first: iso(tally.first),
            last: iso(tally.last),
          },
          tallyEvidence(tally),
        );
      }
    }
  },
});
