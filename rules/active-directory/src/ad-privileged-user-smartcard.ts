import { defineRule } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "ad-privileged-user-smartcard",
  title: {
    en: "Accounts that must use multi-factor sign-in require a smart card",
    ja: "多要素認証が必要なアカウントでスマートカードが必須になっている",
  },
  description: {
    en: 'Where the vendor\'s rules ask for multi-factor logon to the domain, SMARTCARD_REQUIRED ("Smart card is required for interactive logon") is what makes the domain refuse a password alone. The option `requireFor` says whose logon must be multi-factor: `privileged` (enabled members of privileged groups), `all` enabled users, or `none` (the default: the rule judges nothing until the configuration asks for it).',
    ja: "委託先の規程がドメインへの多要素ログオンを求める場合、パスワードだけのログオンをドメインに拒否させるのが SMARTCARD_REQUIRED（「対話型ログオンにはスマートカードが必要」）です。オプション requireFor で対象を指定します：privileged（特権グループの有効なメンバー）、all（すべての有効なユーザー）、none（既定値。設定されるまで判定しません）。",
  },
  severity: "high",
  controls: ["NIC-1-4-4-2", "IPA-4.1-9"],
  resourceTypes: ["ad.user"],
  reads: ["ad.group"],
  appliesTo: ["live", "iac"],
  options: z.object({ requireFor: z.enum(["none", "privileged", "all"]).default("none") }).strict(),
  optionDocs: {
    requireFor:
      "Whose interactive logon must need a smart card: `none` (not asked for), `privileged` or `all` enabled users.",
  },
  messages: {
    passwordOnly: "{account} can log on with a password alone (smart card not required)",
  },
  remediation: {
    summary:
      'Issue smart cards (or Windows Hello for Business keys) and tick "Smart card is required for interactive logon" on the accounts.',
    cli: "Set-ADUser -Identity <sAMAccountName> -SmartcardLogonRequired $true",
  },
  check(ctx, { requireFor }) {
    for (const user of ctx.resources("ad.user")) {
      const { enabled, privilegedGroupRids, flags } = user.attributes;
      if (requireFor === "none") ctx.notApplicable(user, "The configuration does not ask for smart cards");
      else if (!enabled) ctx.notApplicable(user, "The account is disabled");
      else if (requireFor === "privileged" && privilegedGroupRids.length === 0) {
        if (ctx.gaps(user, "ad.group").length > 0)
          ctx.unknown(user, "Not every group was read, so privileged membership is not known");
        else ctx.notApplicable(user, "The account is in no privileged group");
      } else if (flags.smartcardRequired) ctx.pass(user, { smartcardRequired: true });
      else ctx.fail(user, "passwordOnly", { account: user.name }, { smartcardRequired: false });
    }
  },
});
