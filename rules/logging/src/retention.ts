// How long a log destination keeps what it receives: a CloudWatch Logs group's retention, or an S3
// bucket's lifecycle expiration weighed against its Object Lock default retention.
import { groupBy, type ResourceOf } from "@itaku/core";
import { z } from "zod";

/** The options of every rule that holds a log destination to a minimum retention. */
export const retentionOptions = z
  .object({ minRetentionDays: z.number().int().positive().default(365) })
  .strict();

/** Days a destination keeps logs: a number, `Infinity` (never deleted), or undefined (cannot tell). */
export interface Keeping {
  days: number | undefined;
  /** Why, for the finding's evidence and message. */
  basis: string;
  /** `days` is only a floor (the rest of the configuration was not collected). */
  atLeast?: boolean;
}

/** How a keeping measures up to a minimum: a floor below the minimum cannot decide. */
export function judgeKeeping(keeping: Keeping, minDays: number): "keeps" | "short" | "unknown" {
  if (keeping.days === undefined) return "unknown";
  if (keeping.days >= minDays) return "keeps";
  return keeping.atLeast ? "unknown" : "short";
}

/**
 * How a log that goes to several destinations measures up: kept when any destination keeps it long
 * enough, short when every one is short, unknown when there is none or one cannot tell.
 */
export function judgeDestinations(
  keepings: readonly Keeping[],
  minDays: number,
): "keeps" | "short" | "unknown" {
  const verdicts = keepings.map((k) => judgeKeeping(k, minDays));
  if (verdicts.includes("keeps")) return "keeps";
  if (verdicts.length === 0 || verdicts.includes("unknown")) return "unknown";
  return "short";
}

/** The keeping of a log group, or `missing` as the reason it cannot be told when the group was not collected. */
export const keptByLogGroup = (
  group: ResourceOf<"aws.logs.log-group"> | undefined,
  missing: string,
): Keeping => (group ? logGroupKeeping(group) : { days: undefined, basis: missing });

/** The keeping of logs under a destination prefix of a bucket, or `missing` when the bucket was not collected. */
export const keptByBucket = (
  bucket: ResourceOf<"aws.s3.bucket"> | undefined,
  prefix: string | undefined,
  missing: string,
): Keeping => (bucket ? bucketKeeping(bucket, awsLogsRoot(prefix)) : { days: undefined, basis: missing });

/** A Kinesis Data Firehose destination: what it delivers to is not in the snapshot. */
export const firehoseKeeping = (): Keeping => ({
  days: undefined,
  basis: "a Firehose stream: where it delivers is outside the snapshot",
});

export function logGroupKeeping(group: ResourceOf<"aws.logs.log-group">): Keeping {
  const days = group.attributes.retentionInDays;
  return days === null
    ? { days: Number.POSITIVE_INFINITY, basis: `log group ${group.name} never expires` }
    : { days, basis: `log group ${group.name} retention ${days} days` };
}

/**
 * The logs under `logRoot` (a key prefix such as `AWSLogs/`) are kept as long as the longest of the
 * Object Lock default retention (lifecycle cannot delete locked versions) and the shortest enabled
 * lifecycle expiration that touches them. In a versioned bucket an expiration only adds a delete
 * marker; the data goes when the noncurrent version expires.
 */
