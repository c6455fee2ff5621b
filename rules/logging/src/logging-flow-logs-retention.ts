import { defineRule } from "@itaku/core";
import {
  describeDays,
  findBucket,
  findLogGroup,
  firehoseKeeping,
  judgeKeeping,
  type Keeping,
  keepingEvidence,
  keptByBucket,
  keptByLogGroup,
  retentionOptions,
} from "./retention";

export default defineRule({
  id: "logging-flow-logs-retention",
  title: {
    en: "Flow logs are kept long enough",
    ja: "フローログを必要な期間保存している",
  },
  description: {
    en: "Firewall-level logs must be kept for a set period. A flow log is kept as long as its destination keeps it: the CloudWatch Logs group's retention (never expire keeps) or the bucket's lifecycle and Object Lock.",
    ja: "ファイアウォールのログは一定期間保存する必要があります。フローログの保存期間は保存先で決まります。CloudWatch Logs グループの保持期間（「失効しない」は保存）またはバケットのライフサイクルと Object Lock です。",
  },
  severity: "medium",
  controls: ["NIC-1-4-5-1"],
  resourceTypes: ["aws.ec2.flow-log"],
  reads: ["aws.logs.log-group", "aws.s3.bucket"],
  // Flow logs may go to a central bucket in another account.
  crossScope: ["aws.s3.bucket", "aws.logs.log-group"],
  appliesTo: ["live", "iac"],
  options: retentionOptions,
  optionDocs: { minRetentionDays: "Fewest days flow logs must be kept." },
  messages: {
    short: "Flow log {flowLog} is kept {days} days, fewer than {min} ({basis})",
  },
  remediation: {
    summary: "Set the destination log group's retention (or the bucket's lifecycle) to at least the minimum.",
    pulumi: 'new aws.cloudwatch.LogGroup("flow-logs", { retentionInDays: 400 });',
    cli: "aws logs put-retention-policy --log-group-name <group> --retention-in-days 400",
  },
  check(ctx, { minRetentionDays }) {
    const groups = ctx.resources("aws.logs.log-group");
    const buckets = ctx.resources("aws.s3.bucket");
    for (const flowLog of ctx.resources("aws.ec2.flow-log")) {
      const a = flowLog.attributes;
      let keeping: Keeping;
      if (a.destinationType === "cloud-watch-logs") {
        const name =
          a.logGroupName ??
          a.destinationArn?.replace(/^arn:[^:]+:logs:[^:]+:\d{12}:log-group:/, "").replace(/:\*$/, "");
        const group = name ? findLogGroup(groups, flowLog.scope, flowLog.region, name) : undefined;
        keeping = keptByLogGroup(group, `log group ${name ?? "(unnamed)"} not collected`);
      } else if (a.destinationType === "s3") {
        const match = /^arn:[^:]+:s3:::([^/]+)\/?(.*)$/.exec(a.destinationArn ?? "");
        const bucket = match ? findBucket(buckets, flowLog.scope, match[1]!) : undefined;
        keeping = keptByBucket(
          bucket,
          match?.[2],
          `bucket of ${a.destinationArn ?? "(no destination)"} not collected`,
        );
      } else {
        keeping = firehoseKeeping();
      }
      const evidence = { destination: keepingEvidence(keeping) };
      const verdict = judgeKeeping(keeping, minRetentionDays);
      if (verdict === "keeps") ctx.pass(flowLog, evidence);
      else if (verdict === "unknown")
        ctx.unknown(flowLog, `Cannot tell how long the flow log is kept: ${keeping.basis}`, evidence);
      else
        ctx.fail(
          flowLog,
          "short",
          {
            flowLog: flowLog.id,
            days: describeDays(keeping.days ?? 0),
            min: minRetentionDays,
            basis: keeping.basis,
          },
          evidence,
        );
    }
  },
});
