import { defineRule } from "@itaku/core";
import { forEachPrivilegedUser } from "./privileged-users";

export default defineRule({
  id: "ad-privileged-user-delegation-protected",
  title: {
    en: "Privileged accounts cannot be delegated (sensitive, or in Protected Users)",
    ja: "特権アカウントは委任できない（機密アカウント、または Protected Users のメンバー）",
  },
  description: {
    en: "Unless an account is marked \"sensitive and cannot be delegated\" (NOT_DELEGATED) or belongs to Protected Users, any server trusted for delegation that a privileged person signs in to can act as that person towards every other service — the server's scope of operations becomes the domain administrator's. Enabled members of privileged groups must carry one of the two.",
    ja: "アカウントに「機密アカウントのため委任できない」（NOT_DELEGATED）が設定されていないか Protected Users のメンバーでない場合、特権ユーザーがサインインした委任可能なサーバーは、そのユーザーとして他のすべてのサービスにアクセスできます。サーバーの操作範囲がドメイン管理者のものになります。特権グループの有効なメンバーはどちらかを満たす必要があります。",
  },
  severity: "medium",
  controls: ["NIC-1-4-2-3"],
  resourceTypes: ["ad.user"],
  reads: ["ad.group"],
  appliesTo: ["live", "iac"],
  messages: {
    delegable:
      'Privileged account {account} ({groups}) is neither "sensitive and cannot be delegated" nor in Protected Users',
  },
  remediation: {
    summary:
      'Add the administrators to Protected Users (after checking nothing they run needs NTLM, DES/RC4 or delegation), or tick "Account is sensitive and cannot be delegated".',
    cli: "Set-ADAccountControl -Identity <sAMAccountName> -AccountNotDelegated $true",
  },
  check(ctx) {
    forEachPrivilegedUser(ctx, (user, groups) => {
      const notDelegated = user.attributes.flags.notDelegated;
      const protectedUsersMember = user.attributes.protectedUsersMember;
      const evidence = { notDelegated, protectedUsersMember, privilegedGroups: groups };
      if (notDelegated || protectedUsersMember) ctx.pass(user, evidence);
      else if (protectedUsersMember === undefined)
        ctx.unknown(user, "Membership of Protected Users was not read", evidence);
      else ctx.fail(user, "delegable", { account: user.name, groups: groups.join(", ") }, evidence);
    });
  },
});
