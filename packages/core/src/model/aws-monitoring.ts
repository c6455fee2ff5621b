// CloudWatch alarms and the metric filters feeding them: the CIS 4.x "alert on these CloudTrail
// events" chain (trail → log group → metric filter → metric → alarm → SNS topic → subscriber).
import { z } from "zod";

export const awsLogMetricFilter = z.object({
  name: z.string(),
  /** The filter pattern as written; rules parse it. */
  pattern: z.string(),
  /** The metrics the filter writes to. */
  metrics: z.array(z.object({ name: z.string(), namespace: z.string() })),
});

export const awsCloudWatchAlarm = z.object({
  arn: z.string(),
  name: z.string(),
  /** Absent for alarms on metric math or composite alarms. */
  metricName: z.string().optional(),
  namespace: z.string().optional(),
  actionsEnabled: z.boolean(),
  /** ARNs the alarm notifies when it goes into ALARM. */
  alarmActions: z.array(z.string()),
  /**
   * The SNS topics among alarmActions with their confirmed subscriptions (pending ones do not deliver);
   * null: the subscriptions could not be read.
   */
  topics: z.array(z.object({ arn: z.string(), confirmedSubscriptions: z.number().int().nullable() })),
});
