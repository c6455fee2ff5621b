import { defineRule } from "@itaku/core";
import { z } from "zod";
import { judgeActivity } from "./domain";

export default defineRule({
  id: "ad-user-stale",
  title: {
    en: "Enabled AD accounts are in use",
    ja: "有効な AD アカウントが使われている",
  },
  description: {
    en: "Accounts nobody uses must be disabled at once (leavers, transfers, leave). An enabled user whose last logon is older than the limit, or that never logged on and was created before it, fails. lastLogonTimestamp replicates only every msDS-LogonTimeSyncInterval days (14 by default), so that lag is added to the limit.",
    ja: "使われていないアカウントは直ちに無効化しなければなりません（退職・異動・休職）。最終ログオンが上限より古い有効なユーザー、または一度もログオンせず上限より前に作成されたユーザーを不適合とします。lastLogonTimestamp は msDS-LogonTimeSyncInterval 日（既定 14 日）ごとにしか複製されないため、その遅れを上限に加えます。",
  },
  severity: "medium",
  controls: ["NIC-1-4-2-4", "NIC-1-4-2-5", "IPA-4.1-6"],
  resourceTypes: ["ad.user"],
  appliesTo: ["live"],
  options: z.object({ maxDaysInactive: z.number().int().positive().default(90) }).strict(),
  optionDocs: {
    maxDaysInactive:
      "Days without a logon after which an enabled account counts as unused (the replication lag is added).",
  },
  messages: {
    stale:
      "{account} has not logged on for {days} days (limit {cutoff} days: {max} plus the logon-time replication lag)",
    neverLoggedOn: "{account} has never logged on and was created {days} days ago (limit {max} days)",
  },
  remediation: {
    summary: "Disable (then delete) accounts nobody uses; confirm with the roster who still needs each one.",
    cli: "Disable-ADAccount -Identity <sAMAccountName>",
  },
  check(ctx, { maxDaysInactive }) {
    for (const user of ctx.resources("ad.user")) {
      if (!user.attributes.enabled) {
        ctx.notApplicable(user, "The account is disabled");
        continue;
      }
      const activity = judgeActivity(ctx, user, maxDaysInactive);
      const evidence = {
        lastLogonTimestamp: user.attributes.lastLogonTimestamp ?? null,
        createdAt: user.attributes.createdAt,
      };
      switch (activity.kind) {
        case "unknown":
          ctx.unknown(user, activity.reason, evidence);
          break;
        case "inactive":
          ctx.fail(
            user,
            "stale",
            { account: user.name, days: activity.days, cutoff: activity.cutoffDays, max: maxDaysInactive },
            { ...evidence, cutoffDays: activity.cutoffDays },
          );
          break;
        case "never-old":
          ctx.fail(
            user,
            "neverLoggedOn",
            { account: user.name, days: activity.createdDays, max: maxDaysInactive },
            evidence,
          );
          break;
        default:
          ctx.pass(user, { ...evidence, cutoffDays: activity.cutoffDays });
      }
    }
  },
});
