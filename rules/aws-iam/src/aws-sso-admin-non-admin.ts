import { defineRule } from "@itaku/core";
import { z } from "zod";
import { adminGrantsOf, holdersOf, permissionSetOf, principalLabel } from "./identity-center";

export default defineRule({
  id: "aws-sso-admin-non-admin",
  title: {
    en: "Only roster administrators hold administrator permission sets",
    ja: "管理者権限の許可セットは台帳で管理者とされた人員だけに割り当てる",
  },
  description: {
    en: "An Identity Center account assignment of a permission set with administrator access (AWS's AdministratorAccess, or an inline policy allowing every action on every resource) may only reach users whose roster people are all marked admin: the assigned user, or every member of the assigned group. Customer managed policies a permission set references are defined in each account and are not judged here.",
    ja: "管理者権限（AdministratorAccess、または全リソースへの全操作を許すインラインポリシー）を持つ許可セットの割り当ては、台帳で admin とされた人員のユーザー（グループなら全メンバー）だけに届いてよい。特権は必要最小限の人員に限る。",
  },
  severity: "critical",
  controls: ["NIC-1-4-2-1", "NIC-1-4-2-3"],
  resourceTypes: ["aws.sso.account-assignment"],
  reads: ["aws.sso.permission-set", "aws.sso.user", "aws.sso.group", "itaku.roster"],
  appliesTo: ["live"],
  options: z.object({
    allowedRoles: z.array(z.enum(["manager", "admin", "member", "auditor"])).default(["admin"]),
  }),
  optionDocs: { allowedRoles: 'Roster roles allowed to hold administrator access (default ["admin"]).' },
  messages: {
    notAdmin:
      "Permission set {permissionSet} ({via}) is assigned in account {account} to {principal}, reaching people not marked {roles} in the roster: {people}",
  },
  remediation: {
    summary:
      "Remove the assignment, or assign a narrower permission set; if the person needs administrator access, mark them admin in the roster with the client's approval.",
    cli: "aws sso-admin delete-account-assignment --instance-arn ARN --target-id ACCOUNT --target-type AWS_ACCOUNT --permission-set-arn PS_ARN --principal-type USER --principal-id ID",
  },
  check(ctx, options) {
    const roles = options.allowedRoles.join(" or ");
    for (const assignment of ctx.resources("aws.sso.account-assignment")) {
      const set = permissionSetOf(ctx, assignment);
      const grants = set ? adminGrantsOf(set) : undefined;
      if (!set || grants === undefined) {
        ctx.unknown(assignment, "The permission set's policies were not collected");
        continue;
      }
      if (grants.length === 0) {
        ctx.pass(assignment, { admin: false, permissionSet: set.name });
        continue;
      }
      if (!ctx.roster) {
        ctx.unknown(
          assignment,
          "An administrator permission set is assigned, and no roster says who may hold it",
        );
        continue;
      }
      const holders = holdersOf(ctx, assignment);
      if (holders === undefined) {
        ctx.unknown(assignment, "The group's members were not collected", { permissionSet: set.name });
        continue;
      }
      const outsiders: string[] = [];
      for (const user of holders) {
        const owners = ctx.roster.ownersOfSsoUser(user.attributes);
        if (owners.length === 0) outsiders.push(`${user.attributes.userName} (no roster person)`);
        for (const person of owners.filter((p) => !options.allowedRoles.includes(p.role)))
          outsiders.push(`${user.attributes.userName} (${person.personId}, ${person.role})`);
      }
      const evidence = {
        permissionSet: set.name,
        via: grants,
        users: holders.map((u) => u.attributes.userName).sort(),
      };
      if (outsiders.length === 0) {
        ctx.pass(assignment, evidence);
        continue;
      }
      ctx.fail(
        assignment,
        "notAdmin",
        {
          permissionSet: set.name,
          via: grants.join(", "),
          account: assignment.attributes.accountId,
          principal: principalLabel(ctx, assignment),
          people: outsiders.join(", "),
          roles,
        },
        { ...evidence, outsiders },
      );
    }
  },
});
