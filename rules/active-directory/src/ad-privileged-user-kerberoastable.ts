import { defineRule } from "@itaku/core";
import { forEachPrivilegedUser } from "./privileged-users";

export default defineRule({
  id: "ad-privileged-user-kerberoastable",
  title: {
    en: "No privileged account runs a service (servicePrincipalName)",
    ja: "特権アカウントがサービスを実行していない（servicePrincipalName なし）",
  },
  description: {
    en: "A servicePrincipalName on an account means a service runs as it: that service then acts with every right of the account's privileged groups, far beyond the minimal scope of operations the contract asks for. Any domain user can also request a ticket for the service and crack its password offline (Kerberoasting). Enabled members of privileged groups must have no servicePrincipalName.",
    ja: "アカウントに servicePrincipalName があると、そのアカウントでサービスが動いていることを意味し、サービスは特権グループのすべての権限で動作します。契約が求める最小限の操作範囲を大きく超えます。また、ドメインの任意のユーザーがそのサービスのチケットを要求してパスワードをオフラインで解読できます（Kerberoasting）。特権グループの有効なメンバーは servicePrincipalName を持たない必要があります。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-3"],
  resourceTypes: ["ad.user"],
  reads: ["ad.group"],
  appliesTo: ["live", "iac"],
  messages: {
    servicePrincipal: "Privileged account {account} ({groups}) runs a service: {spns}",
  },
  remediation: {
    summary:
      "Run the service under a group managed service account (gMSA) with only the rights it needs, and remove the servicePrincipalName from the privileged account.",
    cli: "Set-ADUser -Identity <sAMAccountName> -ServicePrincipalNames @{Remove='<spn>'}",
  },
  check(ctx) {
    forEachPrivilegedUser(ctx, (user, groups) => {
      const spns = user.attributes.servicePrincipalNames;
      const evidence = { servicePrincipalNames: spns, privilegedGroups: groups };
      if (spns.length > 0) {
        ctx.fail(
          user,
          "servicePrincipal",
          { account: user.name, groups: groups.join(", "), spns: spns.join(", ") },
          evidence,
        );
      } else ctx.pass(user, evidence);
    });
  },
});
