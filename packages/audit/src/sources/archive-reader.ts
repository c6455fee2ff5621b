// The part the local copy and the S3 archive share once their files are listed: fold every log file
// (bounded concurrency, in-process or on workers), resume from and write the checkpoint, check
// completeness against the digests, and build the report.
import type { EventSinkModule } from "@itaku/core";
import pLimit from "p-limit";
import { type Checkpoint, checkpointIdentity, loadCheckpoint, saveCheckpoint } from "./checkpoint";
import { checkCompleteness, type DigestRecord, type LogFileSeen } from "./completeness";
import { createFilePool, defaultThreads, type FileTask, loadSinkModule } from "./file-pool";
import { type FileOutcome, recordFilter } from "./log-file";
import type { AuditGap, ReadOptions, SourceKind, SourceReport, SourceResult } from "./types";

/** A listed log file: where it is, and what its name says (when it follows CloudTrail's naming). */
export interface ListedLogFile extends FileTask {
  delivered?: number;
}

export interface ArchiveListing {
  logs: ListedLogFile[];
  digests: DigestRecord[];
  /** Parts that could not be listed (AccessDenied on a prefix, a symlink loop, an unreadable digest). */
  gaps: AuditGap[];
  accounts: string[];
  regions: string[];
  stats?: Record<string, number>;
}

export interface ArchiveReadSettings {
  kind: SourceKind;
  location: string;
  listing: ArchiveListing;
  /** Fetches a file's bytes (S3); absent = workers read the local path themselves. */
  fetch?: (task: ListedLogFile) => Promise<Uint8Array>;
  /** How many files are in flight at once (fetches for S3; queued reads for local). */
  concurrency?: number;
  workerScript?: string;
  inlineLimit?: number;
  /** Files per checkpoint write. */
  checkpointEvery?: number;
}

/** Errors from `fetch` become gaps with the code the service gave (AccessDenied…). */
export type FetchGapCode = (error: unknown) => AuditGap["code"];

