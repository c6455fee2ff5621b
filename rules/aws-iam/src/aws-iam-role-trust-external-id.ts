import { defineRule, type PolicyStatement } from "@itaku/core";
import { asList, statementsOf } from "./policies";

export default defineRule({
  id: "aws-iam-role-trust-external-id",
  title: {
    en: "Roles trusting a third party require an external id",
    ja: "第三者を信頼するロールが外部 ID を要求している",
  },
  description: {
    en: "A role that trusts another company's AWS account without an sts:ExternalId condition can be assumed by that company on behalf of any of its customers (the confused deputy): someone else's request reaches the vendor's data. Every statement admitting an account outside the vendor's own must require an external id.",
    ja: "他社の AWS アカウントを sts:ExternalId の条件なしに信頼するロールは、その会社が自社の任意の顧客の依頼で引き受けられます（混乱した代理）。他人の依頼が委託先のデータに届きます。委託先自身以外のアカウントを受け入れるすべての文で外部 ID を要求する必要があります。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-1", "NIC-1-2-2-1"],
  resourceTypes: ["aws.iam.role"],
  // The accounts scanned together are the vendor's own: every account of the run must be in view.
  crossScope: ["aws.account"],
  appliesTo: ["live", "iac"],
  messages: {
    missing: "Role {role} trusts {accounts} without requiring sts:ExternalId",
  },
  remediation: {
    summary:
      "Add a StringEquals sts:ExternalId condition with a secret value agreed with the third party (and give them that value only).",
    pulumi:
      'assumeRolePolicy: { Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::<account>:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": externalId } } }] }',
    cli: "aws iam update-assume-role-policy --role-name NAME --policy-document file://trust.json",
  },
  check(ctx) {
    // Accounts scanned together are the vendor's own environment: no third party there.
    const own = new Set(ctx.resources("aws.account").map((account) => account.scope));
    for (const role of ctx.resources("aws.iam.role")) {
      if (role.attributes.serviceLinked) {
        ctx.notApplicable(role, "Service-linked role: AWS owns its trust policy");
        continue;
      }
      const outside = new Set<string>();
      const unguarded = new Set<string>();
      for (const statement of statementsOf(role.attributes.assumeRolePolicy)) {
        if (statement.Effect !== "Allow") continue;
        const accounts = accountsOf(statement).filter(
          (account) => account !== role.scope && !own.has(account),
        );
        for (const account of accounts) outside.add(account);
        if (accounts.length > 0 && !requiresExternalId(statement))
          for (const account of accounts) unguarded.add(account);
      }
      if (outside.size === 0) ctx.notApplicable(role, "The role trusts no account outside the vendor's own");
      else if (unguarded.size > 0) {
        const accounts = [...unguarded].sort();
        ctx.fail(role, "missing", { role: role.name, accounts: accounts.join(", ") }, { accounts });
      } else ctx.pass(role, { accounts: [...outside].sort() });
    }
  },
});

/** Accounts an AWS principal of the statement names (`*` as such); services and federated principals are not accounts. */
function accountsOf(statement: PolicyStatement): string[] {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  const values = principal === "*" ? ["*"] : asList(principal.AWS);
  return values.flatMap((value) => {
    if (value === "*" || /^\d{12}$/.test(value)) return [value];
    const match = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(value);
    return match ? [match[1]!] : [];
  });
}

/** A StringEquals / StringLike condition on sts:ExternalId (any case, any set operator prefix). */
function requiresExternalId(statement: PolicyStatement): boolean {
  return Object.entries(statement.Condition ?? {}).some(
    ([operator, entries]) =>
      /^(ForAnyValue:|ForAllValues:)?String(Equals|Like)$/.test(operator) &&
      Object.keys(entries).some((key) => key.toLowerCase() === "sts:externalid"),
  );
}
