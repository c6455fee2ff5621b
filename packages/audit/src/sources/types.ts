// What every CloudTrail event source (local copy, S3 archive, LookupEvents, Athena, DuckDB) takes
// and reports. Sources never judge: they read, fold events into the caller's sink, and name every
// part of the period they could not read as an AuditGap.

/** The period and scope to read. `from` inclusive, `to` exclusive (both UTC instants). */
export interface AuditWindow {
  from: Date;
  to: Date;
}

/** Where workers find the sink: a module path/URL whose default export is an `EventSinkModule`. */
export interface SinkSpec<Init = unknown> {
  /** Absolute path or file: URL of a module whose default export implements `EventSinkModule<Init>`. */
  module: string;
  /** Structured-cloneable input passed to `create()` in every worker (options, roster, config). */
  init: Init;
}

export interface SourceProgress {
  /** Files (or pages/rows batches) read so far, and the total known so far (grows while listing). */
  filesDone: number;
  filesTotal: number;
  events: number;
  bytes: number;
  /** Milliseconds since the read started. */
  elapsedMs: number;
}

export interface ReadOptions<Init = unknown> {
  window: AuditWindow;
  /** Only these AWS account ids (none = every account found). */
  accounts?: string[];
  /** Only these regions (none = every region found). */
  regions?: string[];
  sink: SinkSpec<Init>;
  /** Worker threads across files; 1 (or a single file) runs in-process. Default: every core. */
  threads?: number;
  /** A JSON file recording what was read (and the folded state), so a run resumes where it stopped. */
  checkpoint?: string;
  onProgress?(progress: SourceProgress): void;
  /** Stops reading (a deadline or Ctrl-C); what was not read becomes gaps. */
  signal?: AbortSignal;
}

export type SourceKind = "local" | "s3" | "lookup-events" | "athena" | "duckdb";

export type AuditGapCode =
  /** A prefix, object or API call was refused. */
  | "AccessDenied"
  /** A file could not be read or parsed as JSON. */
  | "CorruptFile"
  /** A gzip stream ended before its end marker. */
  | "TruncatedGzip"
  /** Valid JSON, but not a CloudTrail log (`{"Records":[…]}`) nor `lookup-events` output. */
  | "NotCloudTrail"
  /** Records in the file that lack a field every detection relies on (`count` says how many). */
  | "MalformedRecords"
  /** A log file whose SHA-256 differs from the digest that lists it. */
  | "DigestMismatch"
  /** A log file a digest lists that is not in the archive. */
  | "MissingFromDigest"
  /** A log file in the period that no digest lists although digests cover its account/region. */
  | "NotInDigest"
  /** A digest file that is itself unreadable, or whose chain (previousDigest…) is broken. */
  | "DigestChainBroken"
  /** An hour with no log file for an account/region that otherwise logs in the period. */
  | "NoLogFileHour"
  /** A symlink loop or a path that cannot be walked. */
  | "UnreadablePath"
  /** The source's deadline passed (or the read was aborted) before this part was read. */
  | "Timeout"
  /** Any other error of the source (throttling after retries, network). */
  | "ReadError"
  /** Part of the period is older than the source keeps (LookupEvents: 90 days). */
  | "OutsideRetention"
  /** An organisation's account that no source holds any event of, or whose member role was refused. */
  | "AccountNotRead";

/** Part of the period a source could not read (or cannot vouch for). Detections it touches become `unknown`. */
export interface AuditGap {
  code: AuditGapCode;
  /** The S3 key, local path, or query the gap is about. */
  location: string;
  /** The account and region the location belongs to, when known. */
  account?: string;
  region?: string;
  /** The hours affected (ISO UTC, `to` exclusive), when known; absent = the whole window. */
  from?: string;
  to?: string;
  /** How many records/files the gap covers, when it is a count (MalformedRecords). */
  count?: number;
  message?: string;
}

export interface SourceReport {
  kind: SourceKind;
  /** `s3://bucket/prefix`, the local directory, `lookup-events:REGION`, the Athena table… */
  location: string;
  accounts: string[];
  regions: string[];
  /** Log files (or pages) read, events folded into the sink, bytes read (compressed, as stored). */
  files: number;
  events: number;
  bytes: number;
  /** Records that lacked a required field; each file with some also has a MalformedRecords gap. */
  malformed: number;
  /** Files skipped because the checkpoint says they were already read (their state is in `state`). */
  resumedFiles?: number;
  /** Digest files read and log files checked against them. */
  digests?: { files: number; checked: number };
  gaps: AuditGap[];
  /** What the source cannot see whatever happens (LookupEvents: management events only, 90 days…). */
  limits?: string[];
  /** Source-specific counters (API requests, durations); never secrets. */
  stats?: Record<string, number>;
}

/** What a source returns: its report and the sink state merged over everything it read. */
export interface SourceResult<State = unknown> {
  report: SourceReport;
  state: State;
}

/** A source bound to its location (a directory, a bucket, a region's LookupEvents, a table). */
export interface EventSource {
  readonly kind: SourceKind;
  readonly location: string;
  read<Init, State>(options: ReadOptions<Init>): Promise<SourceResult<State>>;
}
