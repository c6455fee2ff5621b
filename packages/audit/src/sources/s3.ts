// The S3 archive: s3://BUCKET[/PREFIX] in CloudTrail's layout. Only the day folders of the window
// are listed (ListObjectsV2 with a delimiter discovers the organization, accounts and regions first;
// the bucket is never listed whole); objects are fetched with bounded concurrency and folded as
// they arrive. The S3 client comes from collector-aws's factory, so the read-only guard, the
// request counter, retries and the endpoint override (moto in tests) apply as for `scan`.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type { AwsClients } from "@itaku/collector-aws";
import pLimit from "p-limit";
import { type ArchiveListing, type ListedLogFile, readArchive } from "./archive-reader";
import { type DigestRecord, parseDigest } from "./completeness";
import { deliveryDays, parseDigestFileName, parseLogFileName } from "./layout";
import type { AuditGap, AuditGapCode, EventSource, ReadOptions, SourceResult } from "./types";

export interface S3SourceSettings {
  clients: AwsClients;
  /** Region the client starts in; S3 redirects to the bucket's own region. */
  region?: string;
  /** Objects fetched at once (default 16). */
  concurrency?: number;
  workerScript?: string;
  inlineLimit?: number;
  checkpointEvery?: number;
  /** Objects larger than this are not fetched into memory but reported (CloudTrail never writes them). */
  maxObjectBytes?: number;
}

/** The `s3://bucket/prefix` argument was malformed: bad input (exit 2). */
export class S3LocationError extends Error {
  override readonly name = "S3LocationError";
}

export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!match) throw new S3LocationError(`${url}: expected s3://BUCKET[/PREFIX]`);
  const prefix = (match[2] ?? "").replace(/^\/+|\/+$/g, "");
  return { bucket: match[1] as string, prefix: prefix ? `${prefix}/` : "" };
}

/** The archive's root could not be listed (no credentials, access denied, no such bucket): nothing can be read. */
export class ArchiveUnreadableError extends Error {
  override readonly name = "ArchiveUnreadableError";
}

const DEFAULT_MAX_OBJECT_BYTES = 256 * 1024 * 1024;

export function gapCodeOf(error: unknown): AuditGapCode {
  const shape = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  const code = shape?.Code ?? shape?.name;
  if (code === "AccessDenied" || shape?.$metadata?.httpStatusCode === 403) return "AccessDenied";
  if (code === "TimeoutError" || code === "AbortError") return "Timeout";
  return "ReadError";
}
export const messageOf = (error: unknown) => (error as { message?: string })?.message ?? String(error);

export class S3Source implements EventSource {
  readonly kind = "s3" as const;
  readonly location: string;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(
    url: string,
    private readonly settings: S3SourceSettings,
  ) {
    const { bucket, prefix } = parseS3Url(url);
    this.bucket = bucket;
    this.prefix = prefix;
    this.location = `s3://${bucket}/${prefix}`;
  }

  private client(): S3Client {
    const s3 = this.settings.clients.get(S3Client, "s3", this.settings.region ?? "us-east-1");
    (s3.config as { followRegionRedirects?: boolean }).followRegionRedirects = true;
    return s3;
  }

  async read<Init, State>(options: ReadOptions<Init>): Promise<SourceResult<State>> {
    const listing = await this.list(options);
    const maxBytes = this.settings.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    return readArchive<Init, State>(
      options,
      {
        kind: this.kind,
        location: this.location,
        listing,
        concurrency: this.settings.concurrency ?? 16,
        ...(this.settings.workerScript ? { workerScript: this.settings.workerScript } : {}),
        ...(this.settings.inlineLimit ? { inlineLimit: this.settings.inlineLimit } : {}),
        ...(this.settings.checkpointEvery ? { checkpointEvery: this.settings.checkpointEvery } : {}),
        fetch: async (log) => {
          if (log.size > maxBytes)
            throw Object.assign(
              new Error(
                `${log.size} bytes: too large to fetch into memory; copy it and read it with --cloudtrail-dir`,
              ),
              { name: "TooLarge" },
            );
          return this.fetchObject(log.path as string, options.signal);
        },
      },
      gapCodeOf,
    );
  }