export function bucketKeeping(bucket: ResourceOf<"aws.s3.bucket">, logRoot: string): Keeping {
  const { objectLock, lifecycleRules, versioning } = bucket.attributes;
  // undefined: not collected; 0: no lock (null, disabled, or enabled without a default retention).
  const lockDays = objectLock === undefined ? undefined : objectLock?.enabled ? (objectLock.days ?? 0) : 0;
  let lifecycleDays: number | undefined;
  let lifecycleBasis = "";
  if (lifecycleRules !== undefined) {
    lifecycleDays = Number.POSITIVE_INFINITY;
    lifecycleBasis = "no lifecycle expiration";
    for (const rule of lifecycleRules) {
      if (!rule.enabled || rule.expirationDays === undefined) continue;
      if (!(logRoot.startsWith(rule.prefix) || rule.prefix.startsWith(logRoot))) continue;
      const days =
        versioning === "Enabled"
          ? rule.expirationDays + (rule.noncurrentExpirationDays ?? Number.POSITIVE_INFINITY)
          : rule.expirationDays;
      if (days < lifecycleDays) {
        lifecycleDays = days;
        lifecycleBasis = `lifecycle rule ${rule.id ?? "(unnamed)"} expires objects after ${rule.expirationDays} days${
          versioning === "Enabled" && rule.noncurrentExpirationDays !== undefined
            ? ` (+${rule.noncurrentExpirationDays} noncurrent)`
            : ""
        }`;
      }
    }
  }
  const lockBasis =
    objectLock?.enabled && objectLock.days
      ? `Object Lock ${objectLock.mode ?? ""} ${objectLock.days} days`
      : "";
  if (lifecycleDays === Number.POSITIVE_INFINITY) {
    return { days: lifecycleDays, basis: `bucket ${bucket.name}: ${lifecycleBasis}` };
  }
  if (lifecycleDays === undefined) {
    // Without the lifecycle rules only a lock tells us anything: it is a floor, not the whole story.
    return lockDays
      ? {
          days: lockDays,
          atLeast: true,
          basis: `bucket ${bucket.name}: ${lockBasis}; lifecycle not collected`,
        }
      : { days: undefined, basis: `bucket ${bucket.name}: lifecycle configuration not collected` };
  }
  if (lockDays === undefined) {
    return {
      days: lifecycleDays,
      atLeast: true,
      basis: `bucket ${bucket.name}: ${lifecycleBasis}; Object Lock not collected`,
    };
  }
  return lockDays > lifecycleDays
    ? { days: lockDays, basis: `bucket ${bucket.name}: ${lockBasis} outlasts ${lifecycleBasis}` }
    : { days: lifecycleDays, basis: `bucket ${bucket.name}: ${lifecycleBasis}` };
}

/** The key prefix logs land under for a destination with an optional user prefix. */
export const awsLogsRoot = (prefix: string | undefined): string =>
  prefix ? `${prefix.replace(/\/+$/, "")}/AWSLogs/` : "AWSLogs/";

export const describeDays = (days: number): string =>
  days === Number.POSITIVE_INFINITY ? "forever" : `${days}`;

/** Days as evidence shows them: `describeDays`, or null when they cannot be told. */
export const evidenceDays = (days: number | undefined): string | null =>
  days === undefined ? null : describeDays(days);

/** A keeping as evidence shows it. */
export const keepingEvidence = (keeping: Keeping) => ({ ...keeping, days: evidenceDays(keeping.days) });

/** Log group by name in an account and region. */
export function findLogGroup(
  groups: readonly ResourceOf<"aws.logs.log-group">[],
  scope: string,
  region: string,
  name: string,
): ResourceOf<"aws.logs.log-group"> | undefined {
  return groupBy(groups, logGroupKey).get(`${scope}/${region}/${name}`)?.[0];
}

const logGroupKey = (g: ResourceOf<"aws.logs.log-group">): string =>
  `${g.scope}/${g.region}/${g.attributes.name}`;
const bucketNameKey = (b: ResourceOf<"aws.s3.bucket">): string => b.attributes.name;
// A bucket name holds no "/", so scope + "/" + name cannot collide.
const bucketScopedKey = (b: ResourceOf<"aws.s3.bucket">): string => `${b.scope}/${b.attributes.name}`;

/** Parses `arn:aws:logs:<region>:<account>:log-group:<name>[:*]`. */
export function parseLogGroupArn(arn: string): { region: string; account: string; name: string } | undefined {
  const match = /^arn:aws[a-z-]*:logs:([^:]+):(\d{12}):log-group:(.+?)(:\*)?$/.exec(arn);
  return match ? { region: match[1]!, account: match[2]!, name: match[3]! } : undefined;
}

/** Bucket by name: S3 names are global, so any account of the snapshot may hold it (the trail's first). */
export function findBucket(
  buckets: readonly ResourceOf<"aws.s3.bucket">[],
  scope: string,
  name: string,
): ResourceOf<"aws.s3.bucket"> | undefined {
  // Keyed by scope and name: scanning every same-named bucket per lookup is quadratic in the accounts.
  return (
    groupBy(buckets, bucketScopedKey).get(`${scope}/${name}`)?.[0] ??
    groupBy(buckets, bucketNameKey).get(name)?.[0]
  );
}
