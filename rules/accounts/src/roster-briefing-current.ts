import { daysBetween, defineRule, isCurrentPerson } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "roster-briefing-current",
  title: {
    en: "Personnel were briefed on the terms recently",
    ja: "従事者に特約の内容を周知している（定期的）",
  },
  description: {
    en: "Every current person on the roster must have been told the confidentiality terms before starting and periodically since (`briefed_at` within the period).",
    ja: "現任の従事者全員に、業務開始前および定期的に特約の内容を周知していること（briefed_at が期間内）。",
  },
  severity: "low",
  controls: ["NIC-1-6"],
  resourceTypes: ["itaku.roster"],
  appliesTo: ["live", "iac"],
  options: z.object({ maxDaysSinceBriefing: z.number().int().positive().default(365) }).strict(),
  optionDocs: {
    maxDaysSinceBriefing: "Days after which a person's last briefing (`briefed_at`) is too old.",
  },
  messages: {
    notBriefed: "{count} current people have no briefing within {max} days: {people}",
  },
  remediation: { summary: "Brief the listed people on the terms and record the date in `briefed_at`." },
  check(ctx, options) {
    for (const roster of ctx.resources("itaku.roster")) {
      if (!ctx.roster) {
        ctx.unknown(roster, "No roster was given");
        continue;
      }
      const overdue = ctx.roster.people.filter(
        (p) =>
          isCurrentPerson(p, ctx.now) &&
          (!p.briefedAt || daysBetween(`${p.briefedAt}T00:00:00Z`, ctx.now) > options.maxDaysSinceBriefing),
      );
      if (overdue.length === 0) ctx.pass(roster);
      else {
        ctx.fail(
          roster,
          "notBriefed",
          {
            count: overdue.length,
            max: options.maxDaysSinceBriefing,
            people: overdue.map((p) => p.personId).join(", "),
          },
          { people: overdue.map((p) => ({ personId: p.personId, briefedAt: p.briefedAt ?? null })) },
        );
      }
    }
  },
});
