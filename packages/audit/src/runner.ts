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
  type Gap,
  type Result,
  type Waiver,
} from "@itaku/core";
import { detections } from "@itaku/rules-access-log";
import type { AuditGap, EventSource, ReadOptions, SourceReport, SourceResult } from "./sources/types";

export interface AuditRunInput {
  init: AuditFoldInit;
  sources: readonly EventSource[];
  /** Path or file: URL of the detections sink module (dist/detections-sink.mjs in the CLI bundle). */
  sinkModule: string;
  accounts?: string[];
  regions?: string[];
  threads?: number;
  checkpoint?: string;
  onProgress?: ReadOptions["onProgress"];
  signal?: AbortSignal;
}

export interface AuditRun {
  state: AuditState;
  reports: SourceReport[];
}

/** Reads each source in turn (each parallelises over its own files) and merges the folded states. */
export async function runAudit(input: AuditRunInput): Promise<AuditRun> {
  const window = auditWindow(input.init);
  const sink = (await import(input.sinkModule)) as { default: EventSinkModule<AuditFoldInit, AuditState> };
  let state: AuditState | undefined;
  const reports: SourceReport[] = [];
  for (const source of input.sources) {
    const result: SourceResult<AuditState> = await source.read<AuditFoldInit, AuditState>({
      // The look-back before the period is read too: first-seen detections compare against it.
      window: { from: new Date(window.baselineFrom), to: new Date(window.to) },
      ...(input.accounts ? { accounts: input.accounts } : {}),
      ...(input.regions ? { regions: input.regions } : {}),
      sink: { module: input.sinkModule, init: input.init },
      ...(input.threads ? { threads: input.threads } : {}),
      ...(input.checkpoint ? { checkpoint: input.checkpoint } : {}),
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
    });
    reports.push(result.report);
    state = state === undefined ? result.state : sink.default.merge(state, result.state);
  }
  return { state: state ?? sink.default.create(input.init).state(), reports };
}

/** What the sources could see: data events (not LookupEvents), the look-back, and every gap. */
export function coverageOf(reports: readonly SourceReport[]): DetectionCoverage {
  return {
    dataEvents: reports.every((r) => r.kind !== "lookup-events"),
    baseline: true,
    gaps: reports.flatMap((r) => r.gaps),
  };
}

/** A source's gap in the Result's gap shape (shared with `scan`). */
export function resultGap(gap: AuditGap): Gap {
  const hours = gap.from || gap.to ? ` (${gap.from ?? "…"} – ${gap.to ?? "…"})` : "";
  return {
    source: "aws",
    scope: gap.account ?? "unknown",
    region: gap.region ?? "global",
    resourceType: "cloudtrail.event",
    operation: gap.location,
    code: gap.code,
    message: `${gap.message ?? gap.code}${hours}${gap.count !== undefined ? `, ${gap.count} record(s)` : ""}`,
  };
}

export interface AuditResultOptions {
  now: Date;
  waivers?: readonly Waiver[];
  attestations?: readonly Attestation[];
  controls?: readonly CatalogControl[];
  toolVersion: string;
}

export function auditRunResult(init: AuditFoldInit, run: AuditRun, options: AuditResultOptions): Result {
  return auditResult({
    init,
    state: run.state,
    coverage: coverageOf(run.reports),
    catalog: detections,
    sources: run.reports.map((r) => ({
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
    ...options,
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
