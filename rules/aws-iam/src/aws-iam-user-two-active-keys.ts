import { defineRule } from "@itaku/core";

export default defineRule({
  id: "aws-iam-user-two-active-keys",
  title: { en: "No user has two active access keys", ja: "2つの有効なアクセスキーを持つユーザーがいない" },
  description: {
    en: "Two active keys are only needed during a rotation; kept longer, one of them is an unneeded credential, often a copy handed to someone else.",
    ja: "有効なキーが2つ必要なのは更新作業中だけである。それ以上残すと一方は不要な認証情報であり、他人に渡された複製であることも多い。",
  },
  severity: "low",
  controls: ["NIC-1-4-2-4", "IPA-4.1-6"],
  resourceTypes: ["aws.iam.user"],
  appliesTo: ["live"],
  messages: { twoActive: "IAM user {user} has two active access keys" },
  remediation: {
    summary:
      "Finish the rotation: deactivate the key no longer used (see the last-used dates), then delete it.",
    cli: "aws iam update-access-key --user-name NAME --access-key-id KEY --status Inactive",
  },
  check(ctx) {
    for (const user of ctx.resources("aws.iam.user")) {
      const { accessKeys, userName } = user.attributes;
      if (accessKeys === undefined) ctx.unknown(user, "The user's access keys were not collected");
      else if (accessKeys.filter((k) => k.active).length > 1) {
        ctx.fail(
          user,
          "twoActive",
          { user: userName },
          { keys: accessKeys.map((k) => ({ id: k.id, active: k.active, lastUsedAt: k.lastUsedAt })) },
        );
      } else ctx.pass(user);
    }
  },
});
