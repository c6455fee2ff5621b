import { defineRule } from "@itaku/core";
import { z } from "zod";
import { rootMissingReason, rootOf } from "./root-of-account";

export default defineRule({
  id: "aws-iam-root-mfa",
  title: { en: "The root user has MFA", ja: "ルートユーザーに多要素認証が設定されている" },
  description: {
    en: "The root user can do anything in the account and is not tied to one person; without MFA a leaked password is enough to take the account over. With requireHardware, an authenticator app (a virtual device, which can be copied with the phone) fails too.",
    ja: "ルートユーザーはアカウント内の全操作が可能で個人に紐付かない。MFAがなければパスワード漏えいだけでアカウントを奪われる。requireHardware を指定すると、スマートフォンの認証アプリ（仮想 MFA デバイス）も不適合とする。",
  },
  severity: "critical",
  controls: ["NIC-1-4-4-2", "IPA-4.1-9"],
  resourceTypes: ["aws.account"],
  reads: ["aws.iam.root"],
  appliesTo: ["live"],
  options: z.object({
    /** The contract or the client asks for a hardware device: an authenticator app on a phone fails. */
    requireHardware: z.boolean().default(false),
  }),
  messages: {
    noMfa: "The root user of account {account} has no MFA device",
    virtualMfa:
      "The root user of account {account} has a virtual (authenticator-app) MFA device, not the hardware device the config requires",
  },
  remediation: {
    summary:
      "Sign in as root and assign a hardware or virtual MFA device (Security credentials → Multi-factor authentication); keep the device in the safe the manager controls. Where the config sets requireHardware, assign a hardware TOTP token or a FIDO security key and remove the virtual device.",
  },
  check(ctx, options) {
    for (const account of ctx.resources("aws.account")) {
      const root = rootOf(ctx, account);
      const device = root?.attributes.mfaDevice;
      if (!root) ctx.unknown(account, rootMissingReason(ctx, account));
      else if (!root.attributes.mfaActive)
        ctx.fail(account, "noMfa", { account: account.scope }, { root: root.id });
      else if (!options.requireHardware) ctx.pass(account, { root: root.id, ...(device ? { device } : {}) });
      else if (device === "virtual")
        ctx.fail(account, "virtualMfa", { account: account.scope }, { root: root.id, device });
      else if (device === "hardware") ctx.pass(account, { root: root.id, device });
      else ctx.unknown(account, "the kind of root's MFA device was not read (ListVirtualMFADevices)");
    }
  },
});
