import { defineRule, type PolicyStatement } from "@itaku/core";
import { z } from "zod";
import { asList, statementsOf } from "./policies";

export default defineRule({
  id: "aws-iam-role-trust-external",
  title: {
    en: "Roles trust only approved outside accounts",
    ja: "外部アカウントを信頼するロールは承認済みの再委託先に限られる",
  },
  description: {
    en: "A role whose trust policy admits another AWS account hands that account access to the information: it must be an approved subcontractor in the config (the client's written consent), an account the config trusts explicitly, or one of the vendor's own accounts scanned together.",
    ja: "信頼ポリシーで他のAWSアカウントを受け入れるロールは、そのアカウントに情報へのアクセスを渡す。設定で承認済みの再委託先（委託元の書面承諾）、明示的に信頼したアカウント、または同時にスキャンした委託先自身のアカウントでなければならない。",
  },
  severity: "high",
  controls: ["NIC-1-7", "IPA-R-1", "NIC-1-2-2-1"],
  resourceTypes: ["aws.iam.role"],
  // The accounts scanned together trust each other: every account of the run must be in view.
  crossScope: ["aws.account"],
  appliesTo: ["live", "iac"],
  options: z.object({ trustedAccountIds: z.array(z.string().regex(/^\d{12}$/)).default([]) }),
  optionDocs: {
    trustedAccountIds:
      "Accounts other than subcontractors that roles may trust, such as the client's own audit account (default none). Subcontractors come from `subcontractors:` in the config.",
  },
  messages: {
    untrusted: "Role {role} trusts account(s) {accounts}, which are not approved subcontractors",
    anyone: 'Role {role} can be assumed by any AWS account (Principal "*")',
  },
  remediation: {
    summary:
      "Remove the account from the trust policy, or record the subcontractor with the client's written approval under `subcontractors:` in itaku.yaml; require an external id for third parties.",
    cli: "aws iam update-assume-role-policy --role-name NAME --policy-document file://trust.json",
  },
  check(ctx, options) {
    const today = ctx.now.toISOString().slice(0, 10);
    // Accounts scanned together are the vendor's own environment, as is each role's own account.
    // The set is built once, not per role (an organisation's roles times its accounts).
    const approved = new Set([
      ...ctx.resources("aws.account").map((account) => account.scope),
      ...options.trustedAccountIds,
      ...ctx.settings.subcontractors.filter((s) => s.approvedAt <= today).flatMap((s) => s.awsAccountIds),
    ]);
    for (const role of ctx.resources("aws.iam.role")) {
      const trusted = statementsOf(role.attributes.assumeRolePolicy)
        .filter((s) => s.Effect === "Allow")
        .flatMap(trustedAccounts);
      if (trusted.includes("*")) {
        ctx.fail(role, "anyone", { role: role.name }, { trusted });
        continue;
      }
      const outside = [
        ...new Set(trusted.filter((account) => account !== role.scope && !approved.has(account))),
      ].sort();
      if (outside.length > 0)
        ctx.fail(role, "untrusted", { role: role.name, accounts: outside.join(", ") }, { accounts: outside });
      else ctx.pass(role, { trusted: [...new Set(trusted)].sort() });
    }
  },
});

/**
 * The AWS accounts a trust statement admits: account ids of AWS principals, `*` for anyone. A `*`
 * narrowed by an aws:PrincipalAccount condition admits those accounts only.
 */
function trustedAccounts(statement: PolicyStatement): string[] {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  const values = principal === "*" ? ["*"] : asList(principal.AWS);
  return values.flatMap((value) => {
    if (value === "*") {
      const narrowed = conditionValues(statement, "aws:PrincipalAccount");
      return narrowed.length > 0 ? narrowed : ["*"];
    }
    if (/^\d{12}$/.test(value)) return [value];
    const match = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(value);
    // A principal id (AROA…, AIDA…) of a deleted principal names no account; it admits nobody.
    return match ? [match[1]!] : [];
  });
}

function conditionValues(statement: PolicyStatement, key: string): string[] {
  const out: string[] = [];
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    if (!/^String(Equals|Like)$/.test(operator)) continue;
    for (const [name, value] of Object.entries(entries)) {
      if (name.toLowerCase() === key.toLowerCase()) out.push(...asList(value as string | string[]));
    }
  }
  return out;
}
