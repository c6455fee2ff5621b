import { daysBetween, defineRule } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "aws-iam-user-console-stale",
  title: { en: "Console passwords are in use", ja: "使われていないコンソールパスワードがない" },
  description: {
    en: "A console password nobody has used for a long time — or never used since it was set — belongs to an account that is no longer needed and must be disabled.",
    ja: "長期間（または設定以来一度も）使われていないコンソールパスワードは不要なアカウントのものであり、停止しなければならない。",
  },
  severity: "medium",
  controls: ["NIC-1-4-2-4", "NIC-1-4-2-5", "IPA-4.1-6"],
  resourceTypes: ["aws.iam.user"],
  appliesTo: ["live"],
  options: z.object({ maxDaysUnused: z.number().int().positive().default(90) }),
  optionDocs: {
    maxDaysUnused:
      "Days without a console sign-in after which the password fails (default 90). A password never used fails once it is older than this, counted from when it was set.",
  },
  messages: {
    unused: "IAM user {user} has not signed in to the console for {days} days",
    neverUsed: "IAM user {user} has never used the console password set {days} days ago",
  },
  remediation: {
    summary:
      "Remove the console password of users who do not sign in (or disable the user), and delete users nobody needs.",
    cli: "aws iam delete-login-profile --user-name NAME",
  },
  check(ctx, options) {
    for (const user of ctx.resources("aws.iam.user")) {
      const { passwordEnabled, passwordLastUsedAt, passwordLastChangedAt, createdAt, userName } =
        user.attributes;
      if (passwordEnabled === undefined) {
        ctx.unknown(user, "Whether the user has a console password was not collected");
        continue;
      }
      if (!passwordEnabled) {
        ctx.notApplicable(user, "No console password");
        continue;
      }
      if (passwordLastUsedAt === undefined) {
        ctx.unknown(user, "When the console password was last used was not collected");
        continue;
      }
      if (passwordLastUsedAt !== null) {
        const days = daysBetween(passwordLastUsedAt, ctx.now);
        if (days > options.maxDaysUnused)
          ctx.fail(user, "unused", { user: userName, days }, { passwordLastUsedAt });
        else ctx.pass(user, { passwordLastUsedAt });
        continue;
      }
      const setAt = passwordLastChangedAt ?? createdAt;
      const days = daysBetween(setAt, ctx.now);
      if (days > options.maxDaysUnused)
        ctx.fail(user, "neverUsed", { user: userName, days }, { passwordSetAt: setAt });
      else ctx.pass(user, { passwordSetAt: setAt, neverUsed: true });
    }
  },
});
