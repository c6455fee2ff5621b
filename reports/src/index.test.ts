import { resultSchema } from "@itaku/core";
import { fixtureContext, fixtureResult } from "./fixtures";
import { REPORT_FORMATS, type ReportFormat, renderReport, renderReportChunks } from "./index";

describe("renderReport", () => {
  const result = fixtureResult();

  it.each(REPORT_FORMATS)("renders %s deterministically, ending with a newline", (format) => {
    const first = renderReport(format, result, fixtureContext());
    expect(first.endsWith("\n")).toBe(true);
    expect(renderReport(format, fixtureResult(), fixtureContext())).toBe(first);
  });

  it("does not change the Result it is given", () => {
    const before = JSON.stringify(result);
    for (const format of REPORT_FORMATS) renderReport(format, result, fixtureContext({ color: true }));
    expect(JSON.stringify(result)).toBe(before);
  });

  it("refuses an unknown format", () => {
    expect(() => renderReport("pdf" as ReportFormat, result, fixtureContext())).toThrow(
      'unknown report format "pdf"',
    );
  });

  it("copes with findings of a rule the context does not describe", () => {
    for (const format of REPORT_FORMATS) {
      expect(() => renderReport(format, result, fixtureContext({ rules: [], controls: [] }))).not.toThrow();
    }
  });

  it("json carries a rules section: each rule with a finding, its title and remediation, valid as a Result", () => {
    const json = JSON.parse(renderReport("json", result, fixtureContext()));
    expect(resultSchema.safeParse(json).success).toBe(true);
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(
      [...new Set(result.findings.map((f) => f.ruleId))].sort(),
    );
    expect(json.rules.find((r: { id: string }) => r.id === "test-user-mfa")).toEqual({
      id: "test-user-mfa",
      title: { en: "Console users have MFA", ja: "コンソール利用者は多要素認証を使う" },
      severity: "high",
      controls: ["NIC-1-4-4-2", "IPA-4.1-9"],
      remediation: {
        summary: "Enable a virtual MFA device for the user",
        cli: "aws iam enable-mfa-device --user-name <user> ...",
      },
    });
    // Streaming gives the same bytes.
    expect([...renderReportChunks("json", result, fixtureContext())].join("")).toBe(
      renderReport("json", result, fixtureContext()),
    );
  });
});
