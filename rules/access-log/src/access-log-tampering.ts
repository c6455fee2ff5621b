import { defineDetection, subjects } from "@itaku/core";
import { z } from "zod";
import {
  addOnce,
  count,
  globTest,
  iso,
  mergeLists,
  mergeTallies,
  type Tally,
  tallyEvidence,
  worstPerSubject,
} from "./tally";

type Change =
  | "loggingStopped"
  | "selectorsReduced"
  | "trailWeakened"
  | "retentionShortened"
  | "logDeleted"
  | "firewallLoggingRemoved";

/** When one resource saw several kinds of change, the worst is reported. */
const PRIORITY: readonly Change[] = [
  "loggingStopped",
  "logDeleted",
  "firewallLoggingRemoved",
  "selectorsReduced",
  "retentionShortened",
  "trailWeakened",
];

interface State {
  /** `${change}\u0000${resource}` → changes; the actor labels ride in each tally's subject-free evidence. */
  changes: Map<string, Tally>;
  /** Same key → who did it (principal labels). */
  actors: Map<string, string[]>;
}

type Params = Record<string, unknown>;

const asArray = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];

/** Expiration days of an S3 lifecycle configuration as CloudTrail records it (Rule: object or list). */
function lifecycleDays(params: Params): number[] {
  const config = (params.LifecycleConfiguration ?? params.lifecycleConfiguration) as Params | undefined;
  return asArray(config?.Rule ?? config?.Rules ?? config?.rules)
    .filter((rule) => (rule as Params).Status !== "Disabled")
    .map((rule) => Number(((rule as Params).Expiration as Params | undefined)?.Days))
    .filter((days) => Number.isFinite(days));
}

/** PutEventSelectors that leave no selector recording all management events. */
function dropsManagementEvents(params: Params): boolean {
  const advanced = asArray(params.advancedEventSelectors);
  if (advanced.length > 0) {
    return !advanced.some((selector) =>
      asArray((selector as Params).fieldSelectors).some(
        (field) =>
          (field as Params).field === "eventCategory" &&
          asArray((field as Params).equals).includes("Management"),
      ),
    );
  }
  return !asArray(params.eventSelectors).some(
    (selector) =>
      (selector as Params).includeManagementEvents !== false &&
      ((selector as Params).readWriteType ?? "All") === "All" &&
      asArray((selector as Params).excludeManagementEventSources).length === 0,
  );
}

