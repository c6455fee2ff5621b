// The access review as people see it in each format: every roster person and every unmatched
// principal listed, new addresses marked, hostile principal names kept inside their text.
import { resultSchema } from "@itaku/core";
import { fixtureAccess as access, fixtureContext, fixtureOrgAccess, fixtureResult } from "./fixtures";
import { attribute, elements, parseHtml, textOf } from "./html-test-tree";
import { renderReport } from "./index";

// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
const RAW_DANGER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const result = { ...fixtureResult(), access };

describe("access review in the reports", () => {
  it("is part of the Result contract", () => {
    expect(resultSchema.safeParse(result).success).toBe(true);
  });

  it("table: one row per person and unmatched principal, new addresses marked", () => {
    const text = renderReport("table", result, fixtureContext({ width: 200 }));
    expect(text).toContain("Access review");
    expect(text).toMatch(
      /P001 山田 太郎 +manager +12 +340 +21 +11\/2\/11 +3 +203\.0\.113\.10, 198\.51\.100\.23\*/,
    );
    expect(text).toMatch(/P005 田中 健太 +member, left 2026-09-30 +0 +0/);
    expect(text).toContain("Principals that map to no roster person");
    expect(text).not.toMatch(RAW_DANGER);
  });

  it("markdown: a table with the period, names escaped", () => {
    const text = renderReport("markdown", result, fixtureContext());
    expect(text).toContain("### Access review");
    expect(text).toContain("| P001 山田 太郎 | manager | 111122223333 | 12 | 340 | 21 | 11/2/11 | 3 |");
    expect(text).not.toMatch(RAW_DANGER);
  });

  it("html: a well-formed section whose cells hold the hostile name as text", () => {
    const html = renderReport("html", result, fixtureContext());
    const parsed = parseHtml(html);
    expect(parsed.errors).toEqual([]);
    const section = elements(parsed.root, "section").find((e) => attribute(e, "id") === "access-review")!;
    expect(elements(section, "script")).toEqual([]);
    const rows = elements(section, "tr").map((row) => textOf(row));
    expect(rows).toHaveLength(5); // two header rows, two people, one unmatched principal
    expect(rows[1]).toContain("198.51.100.23*");
    expect(rows[4]).toContain("<script>alert(1)</script>");
    expect(html).not.toMatch(RAW_DANGER);
  });

  describe("in an organisation audit (the review spans accounts)", () => {
    const org = { ...fixtureResult(), access: fixtureOrgAccess };

    it("table: an ACCOUNTS column tells each account's root apart (absent for one account)", () => {
      const text = renderReport("table", org, fixtureContext({ width: 200 }));
      expect(text).toMatch(/WHO +ROLE\/KIND +ACCOUNTS +DAYS/);
      expect(text).toMatch(/P001 山田 太郎 +manager +111122223333, 444455556666 +12 +340/);
      expect(text).toMatch(/root +root +111122223333 +12 +7 /);
      expect(text).toMatch(/root +root +444455556666 +12 +9 /);
      expect(renderReport("table", result, fixtureContext({ width: 200 }))).not.toContain("ACCOUNTS");
    });

    it("markdown and html: each root row names its account", () => {
      const md = renderReport("markdown", org, fixtureContext());
      expect(md).toContain("| root | root | 111122223333 | 12 | 7 |");
      expect(md).toContain("| root | root | 444455556666 | 12 | 9 |");
      const section = elements(parseHtml(renderReport("html", org, fixtureContext())).root, "section").find(
        (e) => attribute(e, "id") === "access-review",
      )!;
      const roots = elements(section, "tr")
        .map((row) => elements(row, "td").map((cell) => textOf(cell)))
        .filter((cells) => cells[0] === "root");
      expect(roots.map((cells) => [cells[2], cells[5]])).toEqual([
        ["111122223333", "7"],
        ["444455556666", "9"],
      ]);
    });
  });

  it("is absent from scan results", () => {
    const text = renderReport("table", fixtureResult(), fixtureContext());
    expect(text).not.toContain("Access review");
  });
});
