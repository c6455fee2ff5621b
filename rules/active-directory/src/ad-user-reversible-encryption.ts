import { defineRule } from "@itaku/core";
import { judgeUserFlag } from "./user-flags";

export default defineRule({
  id: "ad-user-reversible-encryption",
  title: {
    en: "AD passwords are not stored with reversible encryption",
    ja: "AD のパスワードを可逆暗号化で保存していない",
  },
  description: {
    en: "ENCRYPTED_TEXT_PWD_ALLOWED makes the domain controller keep the account's password in a form that can be decrypted, so anyone who reads the directory database learns it.",
    ja: "ENCRYPTED_TEXT_PWD_ALLOWED があると、ドメインコントローラーはそのアカウントのパスワードを復号できる形で保存し、ディレクトリのデータベースを読めば誰でもパスワードを知ることができます。",
  },
  severity: "high",
  controls: ["NIC-1-4-4-2", "IPA-4.1-3"],
  resourceTypes: ["ad.user"],
  appliesTo: ["live", "iac"],
  messages: {
    reversible: "{account} stores its password with reversible encryption",
  },
  remediation: {
    summary: 'Clear "Store password using reversible encryption", then have the user set a new password.',
    cli: "Set-ADUser -Identity <sAMAccountName> -AllowReversiblePasswordEncryption $false",
  },
  check(ctx) {
    judgeUserFlag(ctx, "reversibleEncryption", "reversible");
  },
});
