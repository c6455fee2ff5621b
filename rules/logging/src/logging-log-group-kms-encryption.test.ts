import { ACCOUNT, draftOf, FLOW_LOG, GROUP, gap, REGION, TRAIL_ARN } from "./fixtures";
import rule from "./logging-log-group-kms-encryption";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const group = (d: Draft, arn: string) => draftOf(d, "aws.logs.log-group", arn).attributes;
const OTHER = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/thumbnails`;
const addOtherGroup = (d: Draft) => {
  d.resources.push({
    type: "aws.logs.log-group",
    id: OTHER,
    name: "/aws/lambda/thumbnails",
    scope: ACCOUNT,
    region: REGION,
    attributes: { arn: OTHER, name: "/aws/lambda/thumbnails", retentionInDays: 14 },
  });
};

tester.run(rule, {
  valid: [
    { name: "the trail, flow, firewall and proxy groups all have a KMS key" },
    {
      name: "a group no contract log goes to needs no key",
      change: addOtherGroup,
    },
    {
      name: "a flow log naming its group by ARN",
      change: (d) => {
        const flowLog = draftOf(d, "aws.ec2.flow-log", FLOW_LOG).attributes;
        flowLog.logGroupName = undefined;
        flowLog.destinationArn = `${GROUP.flow}:*`;
      },
    },
  ],
  invalid: [
    {
      name: "the trail's CloudWatch copy unencrypted",
      change: (d) => {
        group(d, GROUP.trail).kmsKeyId = undefined;
      },
      errors: [{ messageId: "notEncrypted", resource: GROUP.trail }],
    },
    {
      name: "flow logs and proxy log unencrypted",
      change: (d) => {
        group(d, GROUP.flow).kmsKeyId = undefined;
        group(d, GROUP.proxy).kmsKeyId = undefined;
      },
      errors: [
        { messageId: "notEncrypted", resource: GROUP.flow },
        { messageId: "notEncrypted", resource: GROUP.proxy },
      ],
    },
    {
      name: "the firewall's alert log unencrypted",
      change: (d) => {
        group(d, GROUP.alert).kmsKeyId = undefined;
      },
      errors: [{ messageId: "notEncrypted", resource: GROUP.alert }],
    },
    {
      name: "a group the collector marked as a trail's, though the trail names it no more",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.cloudWatchLogsLogGroupArn = undefined;
        const trailGroup = group(d, GROUP.trail);
        trailGroup.kmsKeyId = undefined;
        trailGroup.purposes = ["cloudtrail"];
      },
      errors: [{ messageId: "notEncrypted", resource: GROUP.trail }],
    },
  ],
  unknown: [
    {
      // The unencrypted group may hold flow logs; the engine holds back the others' passes too.
      name: "flow logs unread: whether an unencrypted group holds them cannot be told",
      change: (d) => {
        addOtherGroup(d);
        d.sources[0]!.gaps.push(gap("aws.ec2.flow-log", "DescribeFlowLogs"));
      },
      resources: [OTHER, ...Object.values(GROUP)],
    },
  ],
});
