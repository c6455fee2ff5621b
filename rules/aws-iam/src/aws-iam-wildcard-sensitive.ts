import { defineRule } from "@itaku/core";
import { z } from "zod";
import { changingActions } from "./access-levels";
import { asList, isEveryAction, wildcardMatch } from "./policies";
import { judgePrincipalGrants } from "./principal-grants";

const DEFAULT_SERVICES = [
  "iam",
  "sts",
  "organizations",
  "account",
  "kms",
  "secretsmanager",
  "ssm",
  "s3",
  "cloudtrail",
  "logs",
  "config",
  "guardduty",
  "securityhub",
  "network-firewall",
];

export default defineRule({
  id: "aws-iam-wildcard-sensitive",
  title: {
    en: "No wildcard actions on sensitive services",
    ja: "重要なサービスに対するワイルドカード操作がない",
  },
  description: {
    en: "Allowing `s3:*`, `kms:*`, `iam:*` or `cloudtrail:Delete*` grants every present and future operation — writing, deleting, changing permissions, turning logging off — where the contract asks for the minimum scope of operations. A wildcard is judged by the actions it expands to in IAM's catalogue: one that only reads or lists (`s3:Get*`, `kms:Describe*`, as in SecurityAudit) is not sensitive. `*` on everything is reported by aws-iam-admin-non-admin.",
    ja: "`s3:*`・`kms:*`・`iam:*`・`cloudtrail:Delete*` などの許可は、読取・書込・削除・ログ停止を含む現在と将来の全操作を与える。契約は操作範囲の最小化を求める。全リソースへの `*` は aws-iam-admin-non-admin が扱う。",
  },
  severity: "high",
  controls: ["NIC-1-4-2-3"],
  resourceTypes: ["aws.iam.user", "aws.iam.group", "aws.iam.role"],
  reads: ["aws.iam.policy"],
  appliesTo: ["live", "iac"],
  options: z.object({ services: z.array(z.string()).default(DEFAULT_SERVICES) }),
  optionDocs: {
    services: `IAM service prefixes where wildcard actions fail (default ${DEFAULT_SERVICES.join(", ")}).`,
  },
  messages: { wildcard: "{kind} {name} is allowed {actions} through {policies}" },
  remediation: {
    summary:
      "Replace wildcards with the actions the job needs (IAM Access Analyzer can generate a policy from CloudTrail activity), and scope resources to the buckets, keys and trails concerned.",
  },
  check(ctx, options) {
    judgePrincipalGrants(ctx, "wildcard", (statement) =>
      statement.Effect === "Allow" ? sensitiveWildcards(statement, options.services) : [],
    );
  },
});

/**
 * Wildcard grants on the listed services that reach an action able to change something (`svc:*`,
 * `svc:Delete*`; not `svc:Get*` when every match reads), or a NotAction that leaves `svc` open.
 */
function sensitiveWildcards(
  statement: { Action?: string | string[]; NotAction?: string | string[] },
  services: string[],
): string[] {
  if (statement.Action !== undefined) {
    return asList(statement.Action).filter((pattern) => {
      if (isEveryAction(pattern) || !/[*?]/.test(pattern)) return false;
      const [service = "", action = ""] = pattern.split(":");
      return services
        .filter((s) => wildcardMatch(service, s))
        .some((s) => {
          // A service IAM's catalogue does not know is judged by the `*` alone.
          const changing = changingActions(`${s}:${action}`);
          return changing === undefined || changing.length > 0;
        });
    });
  }
  if (statement.NotAction === undefined) return [];
  // Allow + NotAction grants everything not named; a service is closed only if a pattern names all of it.
  const excluded = asList(statement.NotAction);
  const closes = (service: string) =>
    excluded.some(
      (p) => isEveryAction(p) || (p.split(":")[1] === "*" && wildcardMatch(p.split(":")[0]!, service)),
    );
  return services.filter((service) => !closes(service)).map((service) => `${service}:* (NotAction)`);
}