export default defineDetection({
  id: "access-log-tampering",
  title: {
    en: "Log and evidence tampering: trails stopped, selectors reduced, retention shortened, logs deleted",
    ja: "ログ・証跡の改ざん（証跡の停止、セレクタの縮小、保持期間の短縮、ログの削除）",
  },
  description: {
    en: "Flags successful calls that stop or weaken the audit trail: StopLogging, DeleteTrail, UpdateTrail turning off multi-region or log-file validation, PutEventSelectors that drop management events, lifecycle or retention below the minimum on log buckets and log groups, deleted log groups and flow logs, and firewall logging removed.",
    ja: "監査証跡を止めたり弱めたりする成功した操作を検出します。StopLogging、DeleteTrail、マルチリージョンやログファイル検証を無効にする UpdateTrail、管理イベントを外す PutEventSelectors、ログバケット・ロググループの保持期間の最小値未満への短縮、ロググループ・フローログの削除、ファイアウォールのログ設定の削除です。",
  },
  severity: "critical",
  controls: ["NIC-1-4-3-3", "NIC-1-4-3-2", "NIC-1-4-5-1", "IPA-2.1-5"],
  options: z
    .object({
      minRetentionDays: z.number().int().positive().default(365),
      logBuckets: z.array(z.string()).default(["*trail*", "*log*"]),
    })
    .strict(),
  optionDocs: {
    minRetentionDays: "Fewest days a log bucket's lifecycle or a log group's retention may keep logs",
    logBuckets: "Names (globs) of the buckets that hold logs",
  },
  messages: {
    loggingStopped: "{actor} stopped or deleted trail {resource} ({count} time(s), first {first})",
    selectorsReduced:
      "{actor} changed the event selectors of {resource} so management events are no longer all recorded",
    trailWeakened: "{actor} turned off multi-region logging or log-file validation on trail {resource}",
    retentionShortened: "{actor} set the retention of {resource} to {days} days, below {minDays}",
    logDeleted: "{actor} deleted {resource} ({count} time(s), first {first})",
    firewallLoggingRemoved: "{actor} removed the logging destinations of firewall {resource}",
  },
  remediation: {
    summary:
      "Restore the logging at once (StartLogging, the event selectors, the retention), find out who made the change and why, and protect the trail with an SCP that denies these calls outside a break-glass role.",
    cli: "aws cloudtrail start-logging --name TRAIL",
  },
  init: (): State => ({ changes: new Map(), actors: new Map() }),
  fold(state, event, identity, ctx) {
    if (!ctx.clock.inPeriod || event.errorCode) return;
    const params = (event.requestParameters ?? {}) as Params;
    let change: Change | undefined;
    let resource = "";
    let days = 0;
    switch (`${event.eventSource} ${event.eventName}`) {
      case "cloudtrail.amazonaws.com StopLogging":
      case "cloudtrail.amazonaws.com DeleteTrail":
        change = "loggingStopped";
        resource = String(params.name ?? "");
        break;
      case "cloudtrail.amazonaws.com UpdateTrail":
        if (params.isMultiRegionTrail === false || params.enableLogFileValidation === false)
          change = "trailWeakened";
        resource = String(params.name ?? "");
        break;
      case "cloudtrail.amazonaws.com PutEventSelectors":
        if (dropsManagementEvents(params)) change = "selectorsReduced";
        resource = String(params.trailName ?? "");
        break;
      case "s3.amazonaws.com PutBucketLifecycle": {
        const bucket = String(params.bucketName ?? "");
        const shortest = Math.min(...lifecycleDays(params));
        if (globTest(ctx.options.logBuckets)(bucket) && shortest < ctx.options.minRetentionDays) {
          change = "retentionShortened";
          days = shortest;
        }
        resource = `s3://${bucket}`;
        break;
      }
      case "logs.amazonaws.com PutRetentionPolicy": {
        const retention = Number(params.retentionInDays);
        if (retention < ctx.options.minRetentionDays) {
          change = "retentionShortened";
          days = retention;
        }
        resource = `log group ${String(params.logGroupName ?? "")}`;
        break;
      }
      case "logs.amazonaws.com DeleteLogGroup":
        change = "logDeleted";
        resource = `log group ${String(params.logGroupName ?? "")}`;
        break;
      case "ec2.amazonaws.com DeleteFlowLogs":
        change = "logDeleted";
        resource = `flow logs ${(JSON.stringify(params).match(/fl-[0-9a-f]+/g) ?? ["?"]).sort().join(", ")}`;
        break;
      case "network-firewall.amazonaws.com UpdateLoggingConfiguration": {
        const config = params.loggingConfiguration as Params | undefined;
        if (asArray(config?.logDestinationConfigs).length === 0) change = "firewallLoggingRemoved";
        resource = String(params.firewallName ?? params.firewallArn ?? "");
        break;
      }
      default:
        return;
    }
    if (!change) return;
    const account = event.recipientAccountId ?? identity.accountId ?? "unknown";
    const key = `${change}\u0000${resource}`;
    const tally: Tally & { days?: number } = count(
      state.changes,
      key,
      () => subjects.resource(resource, resource, account, event.awsRegion),
      ctx.clock.ms,
      event.eventID,
    );
    addOnce(state.actors, key, identity.label);
    if (days > 0) tally.days = Math.min(tally.days ?? days, days);
  },
  merge(into, from) {
    for (const [key, tally] of from.changes) {
      const mine = into.changes.get(key) as (Tally & { days?: number }) | undefined;
      const theirs = tally as Tally & { days?: number };
      if (mine && theirs.days !== undefined) mine.days = Math.min(mine.days ?? theirs.days, theirs.days);
    }
    mergeTallies(into.changes, from.changes);
    mergeLists(into.actors, from.actors);
    return into;
  },
  report(state, ctx) {
    const worst = worstPerSubject(state.changes, PRIORITY, (key) => key.slice(key.indexOf("\u0000") + 1));
    for (const { key, kind: change, tally } of worst) {
      const resource = key.slice(key.indexOf("\u0000") + 1);
      const actors = [...state.actors.get(key)!].sort();
      ctx.fail(
        tally.subject,
        change,
        {
          actor: actors.join(", "),
          resource,
          count: tally.count,
          first: iso(tally.first),
          days: (tally as Tally & { days?: number }).days ?? 0,
          minDays: ctx.options.minRetentionDays,
        },
        { ...tallyEvidence(tally), actors },
      );
    }
  },
});
