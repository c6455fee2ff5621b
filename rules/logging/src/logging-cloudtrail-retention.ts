import { defineRule } from "@itaku/core";
import {
  describeDays,
  findBucket,
  findLogGroup,
  judgeDestinations,
  type Keeping,
  keepingEvidence,
  keptByBucket,
  keptByLogGroup,
  parseLogGroupArn,
  retentionOptions,
} from "./retention";

export default defineRule({
  id: "logging-cloudtrail-retention",
  title: {
    en: "Access logs are kept long enough",
    ja: "アクセスログを必要な期間保存している",
  },
  description: {
    en: "The contract asks that access logs be kept for a set period. A trail's logs are kept as long as its best destination keeps them: the S3 bucket (lifecycle expiration, outlasted by an Object Lock default retention) or the CloudWatch Logs group (retention; never expire keeps).",
    ja: "契約はアクセスログを一定期間保存することを求めています。証跡のログの保存期間は、保存先のうち最も長く保存するもので決まります。S3 バケット（ライフサイクルの有効期限。Object Lock の既定保持期間がそれより長ければそちら）または CloudWatch Logs グループ（保持期間。「失効しない」は保存）です。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-2", "IPA-2.1-5"],
  resourceTypes: ["aws.cloudtrail.trail"],
  reads: ["aws.s3.bucket", "aws.logs.log-group"],
  // An organisation trail writes to a bucket in another account (a log archive).
  crossScope: ["aws.s3.bucket", "aws.logs.log-group"],
  appliesTo: ["live", "iac"],
  options: retentionOptions,
  optionDocs: { minRetentionDays: "Fewest days a trail's logs must be kept (access logs)." },
  messages: {
    short: "Trail {trail} keeps its logs {days} days, fewer than {min} ({basis})",
  },
  remediation: {
    summary:
      "Lengthen (or remove) the lifecycle expiration on the trail bucket, add an Object Lock default retention of at least the minimum, or keep the CloudWatch group at least that long.",
    pulumi:
      'new aws.s3.BucketObjectLockConfigurationV2("trail-lock", { bucket: bucket.id, rule: { defaultRetention: { mode: "COMPLIANCE", days: 400 } } });',
    cli: 'aws s3api put-object-lock-configuration --bucket <bucket> --object-lock-configuration \'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"COMPLIANCE","Days":400}}}\'',
  },
  check(ctx, { minRetentionDays }) {
    const buckets = ctx.resources("aws.s3.bucket");
    const groups = ctx.resources("aws.logs.log-group");
    for (const trail of ctx.resources("aws.cloudtrail.trail")) {
      const keepings: Keeping[] = [];
      const { s3BucketName, s3KeyPrefix, cloudWatchLogsLogGroupArn } = trail.attributes;
      if (s3BucketName) {
        const bucket = findBucket(buckets, trail.scope, s3BucketName);
        keepings.push(
          keptByBucket(bucket, s3KeyPrefix, `bucket ${s3BucketName} not collected (another account?)`),
        );
      }
      if (cloudWatchLogsLogGroupArn) {
        const parsed = parseLogGroupArn(cloudWatchLogsLogGroupArn);
        const group = parsed && findLogGroup(groups, parsed.account, parsed.region, parsed.name);
        keepings.push(keptByLogGroup(group, `log group ${cloudWatchLogsLogGroupArn} not collected`));
      }
      const verdict = judgeDestinations(keepings, minRetentionDays);
      const evidence = { destinations: keepings.map(keepingEvidence) };
      if (verdict === "keeps") {
        ctx.pass(trail, evidence);
      } else if (verdict === "unknown") {
        ctx.unknown(trail, "How long some destination of the trail keeps logs is not known", evidence);
      } else {
        const longest = keepings.reduce((a, b) => ((b.days ?? 0) > (a.days ?? 0) ? b : a));
        ctx.fail(
          trail,
          "short",
          {
            trail: trail.name,
            days: describeDays(longest.days ?? 0),
            min: minRetentionDays,
            basis: longest.basis,
          },
          evidence,
        );
      }
    }
  },
});
