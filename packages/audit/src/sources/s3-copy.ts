// A local copy of the part of an S3 archive a period covers, for `audit query`: DuckDB reads files,
// so the log files of the period's day folders are fetched (read-only, through the S3 source's
// guarded client) into a directory in CloudTrail's own layout, where the view's account, region and
// day columns come from the path. Keys are the archive's text: one that would leave the directory
// is not written but reported.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import pLimit from "p-limit";
import { gapCodeOf, messageOf, type S3Source } from "./s3";
import type { AuditGap, AuditWindow } from "./types";

export interface ArchiveCopy {
  /** The copied log files, sorted. */
  files: string[];
  bytes: number;
  /** What could not be listed or fetched (the query then sees less than the period). */
  gaps: AuditGap[];
}

export async function copyArchivePeriod(
  source: S3Source,
  scope: { window: AuditWindow; accounts?: string[]; regions?: string[] },
  dir: string,
  options: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<ArchiveCopy> {
  const listing = await source.list(scope);
  const gaps: AuditGap[] = [...listing.gaps];
  const files: string[] = [];
  let bytes = 0;
  const root = resolve(dir);
  const limit = pLimit(options.concurrency ?? 16);
  await Promise.all(
    listing.logs.map((log) =>
      limit(async () => {
        const target = resolve(root, log.location);
        const where = {
          ...(log.account ? { account: log.account } : {}),
          ...(log.region ? { region: log.region } : {}),
        };
        if (!target.startsWith(root + sep)) {
          gaps.push({
            code: "UnreadablePath",
            location: log.location,
            ...where,
            message: "the key leaves the copy's directory",
          });
          return;
        }
        try {
          const body = await source.fetchObject(log.path as string, options.signal);
          await mkdir(dirname(target), { recursive: true, mode: 0o700 });
          await writeFile(target, body, { mode: 0o600, flag: "wx" });
          files.push(target);
          bytes += body.byteLength;
        } catch (error) {
          if (options.signal?.aborted) throw error;
          gaps.push({
            code: gapCodeOf(error),
            location: log.location,
            ...where,
            message: `GetObject: ${messageOf(error)}`,
          });
        }
      }),
    ),
  );
  return { files: files.sort(), bytes, gaps };
}
