import { defineRule } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "aws-iam-user-direct-policy",
  title: {
    en: "Permissions come from groups, not from policies on users",
    ja: "権限はユーザー直付けではなくグループで付与されている",
  },
  description: {
    en: "Policies attached to or embedded in a user give one person a private set of rights that no role review sees; granting through groups keeps each person's scope of operations visible and minimal.",
    ja: "ユーザーに直接付与・埋め込まれたポリシーは、役割の見直しで見えない個人専用の権限となる。グループで付与すれば各人の操作範囲が見え、最小に保てる。",
  },
  severity: "low",
  controls: ["NIC-1-4-2-3"],
  resourceTypes: ["aws.iam.user"],
  reads: ["aws.iam.policy"],
  appliesTo: ["live", "iac"],
  options: z.object({
    allowedPolicyArns: z.array(z.string()).default(["arn:aws:iam::aws:policy/IAMUserChangePassword"]),
  }),
  optionDocs: {
    allowedPolicyArns:
      "Managed policies that may be attached to users directly (default: IAMUserChangePassword, which only lets a user change their own password).",
  },
  messages: { direct: "IAM user {user} has policies of its own: {policies}" },
  remediation: {
    summary:
      "Move the permissions to a group that matches the person's role, add the user to it, and detach or delete the user's own policies.",
    cli: "aws iam detach-user-policy --user-name NAME --policy-arn ARN; aws iam delete-user-policy --user-name NAME --policy-name POLICY",
  },
  check(ctx, options) {
    for (const user of ctx.resources("aws.iam.user")) {
      const { attachedPolicies, inlinePolicies, userName } = user.attributes;
      const policies = [
        ...attachedPolicies.filter((p) => !options.allowedPolicyArns.includes(p.arn)).map((p) => p.name),
        ...inlinePolicies.map((p) => `inline ${p.name}`),
      ];
      if (policies.length > 0)
        ctx.fail(user, "direct", { user: userName, policies: policies.join(", ") }, { policies });
      else ctx.pass(user);
    }
  },
});
