import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-log-tampering";
import { apiCall, identities, tester, workday } from "./fixtures";

const sato = identities.iamUser("sato");
const call = (source: string, name: string, params: Record<string, unknown>, extra = {}) =>
  apiCall(sato, workday(14), source, name, { readOnly: false, requestParameters: params, ...extra });

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month" },
    {
      name: "a denied StopLogging changed nothing",
      change: (d) =>
        d.events.push(
          call(
            "cloudtrail.amazonaws.com",
            "StopLogging",
            { name: "org-trail" },
            { errorCode: "AccessDenied" },
          ),
        ),
    },
    {
      name: "event selectors that keep all management events and add data events",
      change: (d) =>
        d.events.push(
          call("cloudtrail.amazonaws.com", "PutEventSelectors", {
            trailName: "org-trail",
            eventSelectors: [
              {
                readWriteType: "All",
                includeManagementEvents: true,
                dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }],
              },
            ],
          }),
        ),
    },
    {
      name: "a long lifecycle on the log bucket, a short one on another bucket",
      change: (d) =>
        d.events.push(
          call("s3.amazonaws.com", "PutBucketLifecycle", {
            bucketName: "vendor-cloudtrail-logs",
            LifecycleConfiguration: { Rule: { Status: "Enabled", Expiration: { Days: 400 } } },
          }),
          call("s3.amazonaws.com", "PutBucketLifecycle", {
            bucketName: "scratch-data",
            LifecycleConfiguration: { Rule: [{ Status: "Enabled", Expiration: { Days: 7 } }] },
          }),
        ),
    },
  ],
  invalid: [
    {
      name: "StopLogging",
      change: (d) => d.events.push(call("cloudtrail.amazonaws.com", "StopLogging", { name: "org-trail" })),
      errors: [{ messageId: "loggingStopped", subject: "org-trail" }],
    },
    {
      name: "stopped then deleted: reported once, as stopped",
      change: (d) =>
        d.events.push(
          call("cloudtrail.amazonaws.com", "UpdateTrail", { name: "org-trail", isMultiRegionTrail: false }),
          call("cloudtrail.amazonaws.com", "DeleteTrail", { name: "org-trail" }),
        ),
      errors: [{ messageId: "loggingStopped", subject: "org-trail" }],
    },
    {
      name: "UpdateTrail turns off log-file validation",
      change: (d) =>
        d.events.push(
          call("cloudtrail.amazonaws.com", "UpdateTrail", {
            name: "org-trail",
            enableLogFileValidation: false,
          }),
        ),
      errors: [{ messageId: "trailWeakened", subject: "org-trail" }],
    },
    {
      name: "PutEventSelectors drops management events",
      change: (d) =>
        d.events.push(
          call("cloudtrail.amazonaws.com", "PutEventSelectors", {
            trailName: "org-trail",
            eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true }],
          }),
        ),
      errors: [{ messageId: "selectorsReduced", subject: "org-trail" }],
    },
    {
      name: "advanced selectors with data events only",
      change: (d) =>
        d.events.push(
          call("cloudtrail.amazonaws.com", "PutEventSelectors", {
            trailName: "org-trail",
            advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] }],
          }),
        ),
      errors: [{ messageId: "selectorsReduced", subject: "org-trail" }],
    },
    {
      name: "lifecycle on the log bucket below a year",
      change: (d) =>
        d.events.push(
          call("s3.amazonaws.com", "PutBucketLifecycle", {
            bucketName: "vendor-cloudtrail-logs",
            LifecycleConfiguration: { Rule: { Status: "Enabled", Expiration: { Days: 30 } } },
          }),
        ),
      errors: [{ messageId: "retentionShortened", subject: "s3://vendor-cloudtrail-logs" }],
    },
    {
      name: "log group retention below a year",
      change: (d) =>
        d.events.push(
          call("logs.amazonaws.com", "PutRetentionPolicy", {
            logGroupName: "/vendor/proxy/access",
            retentionInDays: 7,
          }),
        ),
      errors: [{ messageId: "retentionShortened", subject: "log group /vendor/proxy/access" }],
    },
    {
      name: "flow logs and a log group deleted",
      change: (d) =>
        d.events.push(
          call("ec2.amazonaws.com", "DeleteFlowLogs", {
            DeleteFlowLogsRequest: { FlowLogId: { content: "fl-0abc123", tag: 1 } },
          }),
          call("logs.amazonaws.com", "DeleteLogGroup", { logGroupName: "/aws/vpc/flow" }),
        ),
      errors: [
        { messageId: "logDeleted", subject: "flow logs fl-0abc123" },
        { messageId: "logDeleted", subject: "log group /aws/vpc/flow" },
      ],
    },
    {
      name: "firewall logging removed",
      change: (d) =>
        d.events.push(
          call("network-firewall.amazonaws.com", "UpdateLoggingConfiguration", {
            firewallName: "edge",
            loggingConfiguration: { logDestinationConfigs: [] },
          }),
        ),
      errors: [{ messageId: "firewallLoggingRemoved", subject: "edge" }],
    },
  ],
});
