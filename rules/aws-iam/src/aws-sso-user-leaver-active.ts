import { daysBetween, defineRule, hasLeft } from "@itaku/core";
import { assignmentsOf } from "./identity-center";

export default defineRule({
  id: "aws-sso-user-leaver-active",
  title: {
    en: "Leavers' Identity Center users are disabled and unassigned",
    ja: "離任者の IAM Identity Center ユーザーは停止され、割り当てが外されている",
  },
  description: {
    en: "The Identity Center user of a roster person whose end date has passed must be disabled and hold no account assignment, directly or through a group: unneeded accounts are stopped at once. A user still listed under a current person is that person's and passes.",
    ja: "台帳の終了日を過ぎた人員の IAM Identity Center ユーザーは停止され、直接・グループ経由のいずれのアカウント割り当ても持ってはならない（不要なアカウントの即時停止）。",
  },
  severity: "critical",
  controls: ["NIC-1-4-2-4", "IPA-4.1-6"],
  resourceTypes: ["aws.sso.user"],
  // Assignments and groups matter only for leavers; their gaps are checked there, so that a gap does
  // not leave every current person's user unknown.
  reads: ["itaku.roster"],
  appliesTo: ["live"],
  messages: {
    stillEnabled:
      "Identity Center user {user} of {person} is still enabled, {days} days after their end date {endDate} ({assignments} account assignment(s))",
    stillAssigned:
      "Identity Center user {user} of {person} still holds {assignments} account assignment(s), {days} days after their end date {endDate}",
  },
  remediation: {
    summary:
      "Disable the user in Identity Center now and remove its account assignments and group memberships; delete it after the retention your procedure sets.",
    cli: "aws identitystore update-user --identity-store-id d-XXXXXXXXXX --user-id USER_ID --operations AttributePath=userStatus,AttributeValue=DISABLED",
  },
  check(ctx) {
    for (const user of ctx.resources("aws.sso.user")) {
      if (!ctx.roster) {
        ctx.unknown(user, "No roster was given, so leavers cannot be checked");
        continue;
      }
      const owners = ctx.roster.ownersOfSsoUser(user.attributes);
      const leavers = owners.filter((p) => hasLeft(p, ctx.now));
      if (leavers.length === 0 || leavers.length < owners.length) {
        ctx.pass(user, { leaver: false });
        continue;
      }
      const person = leavers[0]!;
      const held = assignmentsOf(ctx, user);
      const data = {
        user: user.attributes.userName,
        person: `${person.personId} (${person.name})`,
        days: daysBetween(`${person.endDate}T00:00:00Z`, ctx.now),
        endDate: person.endDate!,
      };
      const evidence = {
        person: person.personId,
        endDate: person.endDate,
        status: user.attributes.status ?? null,
        assignments: held?.map((a) => a.id),
      };
      if (user.attributes.status === "ENABLED") {
        ctx.fail(user, "stillEnabled", { ...data, assignments: held?.length ?? "unknown" }, evidence);
      } else if (held !== undefined && held.length > 0) {
        ctx.fail(user, "stillAssigned", { ...data, assignments: held.length }, evidence);
      } else if (user.attributes.status === undefined) {
        ctx.unknown(user, "Identity Center did not say whether the user is enabled", evidence);
      } else if (held === undefined) {
        ctx.unknown(user, "The user's group memberships were not collected", evidence);
      } else {
        const gaps = [...ctx.gaps(user, "aws.sso.account-assignment"), ...ctx.gaps(user, "aws.sso.group")];
        if (gaps.length > 0)
          ctx.unknown(user, "Not every account assignment could be read", { ...evidence, gaps });
        else ctx.pass(user, evidence);
      }
    }
  },
});
