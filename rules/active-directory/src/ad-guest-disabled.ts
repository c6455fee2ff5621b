import { defineRule } from "@itaku/core";
import { GUEST_RID } from "./domain";

export default defineRule({
  id: "ad-guest-disabled",
  title: {
    en: "The built-in Guest account is disabled",
    ja: "組み込みの Guest アカウントが無効である",
  },
  description: {
    en: "The built-in Guest account (RID 501) belongs to nobody and needs no password by design: an enabled Guest gives anyone an unidentified logon, against one account per individual.",
    ja: "組み込みの Guest アカウント（RID 501）は誰のものでもなく、設計上パスワードも不要です。有効な Guest は誰にでも身元不明のログオンを与え、「一人一アカウント」に反します。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-2", "IPA-4.1-1"],
  resourceTypes: ["ad.user"],
  appliesTo: ["live", "iac"],
  messages: {
    enabled: "The built-in Guest account {account} is enabled",
  },
  remediation: {
    summary: "Disable the Guest account.",
    cli: "Disable-ADAccount -Identity Guest",
  },
  check(ctx) {
    for (const user of ctx.resources("ad.user")) {
      // By RID, not by name: the account is renamed or localized in many domains.
      if (user.attributes.rid !== GUEST_RID) {
        ctx.notApplicable(user, "Not the built-in Guest account");
      } else if (user.attributes.enabled) {
        ctx.fail(
          user,
          "enabled",
          { account: user.name },
          { userAccountControl: user.attributes.userAccountControl },
        );
      } else ctx.pass(user, { userAccountControl: user.attributes.userAccountControl });
    }
  },
});
