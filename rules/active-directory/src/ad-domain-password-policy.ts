import { defineRule, type ResourceOf } from "@itaku/core";
import { z } from "zod";

type Policy = NonNullable<ResourceOf<"ad.domain">["attributes"]["passwordPolicy"]>;

const options = z
  .object({
    minLength: z.number().int().positive().default(8),
    maxAgeDays: z.number().int().positive().nullable().default(90),
    minHistory: z.number().int().nonnegative().default(5),
    requireComplexity: z.boolean().default(true),
    maxLockoutThreshold: z.number().int().positive().default(10),
    minLockoutDurationMinutes: z.number().int().nonnegative().default(15),
  })
  .strict();
type Options = z.output<typeof options>;

type Problem =
  | "reversibleEncryption"
  | "minLength"
  | "complexity"
  | "noExpiry"
  | "maxAge"
  | "history"
  | "noLockout"
  | "lockoutThreshold"
  | "lockoutDuration";

/** Every shortfall of one policy, most serious first. */
function shortfalls(policy: Policy, o: Options): { problem: Problem; text: string }[] {
  const found: { problem: Problem; text: string }[] = [];
  if (policy.reversibleEncryption)
    found.push({ problem: "reversibleEncryption", text: "passwords stored with reversible encryption" });
  if (policy.minLength < o.minLength)
    found.push({ problem: "minLength", text: `minimum length ${policy.minLength} < ${o.minLength}` });
  if (o.requireComplexity && !policy.complexity)
    found.push({ problem: "complexity", text: "complexity not required" });
  if (o.maxAgeDays !== null && policy.maxAgeDays === null)
    found.push({ problem: "noExpiry", text: "passwords never expire" });
  else if (o.maxAgeDays !== null && policy.maxAgeDays !== null && policy.maxAgeDays > o.maxAgeDays) {
    found.push({ problem: "maxAge", text: `maximum age ${policy.maxAgeDays} days > ${o.maxAgeDays}` });
  }
  if (policy.historyLength < o.minHistory)
    found.push({ problem: "history", text: `history ${policy.historyLength} < ${o.minHistory}` });
  if (policy.lockoutThreshold === 0) found.push({ problem: "noLockout", text: "accounts never lock out" });
  else {
    if (policy.lockoutThreshold > o.maxLockoutThreshold) {
      found.push({
        problem: "lockoutThreshold",
        text: `lockout after ${policy.lockoutThreshold} attempts > ${o.maxLockoutThreshold}`,
      });
    }
    if (
      policy.lockoutDurationMinutes !== null &&
      policy.lockoutDurationMinutes < o.minLockoutDurationMinutes
    ) {
      found.push({
        problem: "lockoutDuration",
        text: `lockout lasts ${policy.lockoutDurationMinutes} minutes < ${o.minLockoutDurationMinutes}`,
      });
    }
  }
  return found;
}

export default defineRule({
  id: "ad-domain-password-policy",
  title: {
    en: "The domain password and lockout policy meets the minimums",
    ja: "ドメインのパスワード・ロックアウトポリシーが基準を満たす",
  },
  description: {
    en: "The guideline asks for password expiry and no trivial passwords. Checks the domain's default policy — minimum length, complexity, maximum age, history, reversible encryption, lockout threshold and duration — and every readable fine-grained password policy against configurable minimums.",
    ja: "ガイドラインはパスワードの有効期限と推測されやすいパスワードの禁止を求めています。ドメインの既定ポリシー（最小長、複雑さ、最長有効期間、履歴、可逆暗号化、ロックアウトのしきい値と期間）と、読み取れたすべての細かい設定のパスワードポリシーを、設定できる基準と比べます。",
  },
  severity: "high",
  controls: ["IPA-4.1-3", "NIC-1-4-4-2"],
  resourceTypes: ["ad.domain"],
  appliesTo: ["live", "iac"],
  options,
  optionDocs: {
    minLength: "Shortest minimum password length accepted.",
    maxAgeDays: "Longest maximum password age accepted, in days; null accepts passwords that never expire.",
    minHistory: "Fewest remembered passwords accepted.",
    requireComplexity: "Whether the complexity requirement must be on.",
    maxLockoutThreshold: "Most failed attempts before lockout accepted (0, never locking out, always fails).",
    minLockoutDurationMinutes:
      "Shortest lockout accepted, in minutes (locking until an administrator unlocks passes).",
  },
  messages: {
    reversibleEncryption: "Domain {domain} stores passwords with reversible encryption ({all})",
    minLength: "Domain {domain} accepts passwords shorter than {min} characters ({all})",
    complexity: "Domain {domain} does not require complex passwords ({all})",
    noExpiry: "Passwords in domain {domain} never expire ({all})",
    maxAge: "Passwords in domain {domain} expire after more than {maxAge} days ({all})",
    history: "Domain {domain} remembers fewer than {history} passwords ({all})",
    noLockout: "Accounts in domain {domain} never lock out after failed logons ({all})",
    lockoutThreshold:
      "Accounts in domain {domain} lock out only after more than {threshold} failed logons ({all})",
    lockoutDuration: "Locked accounts in domain {domain} unlock in less than {duration} minutes ({all})",
    fineGrainedWeak: "Fine-grained password policy {policy} of domain {domain} is below the minimums ({all})",
  },
  remediation: {
    summary: "Raise the Default Domain Policy (and weaker fine-grained policies) to the minimums.",
    cli: "Set-ADDefaultDomainPasswordPolicy -Identity <domain> -MinPasswordLength 8 -ComplexityEnabled $true -MaxPasswordAge 90.00:00:00 -PasswordHistoryCount 5 -LockoutThreshold 10 -LockoutDuration 00:15:00 -ReversibleEncryptionEnabled $false",
  },
  check(ctx, o) {
    for (const domain of ctx.resources("ad.domain")) {
      const policy = domain.attributes.passwordPolicy;
      if (!policy) {
        ctx.unknown(domain, "The domain password policy was not readable");
        continue;
      }
      const weakFineGrained = (domain.attributes.fineGrainedPasswordPolicies ?? [])
        .map((pso) => ({ pso, found: shortfalls(pso, o) }))
        .filter(({ found }) => found.length > 0);
      const evidence = {
        passwordPolicy: policy,
        shortfalls: shortfalls(policy, o).map((s) => s.problem),
        fineGrained: weakFineGrained.map(({ pso, found }) => ({
          name: pso.name,
          appliesTo: pso.appliesTo,
          shortfalls: found.map((s) => s.problem),
        })),
      };
      const found = shortfalls(policy, o);
      const data = {
        domain: domain.name,
        min: o.minLength,
        maxAge: o.maxAgeDays ?? 0,
        history: o.minHistory,
        threshold: o.maxLockoutThreshold,
        duration: o.minLockoutDurationMinutes,
      };
      if (found.length > 0) {
        ctx.fail(domain, found[0]!.problem, { ...data, all: found.map((s) => s.text).join("; ") }, evidence);
      } else if (weakFineGrained.length > 0) {
        const { pso, found: psoFound } = weakFineGrained[0]!;
        ctx.fail(
          domain,
          "fineGrainedWeak",
          { ...data, policy: pso.name, all: psoFound.map((s) => s.text).join("; ") },
          evidence,
        );
      } else ctx.pass(domain, evidence);
    }
  },
});