export async function readArchive<Init, State>(
  options: ReadOptions<Init>,
  settings: ArchiveReadSettings,
  fetchGapCode: FetchGapCode = () => "ReadError",
): Promise<SourceResult<State>> {
  const { listing } = settings;
  const started = performance.now();
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(), listing.logs.length || 1));
  const filter = recordFilter(options.window, options.accounts, options.regions);
  const sinkModule: EventSinkModule<Init, State> = await loadSinkModule(options.sink.module);
  const identity = checkpointIdentity({
    kind: settings.kind,
    location: settings.location,
    from: options.window.from,
    to: options.window.to,
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.regions ? { regions: options.regions } : {}),
    sinkModule: options.sink.module,
    sinkInit: options.sink.init,
  });
  const checkpoint: Checkpoint<State> = options.checkpoint
    ? await loadCheckpoint<State>(options.checkpoint, identity.identity)
    : { files: new Map(), state: undefined };
  const done = checkpoint.files;
  let state = checkpoint.state;
  const merge = (from: State) => {
    state = state === undefined ? from : sinkModule.merge(state, from);
  };

  const pool = await createFilePool<Init, State>({
    sink: options.sink,
    filter,
    threads,
    hash: listing.digests.length > 0,
    ...(settings.workerScript ? { workerScript: settings.workerScript } : {}),
    ...(settings.inlineLimit ? { inlineLimit: settings.inlineLimit } : {}),
  });
  const outcomes = new Map<string, FileOutcome>();
  const pending = listing.logs.filter((log) => !done.has(log.location));
  const limit = pLimit(settings.concurrency ?? threads * 2);
  let filesDone = listing.logs.length - pending.length;
  let events = 0;
  let bytes = 0;
  let lastProgress = 0;
  const progress = (force = false) => {
    const now = performance.now();
    if (!options.onProgress || (!force && now - lastProgress < 250)) return;
    lastProgress = now;
    options.onProgress({
      filesDone,
      filesTotal: listing.logs.length,
      events,
      bytes,
      elapsedMs: now - started,
    });
  };
  const readOne = async (log: ListedLogFile): Promise<void> => {
    let outcome: FileOutcome;
    if (options.signal?.aborted) {
      outcome = emptyOutcome(log, {
        code: "Timeout",
        location: log.location,
        ...where(log),
        message: "not read: the read was stopped",
      });
    } else {
      try {
        const task: FileTask = settings.fetch ? { ...log, bytes: await settings.fetch(log) } : log;
        outcome = await pool.read(task);
      } catch (error) {
        if (!settings.fetch) throw error;
        outcome = emptyOutcome(log, {
          code: fetchGapCode(error),
          location: log.location,
          ...where(log),
          message: (error as { message?: string })?.message ?? String(error),
        });
      }
    }
    outcomes.set(log.location, outcome);
    filesDone++;
    events += outcome.events;
    bytes += outcome.bytes;
    progress();
  };

  try {
    const batch = options.checkpoint
      ? (settings.checkpointEvery ?? Math.max(64, threads * 32))
      : pending.length;
    for (let i = 0; i < pending.length; i += batch) {
      await Promise.all(pending.slice(i, i + batch).map((log) => limit(() => readOne(log))));
      if (options.checkpoint) {
        merge(await pool.drain());
        for (const [location, outcome] of outcomes) {
          // Files that could not be read at all are tried again next time; the rest are in `state`.
          if (
            !outcome.gap ||
            outcome.events > 0 ||
            outcome.gap.code === "MalformedRecords" ||
            outcome.gap.code === "NotCloudTrail"
          )
            done.set(location, outcome);
        }
        await saveCheckpoint(options.checkpoint, identity, done, state as State);
      }
    }
    merge(await pool.finish());
  } catch (error) {
    await pool.destroy();
    throw error;
  }
  progress(true);

  // Outcomes of this run win over the checkpoint's (a file retried now).
  const all = new Map(done);
  for (const [location, outcome] of outcomes) all.set(location, outcome);
  const logsSeen: LogFileSeen[] = [];
  for (const log of listing.logs) {
    if (log.account === undefined || log.region === undefined || log.delivered === undefined) continue;
    const outcome = all.get(log.location);
    logsSeen.push({
      location: log.location,
      account: log.account,
      region: log.region,
      delivered: log.delivered,
      ...(outcome?.sha256 && !outcome.gap
        ? { sha256: outcome.sha256 }
        : outcome?.gap?.code === "MalformedRecords" && outcome.sha256
          ? { sha256: outcome.sha256 }
          : {}),
    });
  }
  const completeness = checkCompleteness({
    window: options.window,
    ...(filter.accounts ? { accounts: filter.accounts } : {}),
    ...(filter.regions ? { regions: filter.regions } : {}),
    digests: listing.digests,
    logs: logsSeen,
  });
  const accounts = new Set(listing.accounts);
  const regions = new Set(listing.regions);
  const report: SourceReport = {
    kind: settings.kind,
    location: settings.location,
    accounts: [],
    regions: [],
    files: 0,
    events: 0,
    bytes: 0,
    malformed: 0,
    gaps: [...listing.gaps],
    ...(options.checkpoint ? { resumedFiles: listing.logs.length - pending.length } : {}),
    ...(listing.digests.length > 0
      ? { digests: { files: listing.digests.length, checked: completeness.checked } }
      : {}),
    ...(listing.stats ? { stats: { ...listing.stats } } : {}),
  };
  for (const log of listing.logs) {
    const outcome = all.get(log.location);
    if (!outcome) continue;
    report.files++;
    report.events += outcome.events;
    report.bytes += outcome.bytes;
    report.malformed += outcome.malformed;
    for (const account of outcome.accounts) accounts.add(account);
    for (const region of outcome.regions) regions.add(region);
    if (outcome.gap) report.gaps.push(outcome.gap);
  }
  report.gaps.push(...completeness.gaps);
  report.gaps.sort(compareGaps);
  report.accounts = [...accounts].sort();
  report.regions = [...regions].sort();
  if (checkpoint.ignored) report.stats = { ...report.stats, checkpointIgnored: 1 };
  if (state === undefined) state = sinkModule.create(options.sink.init).state();
  return { report, state: state as State };
}

const where = (log: ListedLogFile) => ({
  ...(log.account ? { account: log.account } : {}),
  ...(log.region ? { region: log.region } : {}),
});

function emptyOutcome(log: ListedLogFile, gap: AuditGap): FileOutcome {
  return {
    location: log.location,
    bytes: 0,
    events: 0,
    dropped: 0,
    malformed: 0,
    accounts: [],
    regions: [],
    gap,
  };
}

const compareGaps = (a: AuditGap, b: AuditGap): number =>
  a.location < b.location ? -1 : a.location > b.location ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
