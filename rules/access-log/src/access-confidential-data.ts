import {
  child,
  daysBetween,
  defineDetection,
  type Identity,
  mergeNested,
  mergeSets,
  personStatusOn,
} from "@itaku/core";
import { z } from "zod";
import {
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
  /** Person id or principal key → object calls on confidential buckets they may not make. */
  denied: Map<string, Tally>;
  /** Same key → why (`left 2026-09-30`, `no roster person`, `role auditor`). */
  reasons: Map<string, Set<string>>;
  /** Same key → buckets touched. */
  buckets: Map<string, Set<string>>;
  /** Data events seen on the confidential buckets (by anyone): tells whether the trail records them. */
  seen: Map<string, number>;
}

export default defineDetection({
  id: "access-confidential-data",
  title: {
    en: "Confidential data read or written by people not allowed to",
    ja: "許可されていない者による機密データの読み書き",
  },
  description: {
    en: "Reads the data events (S3 object-level calls) on the buckets in audit.confidentialBuckets and flags every caller who is not a current roster person with an allowed role, briefed on the terms within the last year, on that day. Only trails with data event selectors record these calls; when none are found the answer is unknown, not pass.",
    ja: "audit.confidentialBuckets のバケットに対するデータイベント（S3 オブジェクトレベルの操作）を読み、その日に許可されたロールを持ち、直近 1 年以内に契約内容の説明を受けた現従事者でない呼び出し元をすべて検出します。これらはデータイベントのセレクタを持つ証跡しか記録しないため、見つからない場合は合格ではなく不明とします。",
  },
  severity: "critical",
  controls: ["NIC-1-4-3-3", "NIC-1-2-2-1", "NIC-1-2-5"],
  needs: { dataEvents: true, roster: true },
  options: z
    .object({
      roles: z
        .array(z.enum(["manager", "admin", "member", "auditor"]))
        .default(["manager", "admin", "member"]),
      briefedWithinDays: z.number().int().min(0).default(365),
    })
    .strict(),
  optionDocs: {
    roles: "Roster roles whose people may read and write the confidential buckets",
    briefedWithinDays:
      "A person must have been told the terms (briefed_at) within this many days before the access (NIC 1-6); 0 = not checked",
  },
  messages: {
    notAllowed: "{principal} made {count} object call(s) on {buckets} but may not ({reasons}); first {first}",
  },
  remediation: {
    summary:
      "Find out what was read or written and whether it left the environment; restrict the bucket policy to the roster's roles, remove leavers' access, and report the incident to the client (NIC 1-8).",
  },
  init: (): State => ({ denied: new Map(), reasons: new Map(), buckets: new Map(), seen: new Map() }),
  fold(state, event, identity, ctx) {
    if (!ctx.clock.inPeriod || event.eventSource !== "s3.amazonaws.com") return;
    if (event.eventCategory !== "Data" && event.managementEvent !== false) return;
    const bucket = (event.requestParameters as { bucketName?: string } | null | undefined)?.bucketName;
    if (!bucket || !ctx.audit.confidentialBuckets.includes(bucket)) return;
    state.seen.set(bucket, (state.seen.get(bucket) ?? 0) + 1);
    if (identity.machine || identity.kind === "service" || event.errorCode) return;
    const reason = whyNotAllowed(
      identity,
      ctx.clock.localDate,
      ctx.options.roles,
      ctx.options.briefedWithinDays,
    );
    if (!reason) return;
    const key = identity.person?.personId ?? identity.key;
    count(
      state.denied,
      key,
      () => subjectOf(identity, event.recipientAccountId),
      ctx.clock.ms,
      event.eventID,
    );
    child(state.reasons, key, newStringSet).add(reason);
    child(state.buckets, key, newStringSet).add(bucket);
  },
  merge(into, from) {
    mergeTallies(into.denied, from.denied);
    mergeNested(into.reasons, from.reasons, mergeSets);
    mergeNested(into.buckets, from.buckets, mergeSets);
    for (const [bucket, n] of from.seen) into.seen.set(bucket, (into.seen.get(bucket) ?? 0) + n);
    return into;
  },
  report(state, ctx) {
    if (ctx.audit.confidentialBuckets.length === 0) {
      ctx.notApplicable(undefined, "audit.confidentialBuckets is empty: no confidential bucket is declared");
      return;
    }
    for (const [key, tally] of inOrder(state.denied)) {
      const reasons = [...state.reasons.get(key)!].sort();
      const buckets = [...state.buckets.get(key)!].sort();
      ctx.fail(
        tally.subject,
        "notAllowed",
        {
          principal: tally.subject.name,
          count: tally.count,
          buckets: buckets.join(", "),
          reasons: reasons.join("; "),
          first: iso(tally.first),
        },
        { ...tallyEvidence(tally), buckets, reasons },
      );
    }
    if (state.seen.size === 0) {
      ctx.unknown(
        undefined,
        `No data events on ${ctx.audit.confidentialBuckets.join(", ")} in the period: the trail may not record S3 data events for them`,
      );
    }
  },
});

function whyNotAllowed(
  identity: Identity,
  date: string,
  roles: readonly string[],
  briefedWithinDays: number,
): string | undefined {
  const person = identity.person;
  if (!person) return identity.external ? `account ${identity.accountId ?? "?"}` : "no roster person";
  const status = personStatusOn(person, date);
  if (status === "after-end") return `left ${person.endDate}`;
  if (status === "before-start") return `starts ${person.startDate}`;
  if (!roles.includes(person.role)) return `role ${person.role}`;
  if (briefedWithinDays > 0) {
    if (!person.briefedAt) return "never briefed on the terms";
    if (daysBetween(person.briefedAt, date) > briefedWithinDays) return `last briefed ${person.briefedAt}`;
  }
  return undefined;
}
