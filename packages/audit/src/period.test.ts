import { PeriodError, resolvePeriod } from "./period";

const iso = (p: { from: Date; to: Date }) => [p.from.toISOString(), p.to.toISOString()];

describe("audit period", () => {
  it("defaults to the last full calendar month in the time zone", () => {
    expect(iso(resolvePeriod({}, new Date("2026-11-20T00:00:00Z"), "Asia/Tokyo"))).toEqual([
      "2026-09-30T15:00:00.000Z",
      "2026-10-31T15:00:00.000Z",
    ]);
    // 1 December 00:30 in Tokyo is still 30 November in UTC: the last full month is November.
    expect(iso(resolvePeriod({}, new Date("2026-11-30T15:30:00Z"), "Asia/Tokyo"))).toEqual([
      "2026-10-31T15:00:00.000Z",
      "2026-11-30T15:00:00.000Z",
    ]);
    expect(iso(resolvePeriod({}, new Date("2027-01-10T00:00:00Z"), "UTC"))).toEqual([
      "2026-12-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    ]);
  });

  it("takes --month, across a daylight-saving change", () => {
    expect(iso(resolvePeriod({ month: "2026-03" }, new Date(), "Europe/Berlin"))).toEqual([
      "2026-02-28T23:00:00.000Z",
      "2026-03-31T22:00:00.000Z",
    ]);
  });

  it("takes --from/--to as local days (the --to day included) or instants", () => {
    expect(iso(resolvePeriod({ from: "2026-10-05", to: "2026-10-06" }, new Date(), "Asia/Tokyo"))).toEqual([
      "2026-10-04T15:00:00.000Z",
      "2026-10-06T15:00:00.000Z",
    ]);
    expect(
      iso(resolvePeriod({ from: "2026-10-05T00:00:00Z" }, new Date("2026-10-06T00:00:00Z"), "Asia/Tokyo")),
    ).toEqual(["2026-10-05T00:00:00.000Z", "2026-10-06T00:00:00.000Z"]);
  });

  it("rejects what cannot be a period", () => {
    const now = new Date("2026-11-20T00:00:00Z");
    expect(() => resolvePeriod({ month: "2026-13" }, now, "UTC")).toThrow(PeriodError);
    expect(() => resolvePeriod({ month: "2026-10", from: "2026-10-01" }, now, "UTC")).toThrow(
      /cannot be combined/,
    );
    expect(() => resolvePeriod({ to: "2026-10-01" }, now, "UTC")).toThrow(/--to needs --from/);
    expect(() => resolvePeriod({ from: "yesterday" }, now, "UTC")).toThrow(/--from "yesterday"/);
    expect(() => resolvePeriod({ from: "2026-10-05", to: "2026-10-01" }, now, "UTC")).toThrow(/empty/);
  });
});
