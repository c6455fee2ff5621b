// Athena queries for the audit: start one of the fixed query templates, poll its state with backoff,
// read the result page by page, stop it on Ctrl-C or a deadline, and report the data it scanned and
// what that cost. Values (days, account ids, regions) never enter the SQL text: they are validated
// against strict patterns and passed as ExecutionParameters, which Athena binds to the `?` markers.
import {
  AthenaClient,
  GetQueryExecutionCommand,
  type GetQueryExecutionCommandOutput,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import type { AwsClients } from "@itaku/collector-aws";

/** Athena's list price per byte scanned (USD 5 per TB) and its 10 MB minimum per query. */
export const ATHENA_USD_PER_TB = 5;
const ATHENA_MIN_BILLED_BYTES = 10 * 1024 * 1024;

/** What a value bound to a `?` may be: nothing here can close a quote or start a statement. */
const PARAMETER_PATTERNS = {
  /** An ISO-8601 UTC instant as CloudTrail writes eventTime: 2026-11-01T00:00:00Z. */
  instant: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
  /** A partition day, yyyy/MM/dd. */
  day: /^\d{4}\/\d{2}\/\d{2}$/,
  account: /^\d{12}$/,
  region: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/,
} as const;
export type ParameterKind = keyof typeof PARAMETER_PATTERNS;

export interface QueryParameter {
  kind: ParameterKind;
  value: string;
}

/** A query from a fixed template: the text never holds a value, `parameters` fill its `?` in order. */
export interface TemplateQuery {
  name: string;
  sql: string;
  parameters: QueryParameter[];
}

export class AthenaQueryError extends Error {
  override readonly name = "AthenaQueryError";
  constructor(
    readonly queryExecutionId: string | undefined,
    readonly state: string,
    message: string,
  ) {
    super(message);
  }
}

/** The parameter as an Athena literal, after checking it against its kind's pattern. */
export function athenaParameter(parameter: QueryParameter): string {
  if (!PARAMETER_PATTERNS[parameter.kind].test(parameter.value))
    throw new Error(`query parameter ${JSON.stringify(parameter.value)} is not a valid ${parameter.kind}`);
  return `'${parameter.value}'`;
}

export interface AthenaSettings {
  clients: AwsClients;
  region: string;
  /** `DB` of `DB.TABLE`; the templates name the table without its database. */
  database: string;
  workgroup?: string;
  /** s3://… for the results; omitted, the workgroup's own output location is used. */
  outputLocation?: string;
  poll?: { firstDelayMs: number; maxDelayMs: number };
  /** Gives up (and stops the query) after this long; default 30 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface AthenaQueryStats {
  queryExecutionId: string;
  dataScannedBytes: number;
  /** At the list price, with Athena's 10 MB minimum. */
  costUsd: number;
  engineMs: number;
  polls: number;
  pages: number;
}

export interface AthenaResult {
  columns: string[];
  /** Cell text as Athena returns it (`VarCharValue`), null where Athena gives no value. */
  rows: (string | null)[][];
  stats: AthenaQueryStats;
}

const DEFAULT_POLL = { firstDelayMs: 500, maxDelayMs: 5_000 };

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export function athenaCostUsd(bytes: number): number {
  return (Math.max(bytes, ATHENA_MIN_BILLED_BYTES) / 1e12) * ATHENA_USD_PER_TB;
}

/** Runs one template query to the end and returns every row. */
export async function runAthenaQuery(settings: AthenaSettings, query: TemplateQuery): Promise<AthenaResult> {
  const client = settings.clients.get(AthenaClient, "athena", settings.region);
  const executionParameters = query.parameters.map(athenaParameter);
  const started = await client.send(
    new StartQueryExecutionCommand({
      QueryString: query.sql,
      QueryExecutionContext: { Database: settings.database },
      ...(settings.workgroup ? { WorkGroup: settings.workgroup } : {}),
      ...(settings.outputLocation
        ? { ResultConfiguration: { OutputLocation: settings.outputLocation } }
        : {}),
      ...(executionParameters.length ? { ExecutionParameters: executionParameters } : {}),
    }),
  );
  const id = started.QueryExecutionId;
  if (!id) throw new AthenaQueryError(undefined, "UNKNOWN", `Athena returned no query id for ${query.name}`);

  const poll = settings.poll ?? DEFAULT_POLL;
  const deadline = Date.now() + (settings.timeoutMs ?? 30 * 60_000);
  let delay = poll.firstDelayMs;
  let polls = 0;
  let execution: GetQueryExecutionCommandOutput["QueryExecution"];
  try {
    for (;;) {
      settings.signal?.throwIfAborted();
      execution = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
      polls++;
      const state = execution?.Status?.State;
      if (state === "SUCCEEDED") break;
      if (state === "FAILED" || state === "CANCELLED") {
        const reason = execution?.Status?.AthenaError?.ErrorMessage ?? execution?.Status?.StateChangeReason;
        throw new AthenaQueryError(
          id,
          state,
          `Athena query ${query.name} (${id}) ${state}${reason ? `: ${reason}` : ""}`,
        );
      }
      if (Date.now() + delay > deadline)
        throw new AthenaQueryError(id, "TIMEOUT", `Athena query ${query.name} (${id}) timed out`);
      await sleep(delay, settings.signal);
      delay = Math.min(poll.maxDelayMs, delay * 2);
    }
  } catch (error) {
    // Ctrl-C or the deadline: stop the query so it does not go on scanning (and costing).
    if (settings.signal?.aborted || (error instanceof AthenaQueryError && error.state === "TIMEOUT"))
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
    throw error;
  }

  const columns: string[] = [];
  const rows: (string | null)[][] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    settings.signal?.throwIfAborted();
    const page: GetQueryResultsCommandOutput = await client.send(
      new GetQueryResultsCommand({
        QueryExecutionId: id,
        MaxResults: 1000,
        ...(token ? { NextToken: token } : {}),
      }),
    );
    pages++;
    if (pages === 1)
      for (const info of page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []) columns.push(info.Name ?? "");
    const pageRows = page.ResultSet?.Rows ?? [];
    // The first row of the first page repeats the column names.
    for (const [i, row] of pageRows.entries()) {
      if (pages === 1 && i === 0 && isHeader(row.Data ?? [], columns)) continue;
      rows.push((row.Data ?? []).map((cell) => cell.VarCharValue ?? null));
    }
    token = page.NextToken;
  } while (token);

  const bytes = execution?.Statistics?.DataScannedInBytes ?? 0;
  return {
    columns,
    rows,
    stats: {
      queryExecutionId: id,
      dataScannedBytes: bytes,
      costUsd: athenaCostUsd(bytes),
      engineMs: execution?.Statistics?.EngineExecutionTimeInMillis ?? 0,
      polls,
      pages,
    },
  };
}

function isHeader(cells: { VarCharValue?: string }[], columns: string[]): boolean {
  return (
    columns.length > 0 &&
    cells.length === columns.length &&
    cells.every((c, i) => c.VarCharValue === columns[i])
  );
}
