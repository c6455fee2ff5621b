import { defineRule } from "@itaku/core";
import { z } from "zod";
import { judgeActivity } from "./domain";

export default defineRule({
  id: "ad-computer-stale",
  title: {
    en: "Enabled computer accounts are in use",
    ja: "有効なコンピューターアカウントが使われている",
  },
  description: {
    en: "A computer account nobody uses is an unneeded account that still authenticates to the domain (and a name to re-use for a foreign device). An enabled computer whose last logon is older than the limit, or that never logged on and was created before it, fails; the lastLogonTimestamp replication lag is added, as for users. Computers change their password every 30 days and log on daily, so a live machine is never near the limit.",
    ja: "使われていないコンピューターアカウントは、ドメインに認証できる不要なアカウントです（外部の端末に名前を流用される恐れもあります）。最終ログオンが上限より古い、または一度もログオンせず上限より前に作成された有効なコンピューターを不適合とします。ユーザーと同様に lastLogonTimestamp の複製遅延を加えます。",
  },
  severity: "medium",
  controls: ["NIC-1-4-2-4", "IPA-4.1-6"],
  resourceTypes: ["ad.computer"],
  appliesTo: ["live"],
  options: z.object({ maxDaysInactive: z.number().int().positive().default(90) }).strict(),
  optionDocs: {
    maxDaysInactive:
      "Days without a logon after which an enabled computer counts as unused (the replication lag is added).",
  },
  messages: {
    stale: "{computer} has not logged on for {days} days (limit {cutoff} days)",
    neverLoggedOn: "{computer} has never logged on and was created {days} days ago (limit {max} days)",
  },
  remediation: {
    summary: "Disable computer accounts of machines that are gone, then delete them after a grace period.",
    cli: "Disable-ADAccount -Identity '<name>$'",
  },
  check(ctx, { maxDaysInactive }) {
    for (const computer of ctx.resources("ad.computer")) {
      if (!computer.attributes.enabled) {
        ctx.notApplicable(computer, "The computer account is disabled");
        continue;
      }
      const activity = judgeActivity(ctx, computer, maxDaysInactive);
      const evidence = {
        lastLogonTimestamp: computer.attributes.lastLogonTimestamp,
        createdAt: computer.attributes.createdAt,
      };
      if (activity.kind === "unknown") ctx.unknown(computer, activity.reason, evidence);
      else if (activity.kind === "inactive")
        ctx.fail(
          computer,
          "stale",
          { computer: computer.name, days: activity.days, cutoff: activity.cutoffDays },
          evidence,
        );
      else if (activity.kind === "never-old")
        ctx.fail(
          computer,
          "neverLoggedOn",
          { computer: computer.name, days: activity.createdDays, max: maxDaysInactive },
          evidence,
        );
      else ctx.pass(computer, evidence);
    }
  },
});
