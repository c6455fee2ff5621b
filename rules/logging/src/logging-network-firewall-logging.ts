import { defineRule } from "@itaku/core";

const REQUIRED = ["ALERT", "FLOW"] as const;

export default defineRule({
  id: "logging-network-firewall-logging",
  title: {
    en: "Network Firewall logs alerts and flows",
    ja: "Network Firewall がアラートとフローのログを出力している",
  },
  description: {
    en: "The contract asks for the firewall's logs to be kept and reviewed. A Network Firewall writes nothing unless its logging configuration sends both ALERT logs (what the rules caught) and FLOW logs (what passed) somewhere.",
    ja: "契約はファイアウォールのログを保存し確認することを求めています。Network Firewall はログ設定で ALERT ログ（ルールが検知したもの）と FLOW ログ（通過したもの）の両方の出力先を指定しない限り、何も記録しません。",
  },
  severity: "high",
  controls: ["NIC-1-4-5-1"],
  resourceTypes: ["aws.network-firewall.firewall"],
  appliesTo: ["live", "iac"],
  messages: {
    missing: "Firewall {firewall} does not log {missing}",
  },
  remediation: {
    summary: "Add ALERT and FLOW destinations to the firewall's logging configuration.",
    pulumi:
      'new aws.networkfirewall.LoggingConfiguration("fw", { firewallArn: fw.arn, loggingConfiguration: { logDestinationConfigs: [{ logType: "ALERT", logDestinationType: "CloudWatchLogs", logDestination: { logGroup: alerts.name } }, { logType: "FLOW", logDestinationType: "CloudWatchLogs", logDestination: { logGroup: flows.name } }] } });',
    cli: "aws network-firewall update-logging-configuration --firewall-arn <arn> --logging-configuration file://logging.json",
  },
  check(ctx) {
    for (const firewall of ctx.resources("aws.network-firewall.firewall")) {
      const logging = firewall.attributes.logging;
      if (logging === undefined) {
        ctx.unknown(firewall, "The firewall's logging configuration was not collected");
        continue;
      }
      const missing = REQUIRED.filter((type) => !logging.some((d) => d.logType === type));
      if (missing.length === 0) ctx.pass(firewall, { logging });
      else
        ctx.fail(
          firewall,
          "missing",
          { firewall: firewall.name, missing: missing.join(" and ") },
          { logging },
        );
    }
  },
});
