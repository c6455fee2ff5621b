import { daysBetween, defineRule } from "@itaku/core";
import { z } from "zod";
import { rootMissingReason, rootOf } from "./root-of-account";

export default defineRule({
  id: "aws-iam-root-used-recently",
  title: { en: "The root user is not used for daily work", ja: "ルートユーザーが日常業務に使われていない" },
  description: {
    en: "Root is one shared identity, not a person's account: work done as root cannot be attributed to an individual. A recent sign-in or key use shows root is in use rather than locked away.",
    ja: "ルートは個人のアカウントではなく共有の識別子であり、ルートでの作業は個人に帰属できない。最近のサインインやキー使用は、ルートが封印されず使われていることを示す。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-2", "IPA-4.1-1", "NIC-1-4-2-1"],
  resourceTypes: ["aws.account"],
  reads: ["aws.iam.root"],
  appliesTo: ["live"],
  options: z.object({ windowDays: z.number().int().positive().default(90) }),
  optionDocs: {
    windowDays:
      "A root password sign-in or root access-key use within this many days before the evaluation fails (default 90). Waive the finding for the rare tasks that need root.",
  },
  messages: {
    passwordUsed: "The root user of account {account} signed in {days} day(s) ago",
    keyUsed: "A root access key of account {account} was used {days} day(s) ago",
  },
  remediation: {
    summary:
      "Do daily work with named IAM users or roles; keep root's credentials sealed with the manager and record each use (the few tasks that need root) in a waiver.",
  },
  check(ctx, options) {
    for (const account of ctx.resources("aws.account")) {
      const root = rootOf(ctx, account);
      if (!root) {
        ctx.unknown(account, rootMissingReason(ctx, account));
        continue;
      }
      const { passwordLastUsedAt, accessKeys } = root.attributes;
      const passwordDays = passwordLastUsedAt ? daysBetween(passwordLastUsedAt, ctx.now) : undefined;
      const keyDays = accessKeys
        .map((key) => (key.lastUsedAt ? daysBetween(key.lastUsedAt, ctx.now) : undefined))
        .filter((days): days is number => days !== undefined)
        .sort((a, b) => a - b)[0];
      const evidence = { passwordLastUsedAt, keysLastUsedAt: accessKeys.map((k) => k.lastUsedAt) };
      if (passwordDays !== undefined && passwordDays < options.windowDays) {
        ctx.fail(
          account,
          "passwordUsed",
          { account: account.scope, days: Math.max(0, passwordDays) },
          evidence,
        );
      } else if (keyDays !== undefined && keyDays < options.windowDays) {
        ctx.fail(account, "keyUsed", { account: account.scope, days: Math.max(0, keyDays) }, evidence);
      } else ctx.pass(account, evidence);
    }
  },
});
