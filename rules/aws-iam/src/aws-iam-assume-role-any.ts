import { defineRule, type PolicyStatement } from "@itaku/core";
import { asList, isEveryAction, wildcardMatch } from "./policies";
import { judgePrincipalGrants } from "./principal-grants";

export default defineRule({
  id: "aws-iam-assume-role-any",
  title: {
    en: "No principal may assume every role",
    ja: "すべてのロールを引き受けられるプリンシパルがない",
  },
  description: {
    en: "Allowing sts:AssumeRole on Resource \"*\" lets a user or role step into any role whose trust policy admits the account — administrators' and auditors' included — so its own narrow policy no longer bounds what it can do. Name the roles it needs. (`*` on every action is reported by aws-iam-admin-non-admin.)",
    ja: 'Resource "*" に対する sts:AssumeRole の許可は、アカウントを信頼するあらゆるロール（管理者・監査用を含む）への切り替えを許し、そのプリンシパル自身の限定されたポリシーが操作範囲を制限しなくなります。必要なロールを名指しする必要があります。（全操作の `*` は aws-iam-admin-non-admin が扱います。）',
  },
  severity: "high",
  controls: ["NIC-1-4-2-3"],
  resourceTypes: ["aws.iam.user", "aws.iam.group", "aws.iam.role"],
  reads: ["aws.iam.policy"],
  appliesTo: ["live", "iac"],
  messages: { any: "{kind} {name} may assume any role ({actions} on *) through {policies}" },
  remediation: {
    summary: 'List the role ARNs the principal needs in the statement\'s Resource instead of "*".',
    pulumi:
      'policy: { Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: [deployRole.arn] }] }',
  },
  check(ctx) {
    judgePrincipalGrants(ctx, "any", assumeRoleOnAnything);
  },
});

const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];

/** The assume-role actions an Allow statement grants on every resource, other than through `*`. */
function assumeRoleOnAnything(statement: PolicyStatement): string[] {
  if (statement.Effect !== "Allow" || !asList(statement.Resource).includes("*")) return [];
  const patterns = asList(statement.Action).filter((pattern) => !isEveryAction(pattern));
  return ASSUME_ACTIONS.filter((action) => patterns.some((pattern) => wildcardMatch(pattern, action)));
}
