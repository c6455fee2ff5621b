import { defineRule, gapsIn, type ResourceOf } from "@itaku/core";
import { z } from "zod";
import { MONITORED_EVENT_IDS, MONITORED_EVENTS, type MonitoredEvents } from "./cis-monitored-events";
import {
  type FilterExpression,
  FilterPatternError,
  matchesEvent,
  parseFilterPattern,
} from "./filter-pattern";

type LogGroup = ResourceOf<"aws.logs.log-group">;
type Alarm = ResourceOf<"aws.cloudwatch.alarm">;
/** How far along trail → filter → alarm → subscriber one set of monitored events gets. */
type Coverage =
  | { status: "alarmed"; filter: string; alarm: string }
  | { status: "noFilter" | "noAlarm" | "noSubscriber"; detail?: string }
  | { status: "unknown"; reason: string };

const logGroupArn = (arn: string) => arn.replace(/:\*$/, "");

export default defineRule({
  id: "logging-cis-metric-alarms",
  title: {
    en: "Security-relevant CloudTrail events raise an alarm someone receives (CIS 4.x)",
    ja: "セキュリティ上重要な CloudTrail イベントで、誰かに届くアラームが鳴る（CIS 4.x）",
  },
  description: {
    en: "The contract asks that access logs be checked for signs of unauthorised access. A vendor that checks them through alarms, as CIS AWS Foundations section 4 describes, needs the whole chain for each kind of event: a multi-region trail delivering to CloudWatch Logs, a metric filter on that log group that matches the events, an alarm on the filter's metric, and an SNS topic with a confirmed subscriber. Filters are judged by parsing their pattern and running it over sample events, so any spelling of the condition counts. Vendors that review the logs another way (for example with `itaku audit` every month) can turn this rule off; `events` narrows which kinds are required. On infrastructure code, a subscription the program declares counts as a subscriber unless the stack's state says it still awaits confirmation; the live scan checks that it was confirmed.",
    ja: "契約は、不正アクセスの形跡がないかアクセスログを確認することを求めています。CIS AWS Foundations の第 4 章のようにアラームで確認する委託先は、イベントの種類ごとに次の連鎖すべてが必要です：CloudWatch Logs に配信するマルチリージョン証跡、そのロググループ上でイベントに一致するメトリクスフィルター、フィルターのメトリクスに対するアラーム、確認済みの購読者がいる SNS トピック。フィルターはパターンを解析してサンプルイベントに当てて判定するため、条件の書き方は問いません。別の方法でログを確認している委託先（毎月の `itaku audit` など）はこのルールを無効にできます。`events` で必要な種類を絞れます。インフラのコードでは、プログラムが宣言する購読を購読者とみなします（スタックの状態が確認待ちと示す場合を除く）。確認済みかどうかはライブのスキャンで確認します。",
  },
  severity: "medium",
  controls: ["NIC-1-4-3-3"],
  resourceTypes: ["aws.account"],
  reads: ["aws.cloudtrail.trail", "aws.logs.log-group", "aws.cloudwatch.alarm"],
  appliesTo: ["live", "iac"],
  options: z
    .object({
      events: z
        .array(z.enum(MONITORED_EVENT_IDS))
        .min(1)
        .default([...MONITORED_EVENT_IDS]),
    })
    .strict(),
  optionDocs: {
    events: `Which kinds of events need an alarm (default: all): ${MONITORED_EVENT_IDS.join(", ")}`,
  },
  messages: {
    noTrailLogGroup: "No logging multi-region trail of account {account} delivers to CloudWatch Logs",
    missing: "Account {account} raises no alarm anyone receives for {count} kind(s) of events: {kinds}",
  },
  remediation: {
    summary:
      "Send the multi-region trail to a CloudWatch Logs group; for each kind of event add a metric filter, an alarm on its metric and an SNS topic with a confirmed subscriber (stacks/vendor-baseline provisions them).",
    pulumi:
      'new aws.cloudwatch.LogMetricFilter(..., { logGroupName, pattern: "{ ($.eventName = CreateTrail) || … }", metricTransformation: { name, namespace: "CISBenchmark", value: "1" } }); new aws.cloudwatch.MetricAlarm(..., { metricName: name, namespace: "CISBenchmark", alarmActions: [topic.arn], … });',
    cli: "aws logs put-metric-filter …; aws cloudwatch put-metric-alarm … --alarm-actions <sns-topic-arn>; aws sns subscribe …",
  },
  check(ctx, { events }) {
    const wanted = MONITORED_EVENTS.filter((e) => events.includes(e.id));
    const matches = patternMatcher();
    for (const account of ctx.resources("aws.account")) {
      const trails = ctx
        .inScope("aws.cloudtrail.trail", account.scope)
        .filter((t) => t.attributes.multiRegion && t.attributes.cloudWatchLogsLogGroupArn);
      const delivering = trails.filter((t) => t.attributes.logging === true);
      if (delivering.length === 0) {
        const gaps = gapsIn(ctx, account, ["aws.cloudtrail.trail"]);
        if (gaps.length > 0) ctx.unknown(account, "CloudTrail could not be read in every region", { gaps });
        else if (trails.some((t) => t.attributes.logging === undefined))
          ctx.unknown(
            account,
            "The logging status of a trail delivering to CloudWatch Logs was not collected",
          );
        else
          ctx.fail(
            account,
            "noTrailLogGroup",
            { account: account.scope },
            { trails: trails.map((t) => t.id) },
          );
        continue;
      }
      const groupArns = new Set(delivering.map((t) => logGroupArn(t.attributes.cloudWatchLogsLogGroupArn!)));
      const groups = ctx
        .inScope("aws.logs.log-group", account.scope)
        .filter((g) => groupArns.has(logGroupArn(g.attributes.arn)));
      const alarms = alarmsByMetric(ctx.inScope("aws.cloudwatch.alarm", account.scope));
      const alarmsUnread = gapsIn(ctx, account, ["aws.cloudwatch.alarm"]).length > 0;
      const coverage = wanted.map((kind) => ({
        kind,
        ...cover(kind, groups, alarms, alarmsUnread, matches),
      }));
      const missing = coverage.filter(
        (c) => c.status === "noFilter" || c.status === "noAlarm" || c.status === "noSubscriber",
      );
      const evidence = {
        logGroups: [...groupArns],
        coverage: coverage.map(({ kind, ...rest }) => ({ events: kind.id, cis: kind.cis, ...rest })),
      };
      if (groups.length === 0 && gapsIn(ctx, account, ["aws.logs.log-group"]).length > 0)
        ctx.unknown(account, "The trail's log group could not be read", evidence);
      else if (missing.length > 0) {
        ctx.fail(
          account,
          "missing",
          {
            account: account.scope,
            count: missing.length,
            kinds: missing.map((c) => `${c.kind.title} (CIS ${c.kind.cis}: ${c.status})`).join(", "),
          },
          evidence,
        );
      } else if (coverage.some((c) => c.status === "unknown"))
        ctx.unknown(account, "Not every link of the alarm chain could be read", evidence);
      else ctx.pass(account, evidence);
    }
  },
});

