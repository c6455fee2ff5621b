import {
  child,
  defineDetection,
  isIpAddress,
  mergeMin,
  mergeNested,
  mergeSets,
  type Subject,
} from "@itaku/core";
import { z } from "zod";
import { consoleLoginOutcome, iso, newStringSet, subjectOf } from "./tally";

const newFirstSeen = (): Map<string, number> => new Map();

interface State {
  /** Person id → addresses seen in the look-back. */
  baseline: Map<string, Set<string>>;
  /** Person id → address → first use in the period (epoch ms). */
  period: Map<string, Map<string, number>>;
  subjects: Map<string, Subject>;
}

export default defineDetection({
  id: "access-source-first-seen",
  title: {
    en: "People acting from a source address not seen before",
    ja: "これまでに無い送信元アドレスからの操作",
  },
  description: {
    en: "Compares each person's source addresses in the period with the ones they used in the look-back before it (audit.baselineDays) and flags the new ones — a stolen password or key is often first used from somewhere new. Addresses inside audit.allowedSourceCidrs are known by definition.",
    ja: "期間中の各人の送信元アドレスを、その前の参照期間（audit.baselineDays）のものと比べ、新しいアドレスを検出します。盗まれたパスワードやキーは、まず新しい場所から使われることが多いためです。audit.allowedSourceCidrs 内のアドレスは既知とみなします。",
  },
  severity: "medium",
  controls: ["NIC-1-4-3-3"],
  needs: { baseline: true },
  options: z.object({ ignoreAllowed: z.boolean().default(true) }).strict(),
  optionDocs: { ignoreAllowed: "Addresses inside audit.allowedSourceCidrs never count as new" },
  messages: {
    newSource:
      "{principal} acted from {count} address(es) not seen in the {days} days before the period: {sources} (first {first})",
  },
  remediation: {
    summary:
      "Ask the person whether the new address was theirs (travel, a new provider); if not, revoke their sessions, rotate credentials and review what was done from it.",
  },
  init: (): State => ({ baseline: new Map(), period: new Map(), subjects: new Map() }),
  fold(state, event, identity, ctx) {
    // (person, address) pairs: principals that are no one are the unmatched detection's.
    const person = identity.person;
    // A failed sign-in is someone trying the person's name, not the person acting.
    if (!person || identity.machine || consoleLoginOutcome(event) === "Failure") return;
    const source = event.sourceIPAddress;
    if (!isIpAddress(source)) return;
    const key = person.personId;
    if (!ctx.clock.inPeriod) {
      child(state.baseline, key, newStringSet).add(source);
      return;
    }
    if (ctx.options.ignoreAllowed && ctx.allowedSources.contains(source)) return;
    const firstSeen = child(state.period, key, newFirstSeen);
    const seen = firstSeen.get(source);
    if (seen === undefined || ctx.clock.ms < seen) firstSeen.set(source, ctx.clock.ms);
    if (!state.subjects.has(key)) state.subjects.set(key, subjectOf(identity, event.recipientAccountId));
  },
  merge(into, from) {
    mergeNested(into.baseline, from.baseline, mergeSets);
    mergeNested(into.period, from.period, mergeMin);
    for (const [key, subject] of from.subjects) if (!into.subjects.has(key)) into.subjects.set(key, subject);
    return into;
  },
  report(state, ctx) {
    for (const key of [...state.period.keys()].sort()) {
      const known = state.baseline.get(key);
      const fresh = [...state.period.get(key)!]
        .filter(([address]) => !known?.has(address))
        .sort(([a], [b]) => (a < b ? -1 : 1));
      if (fresh.length === 0) continue;
      const subject = state.subjects.get(key)!;
      const first = Math.min(...fresh.map(([, ms]) => ms));
      ctx.fail(
        subject,
        "newSource",
        {
          principal: subject.name,
          count: fresh.length,
          days: ctx.audit.baselineDays,
          sources: fresh.map(([address]) => address).join(", "),
          first: iso(first),
        },
        {
          sources: fresh.map(([address, ms]) => ({ address, firstSeen: iso(ms) })),
          activeInBaseline: known !== undefined,
        },
      );
    }
  },
});
