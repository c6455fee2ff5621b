import { draftOf, FLOW_LOG, GROUP, TRAIL_BUCKET_ARN } from "./fixtures";
import rule from "./logging-flow-logs-retention";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const flowLog = (d: Draft) => draftOf(d, "aws.ec2.flow-log", FLOW_LOG).attributes;

tester.run(rule, {
  valid: [
    { name: "log group keeps 400 days" },
    {
      name: "to a locked bucket",
      change: (d) => {
        flowLog(d).destinationType = "s3";
        flowLog(d).logGroupName = undefined;
        flowLog(d).destinationArn = `${TRAIL_BUCKET_ARN}/flow`;
      },
    },
    {
      name: "never-expiring group",
      change: (d) => {
        draftOf(d, "aws.logs.log-group", GROUP.flow).attributes.retentionInDays = null;
      },
    },
  ],
  invalid: [
    {
      name: "30-day group",
      change: (d) => {
        draftOf(d, "aws.logs.log-group", GROUP.flow).attributes.retentionInDays = 30;
      },
      errors: [{ messageId: "short", resource: FLOW_LOG }],
    },
    {
      name: "bucket with a 90-day expiration",
      change: (d) => {
        flowLog(d).destinationType = "s3";
        flowLog(d).destinationArn = `${TRAIL_BUCKET_ARN}/flow/`;
        const bucket = draftOf(d, "aws.s3.bucket", TRAIL_BUCKET_ARN).attributes;
        bucket.objectLock = null;
        bucket.versioning = "Suspended";
        bucket.lifecycleRules = [{ enabled: true, prefix: "flow/", expirationDays: 90 }];
      },
      errors: [{ messageId: "short", resource: FLOW_LOG }],
    },
  ],
  unknown: [
    {
      name: "Firehose destination",
      change: (d) => {
        flowLog(d).destinationType = "kinesis-data-firehose";
      },
      resources: [FLOW_LOG],
    },
    {
      name: "group not collected",
      change: (d) => {
        flowLog(d).logGroupName = "/elsewhere";
      },
      resources: [FLOW_LOG],
    },
  ],
});
