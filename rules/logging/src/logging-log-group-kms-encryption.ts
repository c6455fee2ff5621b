import { defineRule, gapsIn, type ResourceOf, type RuleContext } from "@itaku/core";
import { parseLogGroupArn } from "./retention";

type LogGroup = ResourceOf<"aws.logs.log-group">;
type LogPurpose = NonNullable<LogGroup["attributes"]["purposes"]>[number];

export default defineRule({
  id: "logging-log-group-kms-encryption",
  title: {
    en: "The log groups holding the contract's logs are encrypted with a KMS key",
    ja: "契約が求めるログを保存するロググループが KMS キーで暗号化されている",
  },
  description: {
    en: "The logs the contract asks to keep — the trail's copy in CloudWatch Logs, VPC flow logs, the firewall's logs and the proxy's access log — name users, addresses and what they reached, and only the people entrusted with them may read them. Encrypted with a customer-managed KMS key, reading them takes a key permission too, which the key policy limits and CloudTrail records (CIS AWS 3.x). A group is such a log's when a trail, flow log or firewall writes to it, or aws.confidential.proxy.logGroupNames names it; other groups are not applicable. Missing groups are left to the retention rules.",
    ja: "契約が保存を求めるログ（CloudWatch Logs 上の証跡、VPC フローログ、ファイアウォールのログ、プロキシのアクセスログ）には利用者、アドレス、アクセス先が含まれ、読めるのは従事者に限られるべきです。カスタマー管理の KMS キーで暗号化すると、読み取りにキーの権限も必要になり、その権限はキーポリシーで限定され CloudTrail に記録されます（CIS AWS 3.x）。証跡・フローログ・ファイアウォールが書き込むグループと、aws.confidential.proxy.logGroupNames に指定したグループが対象で、その他のグループは対象外です。存在しないグループは保存期間のルールが扱います。",
  },
  severity: "medium",
  controls: ["NIC-1-2-5"],
  resourceTypes: ["aws.logs.log-group"],
  reads: ["aws.cloudtrail.trail", "aws.ec2.flow-log", "aws.network-firewall.firewall"],
  // An organisation trail in the management account can deliver to a group of this account.
  crossScope: ["aws.cloudtrail.trail"],
  appliesTo: ["live", "iac"],
  messages: {
    notEncrypted: "Log group {group} ({region}) holds {logs} but is not encrypted with a KMS key",
  },
  remediation: {
    summary:
      "Associate a customer-managed KMS key with the log group; the key policy must let logs.<region>.amazonaws.com use it for this account's log groups.",
    pulumi: 'new aws.cloudwatch.LogGroup("flow-logs", { retentionInDays: 400, kmsKeyId: logKey.arn });',
    cli: "aws logs associate-kms-key --log-group-name <group> --kms-key-id <key-arn>",
  },
  check(ctx) {
    const holds = contractLogsByGroup(ctx);
    for (const group of ctx.resources("aws.logs.log-group")) {
      const logs = new Set<LogPurpose>([
        ...(group.attributes.purposes ?? []),
        ...(holds.get(keyOf(group)) ?? []),
      ]);
      const kmsKeyId = group.attributes.kmsKeyId;
      if (logs.size === 0) {
        // Whether an unread trail, flow log or firewall writes here cannot be told; an encrypted group is fine either way.
        const gaps = gapsIn(ctx, group, [
          "aws.cloudtrail.trail",
          "aws.ec2.flow-log",
          "aws.network-firewall.firewall",
        ]);
        if (gaps.length > 0 && !kmsKeyId)
          ctx.unknown(group, "Whether the group holds the contract's logs could not be told", { gaps });
        else ctx.notApplicable(group, "No trail, flow log, firewall or proxy writes to this group");
      } else if (!kmsKeyId) {
        ctx.fail(
          group,
          "notEncrypted",
          {
            group: group.attributes.name,
            region: group.region,
            logs: [...logs]
              .sort()
              .map((l) => LOG_NAMES[l])
              .join(", "),
          },
          { logs: [...logs].sort() },
        );
      } else ctx.pass(group, { kmsKeyId, logs: [...logs].sort() });
    }
  },
});

const LOG_NAMES: Record<LogPurpose, string> = {
  cloudtrail: "the trail's log",
  "flow-logs": "VPC flow logs",
  "firewall-logs": "firewall logs",
  "proxy-logs": "the proxy's access log",
};

const keyOf = (g: LogGroup): string => `${g.scope}/${g.region}/${g.attributes.name}`;

/** The groups (account/region/name) trails, flow logs, firewalls and the proxy write to, and what each holds. */
function contractLogsByGroup(ctx: RuleContext<string>): Map<string, Set<LogPurpose>> {
  const holds = new Map<string, Set<LogPurpose>>();
  const note = (key: string, purpose: LogPurpose) =>
    holds.set(key, (holds.get(key) ?? new Set()).add(purpose));
  for (const trail of ctx.resources("aws.cloudtrail.trail")) {
    const parsed = trail.attributes.cloudWatchLogsLogGroupArn
      ? parseLogGroupArn(trail.attributes.cloudWatchLogsLogGroupArn)
      : undefined;
    if (parsed) note(`${parsed.account}/${parsed.region}/${parsed.name}`, "cloudtrail");
  }
  for (const flowLog of ctx.resources("aws.ec2.flow-log")) {
    const a = flowLog.attributes;
    if (a.destinationType !== "cloud-watch-logs") continue;
    const name = a.logGroupName ?? (a.destinationArn ? parseLogGroupArn(a.destinationArn)?.name : undefined);
    if (name) note(`${flowLog.scope}/${flowLog.region}/${name}`, "flow-logs");
  }
  for (const firewall of ctx.resources("aws.network-firewall.firewall")) {
    for (const destination of firewall.attributes.logging ?? []) {
      if (destination.destinationType === "CloudWatchLogs" && destination.logGroup)
        note(`${firewall.scope}/${firewall.region}/${destination.logGroup}`, "firewall-logs");
    }
  }
  // The proxy's groups are named without an account or region: any group of that name holds them.
  const proxyNames = new Set(ctx.settings.confidential.proxy.logGroupNames);
  for (const group of ctx.resources("aws.logs.log-group"))
    if (proxyNames.has(group.attributes.name)) note(keyOf(group), "proxy-logs");
  return holds;
}
