import { defineDetection } from "@itaku/core";
import {
  consoleLoginOutcome,
  count,
  inOrder,
  iso,
  mergeTallies,
  subjectOf,
  type Tally,
  tallyEvidence,
} from "./tally";

interface State {
  /** Person id or principal key → sign-ins without MFA. */
  withoutMfa: Map<string, Tally>;
}

export default defineDetection({
  id: "access-console-login-without-mfa",
  title: {
    en: "Console sign-ins of IAM users and root without MFA",
    ja: "MFA を使わない IAM ユーザー・ルートのコンソールサインイン",
  },
  description: {
    en: "Flags successful console sign-ins of IAM users and the root user that did not use MFA. Federated and IAM Identity Center (SSO) sign-ins are judged by their identity provider, which CloudTrail does not see, so they are not flagged here.",
    ja: "MFA を使わずに成功した IAM ユーザーとルートユーザーのコンソールサインインを検出します。フェデレーション・IAM Identity Center（SSO）のサインインは、CloudTrail からは見えない ID プロバイダーが判断するため対象外です。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-3", "NIC-1-4-4-2", "IPA-4.1-9"],
  messages: {
    withoutMfa: "{principal} signed in to the console without MFA {count} time(s), first at {first}",
  },
  remediation: {
    summary:
      "Require MFA for every console user: assign a virtual or hardware MFA device and attach a policy that denies everything but MFA setup when aws:MultiFactorAuthPresent is false.",
    cli: "aws iam enable-mfa-device --user-name NAME --serial-number ARN --authentication-code1 … --authentication-code2 …",
  },
  init: (): State => ({ withoutMfa: new Map() }),
  fold(state, event, identity, ctx) {
    if (!ctx.clock.inPeriod || consoleLoginOutcome(event) !== "Success") return;
    if (identity.kind !== "iam-user" && identity.kind !== "root") return;
    if ((event.additionalEventData as { MFAUsed?: string } | null | undefined)?.MFAUsed === "Yes") return;
    const key = identity.person?.personId ?? identity.key;
    count(
      state.withoutMfa,
      key,
      () => subjectOf(identity, event.recipientAccountId),
      ctx.clock.ms,
      event.eventID,
    );
  },
  merge(into, from) {
    mergeTallies(into.withoutMfa, from.withoutMfa);
    return into;
  },
  report(state, ctx) {
    for (const [, tally] of inOrder(state.withoutMfa)) {
      ctx.fail(
        tally.subject,
        "withoutMfa",
        { principal: tally.subject.name, count: tally.count, first: iso(tally.first) },
        tallyEvidence(tally),
      );
    }
  },
});
