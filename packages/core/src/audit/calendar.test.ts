import { AuditCalendar } from "./calendar";
import { CidrSet } from "./cidr";
import { auditConfigSchema } from "./settings";

const tokyo = new AuditCalendar(auditConfigSchema.parse({}));

describe("audit calendar", () => {
  it("dates events in the audit's time zone", () => {
    expect(tokyo.localDate(Date.parse("2026-10-18T15:30:00Z"))).toBe("2026-10-19");
    expect(tokyo.localDate(Date.parse("2026-10-18T14:59:00Z"))).toBe("2026-10-18");
  });

  it("keeps business hours 08:00–20:00 on weekdays, in Tokyo", () => {
    expect(tokyo.isOffHours(Date.parse("2026-10-13T01:00:00Z"))).toBe(false); // Tue 10:00 JST
    expect(tokyo.isOffHours(Date.parse("2026-10-12T22:59:00Z"))).toBe(true); // Tue 07:59 JST
    expect(tokyo.isOffHours(Date.parse("2026-10-12T23:00:00Z"))).toBe(false); // Tue 08:00 JST
    expect(tokyo.isOffHours(Date.parse("2026-10-13T11:00:00Z"))).toBe(true); // Tue 20:00 JST
    expect(tokyo.isOffHours(Date.parse("2026-10-17T01:00:00Z"))).toBe(true); // Saturday
  });

  it("takes Japanese public holidays from the holiday library, or none", () => {
    const sportsDay = Date.parse("2026-10-12T01:00:00Z"); // Mon 12 Oct 2026, スポーツの日
    expect(tokyo.slot(sportsDay).holiday).toBe("スポーツの日");
    expect(tokyo.isOffHours(sportsDay)).toBe(true);
    const noHolidays = new AuditCalendar(auditConfigSchema.parse({ holidays: "none" }));
    expect(noHolidays.isOffHours(sportsDay)).toBe(false);
  });

  it("handles night shifts and half-hour zones", () => {
    const night = new AuditCalendar(
      auditConfigSchema.parse({
        timeZone: "Asia/Kolkata",
        businessHours: {
          days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
          from: "22:00",
          to: "06:00",
        },
      }),
    );
    expect(night.isOffHours(Date.parse("2026-10-13T17:00:00Z"))).toBe(false); // 22:30 IST
    expect(night.isOffHours(Date.parse("2026-10-13T06:30:00Z"))).toBe(true); // 12:00 IST
  });

  it("rejects unknown time zones and malformed CIDRs in the config", () => {
    expect(auditConfigSchema.safeParse({ timeZone: "Mars/Olympus" }).success).toBe(false);
    expect(auditConfigSchema.safeParse({ allowedSourceCidrs: ["203.0.113.0/33"] }).success).toBe(false);
    expect(auditConfigSchema.safeParse({ allowedSourceCidrs: ["10"] }).success).toBe(false);
    expect(
      auditConfigSchema.safeParse({ allowedSourceCidrs: ["2001:db8::/32", "203.0.113.7"] }).success,
    ).toBe(true);
  });
});

describe("CIDR set", () => {
  it("matches IPv4, IPv6 and IPv4-mapped IPv6, and says when a source is no address", () => {
    const set = new CidrSet(["203.0.113.0/24", "2001:db8::/32"]);
    expect(set.contains("203.0.113.200")).toBe(true);
    expect(set.contains("198.51.100.1")).toBe(false);
    expect(set.contains("2001:db8::1")).toBe(true);
    expect(set.contains("::ffff:203.0.113.9")).toBe(true);
    expect(set.contains("AWS Internal")).toBeUndefined();
    expect(set.contains("ec2.amazonaws.com")).toBeUndefined();
  });
});
