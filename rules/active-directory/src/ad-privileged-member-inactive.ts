import { defineRule } from "@itaku/core";
import { z } from "zod";
import { judgeActivity, privilegedGroupNames } from "./domain";

export default defineRule({
  id: "ad-privileged-member-inactive",
  title: {
    en: "Privileged AD accounts are in use",
    ja: "AD の特権アカウントが使われている",
  },
  description: {
    en: "An unused privileged account is standing access nobody watches. An enabled member of a privileged group (by well-known RID, nested included) that has not logged on within the limit — plus the lastLogonTimestamp replication lag — or never logged on since it was created before the limit, fails.",
    ja: "使われていない特権アカウントは、誰も見ていない常設の権限です。特権グループ（既知の RID、入れ子を含む）の有効なメンバーで、上限（lastLogonTimestamp の複製遅延を加える）を超えてログオンしていないもの、または上限より前に作成され一度もログオンしていないものを不適合とします。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-1", "NIC-1-4-2-4", "IPA-4.1-6"],
  resourceTypes: ["ad.user"],
  reads: ["ad.group"],
  appliesTo: ["live"],
  options: z.object({ maxDaysInactive: z.number().int().positive().default(45) }).strict(),
  optionDocs: {
    maxDaysInactive:
      "Days without a logon after which a privileged account counts as unused (the replication lag is added).",
  },
  messages: {
    inactive: "{account} (member of {groups}) has not logged on for {days} days (limit {cutoff} days)",
    neverLoggedOn: "{account} (member of {groups}) has never logged on since its creation {days} days ago",
  },
  remediation: {
    summary: "Remove the account from privileged groups, or disable it if nobody needs it.",
    cli: "Remove-ADGroupMember -Identity 'Domain Admins' -Members <sAMAccountName>; Disable-ADAccount -Identity <sAMAccountName>",
  },
  check(ctx, { maxDaysInactive }) {
    for (const user of ctx.resources("ad.user")) {
      const rids = user.attributes.privilegedGroupRids;
      if (!user.attributes.enabled) {
        ctx.notApplicable(user, "The account is disabled");
        continue;
      }
      if (rids.length === 0) {
        ctx.notApplicable(user, "The account is in no privileged group");
        continue;
      }
      const groups = privilegedGroupNames(ctx, user.scope, rids).join(", ");
      const activity = judgeActivity(ctx, user, maxDaysInactive);
      const evidence = {
        privilegedGroupRids: rids,
        lastLogonTimestamp: user.attributes.lastLogonTimestamp ?? null,
      };
      if (activity.kind === "unknown") ctx.unknown(user, activity.reason, evidence);
      else if (activity.kind === "inactive") {
        ctx.fail(
          user,
          "inactive",
          { account: user.name, groups, days: activity.days, cutoff: activity.cutoffDays },
          evidence,
        );
      } else if (activity.kind === "never-old") {
        ctx.fail(user, "neverLoggedOn", { account: user.name, groups, days: activity.createdDays }, evidence);
      } else ctx.pass(user, evidence);
    }
  },
});
