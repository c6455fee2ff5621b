// Per-source status (an organisation's accounts: ok, partial, failed, skipped) in every report a
// person or a tool reads: counts, then each source not read fully with its reason, escaped.
import type { Result } from "@itaku/core";
import { fixtureContext, fixtureResult, HOSTILE } from "./fixtures";
import { renderHtml } from "./html";
import { elements, parseHtml, textOf } from "./html-test-tree";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import { renderTable } from "./table";

function organisationResult(): Result {
  const result = fixtureResult();
  const account = (scope: string, status: "ok" | "failed" | "skipped", reason?: string) => ({
    provider: "aws",
    scope,
    regions: status === "ok" ? ["ap-northeast-1"] : [],
    gaps: [],
    status,
    ...(reason ? { reason } : {}),
    account: { name: `member ${HOSTILE}`, ouPath: "Root/Workloads", organizationId: "o-abc123" },
  });
  result.sources.push(
    account(
      "222233334444",
      "failed",
      `cannot assume arn:aws:iam::222233334444:role/ItakuAudit (AccessDenied): ${HOSTILE}`,
    ),
    account("333344445555", "skipped", "account is SUSPENDED"),
    account("444455556666", "ok"),
  );
  return result;
}

describe("source statuses in reports", () => {
  const result = organisationResult();
  const ctx = fixtureContext();

  it("table: counts, then failed, partial, skipped sources with their reasons", () => {
    const text = renderTable(result, { ...ctx, color: false, width: 400 });
    expect(text).toContain("Sources  1 ok, 1 partial, 1 failed, 1 skipped");
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.startsWith("Sources"));
    expect(lines.slice(at + 1, at + 4).map((l) => l.trim().split(/\s+/)[0])).toEqual([
      "failed",
      "partial",
      "skipped",
    ]);
    expect(lines[at + 1]).toContain("aws 222233334444 (member");
    expect(lines[at + 1]).toContain("Root/Workloads)  cannot assume");
    expect(text).not.toContain("\u001b]"); // the hostile name's escape sequences are made visible
  });

  it("json: each source keeps its status, reason and account metadata", () => {
    const json = JSON.parse(renderJson(result)) as Result;
    expect(json.sources.map((s) => [s.scope, s.status])).toEqual(
      result.sources.map((s) => [s.scope, s.status]),
    );
    expect(json.sources.find((s) => s.scope === "222233334444")).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("AccessDenied"),
      account: { ouPath: "Root/Workloads" },
    });
  });

  it("html: a Sources table of the sources not read fully, with hostile text escaped", () => {
    const { root, errors } = parseHtml(renderHtml(result, ctx));
    expect(errors).toEqual([]);
    const heading = elements(root, "h2").find((h) => textOf(h) === "Sources");
    expect(heading).toBeDefined();
    const table = elements(root, "table").find((t) => textOf(t).includes("222233334444"))!;
    const rows = elements(elements(table, "tbody")[0]!, "tr").map(textOf);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^failed/);
    expect(rows[0]).toContain("AccessDenied");
    expect(elements(root, "script")).toHaveLength(1); // the hostile <script> stayed text
  });

  it("sarif: one notification per source not read fully; failed is an error", () => {
    const log = JSON.parse(renderSarif(result, ctx));
    const notes = log.runs[0].invocations[0].toolExecutionNotifications.filter(
      (n: { descriptor: { id: string } }) => n.descriptor.id === "itaku-source-status",
    );
    expect(
      notes.map((n: { level: string; properties: { source: { scope: string } } }) => [
        n.properties.source.scope,
        n.level,
      ]),
    ).toEqual([
      ["222233334444", "error"],
      ["111122223333", "warning"],
      ["333344445555", "note"],
    ]);
  });

  it("markdown: the counts and each source not read fully", () => {
    const text = renderMarkdown(result, ctx);
    expect(text).toContain("> Sources: 1 ok, 1 partial, 1 failed, 1 skipped");
    expect(text).toMatch(/> - \*\*failed\*\* aws 222233334444/);
  });
});
