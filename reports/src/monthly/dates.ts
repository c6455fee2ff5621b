// Dates as the report's reader expects them: in the configured time zone, in their language, and in
// the Japanese era on request (令和8年11月20日). Intl does the calendar work.
import type { ReportLanguage } from "./model";

export interface DateStyle {
  lang: ReportLanguage;
  timeZone: string;
  japaneseEra: boolean;
}

const locale = (style: DateStyle) =>
  style.lang === "ja" ? (style.japaneseEra ? "ja-JP-u-ca-japanese" : "ja-JP") : "en-GB";

/** A calendar day (YYYY-MM-DD), which has no time zone of its own. */
export function formatDay(day: string, style: DateStyle): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale(style), {
    timeZone: "UTC",
    era: style.lang === "ja" && style.japaneseEra ? "long" : undefined,
    year: "numeric",
    month: "long",
    day: "numeric",
  }).format(date);
}

/** The calendar day an instant falls on in the configured zone (shifted first, e.g. by -1 ms for an exclusive end). */
export function formatLocalDay(instant: string, style: DateStyle, shiftMs = 0): string {
  const date = new Date(Date.parse(instant) + shiftMs);
  if (Number.isNaN(date.getTime())) return instant;
  return formatDay(localDate(date, style.timeZone), style);
}

const localDate = (date: Date, timeZone: string): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    date,
  );

/** An instant, in the configured zone, with the zone named. */
export function formatInstant(instant: string, style: DateStyle): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const day = localDate(date, style.timeZone);
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: style.timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);
  return `${formatDay(day, style)} ${time} (${style.timeZone})`;
}
