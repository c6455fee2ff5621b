// Every format gets a resource whose name an attacker chose; none may let it out of its text.
import type { Result } from "@itaku/core";
import { fixtureContext, fixtureResult, HOSTILE } from "./fixtures";
import { elements, parseHtml } from "./html-test-tree";
import { REPORT_FORMATS, renderReport } from "./index";
import { wellFormednessError } from "./xml-test-parser";

// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
const ANSI_SGR = /\u001b\[[0-9;]*m/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
const RAW_DANGER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe.each(REPORT_FORMATS)("%s report with a hostile resource name", (format) => {
  const result = fixtureResult();
  expect(result.findings.some((f) => f.resource.name === HOSTILE && f.status === "fail")).toBe(true);
  const output = renderReport(format, result, fixtureContext({ width: 400 }));

  it("carries no raw control, escape or bidi-override character", () => {
    expect(output).not.toMatch(RAW_DANGER);
  });

  it("keeps the emoji and the Japanese", () => {
    expect(output).toContain("🙂 山田");
  });

  if (format === "json" || format === "sarif") {
    it("round-trips the name exactly as data", () => {
      const text = JSON.stringify(JSON.parse(output));
      expect(text).toContain(JSON.stringify(HOSTILE));
    });
  } else if (format !== "table" && format !== "csv") {
    // A terminal or a spreadsheet shows markup as the text it is; the markup formats must escape it.
    it("never emits the markup as markup", () => {
      expect(output).not.toContain("<script>alert(1)");
      expect(output).not.toContain("]]>");
    });
  }

  if (format === "junit") {
    it("is well-formed XML", () => expect(wellFormednessError(output)).toBeNull());
  }
  if (format === "html") {
    it("parses with only the report's own script", () => {
      const { root, errors } = parseHtml(output);
      expect(errors).toEqual([]);
      expect(elements(root, "script")).toHaveLength(1);
    });
  }
});

it("the coloured table emits no escape sequence but its own colours", () => {
  const coloured = renderReport("table", fixtureResult(), fixtureContext({ color: true }));
  expect(coloured.replace(ANSI_SGR, "")).not.toMatch(RAW_DANGER);
});

it("hostile strings in waivers and gaps are escaped too", () => {
  const base = fixtureResult();
  const result: Result = {
    ...base,
    waivers: base.waivers.map((w) => ({
      ...w,
      reason: HOSTILE,
      approvedBy: HOSTILE,
      status: "expired" as const,
    })),
  };
  for (const format of REPORT_FORMATS) {
    const output = renderReport(format, result, fixtureContext());
    expect(output).not.toMatch(RAW_DANGER);
    if (format !== "json" && format !== "sarif" && format !== "table" && format !== "csv")
      expect(output).not.toContain("<script>alert(1)");
  }
});
