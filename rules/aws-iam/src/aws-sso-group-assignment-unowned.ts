import { defineRule, hasLeft } from "@itaku/core";
import { holdersOf, permissionSetOf, ssoGroupOf } from "./identity-center";

export default defineRule({
  id: "aws-sso-group-assignment-unowned",
  title: {
    en: "Account assignments go to groups a roster person is in",
    ja: "アカウント割り当て先のグループには台帳の人員が所属している",
  },
  description: {
    en: "An Identity Center group holding an account assignment must have at least one current roster person among its members. An empty group, or one of unmatched users and leavers only, is access nobody on the roster answers for — whoever is added to it later gets the account silently.",
    ja: "アカウント割り当てを持つ IAM Identity Center グループには、台帳上の現任の人員が少なくとも一人所属していなければならない。空のグループや、台帳に対応しないユーザー・離任者だけのグループは、誰も責任を持たないアクセス権である。",
  },
  severity: "medium",
  controls: ["NIC-1-4-2-1"],
  resourceTypes: ["aws.sso.account-assignment"],
  reads: ["aws.sso.group", "aws.sso.user", "aws.sso.permission-set", "itaku.roster"],
  appliesTo: ["live"],
  messages: {
    unowned:
      "Group {group} holds permission set {permissionSet} in account {account}, and none of its {members} member(s) is a current roster person",
  },
  remediation: {
    summary:
      "Remove the assignment, or put the people who need it (on the roster) into the group and remove everyone else.",
    cli: "aws sso-admin delete-account-assignment --instance-arn ARN --target-id ACCOUNT --target-type AWS_ACCOUNT --permission-set-arn PS_ARN --principal-type GROUP --principal-id GROUP_ID",
  },
  check(ctx) {
    for (const assignment of ctx.resources("aws.sso.account-assignment")) {
      const a = assignment.attributes;
      if (a.principalType !== "GROUP") {
        ctx.notApplicable(assignment, "Assigned to a user, not a group");
        continue;
      }
      const group = ssoGroupOf(ctx, a.instanceArn, a.principalId);
      const members = holdersOf(ctx, assignment);
      if (!group || members === undefined) {
        ctx.unknown(assignment, "The group or its members were not collected");
        continue;
      }
      if (!ctx.roster) {
        ctx.unknown(assignment, "No roster was given to say who owns the group");
        continue;
      }
      const roster = ctx.roster;
      const current = members.flatMap((user) =>
        roster.ownersOfSsoUser(user.attributes).filter((p) => !hasLeft(p, ctx.now)),
      );
      const evidence = {
        group: group.attributes.displayName,
        members: members.map((u) => u.attributes.userName).sort(),
      };
      if (current.length > 0) {
        ctx.pass(assignment, { ...evidence, people: [...new Set(current.map((p) => p.personId))].sort() });
        continue;
      }
      ctx.fail(
        assignment,
        "unowned",
        {
          group: group.attributes.displayName,
          permissionSet: permissionSetOf(ctx, assignment)?.name ?? a.permissionSetArn,
          account: a.accountId,
          members: members.length,
        },
        evidence,
      );
    }
  },
});
