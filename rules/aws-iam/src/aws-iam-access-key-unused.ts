import { daysBetween, defineRule } from "@itaku/core";
import { z } from "zod";
import { activeAccessKeys } from "./access-keys";

export default defineRule({
  id: "aws-iam-access-key-unused",
  title: { en: "Active access keys are in use", ja: "使われていない有効なアクセスキーがない" },
  description: {
    en: "An active access key unused for a long time, or never used since it was created, is a credential nobody needs that still works; it must be deactivated. New keys get a short grace period.",
    ja: "長期間使われていない、または作成以来一度も使われていない有効なアクセスキーは、不要なのに使える認証情報であり無効化しなければならない。新しいキーには短い猶予期間がある。",
  },
  severity: "medium",
  controls: ["NIC-1-4-2-4", "IPA-4.1-6"],
  resourceTypes: ["aws.iam.user"],
  appliesTo: ["live"],
  options: z.object({
    maxDaysUnused: z.number().int().positive().default(90),
    newKeyGraceDays: z.number().int().nonnegative().default(7),
  }),
  optionDocs: {
    maxDaysUnused: "Days since an active key's last use after which it fails (default 90).",
    newKeyGraceDays:
      "Days a key may exist without any use before it fails as never used (default 7): enough to deploy it, short enough that spare keys are caught.",
  },
  messages: {
    unused: "Access key {key} of IAM user {user} is active but unused for {days} days",
    neverUsed:
      "Access key {key} of IAM user {user} is active but never used since it was created {days} days ago",
  },
  remediation: {
    summary: "Deactivate keys nobody uses, then delete them; prefer IAM roles to long-lived keys.",
    cli: "aws iam update-access-key --user-name NAME --access-key-id KEY --status Inactive",
  },
  check(ctx, options) {
    for (const user of ctx.resources("aws.iam.user")) {
      const active = activeAccessKeys(ctx, user);
      if (!active) continue;
      const { userName } = user.attributes;
      let problem: { messageId: "unused" | "neverUsed"; key: string; days: number } | undefined;
      for (const key of active) {
        if (key.lastUsedAt) {
          const days = daysBetween(key.lastUsedAt, ctx.now);
          if (days > options.maxDaysUnused) problem ??= { messageId: "unused", key: key.id, days };
        } else {
          const days = daysBetween(key.createdAt, ctx.now);
          if (days > options.newKeyGraceDays) problem ??= { messageId: "neverUsed", key: key.id, days };
        }
      }
      const evidence = {
        keys: active.map((k) => ({ id: k.id, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt })),
      };
      if (problem)
        ctx.fail(user, problem.messageId, { key: problem.key, user: userName, days: problem.days }, evidence);
      else ctx.pass(user, evidence);
    }
  },
});
