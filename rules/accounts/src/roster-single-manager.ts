import { defineRule, isCurrentPerson } from "@itaku/core";

export default defineRule({
  id: "roster-single-manager",
  title: { en: "Exactly one information manager is named", ja: "情報管理責任者が一名明確化されている" },
  description: {
    en: "The special terms require one person responsible for the information from receipt to disposal: the roster must have exactly one current `manager`.",
    ja: "情報の受領から破棄までを一元的に管理する責任者を設置すること。台帳に現任の manager がちょうど一名いなければならない。",
  },
  severity: "medium",
  controls: ["NIC-1-1", "IPA-C-3-3"],
  resourceTypes: ["itaku.roster"],
  appliesTo: ["live", "iac"],
  messages: {
    none: "The roster names no current manager (role `manager`)",
    several: "The roster names {count} current managers ({people}); exactly one is responsible",
  },
  remediation: { summary: "Mark exactly one current person with role `manager` in the roster." },
  check(ctx) {
    for (const roster of ctx.resources("itaku.roster")) {
      if (!ctx.roster) {
        ctx.unknown(roster, "No roster was given");
        continue;
      }
      const managers = ctx.roster.people.filter((p) => p.role === "manager" && isCurrentPerson(p, ctx.now));
      if (managers.length === 0) ctx.fail(roster, "none");
      else if (managers.length > 1) {
        ctx.fail(roster, "several", {
          count: managers.length,
          people: managers.map((p) => p.personId).join(", "),
        });
      } else ctx.pass(roster, { manager: managers[0]!.personId });
    }
  },
});
