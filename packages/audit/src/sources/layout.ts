// CloudTrail's archive layout: where it delivers log and digest files and how it names them.
// s3://BUCKET/[PREFIX/]AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail[-Digest]/REGION/YYYY/MM/DD/NAME
// Reference: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html

/** `ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_RANDOM.json.gz` (delivery time, UTC). */
const LOG_FILE_NAME = /^(\d{12})_CloudTrail_([a-z0-9-]+)_(\d{8}T\d{4}Z)_[A-Za-z0-9]+\.json(?:\.gz)?$/;
/** `ACCOUNT_CloudTrail-Digest_REGION_TRAIL_REGION_YYYYMMDDTHHMMSSZ[_backfill].json.gz` (digest end time). */
const DIGEST_FILE_NAME =
  /^(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z0-9-]+)_(\d{8}T\d{6}Z)(?:_backfill)?\.json(?:\.gz)?$/;

export interface LogFileName {
  account: string;
  region: string;
  /** Delivery time (minute precision). */
  delivered: Date;
}

export interface DigestFileName {
  account: string;
  region: string;
  trail: string;
  /** The digest's end time. */
  end: Date;
}

function compactUtc(stamp: string): Date {
  // 20261104T0125Z or 20261104T012531Z
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.length > 14 ? stamp.slice(13, 15) : "00"}Z`;
  return new Date(iso);
}

export function parseLogFileName(name: string): LogFileName | undefined {
  const match = LOG_FILE_NAME.exec(name);
  if (!match) return undefined;
  const delivered = compactUtc(match[3] as string);
  if (Number.isNaN(delivered.getTime())) return undefined;
  return { account: match[1] as string, region: match[2] as string, delivered };
}

export function parseDigestFileName(name: string): DigestFileName | undefined {
  const match = DIGEST_FILE_NAME.exec(name);
  if (!match) return undefined;
  const end = compactUtc(match[5] as string);
  if (Number.isNaN(end.getTime())) return undefined;
  return { account: match[1] as string, region: match[2] as string, trail: match[3] as string, end };
}

export const baseName = (pathOrKey: string): string => pathOrKey.slice(pathOrKey.lastIndexOf("/") + 1);

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * How late CloudTrail may deliver an event after it happened: files are delivered about every 5
 * minutes, typically within 15 minutes of the call; a day of slack keeps late files of the last
 * hours of the window without listing the archive beyond the next day.
 */
export const DELIVERY_SLACK_MS = DAY_MS;

const dayOf = (date: Date): string => date.toISOString().slice(0, 10).replaceAll("-", "/");

/** The UTC days (`YYYY/MM/DD`) whose delivery folders may hold events of the window. */
export function deliveryDays(window: { from: Date; to: Date }): string[] {
  const days: string[] = [];
  const first = Math.floor(window.from.getTime() / DAY_MS) * DAY_MS;
  const last = window.to.getTime() - 1 + DELIVERY_SLACK_MS;
  for (let t = first; t <= last; t += DAY_MS) days.push(dayOf(new Date(t)));
  return days;
}

/** True when a file delivered at `delivered` may hold events of the window (same rule for local and S3). */
export function deliveredInReach(delivered: Date, days: ReadonlySet<string>): boolean {
  return days.has(dayOf(delivered));
}

/** Every hour start in [from, to). */
export function hoursOf(window: { from: Date; to: Date }): number[] {
  const hours: number[] = [];
  const first = Math.ceil(window.from.getTime() / HOUR_MS) * HOUR_MS;
  for (let t = first; t < window.to.getTime(); t += HOUR_MS) hours.push(t);
  return hours;
}

export const hourOf = (date: Date): number => Math.floor(date.getTime() / HOUR_MS) * HOUR_MS;
export { HOUR_MS };
