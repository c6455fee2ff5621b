import { draftOf, GROUP, TRAIL_ARN, TRAIL_BUCKET_ARN } from "./fixtures";
import rule from "./logging-cloudtrail-retention";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const bucket = (d: Draft) => draftOf(d, "aws.s3.bucket", TRAIL_BUCKET_ARN).attributes;
const trail = (d: Draft) => draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes;
const noLock = (d: Draft) => {
  bucket(d).objectLock = null;
  bucket(d).versioning = "Disabled";
  trail(d).cloudWatchLogsLogGroupArn = undefined;
};

tester.run(rule, {
  valid: [
    { name: "Object Lock 400 days" },
    {
      name: "a 90-day expiration under an unrelated prefix",
      change: (d) => {
        noLock(d);
        bucket(d).lifecycleRules = [{ id: "tmp", enabled: true, prefix: "tmp/", expirationDays: 90 }];
      },
    },
    {
      name: "a 90-day bucket expiration but a never-expiring CloudWatch group",
      change: (d) => {
        bucket(d).objectLock = null;
        bucket(d).versioning = "Disabled";
        bucket(d).lifecycleRules = [{ id: "all", enabled: true, prefix: "", expirationDays: 90 }];
        draftOf(d, "aws.logs.log-group", GROUP.trail).attributes.retentionInDays = null;
      },
    },
    {
      name: "versioned: 90-day expiration plus 300 noncurrent days",
      change: (d) => {
        noLock(d);
        bucket(d).versioning = "Enabled";
        bucket(d).lifecycleRules = [
          { enabled: true, prefix: "", expirationDays: 90, noncurrentExpirationDays: 300 },
        ];
      },
    },
    {
      name: "Object Lock outlasts a 30-day expiration",
      change: (d) => {
        bucket(d).lifecycleRules = [{ enabled: true, prefix: "AWSLogs/", expirationDays: 30 }];
      },
    },
    {
      name: "shorter minimum by option",
      options: { minRetentionDays: 60 },
      change: (d) => {
        noLock(d);
        bucket(d).lifecycleRules = [{ id: "all", enabled: true, prefix: "", expirationDays: 90 }];
      },
    },
  ],
  invalid: [
    {
      name: "90-day expiration, no lock, no CloudWatch",
      change: (d) => {
        noLock(d);
        bucket(d).lifecycleRules = [{ id: "all", enabled: true, prefix: "", expirationDays: 90 }];
      },
      errors: [{ messageId: "short", resource: TRAIL_ARN }],
    },
    {
      name: "expiration on the trail's own prefix",
      change: (d) => {
        noLock(d);
        trail(d).s3KeyPrefix = "trail";
        bucket(d).lifecycleRules = [
          { id: "trail", enabled: true, prefix: "trail/AWSLogs/111122223333/", expirationDays: 180 },
        ];
      },
      errors: [{ messageId: "short", resource: TRAIL_ARN }],
    },
    {
      name: "both destinations short",
      change: (d) => {
        bucket(d).objectLock = { enabled: true, mode: "GOVERNANCE", days: 30 };
        bucket(d).lifecycleRules = [
          { enabled: true, prefix: "", expirationDays: 60, noncurrentExpirationDays: 1 },
        ];
        draftOf(d, "aws.logs.log-group", GROUP.trail).attributes.retentionInDays = 30;
      },
      errors: [{ messageId: "short", resource: TRAIL_ARN }],
    },
  ],
  unknown: [
    {
      name: "lifecycle not collected and no lock",
      change: (d) => {
        noLock(d);
        bucket(d).lifecycleRules = undefined;
      },
      resources: [TRAIL_ARN],
    },
    {
      name: "bucket in another account",
      change: (d) => {
        noLock(d);
        trail(d).s3BucketName = "central-logging-elsewhere";
      },
      resources: [TRAIL_ARN],
    },
  ],
});