  /** One object of the bucket (a key `list` returned as a log's `path`), whole. */
  async fetchObject(key: string, signal?: AbortSignal): Promise<Uint8Array> {
    const response = await this.client().send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      signal ? { abortSignal: signal } : {},
    );
    if (!response.Body) throw new Error("empty body");
    return response.Body.transformToByteArray();
  }

  /** Lists one prefix fully (pages), or with a delimiter for its sub-folders. */
  private async listPrefix(
    prefix: string,
    delimiter: boolean,
  ): Promise<{ keys: { key: string; size: number }[]; folders: string[] }> {
    const s3 = this.client();
    const keys: { key: string; size: number }[] = [];
    const folders: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ...(delimiter ? { Delimiter: "/" } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key) keys.push({ key: object.Key, size: object.Size ?? 0 });
      for (const folder of page.CommonPrefixes ?? []) if (folder.Prefix) folders.push(folder.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return { keys, folders };
  }

  /** The log files (and digests) of the window's day folders, with what could not be listed as gaps. */
  async list(
    options: Pick<ReadOptions<unknown>, "window" | "accounts" | "regions">,
  ): Promise<ArchiveListing> {
    const gaps: AuditGap[] = [];
    const wanted = (set: string[] | undefined, value: string) => !set?.length || set.includes(value);
    const relative = (key: string) => key.slice(this.prefix.length);
    const limit = pLimit(this.settings.concurrency ?? 16);
    const listOrGap = async (prefix: string, delimiter: boolean, where: Partial<AuditGap> = {}) => {
      try {
        return await this.listPrefix(prefix, delimiter);
      } catch (error) {
        gaps.push({
          code: gapCodeOf(error),
          location: relative(prefix) || prefix,
          ...where,
          message: `ListObjectsV2: ${messageOf(error)}`,
        });
        return { keys: [], folders: [] };
      }
    };

    // AWSLogs/ → accounts, or o-ORGID/ → accounts.
    const root = `${this.prefix}AWSLogs/`;
    // A folder that cannot be listed is a gap; the root not, since then not one file of the period is known.
    const top = await this.listPrefix(root, true).catch((error: unknown) => {
      throw new ArchiveUnreadableError(`ListObjectsV2 s3://${this.bucket}/${root}: ${messageOf(error)}`);
    });
    const accountFolders: string[] = [];
    for (const folder of top.folders) {
      const name = folder.slice(root.length, -1);
      if (/^\d{12}$/.test(name)) accountFolders.push(folder);
      else if (/^o-[a-z0-9]{10,32}$/.test(name)) {
        const org = await listOrGap(folder, true);
        accountFolders.push(...org.folders.filter((f) => /^\d{12}\/$/.test(f.slice(folder.length))));
      }
    }
    const accountOf = (folder: string) => folder.slice(-13, -1);
    const inScope = accountFolders.filter((folder) => wanted(options.accounts, accountOf(folder)));

    // ACCOUNT/CloudTrail/ → regions; then each day folder of the window.
    const days = deliveryDays(options.window);
    const digestDays = deliveryDays({
      from: options.window.from,
      to: new Date(options.window.to.getTime() + 86_400_000),
    });
    const logs: ListedLogFile[] = [];
    const digestKeys: string[] = [];
    await Promise.all(
      inScope.map(async (accountFolder) => {
        const account = accountOf(accountFolder);
        const regionFolders = (await listOrGap(`${accountFolder}CloudTrail/`, true, { account })).folders;
        const regions = regionFolders
          .map((folder) => folder.slice(`${accountFolder}CloudTrail/`.length, -1))
          .filter((region) => wanted(options.regions, region));
        await Promise.all(
          regions.flatMap((region) => {
            const logDays = days.map((day) =>
              limit(async () => {
                const from = `${day.replaceAll("/", "-")}T00:00:00Z`;
                const to = new Date(Date.parse(from) + 86_400_000).toISOString().replace(".000Z", "Z");
                const listed = await listOrGap(`${accountFolder}CloudTrail/${region}/${day}/`, false, {
                  account,
                  region,
                  from,
                  to,
                });
                for (const { key, size } of listed.keys) {
                  const named = parseLogFileName(key.slice(key.lastIndexOf("/") + 1));
                  if (!/\.json(\.gz)?$/.test(key)) continue;
                  logs.push({
                    location: relative(key),
                    path: key,
                    size,
                    account: named?.account ?? account,
                    region: named?.region ?? region,
                    ...(named ? { delivered: named.delivered.getTime() } : {}),
                  });
                }
              }),
            );
            const digestDaysListed = digestDays.map((day) =>
              limit(async () => {
                // A missing digest folder is no gap: the trail may not validate log files.
                const listed = await listOrGap(`${accountFolder}CloudTrail-Digest/${region}/${day}/`, false, {
                  account,
                  region,
                });
                for (const { key } of listed.keys)
                  if (parseDigestFileName(key.slice(key.lastIndexOf("/") + 1))) digestKeys.push(key);
              }),
            );
            return [...logDays, ...digestDaysListed];
          }),
        );
      }),
    );

    const s3 = this.client();
    const digests: DigestRecord[] = [];
    await Promise.all(
      digestKeys.map((key) =>
        limit(async () => {
          try {
            const response = await s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
            const parsed = parseDigest(
              await (response.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
              relative(key),
            );
            if ("code" in parsed) gaps.push(parsed);
            else digests.push(parsed);
          } catch (error) {
            gaps.push({
              code: gapCodeOf(error),
              location: relative(key),
              message: `GetObject: ${messageOf(error)}`,
            });
          }
        }),
      ),
    );
    logs.sort((a, b) => (a.location < b.location ? -1 : 1));
    digests.sort((a, b) => (a.location < b.location ? -1 : 1));
    return {
      logs,
      digests,
      gaps,
      accounts: [...new Set(logs.map((log) => log.account as string))].sort(),
      regions: [...new Set(logs.map((log) => log.region as string))].sort(),
      stats: this.settings.clients.counter.toStats(),
    };
  }
}
