import { defineRule } from "@itaku/core";
import { judgeUserFlag } from "./user-flags";

export default defineRule({
  id: "ad-user-unconstrained-delegation",
  title: {
    en: "User accounts are not trusted for unconstrained delegation",
    ja: "ユーザーアカウントに制約なし委任を許可していない",
  },
  description: {
    en: "TRUSTED_FOR_DELEGATION lets a service running as the account act as any user who authenticates to it, towards any service: far beyond the minimal scope of operations the contract asks for.",
    ja: "TRUSTED_FOR_DELEGATION があると、そのアカウントで動くサービスは認証してきた任意のユーザーとして任意のサービスにアクセスできます。契約が求める最小限の操作範囲を大きく超えます。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-3"],
  resourceTypes: ["ad.user"],
  appliesTo: ["live", "iac"],
  messages: {
    unconstrained: "{account} is trusted for unconstrained delegation",
  },
  remediation: {
    summary:
      'Remove "Trust this user for delegation to any service"; use constrained or resource-based delegation to named services.',
    cli: "Set-ADAccountControl -Identity <sAMAccountName> -TrustedForDelegation $false",
  },
  check(ctx) {
    judgeUserFlag(ctx, "trustedForDelegation", "unconstrained");
  },
});
