import { defineRule } from "@itaku/core";
import { judgeUserFlag } from "./user-flags";

export default defineRule({
  id: "ad-user-kerberos-preauth-disabled",
  title: {
    en: "Kerberos pre-authentication is required",
    ja: "Kerberos の事前認証を必須にしている",
  },
  description: {
    en: "With DONT_REQ_PREAUTH anyone can ask the KDC for material encrypted with the account's password and crack it offline (AS-REP roasting), without knowing anything about the account.",
    ja: "DONT_REQ_PREAUTH があると、誰でも KDC にそのアカウントのパスワードで暗号化されたデータを要求し、オフラインで解読できます（AS-REP Roasting）。",
  },
  severity: "high",
  controls: ["NIC-1-4-4-2", "IPA-4.1-1"],
  resourceTypes: ["ad.user"],
  appliesTo: ["live", "iac"],
  messages: {
    preauthDisabled: "{account} does not require Kerberos pre-authentication",
  },
  remediation: {
    summary: 'Clear "Do not require Kerberos preauthentication".',
    cli: "Set-ADAccountControl -Identity <sAMAccountName> -DoesNotRequirePreAuth $false",
  },
  check(ctx) {
    judgeUserFlag(ctx, "dontRequirePreauth", "preauthDisabled");
  },
});
