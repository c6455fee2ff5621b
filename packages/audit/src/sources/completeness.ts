// Whether the archive of the window is complete: every log file checked against the CloudTrail
// digest that lists it (SHA-256 of its decompressed content), the digest chain checked link by link
// (previousDigestS3Object / previousDigestHashValue), and hours without any log file flagged unless a
// digest vouches that nothing was delivered then. Digest signatures (RSA, AWS's regional public keys
// fetched with cloudtrail:ListPublicKeys) are not verified: hashes and the chain are.
// Reference: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import {
  baseName,
  deliveredInReach,
  deliveryDays,
  HOUR_MS,
  hoursOf,
  parseDigestFileName,
  parseLogFileName,
} from "./layout";
import type { AuditGap, AuditWindow } from "./types";

export interface DigestRecord {
  location: string;
  account: string;
  region: string;
  trail: string;
  start: number;
  end: number;
  /** SHA-256 of the decompressed digest, which the next digest's previousDigestHashValue names. */
  sha256: string;
  previousObject?: string;
  previousHash?: string;
  logFiles: { name: string; hash: string }[];
}

/** Parses one digest file; a gap when it is unreadable (its hours are then not vouched for). */
export function parseDigest(raw: Uint8Array, location: string): DigestRecord | AuditGap {
  const named = parseDigestFileName(baseName(location));
  const where = named ? { account: named.account, region: named.region } : {};
  try {
    const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : Buffer.from(raw);
    const doc = JSON.parse(text.toString("utf8")) as Record<string, unknown>;
    const logFiles = doc.logFiles;
    if (
      typeof doc.digestStartTime !== "string" ||
      typeof doc.digestEndTime !== "string" ||
      !Array.isArray(logFiles)
    )
      throw new Error("no digestStartTime, digestEndTime or logFiles");
    return {
      location,
      account: String(doc.awsAccountId ?? named?.account ?? ""),
      region: named?.region ?? "",
      trail: named?.trail ?? "",
      start: Date.parse(doc.digestStartTime),
      end: Date.parse(doc.digestEndTime),
      sha256: createHash("sha256").update(text).digest("hex"),
      ...(typeof doc.previousDigestS3Object === "string"
        ? { previousObject: doc.previousDigestS3Object }
        : {}),
      ...(typeof doc.previousDigestHashValue === "string"
        ? { previousHash: doc.previousDigestHashValue }
        : {}),
      logFiles: logFiles.map((entry: { s3Object?: unknown; hashValue?: unknown }) => ({
        name: baseName(String(entry.s3Object ?? "")),
        hash: String(entry.hashValue ?? ""),
      })),
    };
  } catch (error) {
    return {
      code: "DigestChainBroken",
      location,
      ...where,
      message: `digest file unreadable: ${(error as { message?: string })?.message ?? String(error)}`,
    };
  }
}

/** A log file of the window as the source found it (read or not). */
export interface LogFileSeen {
  location: string;
  account: string;
  region: string;
  delivered: number;
  /** SHA-256 of the decompressed content; absent when the file could not be read. */
  sha256?: string;
}

export interface CompletenessInput {
  window: AuditWindow;
  accounts?: ReadonlySet<string>;
  regions?: ReadonlySet<string>;
  digests: DigestRecord[];
  logs: LogFileSeen[];
}

const isoHour = (t: number) => new Date(t).toISOString().replace(".000Z", "Z");

