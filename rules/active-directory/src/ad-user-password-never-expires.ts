import { defineRule } from "@itaku/core";
import { judgeUserFlag } from "./user-flags";

export default defineRule({
  id: "ad-user-password-never-expires",
  title: {
    en: "AD passwords expire",
    ja: "AD のパスワードに有効期限がある",
  },
  description: {
    en: "The guideline asks for password expiry. An enabled user with DONT_EXPIRE_PASSWORD in userAccountControl escapes the domain's maximum password age.",
    ja: "ガイドラインはパスワードの有効期限を求めています。userAccountControl に DONT_EXPIRE_PASSWORD を持つ有効なユーザーは、ドメインのパスワード最長有効期間の対象外になります。",
  },
  severity: "medium",
  controls: ["IPA-4.1-3"],
  resourceTypes: ["ad.user"],
  appliesTo: ["live", "iac"],
  messages: {
    neverExpires: "The password of {account} never expires",
  },
  remediation: {
    summary:
      'Clear "Password never expires"; for service accounts, use a group managed service account (gMSA) instead.',
    cli: "Set-ADUser -Identity <sAMAccountName> -PasswordNeverExpires $false",
  },
  check(ctx) {
    judgeUserFlag(ctx, "passwordNeverExpires", "neverExpires");
  },
});
