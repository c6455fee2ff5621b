// The audited period: the last full calendar month in audit.timeZone by default, or --month, or
// --from/--to. Calendar dates are days in the time zone (--to's day included); instants are as given.
import { parseCalendarDate, parseInstant } from "@itaku/core";

export interface AuditPeriod {
  /** Inclusive start and exclusive end, UTC. */
  from: Date;
  to: Date;
  /** How it was chosen, for the report: `2026-10 (Asia/Tokyo)` or the instants. */
  label: string;
}

export class PeriodError extends Error {}

/** Offset of `timeZone` from UTC at `ms`, in milliseconds (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value;
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return local - Math.floor(ms / 1000) * 1000;
}

/** Midnight at the start of a local calendar day, as a UTC instant. */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  let instant = guess - offsetAt(guess, timeZone);
  // Across a daylight-saving change the offset at the guess and at the answer differ; once more settles it.
  instant = guess - offsetAt(instant, timeZone);
  return new Date(instant);
}

function localYearMonth(now: Date, timeZone: string): { year: number; month: number } {
  const local = new Date(now.getTime() + offsetAt(now.getTime(), timeZone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
}

function monthPeriod(year: number, month: number, timeZone: string): AuditPeriod {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    from: startOfLocalDay(year, month, 1, timeZone),
    to: startOfLocalDay(next.year, next.month, 1, timeZone),
    label: `${year}-${String(month).padStart(2, "0")} (${timeZone})`,
  };
}

/** A --from/--to value: a calendar date is that day's midnight in the zone (`end`: the next midnight). */
function boundary(flag: string, text: string, timeZone: string, end: boolean): Date {
  const day = parseCalendarDate(text);
  if (day) {
    const start = startOfLocalDay(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), timeZone);
    if (!end) return start;
    const next = new Date(day.getTime() + 86_400_000);
    return startOfLocalDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
  }
  const instant = parseInstant(text);
  if (!instant)
    throw new PeriodError(`${flag} "${text}" is not a date (YYYY-MM-DD) or an ISO-8601 instant with a zone`);
  return instant;
}

export function resolvePeriod(
  flags: { from?: string; to?: string; month?: string },
  now: Date,
  timeZone: string,
): AuditPeriod {
  if (flags.month !== undefined) {
    if (flags.from !== undefined || flags.to !== undefined)
      throw new PeriodError("--month cannot be combined with --from/--to");
    const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(flags.month);
    if (!match) throw new PeriodError(`--month "${flags.month}" is not a month as YYYY-MM`);
    return monthPeriod(Number(match[1]), Number(match[2]), timeZone);
  }
  if (flags.from === undefined && flags.to === undefined) {
    const { year, month } = localYearMonth(now, timeZone);
    return month === 1 ? monthPeriod(year - 1, 12, timeZone) : monthPeriod(year, month - 1, timeZone);
  }
  if (flags.from === undefined) throw new PeriodError("--to needs --from");
  const from = boundary("--from", flags.from, timeZone, false);
  const to = flags.to === undefined ? now : boundary("--to", flags.to, timeZone, true);
  if (from.getTime() >= to.getTime())
    throw new PeriodError(
      `the period is empty: --from ${from.toISOString()} is not before ${to.toISOString()}`,
    );
  return { from, to, label: `${from.toISOString()} – ${to.toISOString()}` };
}
