import type { Subject } from "@itaku/core";
import {
  addCount,
  child,
  defineDetection,
  HIDDEN_USER,
  mergeCounts,
  mergeNested,
  mergeSets,
  subjects,
} from "@itaku/core";
import { z } from "zod";
import { consoleLoginOutcome, subjectOf } from "./tally";

/** Failures are counted in 5-minute buckets: small, mergeable, and exact enough for a sliding window. */
const BUCKET_MS = 5 * 60_000;

interface State {
  /** Person id or principal key → bucket → failures. */
  byPrincipal: Map<string, Map<number, number>>;
  subjects: Map<string, Subject>;
  /** Source address → bucket → user names tried. */
  bySource: Map<string, Map<number, Set<string>>>;
  /** Failures whose user name CloudTrail hides, per account → bucket → count (counted, never attributed). */
  hidden: Map<string, Map<number, number>>;
}

/** The most events within any `windowBuckets` consecutive buckets, and where that window starts. */
function peak(buckets: ReadonlyMap<number, number>, windowBuckets: number): { count: number; start: number } {
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  let best = { count: 0, start: keys[0] ?? 0 };
  let sum = 0;
  let lo = 0;
  for (let hi = 0; hi < keys.length; hi++) {
    sum += buckets.get(keys[hi]!)!;
    while (keys[hi]! - keys[lo]! >= windowBuckets) sum -= buckets.get(keys[lo++]!)!;
    if (sum > best.count) best = { count: sum, start: keys[lo]! };
  }
  return best;
}

export default defineDetection({
  id: "access-console-login-failures",
  title: {
    en: "Failed console sign-ins: repeated failures and password spraying",
    ja: "コンソールへのサインイン失敗（繰り返しの失敗・パスワードスプレー）",
  },
  description: {
    en: "Counts failed console sign-ins per person within a sliding window, and flags one source address trying many user names. Failures whose user name CloudTrail hides are counted per account without being attributed to anyone.",
    ja: "一定時間内のコンソールサインイン失敗を人ごとに数え、一つの送信元が多数のユーザー名を試す試行（スプレー）を検出します。CloudTrail が伏せたユーザー名の失敗は、誰にも帰属させずアカウントごとに数えます。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-3"],
  options: z
    .object({
      threshold: z.number().int().min(1).default(5),
      windowMinutes: z.number().int().min(5).max(1440).default(60),
      sprayUsers: z.number().int().min(2).default(3),
    })
    .strict(),
  optionDocs: {
    threshold: "Failures of one person (or one hidden-name account) within the window that raise a finding",
    windowMinutes: "Length of the sliding window, in minutes (counted in 5-minute steps)",
    sprayUsers: "Distinct user names tried from one source address within the window that count as spraying",
  },
  messages: {
    repeatedFailures: "{principal}: {count} failed console sign-ins within {minutes} minutes (from {start})",
    spraying: "{source} tried {users} different user names within {minutes} minutes (from {start})",
    hiddenFailures:
      "{count} failed console sign-ins with a user name CloudTrail hides within {minutes} minutes (from {start}): names that match no user",
  },
  remediation: {
    summary:
      "Ask the person whether the failures were theirs; for spraying, block the source address (WAF, network ACL or an IAM condition on aws:SourceIp), check that every console user has MFA, and rotate passwords that may have been guessed.",
  },
  init: (): State => ({
    byPrincipal: new Map(),
    subjects: new Map(),
    bySource: new Map(),
    hidden: new Map(),
  }),
  fold(state, event, identity, ctx) {
    if (!ctx.clock.inPeriod || consoleLoginOutcome(event) !== "Failure") return;
    const bucket = Math.floor(ctx.clock.ms / BUCKET_MS);
    const account = event.recipientAccountId ?? identity.accountId ?? "unknown";
    if (identity.kind === "hidden")
      addCount(
        child(state.hidden, account, () => new Map()),
        bucket,
      );
    else {
      const key = identity.person?.personId ?? identity.key;
      addCount(
        child(state.byPrincipal, key, () => new Map()),
        bucket,
      );
      if (!state.subjects.has(key)) state.subjects.set(key, subjectOf(identity, account));
    }
    const source = event.sourceIPAddress;
    if (source) {
      const tried = child(
        child(state.bySource, source, () => new Map()),
        bucket,
        () => new Set<string>(),
      );
      // A hidden name is one the account does not have: each such attempt counts as a name of its own.
      tried.add(identity.kind === "hidden" ? `${HIDDEN_USER}#${event.eventID}` : identity.label);
    }
  },
  merge(into, from) {
    const mergeBuckets = (a: Map<number, number>, b: Map<number, number>) => mergeCounts(a, b);
    mergeNested(into.byPrincipal, from.byPrincipal, mergeBuckets);
    mergeNested(into.hidden, from.hidden, mergeBuckets);
    for (const [key, subject] of from.subjects) if (!into.subjects.has(key)) into.subjects.set(key, subject);
    mergeNested(into.bySource, from.bySource, (a, b) => mergeNested(a, b, mergeSets));
    return into;
  },
  report(state, ctx) {
    const { threshold, windowMinutes, sprayUsers } = ctx.options;
    const windowBuckets = Math.ceil(windowMinutes / 5);
    const start = (bucket: number) => new Date(bucket * BUCKET_MS).toISOString().replace(".000Z", "Z");
    for (const key of [...state.byPrincipal.keys()].sort()) {
      const { count, start: at } = peak(state.byPrincipal.get(key)!, windowBuckets);
      if (count < threshold) continue;
      const subject = state.subjects.get(key)!;
      ctx.fail(
        subject,
        "repeatedFailures",
        { principal: subject.name, count, minutes: windowMinutes, start: start(at) },
        { count },
      );
    }
    for (const account of [...state.hidden.keys()].sort()) {
      const { count, start: at } = peak(state.hidden.get(account)!, windowBuckets);
      if (count < threshold) continue;
      ctx.fail(
        subjects.account(account),
        "hiddenFailures",
        { count, minutes: windowMinutes, start: start(at) },
        { count },
      );
    }
    for (const source of [...state.bySource.keys()].sort()) {
      const buckets = state.bySource.get(source)!;
      const keys = [...buckets.keys()].sort((a, b) => a - b);
      let best = { users: 0, start: 0 };
      for (const from of keys) {
        const users = new Set<string>();
        for (const k of keys)
          if (k >= from && k < from + windowBuckets) for (const u of buckets.get(k)!) users.add(u);
        if (users.size > best.users) best = { users: users.size, start: from };
      }
      if (best.users < sprayUsers) continue;
      ctx.fail(
        subjects.sourceAddress(source),
        "spraying",
        { source, users: best.users, minutes: windowMinutes, start: start(best.start) },
        { users: best.users },
      );
    }
  },
});
