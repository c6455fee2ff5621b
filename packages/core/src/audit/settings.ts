// The `audit:` section of itaku.yaml: when people work, from where, and how far back "first seen" looks.
import ipaddr from "ipaddr.js";
import { z } from "zod";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "expected a time as HH:MM (00:00–24:00)");

export const isValidTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** A CIDR in strict notation (four-part IPv4 or IPv6), or a single address. */
export const isValidCidr = (text: string): boolean =>
  ipaddr.IPv4.isValidCIDRFourPartDecimal(text) ||
  ipaddr.IPv6.isValidCIDR(text) ||
  ipaddr.IPv4.isValidFourPartDecimal(text) ||
  ipaddr.IPv6.isValid(text);

export const auditConfigSchema = z
  .object({
    timeZone: z
      .string()
      .refine(isValidTimeZone, { message: "expected an IANA time zone such as Asia/Tokyo" })
      .default("Asia/Tokyo"),
    businessHours: z
      .object({
        days: z.array(z.enum(WEEKDAYS)).default(["mon", "tue", "wed", "thu", "fri"]),
        from: clockTime.default("08:00"),
        to: clockTime.default("20:00"),
      })
      .strict()
      .default({ days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "20:00" }),
    /** jp: Japanese public holidays are off-hours too; none: only weekends and hours. */
    holidays: z.enum(["jp", "none"]).default("jp"),
    /** Source networks sign-ins may come from; empty = no source-IP rule. */
    allowedSourceCidrs: z
      .array(z.string().refine(isValidCidr, { message: "expected a CIDR such as 203.0.113.0/24" }))
      .default([]),
    /** Days before the period read as the baseline for first-seen (person, source IP). */
    baselineDays: z.number().int().min(0).max(366).default(30),
    /** Buckets holding the client's confidential data; their data events are checked against the roster. */
    confidentialBuckets: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type AuditSettings = z.output<typeof auditConfigSchema>;

export const defaultAuditSettings = (): AuditSettings => auditConfigSchema.parse({});
