// The monthly report with an audit Result: its access review (per person, then unmatched principals)
// and its detections, in both languages, with hostile principal names kept as text.
import { controls } from "@itaku/controls";
import { fixtureAccess as access, fixtureResult } from "../fixtures";
import { renderMonthly } from "./index";

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
