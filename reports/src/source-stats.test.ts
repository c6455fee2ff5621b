// What reading a source took (an Athena audit's queries, data scanned and estimated cost; LookupEvents'
// requests), from the Result's `sources[].stats`, in the reports that list sources.
import { controls } from "@itaku/controls";
import type { Result } from "@itaku/core";
import { fixtureContext, fixtureResult, HOSTILE } from "./fixtures";
import { renderHtml } from "./html";
import { elements, parseHtml, textOf } from "./html-test-tree";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { renderMonthly } from "./monthly";
import { sourceStatsText } from "./report-context";
import { renderTable } from "./table";

const READ = "3 queries, 1.21 GB scanned, about $0.0060, 41.2 s";

function athenaResult(): Result {
  const result = fixtureResult();
  result.sources = [
    {
      provider: "cloudtrail-athena",
      scope: `athena:audit.${HOSTILE}`,
      regions: [],
      gaps: [],
      stats: {
        queries: 3,
        candidateRows: 12,
        aggregateRows: 40,
        dataScannedBytes: 1_210_000_000,
        costUsd: 0.006,
        engineMs: 30_100,
        elapsedMs: 41_200,
      },
    },
  ];
  return result;
}

describe("reading statistics of sources in reports", () => {
  const result = athenaResult();
  const ctx = fixtureContext();

  it("words the statistics people read, and nothing for a source without them", () => {
    expect(sourceStatsText(result.sources[0]!)).toBe(READ);
    expect(sourceStatsText({ ...result.sources[0]!, stats: { requests: 1, elapsedMs: 500 } })).toBe(
      "1 request, 0.5 s",
    );
    expect(sourceStatsText({ ...result.sources[0]!, stats: { "requests.s3:GetObject": 4 } })).toBe("");
    expect(sourceStatsText({ ...result.sources[0]!, stats: undefined })).toBe("");
  });

  it("table: the source read fully is listed for its cost", () => {
    const text = renderTable(result, { ...ctx, color: false, width: 400 });
    const line = text.split("\n").find((l) => l.includes("cloudtrail-athena"));
    expect(line).toMatch(/^\s+ok\s+cloudtrail-athena athena:audit\./);
    expect(line).toContain(`(${READ})`);
    expect(text).not.toContain("\u001b]");
  });

  it("markdown: the source with its cost", () => {
    const text = renderMarkdown(result, ctx);
    expect(text).toMatch(
      /^> - \*\*ok\*\* cloudtrail-athena .*\(3 queries, 1\.21 GB scanned, about \$0\.0060, 41\.2 s\)$/m,
    );
  });

  it("html: in the header and in the Sources table, escaped", () => {
    const html = renderHtml(result, ctx);
    const { root } = parseHtml(html);
    const rows = elements(root, "tr").filter((row) => textOf(row).includes("cloudtrail-athena"));
    expect(rows).toHaveLength(1);
    expect(textOf(rows[0]!)).toContain(READ);
    expect(textOf(elements(root, "p")[0]!)).toContain(READ);
    expect(elements(root, "script")).toHaveLength(1); // the hostile <script> stayed text
  });

  it("json: the statistics as numbers", () => {
    const json = JSON.parse(renderJson(result)) as Result;
    expect(json.sources[0]?.stats).toMatchObject({ dataScannedBytes: 1_210_000_000, costUsd: 0.006 });
  });

  it("monthly report: in the header's source row", () => {
    const text = renderMonthly(
      { current: result, controls, generatedAt: new Date("2026-11-20T00:00:00Z") },
      "en",
      "markdown",
    );
    expect(text).toContain(READ);
  });
});
