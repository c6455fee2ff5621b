// The monthly report with an audit Result: its access review (per person, then unmatched principals)
// and its detections, in both languages, with hostile principal names kept as text.
import { controls } from "@itaku/controls";
import type { AccessSection } from "@itaku/core";
import { fixtureResult, HOSTILE } from "../fixtures";
import { renderMonthly } from "./index";

const activity = {
  principals: ["yamada"],
  accounts: ["111122223333"],
  roles: [],
  activeDays: 12,
  events: 340,
  writeEvents: 21,
  offHoursEvents: 3,
  consoleLogins: { ok: 11, failed: 2, withMfa: 11 },
  sourceIps: [
    { address: "203.0.113.10", events: 330, new: false },
    { address: "198.51.100.23", events: 10, new: true },
  ],
  services: ["ec2.amazonaws.com"],
  firstEvent: "2026-10-01T01:00:00.000Z",
  lastEvent: "2026-10-30T09:00:00.000Z",
};

const access: AccessSection = {
  period: { from: "2026-09-30T15:00:00.000Z", to: "2026-10-31T15:00:00.000Z", timeZone: "Asia/Tokyo" },
  baselineFrom: "2026-08-31T15:00:00.000Z",
  people: [{ personId: "P001", name: "山田 太郎", role: "manager", startDate: "2024-04-01", ...activity }],
  unmatched: [
    {
      principal: `arn:aws:iam::111122223333:user/${HOSTILE}`,
      label: HOSTILE,
      kind: "iam-user",
      account: "111122223333",
      machine: false,
      ...activity,
    },
  ],
};

const input = {
  current: fixtureResult(),
  audit: { ...fixtureResult(), access },
  controls,
  generatedAt: new Date("2026-11-20T00:00:00Z"),
};

describe("the monthly report with --audit", () => {
  it("shows the access review per person and the principals nobody owns, in Japanese", () => {
    const text = renderMonthly(input, "ja", "markdown");
    expect(text).toContain("### 従事者ごとのアクセス状況");
    expect(text).toContain("点検期間: 2026年10月1日 00:00 (Asia/Tokyo) – 2026年11月1日 00:00 (Asia/Tokyo)");
    expect(text).toContain(
      "| P001 山田 太郎 | manager | 12 | 340 | 21 | 11/2/11 | 3 | <code>203.0.113.10, 198.51.100.23\\*</code> |",
    );
    expect(text).toContain("### 台帳の誰にも対応しない主体");
    expect(text).toMatch(/### 検知事項 \(\d+\)/);
    expect(text).not.toContain("<script>");
  });

  it("in English too, and says so when no audit was given", () => {
    expect(renderMonthly(input, "en", "markdown")).toContain("### Access per person");
    expect(renderMonthly({ ...input, audit: undefined }, "en", "markdown")).toContain(
      "No access-log audit result (--audit) was given.",
    );
  });
});
