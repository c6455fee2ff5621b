import { defineRule } from "@itaku/core";
import { rootMissingReason, rootOf } from "./root-of-account";

export default defineRule({
  id: "aws-iam-root-mfa",
  title: { en: "The root user has MFA", ja: "ルートユーザーに多要素認証が設定されている" },
  description: {
    en: "The root user can do anything in the account and is not tied to one person; without MFA a leaked password is enough to take the account over.",
    ja: "ルートユーザーはアカウント内の全操作が可能で個人に紐付かない。MFAがなければパスワード漏えいだけでアカウントを奪われる。",
  },
  severity: "critical",
  controls: ["NIC-1-4-4-2", "IPA-4.1-9"],
  resourceTypes: ["aws.account"],
  reads: ["aws.iam.root"],
  appliesTo: ["live"],
  messages: { noMfa: "The root user of account {account} has no MFA device" },
  remediation: {
    summary:
      "Sign in as root and assign a hardware or virtual MFA device (Security credentials → Multi-factor authentication); keep the device in the safe the manager controls.",
  },
  check(ctx) {
    for (const account of ctx.resources("aws.account")) {
      const root = rootOf(ctx, account);
      if (!root) ctx.unknown(account, rootMissingReason(ctx, account));
      else if (!root.attributes.mfaActive)
        ctx.fail(account, "noMfa", { account: account.scope }, { root: root.id });
      else ctx.pass(account, { root: root.id });
    }
  },
});
