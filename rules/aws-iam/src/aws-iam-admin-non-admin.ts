import { defineRule, type ResourceOf } from "@itaku/core";
import { z } from "zod";
import { adminPoliciesOf, reachOf } from "./admin-reach";

export default defineRule({
  id: "aws-iam-admin-non-admin",
  title: {
    en: "Only roster administrators hold administrator access",
    ja: "管理者権限は台帳で管理者とされた人員だけが持つ",
  },
  description: {
    en: "AdministratorAccess, or any policy allowing every action on every resource, may only be usable by IAM users whose roster owners are all marked admin: held directly, through a group, or through a role the user can assume. A group holding it is judged by its members, a role by whoever its trust policy admits (another account or a service fails: no roster person answers for it). Privileged accounts only for the minimum personnel.",
    ja: "AdministratorAccess や全リソースへの全操作を許すポリシー（直接またはグループ経由）は、台帳上の所有者が全員 admin のIAMユーザーだけが持てる。特権アカウントは必要最小限の人員に限る。",
  },
  severity: "critical",
  controls: ["NIC-1-4-2-1", "NIC-1-4-2-3"],
  resourceTypes: ["aws.iam.user", "aws.iam.group", "aws.iam.role"],
  reads: ["aws.iam.policy", "itaku.roster"],
  appliesTo: ["live", "iac"],
  options: z.object({
    allowedRoles: z.array(z.enum(["manager", "admin", "member", "auditor"])).default(["admin"]),
  }),
  optionDocs: { allowedRoles: 'Roster roles allowed to hold administrator access (default ["admin"]).' },
  messages: {
    notAdmin:
      "IAM user {user} holds administrator access ({via}) but belongs to {people}, not marked {roles} in the roster",
    noOwner: "IAM user {user} holds administrator access ({via}) and no roster person owns it",
    holders:
      "{kind} {name} holds administrator access ({via}) and users not owned by people marked {roles} in the roster can use it: {people}",
    roleOutside:
      "IAM role {role} holds administrator access ({via}) and can be assumed from outside the account: {accounts}",
    roleService:
      "IAM role {role} holds administrator access ({via}) and is assumed by {services}: whoever runs code there holds it",
  },
  remediation: {
    summary:
      "Take the user out of the administrators' group and detach administrator policies; if the person needs them, mark them admin in the roster with the client's approval.",
    cli: "aws iam remove-user-from-group --group-name admins --user-name NAME; aws iam detach-user-policy --user-name NAME --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
  },
  check(ctx, options) {
    // Roles holding administrator access, with who can assume them: their users hold it too.
    const adminRoles = ctx.resources("aws.iam.role").flatMap((role) => {
      if (role.attributes.serviceLinked) return [];
      const { admin, missing } = adminPoliciesOf(ctx, role);
      return [{ role, admin, missing, reach: admin.length > 0 ? reachOf(ctx, role) : undefined }];
    });
    // Each user's admin roles and each role's entry, gathered once: a search per user or role grows
    // with the whole organisation's roles and made the rule quadratic in the number of accounts.
    const adminRolesOfUser = new Map<ResourceOf<"aws.iam.user">, string[]>();
    for (const { role, reach } of adminRoles) {
      for (const user of new Set(reach?.users ?? [])) {
        const list = adminRolesOfUser.get(user);
        if (list) list.push(`role ${role.name}`);
        else adminRolesOfUser.set(user, [`role ${role.name}`]);
      }
    }
    const entryOf = new Map(adminRoles.map((entry) => [entry.role, entry]));
    const rolesOf = (user: ResourceOf<"aws.iam.user">) => adminRolesOfUser.get(user) ?? [];

    /** Roster people behind users that may not hold admin; `undefined` when there is no roster. */
    const outsiders = (users: readonly ResourceOf<"aws.iam.user">[]) => {
      if (!ctx.roster) return undefined;
      const out: string[] = [];
      for (const user of users) {
        const owners = ctx.roster.ownersOfAwsUser(user.scope, user.attributes.userName);
        if (owners.length === 0) out.push(`${user.attributes.userName} (no owner)`);
        for (const person of owners.filter((p) => !options.allowedRoles.includes(p.role)))
          out.push(`${user.attributes.userName} (${person.personId}, ${person.role})`);
      }
      return out;
    };
    const roles = options.allowedRoles.join(" or ");

    for (const user of ctx.resources("aws.iam.user")) {
      const own = adminPoliciesOf(ctx, user);
      const admin = [...own.admin, ...rolesOf(user)];
      const missing = own.missing;
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
      const others = owners.filter((p) => !options.allowedRoles.includes(p.role));
      if (others.length > 0) {
        ctx.fail(
          user,
          "notAdmin",
          {
            user: user.attributes.userName,
            via,
            people: others.map((p) => `${p.personId} (${p.role})`).join(", "),
            roles,
          },
          { via: admin, owners: owners.map((p) => ({ personId: p.personId, role: p.role })) },
        );
      } else ctx.pass(user, { via: admin, owners: owners.map((p) => p.personId) });
    }

    for (const group of ctx.resources("aws.iam.group")) {
      const { admin, missing } = adminPoliciesOf(ctx, group);
      if (admin.length === 0) {
        if (missing.length > 0)
          ctx.unknown(group, `Policies not collected: ${missing.join(", ")}`, { missing });
        else ctx.pass(group, { admin: false });
        continue;
      }
      // Members as the group lists them and as the users list their groups (IaC may record either).
      const members = ctx
        .inScope("aws.iam.user", group.scope)
        .filter(
          (user) =>
            group.attributes.members.includes(user.attributes.userName) ||
            user.attributes.groups.includes(group.attributes.groupName),
        );
      judgeHolders(group, "IAM group", admin, members);
    }

    for (const role of ctx.resources("aws.iam.role")) {
      if (role.attributes.serviceLinked) {
        ctx.notApplicable(role, "Service-linked role: AWS owns its permissions");
        continue;
      }
      const entry = entryOf.get(role)!;
      if (!entry.reach) {
        if (entry.missing.length > 0)
          ctx.unknown(role, `Policies not collected: ${entry.missing.join(", ")}`, {
            missing: entry.missing,
          });
        else ctx.pass(role, { admin: false });
        continue;
      }
      const { outside, services, federated, users } = entry.reach;
      const via = entry.admin.join(", ");
      if (outside.length > 0) {
        ctx.fail(
          role,
          "roleOutside",
          { role: role.name, via, accounts: outside.join(", ") },
          { via: entry.admin, outside },
        );
      } else if (services.length > 0) {
        ctx.fail(
          role,
          "roleService",
          { role: role.name, via, services: services.join(", ") },
          { via: entry.admin, services },
        );
      } else if (federated.length > 0) {
        ctx.unknown(
          role,
          `Holds administrator access (${via}) and trusts federated identities (${federated.join(", ")}) that the roster cannot be matched against`,
          { via: entry.admin, federated },
        );
      } else judgeHolders(role, "IAM role", entry.admin, users);
    }

    /** A group or role holding admin passes when every user who can use it belongs to allowed people. */
    function judgeHolders(
      holder: ResourceOf<"aws.iam.group"> | ResourceOf<"aws.iam.role">,
      kind: string,
      admin: string[],
      users: readonly ResourceOf<"aws.iam.user">[],
    ) {
      const names = users.map((u) => u.attributes.userName).sort();
      const others = outsiders(users);
      if (others === undefined) {
        ctx.unknown(holder, `Holds administrator access, and no roster was given to say who may use it`, {
          via: admin,
          users: names,
        });
      } else if (others.length > 0) {
        ctx.fail(
          holder,
          "holders",
          { kind, name: holder.name, via: admin.join(", "), people: others.join(", "), roles },
          { via: admin, users: names, outsiders: others },
        );
      } else ctx.pass(holder, { via: admin, users: names });
    }
  },
});
