import { defineRule } from "@itaku/core";
import {
  describeDays,
  evidenceDays,
  findBucket,
  findLogGroup,
  firehoseKeeping,
  judgeDestinations,
  type Keeping,
  keptByBucket,
  keptByLogGroup,
  retentionOptions,
} from "./retention";

export default defineRule({
  id: "logging-network-firewall-log-retention",
  title: {
    en: "Network Firewall logs are kept long enough",
    ja: "Network Firewall のログを必要な期間保存している",
  },
  description: {
    en: "The firewall's ALERT and FLOW logs must each be kept for a set period at their destination: the CloudWatch Logs group's retention (never expire keeps) or the bucket's lifecycle and Object Lock. A firewall that logs neither is left to logging-network-firewall-logging.",
    ja: "ファイアウォールの ALERT ログと FLOW ログは、それぞれの保存先で一定期間保存する必要があります。CloudWatch Logs グループの保持期間（「失効しない」は保存）またはバケットのライフサイクルと Object Lock です。どちらも出力していないファイアウォールは logging-network-firewall-logging で扱います。",
  },
  severity: "medium",
  controls: ["NIC-1-4-5-1"],
  resourceTypes: ["aws.network-firewall.firewall"],
  reads: ["aws.logs.log-group", "aws.s3.bucket"],
  // Firewall logs may go to a central bucket in another account.
  crossScope: ["aws.s3.bucket", "aws.logs.log-group"],
  appliesTo: ["live", "iac"],
  options: retentionOptions,
  optionDocs: { minRetentionDays: "Fewest days the firewall's ALERT and FLOW logs must be kept." },
  messages: {
    short: "Firewall {firewall} keeps its {logType} logs {days} days, fewer than {min} ({basis})",
  },
  remediation: {
    summary: "Keep the log groups (or buckets) the firewall writes to for at least the minimum.",
    pulumi: 'new aws.cloudwatch.LogGroup("firewall-alerts", { retentionInDays: 400 });',
    cli: "aws logs put-retention-policy --log-group-name <group> --retention-in-days 400",
  },
  check(ctx, { minRetentionDays }) {
    const groups = ctx.resources("aws.logs.log-group");
    const buckets = ctx.resources("aws.s3.bucket");
    for (const firewall of ctx.resources("aws.network-firewall.firewall")) {
      const logging = firewall.attributes.logging;
      if (logging === undefined) {
        ctx.unknown(firewall, "The firewall's logging configuration was not collected");
        continue;
      }
      const destinations = logging.filter((d) => d.logType === "ALERT" || d.logType === "FLOW");
      if (destinations.length === 0) {
        ctx.notApplicable(
          firewall,
          "The firewall writes no ALERT or FLOW logs (see logging-network-firewall-logging)",
        );
        continue;
      }
      const judged = destinations.map((d) => {
        let keeping: Keeping;
        if (d.destinationType === "CloudWatchLogs" && d.logGroup) {
          const group = findLogGroup(groups, firewall.scope, firewall.region, d.logGroup);
          keeping = keptByLogGroup(group, `log group ${d.logGroup} not collected`);
        } else if (d.destinationType === "S3" && d.bucketName) {
          const bucket = findBucket(buckets, firewall.scope, d.bucketName);
          keeping = keptByBucket(bucket, d.s3Prefix, `bucket ${d.bucketName} not collected`);
        } else {
          keeping = firehoseKeeping();
        }
        return { logType: d.logType, keeping };
      });
      const evidence = {
        destinations: judged.map((j) => ({
          logType: j.logType,
          basis: j.keeping.basis,
          days: evidenceDays(j.keeping.days),
        })),
      };
      // A log type is kept when any of its destinations keeps it long enough.
      const byType = ["ALERT", "FLOW"]
        .map((logType) => judged.filter((j) => j.logType === logType))
        .filter((list) => list.length > 0);
      const verdictOf = (list: typeof judged) =>
        judgeDestinations(
          list.map((j) => j.keeping),
          minRetentionDays,
        );
      const short = byType.find((list) => verdictOf(list) === "short")?.[0];
      const undecided = byType.some((list) => verdictOf(list) !== "keeps");
      if (short) {
        ctx.fail(
          firewall,
          "short",
          {
            firewall: firewall.name,
            logType: short.logType,
            days: describeDays(short.keeping.days ?? 0),
            min: minRetentionDays,
            basis: short.keeping.basis,
          },
          evidence,
        );
      } else if (undecided) {
        ctx.unknown(firewall, "How long some firewall log destination keeps logs is not known", evidence);
      } else ctx.pass(firewall, evidence);
    }
  },
});
