import { addCount, child, defineDetection, mergeCounts, mergeNested, mergeSets, subjects } from "@itaku/core";
import { consoleLoginOutcome } from "./tally";

interface State {
  /** Account → "logins" | "calls" → count. */
  counts: Map<string, Map<string, number>>;
  /** Account → API names root called (a short list in practice). */
  names: Map<string, Set<string>>;
  /** Account → first and last instant. */
  span: Map<string, Map<string, number>>;
}

export default defineDetection({
  id: "access-root-activity",
  title: { en: "Activity of the root user", ja: "ルートユーザーの操作" },
  description: {
    en: "Flags every action of an account's root user in the period (AWS service events excluded), console sign-ins first: root is shared by nature, so nothing it does can be traced to a person of the roster.",
    ja: "期間中のルートユーザーによるすべての操作（AWS サービスイベントを除く）を検出し、コンソールサインインを優先して示します。ルートは本質的に共有アカウントであり、その操作は台帳の誰にも帰属できません。",
  },
  severity: "critical",
  controls: ["NIC-1-4-3-3", "NIC-1-4-2-2"],
  messages: {
    rootConsoleLogin:
      "Root of account {account} signed in to the console {logins} time(s) and made {calls} other call(s) ({names})",
    rootActivity: "Root of account {account} made {calls} call(s) ({names})",
  },
  remediation: {
    summary:
      "Find out who used root and why; keep root's password and MFA device under dual control, use it only for the tasks that need it, and alert on root sign-ins (a CloudWatch metric filter on userIdentity.type = Root).",
  },
  init: (): State => ({ counts: new Map(), names: new Map(), span: new Map() }),
  fold(state, event, identity, ctx) {
    if (!ctx.clock.inPeriod || identity.kind !== "root" || event.eventType === "AwsServiceEvent") return;
    const account = identity.accountId ?? event.recipientAccountId ?? "unknown";
    const login = consoleLoginOutcome(event) === "Success";
    addCount(
      child(state.counts, account, () => new Map()),
      login ? "logins" : "calls",
    );
    if (!login) child(state.names, account, () => new Set()).add(event.eventName);
    const span = child(state.span, account, () => new Map<string, number>());
    if (!(ctx.clock.ms >= (span.get("first") ?? Number.POSITIVE_INFINITY))) span.set("first", ctx.clock.ms);
    if (!(ctx.clock.ms <= (span.get("last") ?? Number.NEGATIVE_INFINITY))) span.set("last", ctx.clock.ms);
  },
  merge(into, from) {
    mergeNested(into.counts, from.counts, mergeCounts);
    mergeNested(into.names, from.names, mergeSets);
    mergeNested(into.span, from.span, (a, b) => {
      a.set("first", Math.min(a.get("first")!, b.get("first")!));
      a.set("last", Math.max(a.get("last")!, b.get("last")!));
    });
    return into;
  },
  report(state, ctx) {
    for (const account of [...state.counts.keys()].sort()) {
      const counts = state.counts.get(account)!;
      const logins = counts.get("logins") ?? 0;
      const calls = counts.get("calls") ?? 0;
      const names = [...(state.names.get(account) ?? [])].sort();
      const span = state.span.get(account)!;
      const data = {
        account,
        logins,
        calls,
        names: names.slice(0, 5).join(", ") + (names.length > 5 ? ", …" : "") || "none",
      };
      const evidence = {
        logins,
        calls,
        eventNames: names,
        first: new Date(span.get("first")!).toISOString(),
        last: new Date(span.get("last")!).toISOString(),
      };
      ctx.fail(subjects.account(account), logins > 0 ? "rootConsoleLogin" : "rootActivity", data, evidence);
    }
  },
});
