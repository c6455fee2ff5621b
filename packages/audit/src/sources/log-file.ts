// One CloudTrail log file (or `aws cloudtrail lookup-events` output) folded into a sink. The hot
// path is gunzip + one `JSON.parse` of the whole file — the parse is the only per-event allocation;
// records outside the window/accounts/regions are dropped with string compares. Files too large to
// parse at once (a hand-made export, a 1 GB file) are streamed record by record instead.
import { createHash } from "node:crypto";
import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, gunzipSync, constants as zlibConstants } from "node:zlib";
import { type CloudTrailEvent, type EventSink, isCloudTrailEvent, locateJsonError } from "@itaku/core";
import parserStream from "stream-json";
import pick from "stream-json/filters/pick.js";
import streamArray from "stream-json/streamers/stream-array.js";
import type { AuditGap, AuditGapCode } from "./types";

/** Decompressed files up to this size are parsed in one `JSON.parse`; larger ones are streamed. */
export const INLINE_PARSE_LIMIT = 16 * 1024 * 1024;

/** The record filter, prepared once per read so each record costs a few string compares. */
export interface RecordFilter {
  /** `window.from/to` as `toISOString()`: CloudTrail's `…:SSZ` compares correctly against `…:SS.000Z`. */
  fromIso: string;
  toIso: string;
  accounts?: ReadonlySet<string>;
  regions?: ReadonlySet<string>;
}

export function recordFilter(
  window: { from: Date; to: Date },
  accounts?: string[],
  regions?: string[],
): RecordFilter {
  return {
    fromIso: window.from.toISOString(),
    toIso: window.to.toISOString(),
    ...(accounts?.length ? { accounts: new Set(accounts) } : {}),
    ...(regions?.length ? { regions: new Set(regions) } : {}),
  };
}

/** What reading one file produced; plain data so a worker can post it back. */
export interface FileOutcome {
  location: string;
  /** Bytes as stored (compressed). */
  bytes: number;
  /** Records folded into the sink (inside the window and scope). */
  events: number;
  /** Valid records dropped by the window/account/region filter. */
  dropped: number;
  malformed: number;
  /** SHA-256 (hex) of the decompressed content, when asked for (digest checks). */
  sha256?: string;
  /** Accounts and regions of the folded records. */
  accounts: string[];
  regions: string[];
  gap?: AuditGap;
}

export interface FoldOptions {
  filter: RecordFilter;
  sink: EventSink;
  /** Hash the decompressed content (only when digests exist to compare against). */
  hash: boolean;
  /** Account/region the file's name or key says it belongs to, for gaps. */
  account?: string;
  region?: string;
  inlineLimit?: number;
}

const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

class FileFolder {
  events = 0;
  dropped = 0;
  malformed = 0;
  private readonly accounts = new Set<string>();
  private readonly regions = new Set<string>();
  private lastAccount = "";
  private lastRegion = "";

  constructor(
    private readonly options: FoldOptions,
    readonly location: string,
    readonly bytes: number,
  ) {}

  /** One CloudTrail record: validate cheaply, filter, fold. */
  record(value: unknown): void {
    if (!isCloudTrailEvent(value)) {
      this.malformed++;
      return;
    }
    const { filter } = this.options;
    const time = value.eventTime;
    if (time < filter.fromIso || time >= filter.toIso) {
      this.dropped++;
      return;
    }
    const account = value.recipientAccountId ?? value.userIdentity.accountId ?? "";
    if (filter.accounts && !filter.accounts.has(account)) {
      this.dropped++;
      return;
    }
    const region = value.awsRegion;
    if (filter.regions && !filter.regions.has(region)) {
      this.dropped++;
      return;
    }
    // A file holds one account and region almost always: skip the set lookups when nothing changed.
    if (account !== this.lastAccount) {
      this.lastAccount = account;
      this.accounts.add(account);
    }
    if (region !== this.lastRegion) {
      this.lastRegion = region;
      this.regions.add(region);
    }
    this.events++;
    this.options.sink.add(value as CloudTrailEvent);
  }

