// The audit runner: reads every source over the period and its look-back into the detections sink,
// merges what the sources return, and turns it into a Result with the access review.
import {
  type Attestation,
  type AuditFoldInit,
  type AuditState,
  auditResult,
  auditWindow,
  type CatalogControl,
  type CloudTrailEvent,
  type DetectionCoverage,
  type EventSinkModule,
  type Result,
  type Waiver,
} from "@itaku/core";
import { detections } from "@itaku/rules-access-log";
import pLimit from "p-limit";
import { type OrganizationAuditAccount, organizationSources } from "./organization-sources";
import { resultGap } from "./result-gap";
import type { EventSource, ReadOptions, SourceReport, SourceResult } from "./sources/types";

export { resultGap };

export interface AuditRunInput {
  init: AuditFoldInit;
  sources: readonly EventSource[];
  /** Path or file: URL of the detections sink module (dist/detections-sink.mjs in the CLI bundle). */
  sinkModule: string;
  accounts?: string[];
  regions?: string[];
  threads?: number;
  checkpoint?: string;
  /** Sources read side by side (default 1: one after the other). */
  concurrency?: number;
  onProgress?: ReadOptions["onProgress"];
  signal?: AbortSignal;
}

export interface AuditRun {
  state: AuditState;
  reports: SourceReport[];
}

/**
 * Reads the sources (each parallelises over its own files; `concurrency` of them side by side, for an
 * organisation's accounts) and merges the folded states in the sources' order, so the outcome does
 * not depend on which finished first.
 */
export async function runAudit(input: AuditRunInput): Promise<AuditRun> {
  const window = auditWindow(input.init);
  const sink = (await import(input.sinkModule)) as { default: EventSinkModule<AuditFoldInit, AuditState> };
  // A checkpoint file records one read at a time.
  const limit = pLimit(input.checkpoint ? 1 : (input.concurrency ?? 1));
  const results = await Promise.all(
    input.sources.map((source) =>
      limit(() =>
        source.read<AuditFoldInit, AuditState>({
          // The look-back before the period is read too: first-seen detections compare against it.
          window: { from: new Date(window.baselineFrom), to: new Date(window.to) },
          ...(input.accounts ? { accounts: input.accounts } : {}),
          ...(input.regions ? { regions: input.regions } : {}),
          sink: { module: input.sinkModule, init: input.init },
          ...(input.threads ? { threads: input.threads } : {}),
          ...(input.checkpoint ? { checkpoint: input.checkpoint } : {}),
          ...(input.onProgress ? { onProgress: input.onProgress } : {}),
          ...(input.signal ? { signal: input.signal } : {}),
        }),
      ),
    ),
  );
  let state: AuditState | undefined;
  for (const result of results)
    state = state === undefined ? result.state : sink.default.merge(state, result.state);
  return {
    state: state ?? sink.default.create(input.init).state(),
    reports: results.map((r: SourceResult<AuditState>) => r.report),
  };
}

/** What the sources could see: data events (not LookupEvents), the look-back, and every gap. */
export function coverageOf(reports: readonly SourceReport[]): DetectionCoverage {
  return {
    dataEvents: reports.every((r) => r.kind !== "lookup-events"),
    baseline: true,
    gaps: reports.flatMap((r) => r.gaps),
  };
}

export interface AuditResultOptions {
  now: Date;
  waivers?: readonly Waiver[];
  attestations?: readonly Attestation[];
  controls?: readonly CatalogControl[];
  toolVersion: string;
  /** `audit --org`: the organisation's accounts, each to become a source with its status. */
  organization?: readonly OrganizationAuditAccount[];
}

export function auditRunResult(init: AuditFoldInit, run: AuditRun, options: AuditResultOptions): Result {
  const { organization, ...rest } = options;
  const coverage = coverageOf(run.reports);
  const org = organization ? organizationSources(organization, run.reports) : undefined;
  return auditResult({
    init,
    state: run.state,
    // An account that could not be read at all leaves the period partly unread: passes become unknown.
    coverage: org ? { ...coverage, gaps: [...coverage.gaps, ...org.gaps] } : coverage,
    catalog: detections,
    sources:
      org?.sources ??
      run.reports.map((r) => ({
        provider: `cloudtrail-${r.kind}`,
        scope: r.location,
        regions: [...r.regions].sort(),
        gaps: r.gaps.map(resultGap),
        // The data an Athena audit scanned and what it cost, LookupEvents' requests: the reader's to see.
        ...(r.stats && Object.keys(r.stats).length > 0 ? { stats: r.stats } : {}),
      })),
    inventory: run.reports
      .flatMap((r) => [
        { provider: `cloudtrail-${r.kind}`, scope: r.location, type: "cloudtrail.event", count: r.events },
        { provider: `cloudtrail-${r.kind}`, scope: r.location, type: "cloudtrail.log-file", count: r.files },
      ])
      .sort((a, b) => (a.scope + a.type < b.scope + b.type ? -1 : 1)),
    ...rest,
  });
}

/** Events already in memory (tests, the demo's generator) as a source, folded in-process. */
export class MemorySource implements EventSource {
  readonly kind = "local" as const;
  constructor(
    readonly location: string,
    private readonly events: readonly CloudTrailEvent[],
  ) {}

  async read<Init, State>(options: ReadOptions<Init>): Promise<SourceResult<State>> {
    const module = (await import(options.sink.module)) as { default: EventSinkModule<Init, State> };
    const sink = module.default.create(options.sink.init);
    const from = options.window.from.getTime();
    const to = options.window.to.getTime();
    let events = 0;
    for (const event of this.events) {
      const ms = Date.parse(event.eventTime);
      if (ms < from || ms >= to) continue;
      sink.add(event);
      events++;
    }
    const accounts = [...new Set(this.events.map((e) => e.recipientAccountId ?? "unknown"))].sort();
    const regions = [...new Set(this.events.map((e) => e.awsRegion))].sort();
    return {
      report: {
        kind: this.kind,
        location: this.location,
        accounts,
        regions,
        files: 1,
        events,
        bytes: 0,
        malformed: 0,
        gaps: [],
      },
      state: sink.state(),
    };
  }
}
