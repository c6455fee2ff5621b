import { defineRule } from "@itaku/core";
import { OPERATOR_RIDS } from "./domain";

export default defineRule({
  id: "ad-operators-group-empty",
  title: {
    en: "The built-in Operators groups are empty",
    ja: "組み込みの Operators グループが空である",
  },
  description: {
    en: "Account, Server, Print and Backup Operators (S-1-5-32-548…551) carry rights close to a domain administrator's — logon to domain controllers, backup of the directory database, driver loading — that are rarely needed and seldom reviewed. Any member fails.",
    ja: "Account・Server・Print・Backup Operators（S-1-5-32-548〜551）は、ドメインコントローラーへのログオン、ディレクトリのデータベースのバックアップ、ドライバーの読み込みなど、ドメイン管理者に近い権限を持ちながら、必要になることも見直されることもまれです。メンバーがいれば不適合とします。",
  },
  severity: "medium",
  controls: ["NIC-1-4-2-1", "NIC-1-4-2-3"],
  resourceTypes: ["ad.group"],
  appliesTo: ["live", "iac"],
  messages: {
    notEmpty: "{group} has {count} member(s): {members}",
  },
  remediation: {
    summary: "Remove every member; delegate the specific task (say, password resets on one OU) instead.",
    cli: "Get-ADGroupMember -Identity '<group>' | ForEach-Object { Remove-ADGroupMember -Identity '<group>' -Members $_ -Confirm:$false }",
  },
  check(ctx) {
    for (const group of ctx.resources("ad.group")) {
      const rid = group.attributes.privilegedRid;
      if (rid === undefined || !(OPERATOR_RIDS as readonly number[]).includes(rid)) {
        ctx.notApplicable(group, "Not a built-in Operators group");
        continue;
      }
      const { members } = group.attributes;
      if (members.length === 0) {
        ctx.pass(group, { members: [] });
        continue;
      }
      const shown = members.slice(0, 5).map((dn) => ctx.find("ad.user", group.scope, dn)?.name ?? dn);
      const more = members.length > shown.length ? ` and ${members.length - shown.length} more` : "";
      ctx.fail(
        group,
        "notEmpty",
        { group: group.name, count: members.length, members: shown.join(", ") + more },
        { members },
      );
    }
  },
});