  /** A `lookup-events` entry: the record is the JSON string in `CloudTrailEvent`. */
  lookupEntry(entry: unknown): void {
    const text = (entry as { CloudTrailEvent?: unknown } | null)?.CloudTrailEvent;
    if (typeof text !== "string") {
      this.malformed++;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.malformed++;
      return;
    }
    this.record(parsed);
  }

  gap(code: AuditGapCode, message: string, count?: number): AuditGap {
    return {
      code,
      location: this.location,
      ...(this.options.account ? { account: this.options.account } : {}),
      ...(this.options.region ? { region: this.options.region } : {}),
      ...(count !== undefined ? { count } : {}),
      message,
    };
  }

  outcome(gap: AuditGap | undefined, sha256?: string): FileOutcome {
    const malformedGap =
      !gap && this.malformed > 0
        ? this.gap(
            "MalformedRecords",
            `${this.malformed} record(s) lack eventTime, eventSource, eventName, eventID or userIdentity.type`,
            this.malformed,
          )
        : undefined;
    const finalGap = gap ?? malformedGap;
    return {
      location: this.location,
      bytes: this.bytes,
      events: this.events,
      dropped: this.dropped,
      malformed: this.malformed,
      ...(sha256 ? { sha256 } : {}),
      accounts: [...this.accounts].filter(Boolean).sort(),
      regions: [...this.regions].filter(Boolean).sort(),
      ...(finalGap ? { gap: finalGap } : {}),
    };
  }
}

function describeError(error: unknown): string {
  return (error as { message?: string })?.message ?? String(error);
}

/** zlib's "unexpected end of file": the gzip stream stops before its trailer. */
function isTruncation(error: unknown): boolean {
  const code = (error as { code?: string; errno?: number } | null)?.code;
  return code === "Z_BUF_ERROR" || (error as { errno?: number })?.errno === zlibConstants.Z_BUF_ERROR;
}

/**
 * Folds a whole file held in memory (a local file read at once, an S3 object body). Never throws:
 * unreadable content becomes the outcome's gap, and records already folded stay folded.
 */
export async function foldLogBytes(
  raw: Uint8Array,
  location: string,
  options: FoldOptions,
): Promise<FileOutcome> {
  const folder = new FileFolder(options, location, raw.byteLength);
  const limit = options.inlineLimit ?? INLINE_PARSE_LIMIT;
  let text: Buffer;
  try {
    text = isGzip(raw)
      ? gunzipSync(raw, { maxOutputLength: limit })
      : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      return foldLogStream(Readable.from([raw]), location, options, raw.byteLength);
    }
    if (isTruncation(error))
      return folder.outcome(folder.gap("TruncatedGzip", `gzip stream ends early: ${describeError(error)}`));
    return folder.outcome(folder.gap("CorruptFile", `not a readable gzip file: ${describeError(error)}`));
  }
  if (text.byteLength > limit) return foldLogStream(Readable.from([raw]), location, options, raw.byteLength);
  const sha256 = options.hash ? createHash("sha256").update(text).digest("hex") : undefined;
  let document: unknown;
  const utf8 = text.toString("utf8");
  try {
    document = JSON.parse(utf8);
  } catch {
    // Where and why, never V8's message: it quotes the file's bytes, control characters included.
    const { place, reason } = locateJsonError(utf8);
    const at = place ? ` at ${place.line}:${place.column}` : "";
    return folder.outcome(folder.gap("CorruptFile", `not valid JSON${at}: ${reason}`), sha256);
  }
  const records = (document as { Records?: unknown } | null)?.Records;
  if (Array.isArray(records)) {
    for (let i = 0; i < records.length; i++) folder.record(records[i]);
    return folder.outcome(undefined, sha256);
  }
  const entries = Array.isArray(document) ? document : (document as { Events?: unknown } | null)?.Events;
  if (Array.isArray(entries)) {
    for (let i = 0; i < entries.length; i++) folder.lookupEntry(entries[i]);
    return folder.outcome(undefined, sha256);
  }
  return folder.outcome(
    folder.gap(
      "NotCloudTrail",
      'valid JSON but neither a CloudTrail log ({"Records":[…]}) nor lookup-events output',
    ),
    sha256,
  );
}

