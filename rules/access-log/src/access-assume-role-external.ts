import { defineDetection, subjects } from "@itaku/core";
import { addOnce, count, inOrder, iso, mergeLists, mergeTallies, type Tally, tallyEvidence } from "./tally";

interface State {
  /** Calling account → AssumeRole calls from it that no approval covers. */
  calls: Map<string, Tally>;
  /** Calling account → roles it assumed. */
  roles: Map<string, string[]>;
  /** Calling account → the subcontractor's name when the calls predate its approval. */
  earlyFor: Map<string, string>;
}

export default defineDetection({
  id: "access-assume-role-external",
  title: {
    en: "Roles assumed from accounts that are not approved subcontractors",
    ja: "承認された再委託先でないアカウントからのロール引き受け",
  },
  description: {
    en: "Flags successful AssumeRole calls made from another AWS account that is neither audited with this one nor listed under subcontractors — or that came before the subcontractor's approval date. Passing work to a third party needs the client's written consent (NIC 1-7).",
    ja: "監査対象でもなく subcontractors にも載っていない（または承認日より前の）他の AWS アカウントからの、成功した AssumeRole を検出します。第三者への再委託には委託元の書面による承諾が必要です（NIC 1-7）。",
  },
  severity: "critical",
  controls: ["NIC-1-4-3-3", "NIC-1-7", "IPA-R-1"],
  messages: {
    notApproved:
      "Account {account}, not an approved subcontractor, assumed {roles} {count} time(s) (first {first})",
    beforeApproval:
      "Account {account} ({subcontractor}) assumed {roles} {count} time(s) before its approval on {approvedAt}",
  },
  remediation: {
    summary:
      "Find out whose account it is; if the client approved the subcontractor in writing, list it under subcontractors with the approval date, otherwise remove the account from the role's trust policy.",
    cli: "aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json",
  },
  init: (): State => ({ calls: new Map(), roles: new Map(), earlyFor: new Map() }),
  fold(state, event, identity, ctx) {
    if (!ctx.clock.inPeriod || event.errorCode || !identity.external) return;
    if (event.eventSource !== "sts.amazonaws.com" || !event.eventName.startsWith("AssumeRole")) return;
    const approval = identity.subcontractor;
    if (approval && approval.approvedAt <= ctx.clock.localDate) return;
    const account = identity.accountId ?? "unknown";
    count(state.calls, account, () => subjects.account(account), ctx.clock.ms, event.eventID);
    if (approval) state.earlyFor.set(account, `${approval.name}\u0000${approval.approvedAt}`);
    const roleArn = String(
      (event.requestParameters as { roleArn?: string } | null | undefined)?.roleArn ?? "?",
    );
    const role = roleArn.split("/").pop() ?? roleArn;
    addOnce(state.roles, account, role);
  },
  merge(into, from) {
    mergeTallies(into.calls, from.calls);
    mergeLists(into.roles, from.roles);
    for (const [account, early] of from.earlyFor) into.earlyFor.set(account, early);
    return into;
  },
  report(state, ctx) {
    for (const [account, tally] of inOrder(state.calls)) {
      const roles = [...state.roles.get(account)!].sort();
      const early = state.earlyFor.get(account)?.split("\u0000");
      const data = { account, roles: roles.join(", "), count: tally.count, first: iso(tally.first) };
      const evidence = { ...tallyEvidence(tally), roles };
      if (early)
        ctx.fail(
          tally.subject,
          "beforeApproval",
          { ...data, subcontractor: early[0]!, approvedAt: early[1]! },
          evidence,
        );
      else ctx.fail(tally.subject, "notApproved", data, evidence);
    }
  },
});
