import { draftOf, FIREWALL_ARN, GROUP, TRAIL_BUCKET } from "./fixtures";
import rule from "./logging-network-firewall-log-retention";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const fw = (d: Draft) => draftOf(d, "aws.network-firewall.firewall", FIREWALL_ARN).attributes;

tester.run(rule, {
  valid: [
    { name: "alert group 731 days, flow group never expires" },
    {
      name: "FLOW to a locked bucket",
      change: (d) => {
        fw(d).logging = [
          fw(d).logging![0]!,
          { logType: "FLOW", destinationType: "S3", bucketName: TRAIL_BUCKET, s3Prefix: "firewall" },
        ];
      },
    },
    {
      name: "no ALERT/FLOW logs is not applicable here",
      change: (d) => {
        fw(d).logging = [];
      },
    },
  ],
  invalid: [
    {
      name: "alert group 30 days",
      change: (d) => {
        draftOf(d, "aws.logs.log-group", GROUP.alert).attributes.retentionInDays = 30;
      },
      errors: [{ messageId: "short", resource: FIREWALL_ARN }],
    },
  ],
  unknown: [
    {
      name: "flow logs to Firehose",
      change: (d) => {
        fw(d).logging = [
          fw(d).logging![0]!,
          { logType: "FLOW", destinationType: "KinesisDataFirehose", deliveryStream: "fw" },
        ];
      },
      resources: [FIREWALL_ARN],
    },
    {
      name: "logging configuration not collected",
      change: (d) => {
        fw(d).logging = undefined;
      },
      resources: [FIREWALL_ARN],
    },
  ],
});
