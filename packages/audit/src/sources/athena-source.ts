// The Athena source: the audit pushed down to an organisation's CloudTrail table (the two fixed
// queries of pushdown.ts, pruned to the read window's days and the asked accounts and regions),
// folded into the same detections sink as every other source. Its report carries the data scanned
// and what it cost.
import type { EventSink, EventSinkModule } from "@itaku/core";
import { CLOUDTRAIL_TABLE, parseTableName } from "../athena-ddl";
import { type PushdownScope, runPushdown } from "../pushdown";
import { type AthenaSettings, runAthenaQuery } from "./athena";
import type { EventSource, ReadOptions, SourceReport, SourceResult } from "./types";

export interface AthenaSourceSettings extends Omit<AthenaSettings, "database" | "signal"> {
  /** `DB.TABLE` as `athena-ddl` created it. */
  table: string;
  /** The aggregates' time bucket (pushdown.ts `timeBucketFor` from the audit settings). */
  bucket: PushdownScope["bucket"];
}

const iso = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");

export class AthenaSource implements EventSource {
  readonly kind = "athena" as const;
  readonly location: string;
  private readonly database: string;
  private readonly table: string;

  constructor(private readonly settings: AthenaSourceSettings) {
    const { database, table } = parseTableName(settings.table, "--athena-table");
    this.database = database;
    this.table = table;
    this.location = `athena:${database}.${table}`;
  }

  async read<Init, State>(options: ReadOptions<Init>): Promise<SourceResult<State>> {
    const module = (await import(options.sink.module)) as { default: EventSinkModule<Init, State> };
    const sink = module.default.create(options.sink.init);
    // The accounts the table holds events of in the window (an organisation's audit reports the others).
    const seen = new Set<string>();
    const recording: EventSink = {
      add(event) {
        if (event.recipientAccountId) seen.add(event.recipientAccountId);
        sink.add(event);
      },
      state: () => sink.state(),
    };
    let scanned = 0;
    let cost = 0;
    let queries = 0;
    let engineMs = 0;
    const started = performance.now();
    const stats = await runPushdown(
      async (query) => {
        // The table name is an identifier checked by parseTableName, not a value from the logs.
        const sql = query.sql.replaceAll(`FROM ${CLOUDTRAIL_TABLE}`, `FROM "${this.table}"`);
        const result = await runAthenaQuery(
          {
            ...this.settings,
            database: this.database,
            ...(options.signal ? { signal: options.signal } : {}),
          },
          { ...query, sql },
        );
        scanned += result.stats.dataScannedBytes;
        cost += result.stats.costUsd;
        engineMs += result.stats.engineMs;
        queries++;
        return result;
      },
      {
        from: iso(options.window.from),
        to: iso(options.window.to),
        ...(options.accounts?.length ? { accounts: options.accounts } : {}),
        ...(options.regions?.length ? { regions: options.regions } : {}),
        bucket: this.settings.bucket,
      },
      recording,
    );
    const report: SourceReport = {
      kind: "athena",
      location: this.location,
      accounts: [...seen].sort(),
      regions: [...(options.regions ?? [])],
      files: 0,
      events: stats.events,
      bytes: scanned,
      malformed: 0,
      gaps: [],
      stats: {
        queries,
        candidateRows: stats.candidateRows,
        aggregateRows: stats.aggregateRows,
        dataScannedBytes: scanned,
        costUsd: Math.round(cost * 1e6) / 1e6,
        // Athena's own execution time, and the wall-clock time with the polling and paging.
        engineMs,
        elapsedMs: Math.round(performance.now() - started),
      },
    };
    return { report, state: sink.state() };
  }
}
