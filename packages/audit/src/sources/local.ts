// The local copy: CloudTrail log files (`.json.gz` / `.json`) found recursively under a directory
// (or one file), and `aws cloudtrail lookup-events` output. Symlinks are followed once: a directory
// reached twice (a link to an ancestor) is skipped, a link that cannot resolve (ELOOP) is a gap.
// Files whose CloudTrail name shows another account, region or a delivery day out of reach are
// skipped without being opened.
import type { Dirent, Stats } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { type ArchiveListing, type ListedLogFile, readArchive } from "./archive-reader";
import { type DigestRecord, parseDigest } from "./completeness";
import { deliveredInReach, deliveryDays, parseDigestFileName, parseLogFileName } from "./layout";
import type { AuditGap, EventSource, ReadOptions, SourceResult } from "./types";

export interface LocalSourceSettings {
  workerScript?: string;
  inlineLimit?: number;
  checkpointEvery?: number;
}

const LOG_EXTENSION = /\.json(?:\.gz)?$/;

export class LocalSource implements EventSource {
  readonly kind = "local" as const;
  readonly location: string;

  constructor(
    location: string,
    private readonly settings: LocalSourceSettings = {},
  ) {
    this.location = resolve(location);
  }

  async read<Init, State>(options: ReadOptions<Init>): Promise<SourceResult<State>> {
    const listing = await this.list(options);
    return readArchive<Init, State>(options, {
      kind: this.kind,
      location: this.location,
      listing,
      ...this.settings,
    });
  }

  /** Walks the tree once: log files in reach, digest files (parsed here: they are few and small), gaps. */
  async list(options: ReadOptions<unknown>): Promise<ArchiveListing> {
    const accounts = options.accounts?.length ? new Set(options.accounts) : undefined;
    const regions = options.regions?.length ? new Set(options.regions) : undefined;
    const reach = new Set(deliveryDays(options.window));
    // Digests of the day after the reach cover the last hour of its last day.
    const digestReach = new Set(
      deliveryDays({ from: options.window.from, to: new Date(options.window.to.getTime() + 86_400_000) }),
    );
    const logs: ListedLogFile[] = [];
    const digestFiles: { path: string; location: string }[] = [];
    const gaps: AuditGap[] = [];
    const visited = new Set<string>();
    const root = this.location;
    const rel = (path: string) =>
      relative(root, path).split(sep).join("/") || path.slice(path.lastIndexOf(sep) + 1);

    const checkpoint = options.checkpoint ? resolve(options.checkpoint) : undefined;
    const visitFile = async (path: string, name: string, size: number) => {
      if (!LOG_EXTENSION.test(name) || path === checkpoint) return; // a checkpoint kept beside the logs
      const digestName = parseDigestFileName(name);
      if (digestName || path.includes(`${sep}CloudTrail-Digest${sep}`)) {
        if (
          digestName &&
          (accounts?.has(digestName.account) === false || regions?.has(digestName.region) === false)
        )
          return;
        if (digestName && !deliveredInReach(digestName.end, digestReach)) return;
        digestFiles.push({ path, location: rel(path) });
        return;
      }
      const named = parseLogFileName(name);
      if (named) {
        if (accounts && !accounts.has(named.account)) return;
        if (regions && !regions.has(named.region)) return;
        if (!deliveredInReach(named.delivered, reach)) return;
        logs.push({
          location: rel(path),
          path,
          size,
          account: named.account,
          region: named.region,
          delivered: named.delivered.getTime(),
        });
      } else logs.push({ location: rel(path), path, size });
    };

    const walk = async (dir: string): Promise<void> => {
      let real: string;
      try {
        real = await realpath(dir);
      } catch (error) {
        gaps.push(pathGap(rel(dir), error));
        return;
      }
      if (visited.has(real)) return; // reached again through a symlink
      visited.add(real);
      let entries: Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        gaps.push(pathGap(rel(dir), error));
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) {
          // No stat here: the reader opens each file once and learns its size then.
          await visitFile(path, entry.name, 0);
        } else if (entry.isSymbolicLink()) {
          const info = await statOrError(path);
          if ("error" in info) gaps.push(pathGap(rel(path), info.error));
          else if (info.stats.isDirectory()) await walk(path);
          else if (info.stats.isFile()) {
            const real = await realpath(path);
            if (visited.has(real)) continue;
            visited.add(real);
            await visitFile(path, entry.name, info.stats.size);
          }
        }
      }
    };

    const top = await statOrError(root);
    if ("error" in top) throw new LocalSourceError(`${root}: ${describe(top.error)}`);
    if (top.stats.isDirectory()) await walk(root);
    else await visitFile(root, root.slice(root.lastIndexOf(sep) + 1), top.stats.size);

    const digests: DigestRecord[] = [];
    for (const file of digestFiles) {
      let parsed: ReturnType<typeof parseDigest>;
      try {
        parsed = parseDigest(await readFile(file.path), file.location);
      } catch (error) {
        parsed = pathGap(file.location, error);
      }
      if ("code" in parsed) gaps.push(parsed);
      else digests.push(parsed);
    }
    return {
      logs,
      digests,
      gaps,
      accounts: [...new Set(logs.flatMap((log) => (log.account ? [log.account] : [])))].sort(),
      regions: [...new Set(logs.flatMap((log) => (log.region ? [log.region] : [])))].sort(),
    };
  }
}

/** The directory or file given does not exist: bad input (exit 2), not a gap. */
export class LocalSourceError extends Error {
  override readonly name = "LocalSourceError";
}

const describe = (error: unknown) => (error as { message?: string })?.message ?? String(error);

/** `stat` without throwing (fs errors are not `instanceof Error` across jest's realms, so no instanceof). */
async function statOrError(path: string): Promise<{ stats: Stats } | { error: unknown }> {
  try {
    return { stats: await stat(path) };
  } catch (error) {
    return { error };
  }
}

function pathGap(location: string, error: unknown): AuditGap {
  const code = (error as NodeJS.ErrnoException).code;
  return {
    code: code === "EACCES" || code === "EPERM" ? "AccessDenied" : "UnreadablePath",
    location,
    message: code === "ELOOP" ? "symbolic link loop" : describe(error),
  };
}
