// CloudWatch metric alarms of one region and, for the SNS topics they notify, how many confirmed
// subscriptions each has: an alarm whose topic nobody subscribes to tells no one.
import { CloudWatchClient, paginateDescribeAlarms } from "@aws-sdk/client-cloudwatch";
import { paginateListSubscriptionsByTopic, SNSClient } from "@aws-sdk/client-sns";
import type { ResourceOf } from "@itaku/core";
import type { AwsCollector } from "./collector";

const SNS_TOPIC_ARN = /^arn:[^:]+:sns:[^:]+:\d{12}:[^:]+$/;
/** What SubscriptionArn says instead of an ARN while the endpoint has not confirmed. */
const NOT_CONFIRMED = new Set(["PendingConfirmation", "Deleted"]);

export const alarmsCollector: AwsCollector = {
  name: "alarms",
  scope: "regional",
  resourceTypes: ["aws.cloudwatch.alarm"],
  async run(ctx) {
    const cloudwatch = ctx.client(CloudWatchClient, "cloudwatch");
    const alarms: ResourceOf<"aws.cloudwatch.alarm">[] = [];
    try {
      for await (const page of paginateDescribeAlarms(
        { client: cloudwatch, pageSize: 100 },
        { AlarmTypes: ["MetricAlarm"] },
      )) {
        for (const alarm of page.MetricAlarms ?? []) {
          if (!alarm.AlarmArn || !alarm.AlarmName) continue;
          alarms.push({
            type: "aws.cloudwatch.alarm",
            id: alarm.AlarmArn,
            name: alarm.AlarmName,
            scope: ctx.accountId,
            region: ctx.region,
            attributes: {
              arn: alarm.AlarmArn,
              name: alarm.AlarmName,
              ...(alarm.MetricName ? { metricName: alarm.MetricName } : {}),
              ...(alarm.Namespace ? { namespace: alarm.Namespace } : {}),
              actionsEnabled: alarm.ActionsEnabled ?? true,
              alarmActions: [...(alarm.AlarmActions ?? [])].sort(),
              topics: [],
            },
          });
        }
      }
    } catch (error) {
      ctx.gap("aws.cloudwatch.alarm", "DescribeAlarms", error);
      return;
    }

    const sns = ctx.client(SNSClient, "sns");
    const confirmed = new Map<string, number | null>();
    const topics = new Set(
      alarms.flatMap((a) => a.attributes.alarmActions.filter((arn) => SNS_TOPIC_ARN.test(arn))),
    );
    for (const topic of [...topics].sort()) {
      try {
        let count = 0;
        for await (const page of paginateListSubscriptionsByTopic({ client: sns }, { TopicArn: topic })) {
          for (const subscription of page.Subscriptions ?? []) {
            if (subscription.SubscriptionArn && !NOT_CONFIRMED.has(subscription.SubscriptionArn)) count++;
          }
        }
        confirmed.set(topic, count);
      } catch (error) {
        // A topic of another account, or no right to list it: that topic's subscribers are unknown.
        confirmed.set(topic, null);
        ctx.gap("aws.cloudwatch.alarm", "ListSubscriptionsByTopic", error);
      }
    }
    for (const alarm of alarms) {
      alarm.attributes.topics = alarm.attributes.alarmActions
        .filter((arn) => SNS_TOPIC_ARN.test(arn))
        .map((arn) => ({ arn, confirmedSubscriptions: confirmed.get(arn) ?? null }));
      ctx.emit(alarm);
    }
    ctx.progress(`CloudWatch ${ctx.region}: ${alarms.length} alarms, ${topics.size} topics`);
  },
};
