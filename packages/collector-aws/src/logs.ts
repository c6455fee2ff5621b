// CloudWatch Logs groups of one region with their retention ("never expire" is null), and why the
// scan cares about each: other collectors note the groups trails, flow logs and firewalls write to.
import {
  CloudWatchLogsClient,
  paginateDescribeLogGroups,
  paginateDescribeMetricFilters,
} from "@aws-sdk/client-cloudwatch-logs";
import type { ResourceOf } from "@itaku/core";
import type { AwsCollector, AwsCollectorContext } from "./collector";
import { scanBook } from "./scan-book";

type MetricFilter = NonNullable<ResourceOf<"aws.logs.log-group">["attributes"]["metricFilters"]>[number];
type Purpose = NonNullable<ResourceOf<"aws.logs.log-group">["attributes"]["purposes"]>[number];

/**
 * Purposes are noted by collectors that run in any order next to this one: a note made before the
 * group is emitted waits here; one made after goes straight onto the emitted resource.
 */
interface PurposeBook {
  pending: Map<string, Set<Purpose>>;
  emitted: Map<string, ResourceOf<"aws.logs.log-group">>;
}
const bookOf = scanBook<PurposeBook>(() => ({ pending: new Map(), emitted: new Map() }));

const groupKey = (region: string, name: string): string => `${region}\u0000${name}`;

/** Records that a log group (by region and name) receives logs the rules care about. */
export function noteLogGroupPurpose(
  ctx: AwsCollectorContext,
  region: string,
  name: string,
  purpose: Purpose,
): void {
  const book = bookOf(ctx);
  const key = groupKey(region, name);
  const emitted = book.emitted.get(key);
  if (emitted) addPurpose(emitted, purpose);
  else {
    const set = book.pending.get(key) ?? new Set();
    set.add(purpose);
    book.pending.set(key, set);
  }
}

function addPurpose(group: ResourceOf<"aws.logs.log-group">, purpose: Purpose): void {
  const purposes = new Set(group.attributes.purposes ?? []);
  purposes.add(purpose);
  group.attributes.purposes = [...purposes].sort();
}

export const logsCollector: AwsCollector = {
  name: "logs",
  scope: "regional",
  resourceTypes: ["aws.logs.log-group"],
  async run(ctx) {
    const logs = ctx.client(CloudWatchLogsClient, "logs");
    const proxyGroups = new Set(ctx.config.confidential?.proxy.logGroupNames ?? []);
    const groups: ResourceOf<"aws.logs.log-group">[] = [];
    try {
      for await (const page of paginateDescribeLogGroups({ client: logs, pageSize: 50 }, {})) {
        for (const group of page.logGroups ?? []) {
          if (!group.logGroupName) continue;
          const arn = (
            group.arn ??
            `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${group.logGroupName}:*`
          ).replace(/:\*$/, "");
          groups.push({
            type: "aws.logs.log-group",
            id: arn,
            name: group.logGroupName,
            scope: ctx.accountId,
            region: ctx.region,
            attributes: {
              arn,
              name: group.logGroupName,
              retentionInDays: group.retentionInDays ?? null,
              ...(group.kmsKeyId ? { kmsKeyId: group.kmsKeyId } : {}),
            },
          });
        }
      }
    } catch (error) {
      ctx.gap("aws.logs.log-group", "DescribeLogGroups", error);
      return;
    }
    // Metric filters of the whole region in one listing, handed to their groups (CIS 4.x alarms read them).
    const filters = new Map<string, MetricFilter[]>();
    let filtersRead = true;
    try {
      for await (const page of paginateDescribeMetricFilters({ client: logs, pageSize: 50 }, {})) {
        for (const filter of page.metricFilters ?? []) {
          if (!filter.logGroupName || !filter.filterName) continue;
          const list = filters.get(filter.logGroupName) ?? [];
          list.push({
            name: filter.filterName,
            pattern: filter.filterPattern ?? "",
            metrics: (filter.metricTransformations ?? []).map((m) => ({
              name: m.metricName ?? "",
              namespace: m.metricNamespace ?? "",
            })),
          });
          filters.set(filter.logGroupName, list);
        }
      }
    } catch (error) {
      filtersRead = false;
      ctx.gap("aws.logs.log-group", "DescribeMetricFilters", error);
    }
    const book = bookOf(ctx);
    for (const group of groups) {
      if (filtersRead) {
        group.attributes.metricFilters = (filters.get(group.attributes.name) ?? []).sort((a, b) =>
          a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
        );
      }
      const key = groupKey(ctx.region, group.attributes.name);
      for (const purpose of book.pending.get(key) ?? []) addPurpose(group, purpose);
      if (proxyGroups.has(group.attributes.name)) addPurpose(group, "proxy-logs");
      book.emitted.set(key, group);
      ctx.emit(group);
    }
    ctx.progress(`CloudWatch Logs ${ctx.region}: ${groups.length} log groups`);
  },
};
