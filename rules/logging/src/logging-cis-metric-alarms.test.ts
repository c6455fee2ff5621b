import { alarmArn, topicArn } from "./cis-fixtures";
import { ACCOUNT, draftOf, GROUP, gap, REGION, TRAIL_ARN } from "./fixtures";
import rule from "./logging-cis-metric-alarms";
import { tester } from "./tester";

const filtersOf = (d: Parameters<typeof draftOf>[0]) =>
  draftOf(d, "aws.logs.log-group", GROUP.trail).attributes.metricFilters!;
const alarmOf = (d: Parameters<typeof draftOf>[0], id: string) =>
  draftOf(d, "aws.cloudwatch.alarm", alarmArn(ACCOUNT, REGION, id));

tester.run(rule, {
  valid: [
    { name: "every CIS filter with an alarm and a subscribed topic" },
    {
      name: "a filter spelled differently still catches the events",
      change: (d) => {
        filtersOf(d).find((f) => f.name === "cis-cloudtrail-changes")!.pattern =
          '{ $.eventSource = "cloudtrail.amazonaws.com" && ($.eventName = %^(Create|Update|Delete)Trail$% || $.eventName = "St*Logging") }';
      },
    },
    {
      name: "only the required kinds are judged",
      options: { events: ["root-usage"] },
      change: (d) => {
        alarmOf(d, "vpc-changes").attributes.topics[0]!.confirmedSubscriptions = 0;
      },
    },
  ],
  invalid: [
    {
      name: "the trail does not deliver to CloudWatch Logs",
      change: (d) => {
        draftOf(d, "aws.cloudtrail.trail", TRAIL_ARN).attributes.cloudWatchLogsLogGroupArn = undefined;
      },
      errors: [{ messageId: "noTrailLogGroup", resource: ACCOUNT }],
    },
    {
      name: "a filter that misses StopLogging",
      change: (d) => {
        filtersOf(d).find((f) => f.name === "cis-cloudtrail-changes")!.pattern =
          "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) }";
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
    {
      name: "a text pattern cannot match CloudTrail's JSON fields",
      change: (d) => {
        filtersOf(d).find((f) => f.name === "cis-root-usage")!.pattern = '"Root"';
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
    {
      name: "no alarm on the metric",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.id !== alarmArn(ACCOUNT, REGION, "root-usage"));
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
    {
      name: "the alarm's actions are disabled",
      change: (d) => {
        alarmOf(d, "nacl-changes").attributes.actionsEnabled = false;
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
    {
      name: "nobody confirmed the topic's subscription",
      change: (d) => {
        alarmOf(d, "console-login-without-mfa").attributes.topics = [
          { arn: topicArn(ACCOUNT, REGION), confirmedSubscriptions: 0 },
        ];
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
  ],
  unknown: [
    {
      name: "the metric filters were not read",
      change: (d) => {
        draftOf(d, "aws.logs.log-group", GROUP.trail).attributes.metricFilters = undefined;
        d.sources[0]!.gaps.push(gap("aws.logs.log-group", "DescribeMetricFilters"));
      },
      resources: [ACCOUNT],
    },
    {
      name: "the alarms were not read",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.type !== "aws.cloudwatch.alarm");
        d.sources[0]!.gaps.push(gap("aws.cloudwatch.alarm", "DescribeAlarms"));
      },
      resources: [ACCOUNT],
    },
    {
      name: "a topic's subscriptions were not read",
      change: (d) => {
        alarmOf(d, "root-usage").attributes.topics[0]!.confirmedSubscriptions = null;
      },
      resources: [ACCOUNT],
    },
  ],
});
