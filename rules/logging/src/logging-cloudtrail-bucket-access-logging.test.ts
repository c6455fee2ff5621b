import { draftOf, TRAIL_ARN, TRAIL_BUCKET, TRAIL_BUCKET_ARN } from "./fixtures";
import rule from "./logging-cloudtrail-bucket-access-logging";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const bucket = (d: Draft) => draftOf(d, "aws.s3.bucket", TRAIL_BUCKET_ARN).attributes;
const trail = (d: Draft) => draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes;

tester.run(rule, {
  valid: [
    { name: "the trail bucket logs access into a separate bucket" },
    {
      name: "logged with no prefix",
      change: (d) => {
        bucket(d).accessLogging = { targetBucket: "central-access-logs", targetPrefix: "" };
      },
    },
  ],
  invalid: [
    {
      name: "server access logging off",
      change: (d) => {
        bucket(d).accessLogging = null;
      },
      errors: [{ messageId: "off", resource: TRAIL_ARN }],
    },
    {
      name: "the bucket logs into itself",
      change: (d) => {
        bucket(d).accessLogging = { targetBucket: TRAIL_BUCKET, targetPrefix: "access/" };
      },
      errors: [{ messageId: "intoItself", resource: TRAIL_ARN }],
    },
  ],
  unknown: [
    {
      name: "GetBucketLogging not read",
      change: (d) => {
        bucket(d).accessLogging = undefined;
      },
      resources: [TRAIL_ARN],
    },
    {
      name: "the trail's bucket not collected",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.id !== TRAIL_BUCKET_ARN);
      },
      resources: [TRAIL_ARN],
    },
    {
      name: "the trail names no bucket",
      change: (d) => {
        trail(d).s3BucketName = undefined;
      },
      resources: [TRAIL_ARN],
    },
  ],
});
