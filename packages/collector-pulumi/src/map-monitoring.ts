// The CIS 4.x alarm chain as a program declares it: metric filters joined into the log groups they
// watch, metric alarms, and for each SNS topic an alarm notifies, the subscriptions the program gives it.
// Runs after mapLogging, whose log groups it completes.
import type { ResourceOf } from "@itaku/core";
import { type NormalizeContext, opaqueWhy } from "./context";
import type { PulumiRecord } from "./records";
import { bool, isOpaque, list, obj, str } from "./values";

export const MONITORING = {
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  metricFilter: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
} as const;

type LogGroup = ResourceOf<"aws.logs.log-group">;
type MetricFilter = NonNullable<LogGroup["attributes"]["metricFilters"]>[number];

const SNS_TOPIC_ARN = /^arn:[^:]+:sns:[^:]+:\d{12}:[^:]+$/;

export function mapMonitoring(ctx: NormalizeContext): void {
  mapMetricFilters(ctx);
  mapAlarms(ctx);
}

/** Every log group of the program gets the filters the program declares on it ([] for none). */
function mapMetricFilters(ctx: NormalizeContext): void {
  const groups = ctx.resources.filter((r): r is LogGroup => r.type === "aws.logs.log-group");
  const filtersOf = new Map<LogGroup, MetricFilter[]>(groups.map((g) => [g, []]));
  for (const record of ctx.of(MONITORING.metricFilter)) {
    const props = ctx.p(record);
    const target = ctx.ref(record, "logGroupName", [MONITORING.logGroup]);
    const group = groups.find(
      (g) =>
        g.region === ctx.regionOf(record) &&
        (target?.record ? g.urn === target.record.urn : g.attributes.name === target?.value),
    );
    if (!group) {
      // A filter on a log group this program does not declare says nothing about the groups it does.
      if (!target) ctx.gap("aws.logs.log-group", record, "logGroupName", "unresolved");
      continue;
    }
    if (isOpaque(props.pattern)) {
      ctx.gap("aws.logs.log-group", record, "pattern", opaqueWhy(props.pattern));
      continue;
    }
    const transformations = (list(props, "metricTransformation") ?? [obj(props, "metricTransformation")])
      .map((t) => (t && typeof t === "object" && !isOpaque(t) ? (t as Record<string, unknown>) : undefined))
      .filter((t) => t !== undefined);
    filtersOf.get(group)!.push({
      name: str(props, "name") ?? record.name,
      // An empty pattern matches every event.
      pattern: str(props, "pattern") ?? "",
      metrics: transformations.flatMap((t) => {
        const name = str(t, "name");
        const namespace = str(t, "namespace");
        return name && namespace ? [{ name, namespace }] : [];
      }),
    });
  }
  for (const [group, filters] of filtersOf)
    group.attributes.metricFilters = filters.sort((a, b) => (a.name < b.name ? -1 : 1));
}

function mapAlarms(ctx: NormalizeContext): void {
  const topicArn = (topic: PulumiRecord) =>
    str(ctx.p(topic), "arn") ?? ctx.arn("sns", ctx.regionOf(topic), str(ctx.p(topic), "name") ?? topic.name);
  // Subscriptions per topic record. A declared subscription counts as a subscriber unless the state says
  // it is still waiting for its endpoint to confirm; a live scan checks the confirmation itself.
  const subscribers = new Map<PulumiRecord, number>();
  for (const subscription of ctx.of(MONITORING.subscription)) {
    const topic = ctx.ref(subscription, "topic", [MONITORING.topic])?.record;
    if (!topic || bool(ctx.p(subscription), "pendingConfirmation") === true) continue;
    subscribers.set(topic, (subscribers.get(topic) ?? 0) + 1);
  }

  for (const record of ctx.of(MONITORING.metricAlarm)) {
    const props = ctx.p(record);
    const region = ctx.regionOf(record);
    const name = str(props, "name") ?? record.name;
    const arn = str(props, "arn") ?? ctx.arn("cloudwatch", region, `alarm:${name}`);
    const { refs, unresolved } = ctx.refs(record, "alarmActions", [MONITORING.topic]);
    if (unresolved) ctx.gap("aws.cloudwatch.alarm", record, "alarmActions", "unresolved");
    const actions = refs.map((ref) => ({
      arn: ref.record ? topicArn(ref.record) : ref.value!,
      topic: ref.record,
    }));
    ctx.add(
      {
        type: "aws.cloudwatch.alarm",
        id: arn,
        name,
        scope: ctx.accountId,
        region,
        tags: ctx.tags(record),
        urn: record.urn,
        attributes: {
          arn,
          name,
          ...(str(props, "metricName") ? { metricName: str(props, "metricName") } : {}),
          ...(str(props, "namespace") ? { namespace: str(props, "namespace") } : {}),
          // The provider's default: actions are enabled.
          actionsEnabled: bool(props, "actionsEnabled") ?? true,
          alarmActions: actions.map((a) => a.arn).sort(),
          // A topic the program does not declare has subscribers the program cannot tell: null.
          topics: actions
            .filter((a) => a.topic || SNS_TOPIC_ARN.test(a.arn))
            .sort((a, b) => (a.arn < b.arn ? -1 : 1))
            .map((a) => ({
              arn: a.arn,
              confirmedSubscriptions: a.topic ? (subscribers.get(a.topic) ?? 0) : null,
            })),
        },
      },
      record,
    );
  }
}
