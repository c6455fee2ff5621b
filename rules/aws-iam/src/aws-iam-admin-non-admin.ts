import { defineRule } from "@itaku/core";
import { z } from "zod";
import { grantsAdmin, policiesOf } from "./policies";

export default defineRule({
  id: "aws-iam-admin-non-admin",
  title: {
    en: "Only roster administrators hold administrator access",
    ja: "管理者権限は台帳で管理者とされた人員だけが持つ",
  },
  description: {
    en: "AdministratorAccess, or any policy allowing every action on every resource, directly or through a group, may only be held by IAM users whose roster owners are all marked admin: privileged accounts only for the minimum personnel.",
    ja: "AdministratorAccess や全リソースへの全操作を許すポリシー（直接またはグループ経由）は、台帳上の所有者が全員 admin のIAMユーザーだけが持てる。特権アカウントは必要最小限の人員に限る。",
  },
  severity: "critical",
  controls: ["NIC-1-4-2-1", "NIC-1-4-2-3"],
  resourceTypes: ["aws.iam.user"],
  reads: ["aws.iam.group", "aws.iam.policy", "itaku.roster"],
  appliesTo: ["live", "iac"],
  options: z.object({
    allowedRoles: z.array(z.enum(["manager", "admin", "member", "auditor"])).default(["admin"]),
  }),
  optionDocs: { allowedRoles: 'Roster roles allowed to hold administrator access (default ["admin"]).' },
  messages: {
    notAdmin:
      "IAM user {user} holds administrator access ({via}) but belongs to {people}, not marked {roles} in the roster",
    noOwner: "IAM user {user} holds administrator access ({via}) and no roster person owns it",
  },
  remediation: {
    summary:
      "Take the user out of the administrators' group and detach administrator policies; if the person needs them, mark them admin in the roster with the client's approval.",
    cli: "aws iam remove-user-from-group --group-name admins --user-name NAME; aws iam detach-user-policy --user-name NAME --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
  },
  check(ctx, options) {
    for (const user of ctx.resources("aws.iam.user")) {
      const { held, missing } = policiesOf(ctx, user, { throughGroups: true });
      const admin = held.filter((p) => grantsAdmin(p.document)).map((p) => p.label);
      if (admin.length === 0) {
        if (missing.length > 0)
          ctx.unknown(user, `Policies not collected: ${missing.join(", ")}`, { missing });
        else ctx.pass(user, { admin: false });
        continue;
      }
      if (!ctx.roster) {
        ctx.unknown(user, "The user holds administrator access, and no roster was given to say who may", {
          via: admin,
        });
        continue;
      }
      const owners = ctx.roster.ownersOfAwsUser(user.scope, user.attributes.userName);
      const via = admin.join(", ");
      if (owners.length === 0) {
        ctx.fail(user, "noOwner", { user: user.attributes.userName, via }, { via: admin });
        continue;
      }
      const outsiders = owners.filter((p) => !options.allowedRoles.includes(p.role));
      if (outsiders.length > 0) {
        ctx.fail(
          user,
          "notAdmin",
          {
            user: user.attributes.userName,
            via,
            people: outsiders.map((p) => `${p.personId} (${p.role})`).join(", "),
            roles: options.allowedRoles.join(" or "),
          },
          { via: admin, owners: owners.map((p) => ({ personId: p.personId, role: p.role })) },
        );
      } else ctx.pass(user, { via: admin, owners: owners.map((p) => p.personId) });
    }
  },
});
