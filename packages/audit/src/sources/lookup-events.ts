// The LookupEvents source: CloudTrail's event history, which every account has without a trail —
// the last 90 days of management events, read at CloudTrail's limit of 2 requests/s per account and
// region. One token bucket per account and region is shared by every caller in the process (the
// middleware below takes a token for every attempt that goes over the wire, retries included), so
// parallel regions, commands or tests never exceed the limit together; an arrival window keeps the
// limit when a busy machine or network delays some requests (arrival-window.ts).
import {
  CloudTrailClient,
  LookupEventsCommand,
  type LookupEventsCommandOutput,
} from "@aws-sdk/client-cloudtrail";
import type { AwsClients } from "@itaku/collector-aws";
import { summarizeAwsError } from "@itaku/collector-aws";
import { type CloudTrailEvent, type EventSink, type EventSinkModule, isCloudTrailEvent } from "@itaku/core";
import { TokenBucket } from "limiter";
import { ArrivalWindow } from "./arrival-window";
import type { AuditGap, AuditGapCode, EventSource, ReadOptions, SourceReport, SourceResult } from "./types";

/** CloudTrail's documented limit for LookupEvents: 2 requests per second per account and region. */
export const LOOKUP_EVENTS_REQUESTS_PER_SECOND = 2;
/** The gap between two requests of one account and region: 5 % above the limit's 500 ms. */
export const LOOKUP_EVENTS_SPACING_MS = 525;
/** The largest page LookupEvents returns. */
export const LOOKUP_EVENTS_PAGE_SIZE = 50;
/** How far back the event history goes. */
export const LOOKUP_EVENTS_RETENTION_DAYS = 90;
/** Global services log their events in us-east-1; they are read from there once. */
export const GLOBAL_EVENTS_REGION = "us-east-1";
/** Services whose events CloudTrail records as global (awsRegion us-east-1 whatever the caller's region). */
const GLOBAL_EVENT_SOURCES = new Set([
  "iam.amazonaws.com",
  "sts.amazonaws.com",
  "signin.amazonaws.com",
  "organizations.amazonaws.com",
  "account.amazonaws.com",
  "cloudfront.amazonaws.com",
  "route53.amazonaws.com",
  "sso.amazonaws.com",
]);

/** What the event history cannot show; reported with every LookupEvents result. */
export const LOOKUP_EVENTS_LIMITS = [
  "management events only: no data events (S3 object reads and writes, Lambda invocations), no network activity events",
  `the last ${LOOKUP_EVENTS_RETENTION_DAYS} days only`,
  "one account per set of credentials: an organisation's other accounts are not included",
] as const;

const buckets = new Map<string, TokenBucket>();
const windows = new Map<string, ArrivalWindow>();

/**
 * The process-wide arrival window of one account and region: with the bucket's even spacing, at most
 * 2 requests can reach CloudTrail in any second even when the machine or the network delays some.
 */
export function lookupEventsWindow(account: string, region: string): ArrivalWindow {
  const key = `${account}/${region}`;
  let window = windows.get(key);
  if (!window) {
    window = new ArrivalWindow(LOOKUP_EVENTS_REQUESTS_PER_SECOND, 1000);
    windows.set(key, window);
  }
  return window;
}

/**
 * The process-wide token bucket of one account and region. Size 1: requests are spaced evenly
 * instead of bursting two at once; one token every 525 ms (1.9 requests/s) leaves room for network
 * jitter, so two requests never land in CloudTrail's same second with a third.
 */
export function lookupEventsBucket(account: string, region: string): TokenBucket {
  const key = `${account}/${region}`;
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = new TokenBucket({ bucketSize: 1, tokensPerInterval: 1, interval: LOOKUP_EVENTS_SPACING_MS });
    buckets.set(key, bucket);
  }
  return bucket;
}

export interface LookupEventsStats {
  /** Requests sent, retries included. */
  requests: number;
  pages: number;
  events: number;
  /** Responses that were ThrottlingException (each retried with backoff). */
  throttled: number;
  /** Records whose CloudTrailEvent string did not parse as a CloudTrail event. */
  malformed: number;
  /** Global events seen again in another region's history and skipped. */
  duplicates: number;
}

