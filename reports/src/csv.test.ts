import { parse } from "csv-parse/sync";
import { CSV_COLUMNS, renderCsv, renderCsvChunks } from "./csv";
import { fixtureContext, fixtureResult, HOSTILE } from "./fixtures";
import { visibleText } from "./scanned-text";

describe("csv report", () => {
  it("has the header and one row per finding, hostile text made visible", () => {
    const result = fixtureResult();
    const rows = parse(renderCsv(result, fixtureContext()), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(result.findings.length);
    expect(rows.some((row) => row.resource_name === visibleText(HOSTILE))).toBe(true);
  });

  it("escapes cells a spreadsheet would run as a formula", () => {
    const result = fixtureResult();
    const first = result.findings[0]!;
    const hostile = {
      ...result,
      findings: [{ ...first, resource: { ...first.resource, name: '=HYPERLINK("x")' } }],
    };
    const [row] = parse(renderCsv(hostile, fixtureContext()), { columns: true }) as Record<string, string>[];
    expect(row?.resource_name).toBe('\'=HYPERLINK("x")');
  });

  it("states a display filter in a trailing comment row", () => {
    const result = fixtureResult();
    const filtered = {
      ...result,
      view: { filters: { severity: ["high" as const] }, findingsShown: 1, findingsTotal: 5 },
    };
    const text = renderCsv(filtered, fixtureContext());
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "# display filter --severity high: 1 of 5 findings shown; the summary and control statuses are the evaluation of every finding",
    );
    expect(parse(text, { columns: true, comment: "#" })).toHaveLength(result.findings.length);
  });
});

describe("csv report in pieces", () => {
  it("is the same text whatever the batch of rows", () => {
    const result = fixtureResult();
    const ctx = fixtureContext();
    const whole = renderCsv(result, ctx);
    for (const size of [1, 2, 1000]) expect([...renderCsvChunks(result, ctx, size)].join("")).toBe(whole);
    expect([...renderCsvChunks(result, ctx, 1)].length).toBeGreaterThan(result.findings.length);
  });
});