/**
 * Folds a file too large for one `JSON.parse`, record by record (stream-json), memory flat. The
 * top-level `Records` (log file) or `Events` (lookup-events) array is streamed; anything else is a gap.
 */
export async function foldLogStream(
  source: Readable,
  location: string,
  options: FoldOptions,
  bytes: number,
): Promise<FileOutcome> {
  const folder = new FileFolder(options, location, bytes);
  const hash = options.hash ? createHash("sha256") : undefined;
  let sawArray: "Records" | "Events" | undefined;
  const hashChunks = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      hash?.update(chunk);
      yield chunk;
    }
  };
  try {
    // Peek at the first chunk to decide whether to gunzip, then replay it.
    const iterator = source[Symbol.asyncIterator]();
    const first = await iterator.next();
    const firstChunk: Buffer | undefined = first.done ? undefined : Buffer.from(first.value);
    const replay = Readable.from(
      (async function* () {
        if (firstChunk) yield firstChunk;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield Buffer.from(next.value);
        }
      })(),
    );
    const gunzip: NodeJS.ReadWriteStream[] = firstChunk && isGzip(firstChunk) ? [createGunzip()] : [];
    const picker = pick.asStream({
      filter: (stack) => stack.length === 1 && (stack[0] === "Records" || stack[0] === "Events"),
    });
    // stream.pipeline's overloads do not type a variable number of stages.
    const runPipeline = pipeline as (...stages: unknown[]) => Promise<void>;
    await runPipeline(
      replay,
      ...gunzip,
      hashChunks,
      parserStream(),
      picker,
      streamArray.asStream(),
      async (items: AsyncIterable<{ key: number; value: unknown }>) => {
        for await (const item of items) {
          if (!sawArray) sawArray = looksLikeLookupEntry(item.value) ? "Events" : "Records";
          if (sawArray === "Events") folder.lookupEntry(item.value);
          else folder.record(item.value);
        }
      },
    );
  } catch (error) {
    const code: AuditGapCode = isTruncation(error) ? "TruncatedGzip" : "CorruptFile";
    return folder.outcome(
      folder.gap(code, `unreadable after ${folder.events} events: ${describeError(error)}`),
    );
  }
  if (!sawArray && folder.events === 0 && folder.malformed === 0) {
    return folder.outcome(
      folder.gap("NotCloudTrail", 'neither a CloudTrail log ({"Records":[…]}) nor lookup-events output'),
      hash?.digest("hex"),
    );
  }
  return folder.outcome(undefined, hash?.digest("hex"));
}

const looksLikeLookupEntry = (value: unknown): boolean =>
  typeof (value as { CloudTrailEvent?: unknown } | null)?.CloudTrailEvent === "string";

/**
 * A local file: small ones are read at once, synchronously (a worker thread may block, and one
 * open/fstat/read/close beats the thread-pool round trips of fs/promises on thousands of small
 * files); files above the inline limit are streamed from the same descriptor.
 */
export async function foldLocalFile(
  path: string,
  location: string,
  options: FoldOptions,
): Promise<FileOutcome> {
  const limit = options.inlineLimit ?? INLINE_PARSE_LIMIT;
  // Only the I/O is caught here: an error of the sink is not a property of the file and propagates.
  let fd: number | undefined;
  let raw: Buffer;
  let size: number;
  try {
    fd = openSync(path, "r");
    size = fstatSync(fd).size;
    if (size > limit) {
      const stream = createReadStream(path, { fd, autoClose: true });
      fd = undefined; // the stream closes it
      return foldLogStream(stream, location, options, size);
    }
    raw = Buffer.allocUnsafe(size);
    let read = 0;
    for (let n = 1; read < size && n > 0; read += n) n = readSync(fd, raw, read, size - read, read);
    if (read < size) raw = raw.subarray(0, read);
  } catch (error) {
    const folder = new FileFolder(options, location, 0);
    return folder.outcome(folder.gap("ReadError", describeError(error)));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return foldLogBytes(raw, location, options);
}