/**
 * Adds the rate limit to a CloudTrail client (idempotent: the step is named). It runs after the
 * SDK's retry middleware, so every attempt waits for a token, and it counts throttled answers.
 */
export function addLookupEventsRateLimit(
  client: CloudTrailClient,
  bucket: TokenBucket,
  stats: LookupEventsStats,
  window?: ArrivalWindow,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "LookupEventsCommand") return next(args);
      await bucket.removeTokens(1);
      const answered = await window?.enter();
      stats.requests++;
      try {
        return await next(args);
      } catch (error) {
        if ((error as { name?: string }).name === "ThrottlingException") stats.throttled++;
        throw error;
      } finally {
        answered?.();
      }
    },
    { step: "finalizeRequest", priority: "low", name: "itakuLookupEventsRateLimit", override: true },
  );
}

export interface LookupEventsProgress {
  region: string;
  pages: number;
  events: number;
  /** Share of the period read so far in this region (events come newest first). */
  done: number;
  /** Seconds left at the rate limit, from the pages so far and the share of the period still to read. */
  secondsLeft: number;
}

export interface LookupEventsSourceOptions {
  clients: AwsClients;
  /** The account the credentials belong to (the token bucket's key and the gaps' scope). */
  account: string;
  regions: readonly string[];
  /** The period, half-open: from ≤ eventTime < to. */
  from: Date;
  to: Date;
  /** The evaluation time, for the 90-day limit. */
  now: Date;
  sink: EventSink;
  onProgress?: (progress: LookupEventsProgress) => void;
  signal?: AbortSignal;
}

export interface LookupEventsReport extends SourceReport {
  kind: "lookup-events";
  limits: string[];
}

const DAY_MS = 86_400_000;

