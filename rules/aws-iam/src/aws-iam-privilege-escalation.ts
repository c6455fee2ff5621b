import { defineRule } from "@itaku/core";
import { z } from "zod";
import { asList, grantsActionBeyondAdmin } from "./policies";
import { judgePrincipalGrants } from "./principal-grants";

/** IAM actions that let a principal give itself (or a principal it controls) more rights. */
const ESCALATION_ACTIONS = [
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:AttachUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:AttachRolePolicy",
  "iam:PutUserPolicy",
  "iam:PutGroupPolicy",
  "iam:PutRolePolicy",
  "iam:AddUserToGroup",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:UpdateAssumeRolePolicy",
  "iam:DeleteUserPermissionsBoundary",
  "iam:DeleteRolePermissionsBoundary",
  "iam:PutUserPermissionsBoundary",
  "iam:PutRolePermissionsBoundary",
];
const PASS_ROLE = "iam:PassRole";

export default defineRule({
  id: "aws-iam-privilege-escalation",
  title: { en: "No privilege-escalation permissions", ja: "権限昇格につながる権限がない" },
  description: {
    en: "Permissions such as iam:CreatePolicyVersion, iam:AttachUserPolicy, iam:PutRolePolicy or iam:PassRole on any role let a principal raise its own rights to administrator, defeating least privilege and the roster's control of who is privileged. Full `*` is reported by aws-iam-admin-non-admin.",
    ja: "iam:CreatePolicyVersion・iam:AttachUserPolicy・iam:PutRolePolicy や任意のロールに対する iam:PassRole などは、自らの権限を管理者まで引き上げられるため、最小権限と台帳による特権管理を無効にする。全権限の `*` は aws-iam-admin-non-admin が扱う。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-3", "NIC-1-4-2-1"],
  resourceTypes: ["aws.iam.user", "aws.iam.group", "aws.iam.role"],
  reads: ["aws.iam.policy"],
  appliesTo: ["live", "iac"],
  options: z.object({
    actions: z.array(z.string()).default(ESCALATION_ACTIONS),
    ignoreActions: z.array(z.string()).default([]),
  }),
  optionDocs: {
    actions: `Actions that count as escalation on any resource (default: ${ESCALATION_ACTIONS.join(", ")}). iam:PassRole is always checked, and counts only on broad resources (\`*\`, \`role/*\`).`,
    ignoreActions:
      "Actions to leave out of the check, e.g. iam:CreateAccessKey where users rotate their own keys under a condition.",
  },
  messages: { escalation: "{kind} {name} can escalate its privileges: {actions} (through {policies})" },
  remediation: {
    summary:
      "Remove IAM write actions from everyone but the administrators; scope iam:PassRole to the specific roles a service needs (with iam:PassedToService), and use permissions boundaries for delegated IAM administration.",
  },
  check(ctx, options) {
    const actions = options.actions.filter((a) => !options.ignoreActions.includes(a));
    const checkPassRole = !options.ignoreActions.includes(PASS_ROLE);
    judgePrincipalGrants(ctx, "escalation", (statement) => [
      ...actions.filter((action) => grantsActionBeyondAdmin(statement, action)),
      ...(checkPassRole && grantsActionBeyondAdmin(statement, PASS_ROLE) && onBroadRoles(statement)
        ? [`${PASS_ROLE} on ${asList(statement.Resource).join(",") || "NotResource"}`]
        : []),
    ]);
  },
});

/** PassRole on every role (`*`, `…:role/*`, `…:*`) or on everything but a few (NotResource). */
function onBroadRoles(statement: { Resource?: string | string[]; NotResource?: string | string[] }): boolean {
  if (statement.Resource === undefined) return statement.NotResource !== undefined;
  return asList(statement.Resource).some(
    (r) => r === "*" || /:role\/\*$/.test(r) || /^arn:[^:]+:iam::[^:]*:\*$/.test(r),
  );
}