/** The furthest link reached for one kind of events: a matching filter, an alarm on it, a subscriber. */
/**
 * Whether a filter pattern matches every sample of a kind of events, worked out once per pattern text
 * and kind: an organisation's accounts (and a baseline's regions) repeat the same few patterns, and
 * parsing them again for every kind, group and account dominated the evaluation of large snapshots.
 */
function patternMatcher(): (pattern: string, kind: MonitoredEvents) => boolean {
  const judged = new Map<string, Map<MonitoredEvents, boolean>>();
  const parsed = new Map<string, FilterExpression | null>();
  return (pattern, kind) => {
    let byKind = judged.get(pattern);
    if (!byKind) {
      byKind = new Map();
      judged.set(pattern, byKind);
    }
    let verdict = byKind.get(kind);
    if (verdict === undefined) {
      let expression = parsed.get(pattern);
      if (expression === undefined) {
        try {
          expression = parseFilterPattern(pattern);
        } catch (error) {
          if (!(error instanceof FilterPatternError)) throw error;
          expression = null; // a text pattern cannot match JSON fields
        }
        parsed.set(pattern, expression);
      }
      const compiled = expression;
      verdict = compiled !== null && kind.samples.every((sample) => matchesEvent(compiled, sample));
      byKind.set(kind, verdict);
    }
    return verdict;
  };
}

