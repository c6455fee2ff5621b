import { parseConfig } from "../config";

describe("the audit: section of itaku.yaml", () => {
  it("fills the issue's defaults", () => {
    const config = parseConfig("audit: {}\n", "itaku.yaml", []);
    expect(config.audit).toEqual({
      timeZone: "Asia/Tokyo",
      businessHours: { days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "20:00" },
      holidays: "jp",
      allowedSourceCidrs: [],
      baselineDays: 30,
      confidentialBuckets: [],
    });
    expect(parseConfig("roster: r.csv\n", "itaku.yaml", []).audit.timeZone).toBe("Asia/Tokyo");
  });

  it("names the file, line and key of a bad value", () => {
    const text =
      "audit:\n  timeZone: Asia/Tokyo\n  allowedSourceCidrs:\n    - 203.0.113.0/24\n    - 10.0.0.0/40\n";
    expect(() => parseConfig(text, "itaku.yaml", [])).toThrow(
      /itaku\.yaml:5:7: audit\.allowedSourceCidrs\[1\]: expected a CIDR such as 203\.0\.113\.0\/24/,
    );
    expect(() => parseConfig("audit:\n  timeZone: Tokyo\n", "itaku.yaml", [])).toThrow(
      /itaku\.yaml:2:3: audit\.timeZone: expected an IANA time zone/,
    );
    expect(() => parseConfig("audit:\n  businessHours: { from: '8:00' }\n", "itaku.yaml", [])).toThrow(
      /audit\.businessHours\.from: expected a time as HH:MM/,
    );
    expect(() => parseConfig("audit:\n  holidays: us\n", "itaku.yaml", [])).toThrow(/audit\.holidays/);
  });
});
