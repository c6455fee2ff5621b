import { defineRule } from "@itaku/core";
import { findBucket } from "./retention";

export default defineRule({
  id: "logging-cloudtrail-bucket-access-logging",
  title: {
    en: "Access to the trail's bucket is itself logged",
    ja: "証跡のバケットへのアクセス自体が記録されている",
  },
  description: {
    en: "The access log is the record that lets an incident be traced, so reading or deleting it must leave a trace too. CloudTrail does not record who reads the objects of its own bucket; S3 server access logging does (CIS AWS 3.6). A trail's bucket must log its access requests to another bucket — a bucket logging into itself writes a record about every record it writes.",
    ja: "アクセスログは事故を追跡するための記録であり、それを読んだり削除したりした操作も記録に残す必要があります。CloudTrail は自分のバケットのオブジェクトを誰が読んだかを記録しません。S3 サーバーアクセスログがそれを記録します（CIS AWS 3.6）。証跡のバケットは、そのアクセス要求を別のバケットへ記録する必要があります。自分自身へ記録するバケットは、記録を書くたびにその記録を書き続けます。",
  },
  severity: "medium",
  controls: ["NIC-1-4-3-1", "IPA-2.1-5"],
  resourceTypes: ["aws.cloudtrail.trail"],
  reads: ["aws.s3.bucket"],
  // An organisation trail writes to a bucket in another account (a log archive).
  crossScope: ["aws.s3.bucket"],
  appliesTo: ["live", "iac"],
  messages: {
    off: "Trail {trail}'s bucket {bucket} does not log access to it",
    intoItself: "Trail {trail}'s bucket {bucket} logs access into itself",
  },
  remediation: {
    summary:
      "Turn on server access logging of the trail bucket, into a separate bucket (SSE-S3 encrypted, public access blocked, no Object Lock default retention) kept as long as the trail's logs.",
    pulumi:
      'new aws.s3.BucketLogging("trail-access", { bucket: trailBucket.id, targetBucket: accessLogBucket.id, targetPrefix: "trail/" });',
    cli: 'aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<access-log-bucket>","TargetPrefix":"trail/"}}\'',
  },
  check(ctx) {
    const buckets = ctx.resources("aws.s3.bucket");
    for (const trail of ctx.resources("aws.cloudtrail.trail")) {
      const name = trail.attributes.s3BucketName;
      const bucket = name ? findBucket(buckets, trail.scope, name) : undefined;
      if (!name) {
        ctx.unknown(trail, "The trail's bucket is not known");
      } else if (!bucket) {
        ctx.unknown(trail, `Bucket ${name} was not collected (another account, or unreadable)`);
      } else if (bucket.attributes.accessLogging === undefined) {
        ctx.unknown(trail, `Bucket ${name}'s server access logging (GetBucketLogging) was not read`);
      } else if (bucket.attributes.accessLogging === null) {
        ctx.fail(trail, "off", { trail: trail.name, bucket: name }, { bucket: bucket.id });
      } else if (bucket.attributes.accessLogging.targetBucket === name) {
        ctx.fail(
          trail,
          "intoItself",
          { trail: trail.name, bucket: name },
          { bucket: bucket.id, accessLogging: bucket.attributes.accessLogging },
        );
      } else ctx.pass(trail, { bucket: bucket.id, accessLogging: bucket.attributes.accessLogging });
    }
  },
});