function cover(
  kind: MonitoredEvents,
  groups: readonly LogGroup[],
  alarms: AlarmsByMetric,
  alarmsUnread: boolean,
  matches: (pattern: string, kind: MonitoredEvents) => boolean,
): Coverage {
  const matching: { group: LogGroup; filter: string; metrics: { name: string; namespace: string }[] }[] = [];
  let filtersUnread = false;
  for (const group of groups) {
    if (group.attributes.metricFilters === undefined) {
      filtersUnread = true;
      continue;
    }
    for (const filter of group.attributes.metricFilters) {
      if (matches(filter.pattern, kind))
        matching.push({ group, filter: filter.name, metrics: filter.metrics });
    }
  }
  if (matching.length === 0)
    return filtersUnread ? { status: "unknown", reason: "metric filters not read" } : { status: "noFilter" };
  let sawAlarm = false;
  let sawUnknownTopic = false;
  for (const { group, filter, metrics } of matching) {
    for (const alarm of alarms.on(group.region, metrics)) {
      const { actionsEnabled, topics } = alarm.attributes;
      sawAlarm = true;
      if (!actionsEnabled) continue;
      if (topics.some((t) => (t.confirmedSubscriptions ?? 0) > 0))
        return { status: "alarmed", filter, alarm: alarm.name };
      if (topics.some((t) => t.confirmedSubscriptions === null)) sawUnknownTopic = true;
    }
  }
  if (!sawAlarm)
    return alarmsUnread
      ? { status: "unknown", reason: "alarms not read" }
      : { status: "noAlarm", detail: matching[0]!.filter };
  if (sawUnknownTopic) return { status: "unknown", reason: "the alarm topic's subscriptions were not read" };
  return { status: "noSubscriber", detail: matching[0]!.filter };
}

interface AlarmsByMetric {
  /** The alarms in a region on any of these metrics, in the account's order. */
  on(region: string, metrics: readonly { name: string; namespace: string }[]): readonly Alarm[];
}

/**
 * An account's alarms by region and metric, indexed once per account: searching them all for every
 * matching filter of every kind of events grows with filters × alarms.
 */
function alarmsByMetric(alarms: readonly Alarm[]): AlarmsByMetric {
  const key = (region: string, namespace: string, name: string) => `${region}\u0000${namespace}\u0000${name}`;
  const index = new Map<string, Alarm[]>();
  const position = new Map<Alarm, number>();
  alarms.forEach((alarm, i) => {
    const { namespace, metricName } = alarm.attributes;
    if (namespace === undefined || metricName === undefined) return; // metric math, composite: no filter's metric
    const k = key(alarm.region, namespace, metricName);
    const list = index.get(k);
    if (list) list.push(alarm);
    else index.set(k, [alarm]);
    position.set(alarm, i);
  });
  return {
    on(region, metrics) {
      if (metrics.length === 1) return index.get(key(region, metrics[0]!.namespace, metrics[0]!.name)) ?? [];
      // Several metrics: each alarm once, in the account's order.
      const found = new Set(metrics.flatMap((m) => index.get(key(region, m.namespace, m.name)) ?? []));
      return [...found].sort((a, b) => position.get(a)! - position.get(b)!);
    },
  };
}
