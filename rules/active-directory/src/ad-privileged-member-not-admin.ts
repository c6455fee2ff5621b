import { defineRule, isCurrentPerson, ROSTER_ROLES, viewAccount } from "@itaku/core";
import { z } from "zod";
import { privilegedGroupNames } from "./domain";

export default defineRule({
  id: "ad-privileged-member-not-admin",
  title: {
    en: "Only roster administrators hold privileged AD groups",
    ja: "AD の特権グループは台帳上の管理者だけが持つ",
  },
  description: {
    en: "Privileged accounts are for the minimum personnel. An enabled user in Domain, Schema or Enterprise Admins, Administrators or an Operators group — directly, nested or through its primary group — must belong to a current roster person whose role allows it (admin by default).",
    ja: "特権アカウントは必要最小限の従事者に限ります。Domain Admins・Schema Admins・Enterprise Admins・Administrators・各 Operators グループに（直接、入れ子、またはプライマリグループで）属する有効なユーザーは、その役割が許す現在の台帳上の人物（既定は admin）のものでなければなりません。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-1", "NIC-1-2-2-1", "IPA-4.1-6"],
  resourceTypes: ["ad.user"],
  reads: ["ad.group"],
  appliesTo: ["live", "iac"],
  options: z.object({ allowedRoles: z.array(z.enum(ROSTER_ROLES)).min(1).default(["admin"]) }).strict(),
  optionDocs: { allowedRoles: "Roster roles whose people may hold privileged AD groups." },
  messages: {
    notAdmin: "{account} (member of {groups}) belongs to {people}, who is not a roster {roles}",
    unowned: "{account} (member of {groups}) belongs to no current roster person",
  },
  remediation: {
    summary:
      "Remove the account from the privileged groups, or record its owner in the roster with an allowed role; give administrators separate admin accounts.",
    cli: "Remove-ADGroupMember -Identity 'Domain Admins' -Members <sAMAccountName>",
  },
  check(ctx, { allowedRoles }) {
    for (const user of ctx.resources("ad.user")) {
      const rids = user.attributes.privilegedGroupRids;
      if (!user.attributes.enabled) {
        ctx.notApplicable(user, "The account is disabled");
        continue;
      }
      if (rids.length === 0) {
        ctx.pass(user, { privilegedGroupRids: [] });
        continue;
      }
      const groups = privilegedGroupNames(ctx, user.scope, rids).join(", ");
      if (!ctx.roster) {
        ctx.unknown(user, "No roster was given, so the owner of this privileged account is not known", {
          groups,
        });
        continue;
      }
      const owners = viewAccount(ctx, user).owners ?? [];
      const current = owners.filter((person) => isCurrentPerson(person, ctx.now));
      const evidence = {
        privilegedGroupRids: rids,
        owners: owners.map((p) => ({
          personId: p.personId,
          role: p.role,
          current: current.includes(p),
          origin: p.origin,
        })),
      };
      if (current.some((person) => allowedRoles.includes(person.role))) ctx.pass(user, evidence);
      else if (current.length === 0) ctx.fail(user, "unowned", { account: user.name, groups }, evidence);
      else {
        const people = current.map((p) => `${p.name} (${p.personId}, ${p.role})`).join(", ");
        ctx.fail(
          user,
          "notAdmin",
          { account: user.name, groups, people, roles: allowedRoles.join(" or ") },
          evidence,
        );
      }
    }
  },
});
