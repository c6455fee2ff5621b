// Local time for the audit: the date and business hours of an event in audit.timeZone, with weekends
// and (optionally) Japanese public holidays off. Cached per 15-minute UTC slot — every time zone's
// offset is a multiple of 15 minutes — so a month of events costs ~3,000 Intl calls, not one each.
import holidayJp from "@holiday-jp/holiday_jp";
import { type AuditSettings, WEEKDAYS, type Weekday } from "./settings";

const SLOT_MS = 15 * 60_000;

export interface LocalSlot {
  /** YYYY-MM-DD in the audit's time zone. */
  readonly date: string;
  readonly weekday: Weekday;
  /** Minute of the local day at the slot's start. */
  readonly minute: number;
  /** A weekend day outside businessHours.days, or a public holiday. */
  readonly dayOff: boolean;
  /** The holiday's name, when the day is one. */
  readonly holiday?: string;
}

const minuteOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

export class AuditCalendar {
  private readonly slots = new Map<number, LocalSlot>();
  private readonly format: Intl.DateTimeFormat;
  private readonly workDays: Set<Weekday>;
  private readonly from: number;
  private readonly to: number;

  constructor(private readonly settings: Pick<AuditSettings, "timeZone" | "businessHours" | "holidays">) {
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone: settings.timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
      hourCycle: "h23",
    });
    this.workDays = new Set(settings.businessHours.days);
    this.from = minuteOf(settings.businessHours.from);
    this.to = minuteOf(settings.businessHours.to);
  }

  slot(ms: number): LocalSlot {
    const index = Math.floor(ms / SLOT_MS);
    let slot = this.slots.get(index);
    if (!slot) {
      slot = this.compute(index * SLOT_MS);
      this.slots.set(index, slot);
    }
    return slot;
  }

  /** The event's calendar date in the audit's time zone. */
  localDate(ms: number): string {
    return this.slot(ms).date;
  }

  /** Outside business hours: a day off (weekend, holiday) or a time outside from–to. */
  isOffHours(ms: number): boolean {
    const slot = this.slot(ms);
    if (slot.dayOff) return true;
    const minute = slot.minute + Math.floor((ms - Math.floor(ms / SLOT_MS) * SLOT_MS) / 60_000);
    return this.from <= this.to
      ? minute < this.from || minute >= this.to
      : minute < this.from && minute >= this.to;
  }

  private compute(ms: number): LocalSlot {
    const parts: Record<string, string> = {};
    for (const part of this.format.formatToParts(new Date(ms))) parts[part.type] = part.value;
    const date = `${parts.year}-${parts.month}-${parts.day}`;
    const weekday = parts.weekday!.toLowerCase().slice(0, 3) as Weekday;
    const holiday =
      this.settings.holidays === "jp"
        ? (holidayJp.holidays as Record<string, { name: string } | undefined>)[date]?.name
        : undefined;
    return {
      date,
      weekday: WEEKDAYS.includes(weekday) ? weekday : "sun",
      minute: Number(parts.hour) * 60 + Number(parts.minute),
      dayOff: !this.workDays.has(weekday) || holiday !== undefined,
      ...(holiday ? { holiday } : {}),
    };
  }
}
