import { defineRule } from "@itaku/core";

export default defineRule({
  id: "aws-sso-user-unmatched",
  title: {
    en: "Every Identity Center user is one roster person",
    ja: "IAM Identity Center の各ユーザーは台帳の一人に対応する",
  },
  description: {
    en: "An IAM Identity Center user must belong to exactly one roster person, matched by e-mail (any of the user's addresses, or a user name that is an address) or else by user name against the person id. A user nobody on the roster answers for, or one several people share, breaks one account per person.",
    ja: "IAM Identity Center のユーザーは、メールアドレス（またはアドレス形式のユーザー名）か、ユーザー名と人員IDの一致で、台帳のちょうど一人に対応しなければならない。対応する人員がいない・複数人で共有しているユーザーは、アカウントの個人単位付与に反する。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-2", "NIC-1-4-2-1", "IPA-4.1-1"],
  resourceTypes: ["aws.sso.user"],
  reads: ["itaku.roster"],
  appliesTo: ["live"],
  messages: {
    noPerson: "Identity Center user {user} matches no roster person (by e-mail or user name)",
    shared: "Identity Center user {user} matches several roster people: {people}",
  },
  remediation: {
    summary:
      "Add the person to the roster with the user's e-mail, or delete the user; give each person their own user.",
    cli: "aws identitystore delete-user --identity-store-id d-XXXXXXXXXX --user-id USER_ID",
  },
  check(ctx) {
    for (const user of ctx.resources("aws.sso.user")) {
      if (!ctx.roster) {
        ctx.unknown(user, "No roster was given to match Identity Center users against");
        continue;
      }
      const owners = ctx.roster.ownersOfSsoUser(user.attributes);
      const evidence = { userName: user.attributes.userName, emails: user.attributes.emails };
      if (owners.length === 0) ctx.fail(user, "noPerson", { user: user.attributes.userName }, evidence);
      else if (owners.length > 1)
        ctx.fail(
          user,
          "shared",
          { user: user.attributes.userName, people: owners.map((p) => p.personId).join(", ") },
          { ...evidence, people: owners.map((p) => p.personId) },
        );
      else ctx.pass(user, { ...evidence, person: owners[0]!.personId });
    }
  },
});
