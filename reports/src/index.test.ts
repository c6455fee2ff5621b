import { fixtureContext, fixtureResult } from "./fixtures";
import { REPORT_FORMATS, type ReportFormat, renderReport } from "./index";

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
});
