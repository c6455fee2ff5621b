import { defineRule } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "ad-privileged-group-size",
  title: {
    en: "Administrative AD groups stay small",
    ja: "AD の管理者グループを少人数に保つ",
  },
  description: {
    en: "Privileged accounts are for the minimum personnel. Counts the enabled users of each administrative group (by well-known RID: Domain, Schema and Enterprise Admins, Administrators), nested members and primary-group members included, against a ceiling.",
    ja: "特権アカウントは必要最小限の従事者に限ります。管理者グループ（既知の RID による Domain Admins・Schema Admins・Enterprise Admins・Administrators）ごとに、入れ子やプライマリグループによるメンバーも含めた有効なユーザー数を上限と比べます。",
  },
  severity: "medium",
  controls: ["NIC-1-4-2-1"],
  resourceTypes: ["ad.group"],
  reads: ["ad.user"],
  appliesTo: ["live", "iac"],
  options: z
    .object({
      maxMembers: z.number().int().nonnegative().default(5),
      groupRids: z.array(z.number().int()).min(1).default([512, 518, 519, 544]),
    })
    .strict(),
  optionDocs: {
    maxMembers: "Most enabled users one administrative group may hold.",
    groupRids: "Well-known RIDs of the groups counted (the Operators groups have their own rule).",
  },
  messages: {
    tooMany: "{group} has {count} enabled members, more than {max}",
  },
  remediation: {
    summary: "Remove members who do not need standing administrative rights; grant them only for the task.",
    cli: "Get-ADGroupMember -Identity '<group>' -Recursive; Remove-ADGroupMember -Identity '<group>' -Members <sAMAccountName>",
  },
  check(ctx, { maxMembers, groupRids }) {
    for (const group of ctx.resources("ad.group")) {
      const rid = group.attributes.privilegedRid;
      if (rid === undefined || !groupRids.includes(rid)) {
        ctx.notApplicable(group, "Not one of the administrative groups counted");
        continue;
      }
      const members = group.attributes.transitiveUserMembers;
      if (members === undefined) {
        ctx.unknown(group, "The group's nested membership was not collected");
        continue;
      }
      // A member that was not collected counts: unknown is never taken as harmless.
      const enabled = members.filter(
        (dn) => ctx.find("ad.user", group.scope, dn)?.attributes.enabled !== false,
      );
      const evidence = { enabledMembers: enabled, max: maxMembers };
      if (enabled.length > maxMembers) {
        ctx.fail(group, "tooMany", { group: group.name, count: enabled.length, max: maxMembers }, evidence);
      } else ctx.pass(group, evidence);
    }
  },
});
