import { defineRule } from "@itaku/core";
import { z } from "zod";
import { passwordPolicyOf } from "./root-of-account";

export default defineRule({
  id: "aws-iam-password-policy",
  title: { en: "The password policy meets the minimums", ja: "パスワードポリシーが基準を満たしている" },
  description: {
    en: "The account password policy must set a minimum length, character classes, reuse prevention and an expiry, so that console passwords are neither blank, trivial nor kept for ever.",
    ja: "アカウントのパスワードポリシーで最小長・文字種・再利用防止・有効期限を定め、空・単純・無期限のパスワードを防ぐ。",
  },
  severity: "medium",
  controls: ["IPA-4.1-3", "NIC-1-4-4-2"],
  resourceTypes: ["aws.account"],
  reads: ["aws.iam.password-policy"],
  appliesTo: ["live", "iac"],
  options: z.object({
    minimumLength: z.number().int().min(6).max(128).default(14),
    requireSymbols: z.boolean().default(true),
    requireNumbers: z.boolean().default(true),
    requireUppercase: z.boolean().default(true),
    requireLowercase: z.boolean().default(true),
    reusePrevention: z.number().int().min(0).max(24).default(24),
    maxAgeDays: z.number().int().min(1).max(1095).nullable().default(90),
  }),
  optionDocs: {
    minimumLength: "Shortest allowed minimum password length (default 14).",
    requireSymbols: "The policy must require a symbol (default true).",
    requireNumbers: "The policy must require a digit (default true).",
    requireUppercase: "The policy must require an upper-case letter (default true).",
    requireLowercase: "The policy must require a lower-case letter (default true).",
    reusePrevention:
      "The policy must remember at least this many previous passwords (default 24; 0 turns the check off).",
    maxAgeDays:
      "Passwords must expire within this many days (default 90, as the guideline asks for expiry); null turns the check off.",
  },
  messages: {
    missing:
      "Account {account} has no password policy (AWS defaults: 8 characters, no expiry, no reuse prevention)",
    weak: "The password policy of account {account} is below the minimums: {problems}",
  },
  remediation: {
    summary: "Set the account password policy to the minimums (IAM → Account settings → Password policy).",
    cli: "aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --password-reuse-prevention 24 --max-password-age 90",
    pulumi:
      "new aws.iam.AccountPasswordPolicy('policy', { minimumPasswordLength: 14, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true, requireLowercaseCharacters: true, passwordReusePrevention: 24, maxPasswordAge: 90 })",
  },
  check(ctx, options) {
    for (const account of ctx.resources("aws.account")) {
      const policy = passwordPolicyOf(ctx, account);
      if (!policy) {
        const gap = ctx.gaps(account, "aws.iam.password-policy")[0];
        ctx.unknown(
          account,
          gap
            ? `The password policy could not be read (${gap.operation}: ${gap.code})`
            : "The password policy was not collected",
        );
        continue;
      }
      const p = policy.attributes;
      if (!p.present) {
        ctx.fail(account, "missing", { account: account.scope });
        continue;
      }
      const problems: string[] = [];
      const unread: string[] = [];
      const atLeast = (name: string, value: number | undefined, minimum: number, text: string) => {
        if (value === undefined) unread.push(name);
        else if (value < minimum) problems.push(text);
      };
      atLeast(
        "minimumLength",
        p.minimumLength,
        options.minimumLength,
        `minimum length ${p.minimumLength} < ${options.minimumLength}`,
      );
      for (const [name, required, value] of [
        ["symbols", options.requireSymbols, p.requireSymbols],
        ["numbers", options.requireNumbers, p.requireNumbers],
        ["upper-case letters", options.requireUppercase, p.requireUppercase],
        ["lower-case letters", options.requireLowercase, p.requireLowercase],
      ] as const) {
        if (required && value === undefined) unread.push(name);
        else if (required && !value) problems.push(`${name} not required`);
      }
      if (options.reusePrevention > 0) {
        if (p.reusePrevention === undefined) problems.push("no reuse prevention");
        else if (p.reusePrevention < options.reusePrevention)
          problems.push(`remembers ${p.reusePrevention} passwords < ${options.reusePrevention}`);
      }
      if (options.maxAgeDays !== null) {
        // An absent maximum age means passwords never expire (the collector leaves it out then).
        if (p.maxAgeDays === undefined) problems.push("passwords never expire");
        else if (p.maxAgeDays > options.maxAgeDays)
          problems.push(`passwords expire after ${p.maxAgeDays} days > ${options.maxAgeDays}`);
      }
      const evidence = { policy: p };
      if (problems.length > 0)
        ctx.fail(
          account,
          "weak",
          { account: account.scope, problems: problems.join("; ") },
          { ...evidence, problems },
        );
      else if (unread.length > 0)
        ctx.unknown(account, `Password policy settings not collected: ${unread.join(", ")}`, evidence);
      else ctx.pass(account, evidence);
    }
  },
});
