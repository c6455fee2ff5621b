// CIS 4.x alarm plumbing seeded in moto through the SDK: a multi-region trail delivering to a log group,
// the CIS metric filters on it, an alarm per filter notifying an SNS topic with a subscriber.
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CIS_NAMESPACE, CIS_PATTERNS } from "../../rules/logging/src/cis-fixtures";

export const CIS_TRAIL = "cis-audit";
export const CIS_LOG_GROUP = "/aws/cloudtrail/cis-audit";

export interface CisSeedOptions {
  /** Kinds of events given no metric filter. */
  withoutFilter?: string[];
  /** Kinds whose alarm notifies a topic nobody subscribes to. */
  unsubscribed?: string[];
}

export async function seedCisAlarms(
  endpoint: string,
  accountId: string,
  region: string,
  options: CisSeedOptions = {},
): Promise<{ topicArn: string }> {
  const config = { endpoint, region, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
  const logs = new CloudWatchLogsClient(config);
  const cloudtrail = new CloudTrailClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const cloudwatch = new CloudWatchClient(config);
  const sns = new SNSClient(config);
  try {
    await logs.send(new CreateLogGroupCommand({ logGroupName: CIS_LOG_GROUP }));
    const bucket = `itaku-cis-trail-${accountId}`;
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        CreateBucketConfiguration: { LocationConstraint: region as never },
      }),
    );
    await cloudtrail.send(
      new CreateTrailCommand({
        Name: CIS_TRAIL,
        S3BucketName: bucket,
        IsMultiRegionTrail: true,
        CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${accountId}:log-group:${CIS_LOG_GROUP}:*`,
        CloudWatchLogsRoleArn: `arn:aws:iam::${accountId}:role/cloudtrail-to-logs`,
      }),
    );
    await cloudtrail.send(new StartLoggingCommand({ Name: CIS_TRAIL }));
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: "security-alerts" }))).TopicArn!;
    await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: "email", Endpoint: "soc@sample-vendor.example" }),
    );
    const silentTopicArn = (await sns.send(new CreateTopicCommand({ Name: "nobody-listens" }))).TopicArn!;
    for (const [id, pattern] of Object.entries(CIS_PATTERNS)) {
      if (options.withoutFilter?.includes(id)) continue;
      await logs.send(
        new PutMetricFilterCommand({
          logGroupName: CIS_LOG_GROUP,
          filterName: `cis-${id}`,
          filterPattern: pattern,
          metricTransformations: [
            { metricName: `cis-${id}`, metricNamespace: CIS_NAMESPACE, metricValue: "1" },
          ],
        }),
      );
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: `cis-${id}`,
          MetricName: `cis-${id}`,
          Namespace: CIS_NAMESPACE,
          Statistic: "Sum",
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: "GreaterThanOrEqualToThreshold",
          AlarmActions: [options.unsubscribed?.includes(id) ? silentTopicArn : topicArn],
        }),
      );
    }
    return { topicArn };
  } finally {
    for (const client of [logs, cloudtrail, s3, cloudwatch, sns]) client.destroy();
  }
}
