import { defineDetection } from "@itaku/core";
import { z } from "zod";
import { count, globTest, inOrder, iso, mergeTallies, subjectOf, type Tally, tallyEvidence } from "./tally";

interface State {
  /** Principal key → activity of a principal no roster person owns. */
  unmatched: Map<string, Tally>;
  /** Principal key → activity of an account several roster people list. */
  shared: Map<string, Tally & { people: string[] }>;
  /** Principal key → activity of a principal from an account that is not an approved subcontractor. */
  external: Map<string, Tally>;
}

export default defineDetection({
  id: "access-principal-unmatched",
  title: {
    en: "Activity of principals that map to no roster person",
    ja: "台帳の誰にも対応しないプリンシパルの操作",
  },
  description: {
    en: "Flags IAM users, role sessions and SSO sessions that acted in the period but map to no one of the roster, accounts several people share, and principals of other accounts that are not approved subcontractors. Root, AWS services and workload sessions (EC2 instances, service-linked roles) are left to their own checks.",
    ja: "期間中に操作したが台帳の誰にも対応しない IAM ユーザー・ロールセッション・SSO セッション、複数人で共有されたアカウント、承認された再委託先でない他アカウントのプリンシパルを検出します。ルート・AWS サービス・ワークロード（EC2 インスタンス、サービスリンクロール）は別の確認に任せます。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-3", "NIC-1-2-2-1", "NIC-1-4-2-2"],
  needs: { roster: true },
  options: z.object({ ignoreRoles: z.array(z.string()).default([]) }).strict(),
  optionDocs: {
    ignoreRoles: "Role names (globs) of workloads such as CI pipelines, whose sessions are not people",
  },
  messages: {
    unmatched: "{principal} maps to no roster person but made {count} call(s) between {first} and {last}",
    shared:
      "{principal} is listed for several people ({people}): its {count} call(s) cannot be traced to one",
    external: "{principal} of account {account}, not an approved subcontractor, made {count} call(s)",
  },
  remediation: {
    summary:
      "Add the person to the roster (aws_iam_users, or the e-mail their SSO session uses), give each person their own account, or remove the principal; for other accounts, get the client's written approval and list them under subcontractors.",
  },
  init: (): State => ({ unmatched: new Map(), shared: new Map(), external: new Map() }),
  fold(state, event, identity, ctx) {
    if (!ctx.clock.inPeriod || identity.person || identity.machine) return;
    const kind = identity.kind;
    if (kind === "root" || kind === "service" || kind === "hidden") return;
    // Failed sign-ins with a wrong name are the login-failure detection's; a principal must have acted.
    if (event.eventName === "ConsoleLogin" && event.errorMessage) return;
    if (identity.roleName && globTest(ctx.options.ignoreRoles)(identity.roleName)) return;
    const subject = () => subjectOf(identity, event.recipientAccountId);
    if (identity.external) {
      if (!identity.subcontractor) count(state.external, identity.key, subject, ctx.clock.ms, event.eventID);
      return;
    }
    if (identity.sharedBy) {
      const tally = count(
        state.shared as Map<string, Tally>,
        identity.key,
        subject,
        ctx.clock.ms,
        event.eventID,
      ) as Tally & {
        people?: string[];
      };
      tally.people ??= [...identity.sharedBy];
      return;
    }
    count(state.unmatched, identity.key, subject, ctx.clock.ms, event.eventID);
  },
  merge(into, from) {
    mergeTallies(into.unmatched, from.unmatched);
    mergeTallies(into.shared as Map<string, Tally>, from.shared);
    mergeTallies(into.external, from.external);
    return into;
  },
  report(state, ctx) {
    for (const [, tally] of inOrder(state.unmatched)) {
      ctx.fail(
        tally.subject,
        "unmatched",
        { principal: tally.subject.name, count: tally.count, first: iso(tally.first), last: iso(tally.last) },
        tallyEvidence(tally),
      );
    }
    for (const [, tally] of inOrder(state.shared)) {
      const { people } = tally as Tally & { people: string[] };
      ctx.fail(
        tally.subject,
        "shared",
        { principal: tally.subject.name, people: people.join(", "), count: tally.count },
        { ...tallyEvidence(tally), people },
      );
    }
    for (const [, tally] of inOrder(state.external)) {
      ctx.fail(
        tally.subject,
        "external",
        { principal: tally.subject.name, account: tally.subject.scope, count: tally.count },
        tallyEvidence(tally),
      );
    }
  },
});