/** Reads the account's event history for the period into the sink, region by region. */
export async function readLookupEvents(options: LookupEventsSourceOptions): Promise<LookupEventsReport> {
  const { account, sink } = options;
  const stats: LookupEventsStats = {
    requests: 0,
    pages: 0,
    events: 0,
    throttled: 0,
    malformed: 0,
    duplicates: 0,
  };
  const gaps: AuditGap[] = [];
  const gap = (region: string | undefined, code: AuditGapCode, message: string, until?: Date): void => {
    gaps.push({
      code,
      location: `lookup-events:${region ?? "all regions"}`,
      account,
      ...(region ? { region } : {}),
      from: options.from.toISOString(),
      to: (until ?? options.to).toISOString(),
      message,
    });
  };

  const oldest = new Date(options.now.getTime() - LOOKUP_EVENTS_RETENTION_DAYS * DAY_MS);
  let from = options.from;
  if (from < oldest) {
    gap(
      undefined,
      "OutsideRetention",
      `LookupEvents keeps ${LOOKUP_EVENTS_RETENTION_DAYS} days: events before ${oldest.toISOString()} cannot be read`,
      oldest,
    );
    from = oldest;
  }
  const to = options.to;
  const asked = [...new Set(options.regions)];
  // Global services' events are only in us-east-1's history: read it even when it was not asked
  // for, keeping from it only the global events then.
  const regions = asked.includes(GLOBAL_EVENTS_REGION) ? asked : [...asked, GLOBAL_EVENTS_REGION];
  const globalSeen = new Set<string>();

  // Regions have their own limit, so they are read side by side.
  const readRegion = async (region: string): Promise<void> => {
    const onlyGlobal = !asked.includes(region);
    const client = options.clients.get(CloudTrailClient, "cloudtrail", region);
    addLookupEventsRateLimit(
      client,
      lookupEventsBucket(account, region),
      stats,
      lookupEventsWindow(account, region),
    );
    let token: string | undefined;
    let pages = 0;
    let events = 0;
    const started = performance.now();
    try {
      do {
        options.signal?.throwIfAborted();
        const page: LookupEventsCommandOutput = await client.send(
          new LookupEventsCommand({
            StartTime: from,
            EndTime: to,
            MaxResults: LOOKUP_EVENTS_PAGE_SIZE,
            ...(token ? { NextToken: token } : {}),
          }),
          options.signal ? { abortSignal: options.signal } : {},
        );
        pages++;
        stats.pages++;
        let oldestTime = to.getTime();
        for (const entry of page.Events ?? []) {
          const event = parseLookupEvent(entry.CloudTrailEvent);
          if (!event) {
            stats.malformed++;
            continue;
          }
          const time = Date.parse(event.eventTime);
          oldestTime = Math.min(oldestTime, time);
          // EndTime is inclusive at LookupEvents; the period is not.
          if (!(time >= from.getTime() && time < to.getTime())) continue;
          const global = GLOBAL_EVENT_SOURCES.has(event.eventSource);
          if (onlyGlobal && !global) continue;
          if (global) {
            if (globalSeen.has(event.eventID)) {
              stats.duplicates++;
              continue;
            }
            globalSeen.add(event.eventID);
          }
          sink.add(event);
          events++;
          stats.events++;
        }
        token = page.NextToken;
        if (options.onProgress) {
          const span = to.getTime() - from.getTime();
          const done = token ? Math.min(1, Math.max(0, (to.getTime() - oldestTime) / span)) : 1;
          const pagesLeft = done > 0 ? (pages * (1 - done)) / done : Number.POSITIVE_INFINITY;
          options.onProgress({
            region,
            pages,
            events,
            done,
            secondsLeft: (pagesLeft * LOOKUP_EVENTS_SPACING_MS) / 1000,
          });
        }
      } while (token);
    } catch (error) {
      const { code, message } = summarizeAwsError(error);
      const kind: AuditGapCode = options.signal?.aborted
        ? "Timeout"
        : code === "AccessDenied"
          ? "AccessDenied"
          : "ReadError";
      gap(
        region,
        kind,
        `${code} after ${pages} pages (${Math.round(performance.now() - started)} ms): ${message}`,
      );
    }
  };
  const started = performance.now();
  if (from < to) await Promise.all(regions.map(readRegion));

  return {
    kind: "lookup-events",
    // The account read, as the source names it; the regions are in `regions`.
    location: `lookup-events:${account}`,
    accounts: [account],
    regions: asked,
    files: stats.pages,
    events: stats.events,
    bytes: 0,
    malformed: stats.malformed,
    gaps,
    limits: [...LOOKUP_EVENTS_LIMITS],
    stats: {
      requests: stats.requests,
      pages: stats.pages,
      throttled: stats.throttled,
      duplicates: stats.duplicates,
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}

/**
 * LookupEvents as an EventSource: the account the credentials belong to, every asked region (the
 * read options' regions, else `defaultRegions`), folded into one in-process sink — the calls are
 * paced by the rate limit, not by parsing, so worker threads would gain nothing.
 */
export class LookupEventsSource implements EventSource {
  readonly kind = "lookup-events" as const;
  readonly location: string;

  constructor(
    private readonly settings: {
      clients: AwsClients;
      account: string;
      defaultRegions: readonly string[];
      now: Date;
      onProgress?: (progress: LookupEventsProgress) => void;
    },
  ) {
    this.location = `lookup-events:${settings.account}`;
  }

  async read<Init, State>(options: ReadOptions<Init>): Promise<SourceResult<State>> {
    const module = (await import(options.sink.module)) as { default: EventSinkModule<Init, State> };
    const sink = module.default.create(options.sink.init);
    if (options.accounts?.length && !options.accounts.includes(this.settings.account)) {
      throw new Error(
        `LookupEvents reads the account of the credentials (${this.settings.account}), not ${options.accounts.join(", ")}`,
      );
    }
    const report = await readLookupEvents({
      clients: this.settings.clients,
      account: this.settings.account,
      regions: options.regions?.length ? options.regions : this.settings.defaultRegions,
      from: options.window.from,
      to: options.window.to,
      now: this.settings.now,
      sink,
      ...(this.settings.onProgress ? { onProgress: this.settings.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { report, state: sink.state() };
  }
}

/** The record inside a LookupEvents entry, or undefined when it is not a CloudTrail event. */
export function parseLookupEvent(text: string | undefined): CloudTrailEvent | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isCloudTrailEvent(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
