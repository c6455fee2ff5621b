import { defineRule } from "@itaku/core";
import { judgeUserFlag } from "./user-flags";

export default defineRule({
  id: "ad-user-password-not-required",
  title: {
    en: "AD accounts require a password",
    ja: "AD アカウントにパスワードが必須である",
  },
  description: {
    en: "Logon must be authenticated and blank passwords are forbidden. PASSWD_NOTREQD in userAccountControl lets an enabled account have an empty password whatever the domain policy says.",
    ja: "ログオンは認証されなければならず、空のパスワードは禁止です。userAccountControl の PASSWD_NOTREQD があると、ドメインのポリシーにかかわらず有効なアカウントが空のパスワードを持てます。",
  },
  severity: "high",
  controls: ["NIC-1-4-4-2", "IPA-4.1-3"],
  resourceTypes: ["ad.user"],
  appliesTo: ["live", "iac"],
  messages: {
    notRequired: "{account} may have an empty password (PASSWD_NOTREQD)",
  },
  remediation: {
    summary: "Clear PASSWD_NOTREQD and set a password that meets the domain policy.",
    cli: "Set-ADUser -Identity <sAMAccountName> -PasswordNotRequired $false",
  },
  check(ctx) {
    judgeUserFlag(ctx, "passwordNotRequired", "notRequired");
  },
});
