import { daysBetween, defineRule } from "@itaku/core";
import { z } from "zod";
import { activeAccessKeys } from "./access-keys";

export default defineRule({
  id: "aws-iam-access-key-rotation",
  title: { en: "Access keys are rotated", ja: "アクセスキーが定期的に更新されている" },
  description: {
    en: "Long-lived keys are passwords that never expire: an active key older than the rotation period must be replaced, as the guideline asks of passwords.",
    ja: "長期間のアクセスキーは期限のないパスワードと同じであり、更新期間を超えた有効なキーは、パスワードと同様に更新しなければならない。",
  },
  severity: "medium",
  controls: ["IPA-4.1-3", "IPA-4.1-6"],
  resourceTypes: ["aws.iam.user"],
  appliesTo: ["live"],
  options: z.object({ maxAgeDays: z.number().int().positive().default(90) }),
  optionDocs: {
    maxAgeDays: "Days since creation (last rotation) after which an active key fails (default 90).",
  },
  messages: {
    old: "Access key {key} of IAM user {user} is {days} days old (rotate every {maxAgeDays} days)",
  },
  remediation: {
    summary:
      "Create a new key, switch the workload to it, deactivate and then delete the old one; better, move the workload to an IAM role.",
    cli: "aws iam create-access-key --user-name NAME && aws iam update-access-key --user-name NAME --access-key-id OLD --status Inactive",
  },
  check(ctx, options) {
    for (const user of ctx.resources("aws.iam.user")) {
      const active = activeAccessKeys(ctx, user);
      if (!active) continue;
      const { userName } = user.attributes;
      const ages = active.map((key) => ({ id: key.id, days: daysBetween(key.createdAt, ctx.now) }));
      const oldest = [...ages].sort((a, b) => b.days - a.days)[0]!;
      if (oldest.days > options.maxAgeDays) {
        ctx.fail(
          user,
          "old",
          { key: oldest.id, user: userName, days: oldest.days, maxAgeDays: options.maxAgeDays },
          { keys: ages },
        );
      } else ctx.pass(user, { keys: ages });
    }
  },
});