export function checkCompleteness(input: CompletenessInput): { gaps: AuditGap[]; checked: number } {
  const gaps: AuditGap[] = [];
  const reach = new Set(deliveryDays(input.window));
  const inScope = (account: string, region: string) =>
    (!input.accounts || input.accounts.has(account)) && (!input.regions || input.regions.has(region));
  const logsByName = new Map(input.logs.map((log) => [baseName(log.location), log]));
  const listed = new Set<string>();
  let checked = 0;

  // 1. Every log file a digest lists is present and unmodified.
  for (const digest of input.digests) {
    for (const entry of digest.logFiles) {
      listed.add(entry.name);
      const named = parseLogFileName(entry.name);
      if (!named || !deliveredInReach(named.delivered, reach) || !inScope(named.account, named.region))
        continue;
      const log = logsByName.get(entry.name);
      const hour = Math.floor(named.delivered.getTime() / HOUR_MS) * HOUR_MS;
      const where = {
        account: named.account,
        region: named.region,
        from: isoHour(hour),
        to: isoHour(hour + HOUR_MS),
      };
      if (!log) {
        gaps.push({
          code: "MissingFromDigest",
          location: entry.name,
          ...where,
          message: `listed in ${digest.location} but not in the archive`,
        });
        continue;
      }
      if (log.sha256 === undefined) continue; // unreadable: already a gap of its own
      checked++;
      if (log.sha256 !== entry.hash)
        gaps.push({
          code: "DigestMismatch",
          location: log.location,
          ...where,
          message: `SHA-256 differs from ${digest.location}`,
        });
    }
  }

  // 2. Log files delivered while a digest was being kept but listed in none. Hours a digest covers
  // (by its middle), indexed once: `account region hour`.
  const digestHours = new Set<string>();
  for (const d of input.digests)
    for (let hour = Math.floor(d.start / HOUR_MS) * HOUR_MS; hour < d.end; hour += HOUR_MS)
      if (d.start <= hour + HOUR_MS / 2 && hour + HOUR_MS / 2 < d.end)
        digestHours.add(`${d.account} ${d.region} ${hour}`);
  const covered = (account: string, region: string, t: number) =>
    digestHours.has(`${account} ${region} ${Math.floor(t / HOUR_MS) * HOUR_MS}`);
  for (const log of input.logs) {
    const name = baseName(log.location);
    if (listed.has(name) || !covered(log.account, log.region, log.delivered)) continue;
    gaps.push({
      code: "NotInDigest",
      location: log.location,
      account: log.account,
      region: log.region,
      message: "no digest lists this file although digests cover its delivery time",
    });
  }

  // 3. The chain: each digest names the previous one and its hash.
  const trails = new Map<string, DigestRecord[]>();
  for (const digest of input.digests) {
    const key = `${digest.account}/${digest.region}/${digest.trail}`;
    trails.set(key, [...(trails.get(key) ?? []), digest]);
  }
  for (const chain of trails.values()) {
    chain.sort((a, b) => a.end - b.end);
    for (let i = 1; i < chain.length; i++) {
      const previous = chain[i - 1] as DigestRecord;
      const current = chain[i] as DigestRecord;
      const where = {
        account: current.account,
        region: current.region,
        from: isoHour(previous.end),
        to: isoHour(current.start),
      };
      if (
        current.previousObject !== undefined &&
        baseName(current.previousObject) !== baseName(previous.location)
      )
        gaps.push({
          code: "DigestChainBroken",
          location: current.location,
          ...where,
          message: `previous digest ${current.previousObject} is missing`,
        });
      else if (current.previousHash !== undefined && current.previousHash !== previous.sha256)
        gaps.push({
          code: "DigestChainBroken",
          location: previous.location,
          ...where,
          message: `digest modified: its SHA-256 differs from previousDigestHashValue in ${current.location}`,
        });
    }
  }

  // 4. Hours without a log file for an account/region that logs, unless a digest vouches for them.
  const deliveredHours = new Map<string, Set<number>>();
  for (const log of input.logs) {
    const key = `${log.account}\u0000${log.region}`;
    if (!deliveredHours.has(key)) deliveredHours.set(key, new Set());
    deliveredHours.get(key)?.add(Math.floor(log.delivered / HOUR_MS) * HOUR_MS);
  }
  const hours = hoursOf(input.window);
  for (const [key, seen] of deliveredHours) {
    const [account, region] = key.split("\u0000") as [string, string];
    let runStart: number | undefined;
    const close = (end: number) => {
      if (runStart === undefined) return;
      gaps.push({
        code: "NoLogFileHour",
        location: `${account}/${region}`,
        account,
        region,
        from: isoHour(runStart),
        to: isoHour(end),
        message: "no log file delivered and no digest covering these hours",
      });
      runStart = undefined;
    };
    for (const hour of hours) {
      const vouched = covered(account, region, hour);
      if (seen.has(hour) || vouched) close(hour);
      else runStart ??= hour;
    }
    close(input.window.to.getTime());
  }
  return { gaps, checked };
}
