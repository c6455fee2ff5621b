import { defineRule } from "@itaku/core";
import { judgeUserFlag } from "./user-flags";

export default defineRule({
  id: "ad-user-des-only",
  title: {
    en: "AD accounts do not use DES-only Kerberos keys",
    ja: "AD アカウントが DES のみの Kerberos 鍵を使っていない",
  },
  description: {
    en: "USE_DES_KEY_ONLY restricts the account to DES, a cipher broken for decades; its Kerberos tickets can be forged or decrypted.",
    ja: "USE_DES_KEY_ONLY はアカウントを数十年前に破られた暗号 DES に限定し、その Kerberos チケットは偽造・解読され得ます。",
  },
  severity: "medium",
  controls: ["NIC-1-4-4-2", "IPA-4.1-1"],
  resourceTypes: ["ad.user"],
  appliesTo: ["live", "iac"],
  messages: {
    desOnly: "{account} is restricted to DES encryption for Kerberos",
  },
  remediation: {
    summary:
      'Clear "Use Kerberos DES encryption types for this account" and reset the password so AES keys are made.',
    cli: "Set-ADAccountControl -Identity <sAMAccountName> -UseDESKeyOnly $false",
  },
  check(ctx) {
    judgeUserFlag(ctx, "useDesKeyOnly", "desOnly");
  },
});
