import { createHash } from "node:crypto";
import { controlById } from "@itaku/controls";
import { fixtureContext, fixtureResult, HOSTILE } from "./fixtures";
import { renderHtml, renderHtmlChunks } from "./html";
import { attribute, elements, parseHtml, textOf } from "./html-test-tree";

describe("html report", () => {
  const result = fixtureResult();
  const html = renderHtml(result, fixtureContext());
  const { root, errors } = parseHtml(html);

  it("parses as HTML without a single parse error", () => {
    expect(errors).toEqual([]);
    expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true);
  });

  it("is self-contained: no external asset, and a CSP that admits only its own style and script", () => {
    expect(elements(root, "link")).toHaveLength(0);
    expect(elements(root, "img")).toHaveLength(0);
    for (const el of elements(root)) {
      expect(attribute(el, "src")).toBeUndefined();
      expect(attribute(el, "href")).toBeUndefined();
    }
    const scripts = elements(root, "script");
    expect(scripts).toHaveLength(1);
    const styles = elements(root, "style");
    expect(styles).toHaveLength(1);
    const csp = elements(root, "meta").find((m) => attribute(m, "http-equiv") === "Content-Security-Policy");
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(attribute(csp!, "content")).toBe(
      `default-src 'none'; style-src ${hash(textOf(styles[0]!))}; script-src ${hash(textOf(scripts[0]!))}; img-src data:; base-uri 'none'; form-action 'none'`,
    );
  });

  it("summarises the counts and lists every finding with its status for the filter", () => {
    const cards = elements(root, "div").filter((d) => attribute(d, "class")?.startsWith("card "));
    expect(cards.map(textOf)).toEqual(["4fail", "1unknown", "1waived", "7pass", "1not applicable"]);
    const table = elements(root, "table").find((t) => attribute(t, "id") === "findings")!;
    const rows = elements(table, "tr").filter((r) => attribute(r, "data-status") !== undefined);
    expect(rows).toHaveLength(result.findings.length);
    // One group per rule, each headed by the rule's title and its fix.
    const groups = elements(table, "tbody");
    expect(groups.map((g) => attribute(g, "data-rule")).sort()).toEqual(
      [...new Set(result.findings.map((f) => f.ruleId))].sort(),
    );
    const mfa = groups.find((g) => attribute(g, "data-rule") === "test-user-mfa")!;
    expect(textOf(elements(mfa, "tr")[0]!)).toContain("Fix: Enable a virtual MFA device for the user");
    expect(textOf(elements(mfa, "pre")[0]!)).toBe("aws iam enable-mfa-device --user-name <user> ...");
    expect(rows.map((r) => attribute(r, "data-status"))).toEqual(
      expect.arrayContaining(["fail", "waived", "unknown", "pass", "not_applicable"]),
    );
    const boxes = elements(root, "input").filter((i) => attribute(i, "type") === "checkbox");
    expect(boxes.map((b) => [attribute(b, "value"), attribute(b, "checked") !== undefined])).toEqual([
      ["fail", true],
      ["waived", true],
      ["unknown", true],
      ["pass", false],
      ["not_applicable", false],
    ]);
  });

  it("shows every control with its Japanese and English titles and the quoted clause", () => {
    const table = elements(root, "table").find((t) => attribute(t, "id") === "controls")!;
    const rows = elements(elements(table, "tbody")[0]!, "tr");
    expect(elements(root, "details").some((d) => elements(d, "table").includes(table))).toBe(true);
    expect(rows).toHaveLength(result.controls.length);
    const row = rows.find((r) => textOf(r).startsWith("NIC-1-4-2-2"))!;
    const control = controlById("NIC-1-4-2-2")!;
    expect(textOf(row)).toContain(control.title.en);
    expect(textOf(row)).toContain(control.title.ja);
    const quote = elements(row, "blockquote")[0]!;
    expect(attribute(quote, "lang")).toBe("ja");
    expect(textOf(quote)).toBe(control.text);
    expect(attribute(row, "data-status")).toBe("fail");
    const attested = rows.find((r) => textOf(r).startsWith("NIC-1-3"))!;
    expect(textOf(attested)).toContain(
      "Attested implemented by yamada on 2026-11-01: 入退室は IC カードで管理",
    );
  });

  it("lists expired waivers, gaps and the inventory", () => {
    const alert = elements(root, "div").find((d) => attribute(d, "role") === "alert")!;
    expect(textOf(alert)).toContain("test-user-mfa on bob, expired 2026-01-31, approved by yamada");
    expect(textOf(root)).toContain("ListBuckets");
    expect(html).toContain('<h2 id="inventory-heading">Inventory</h2>');
  });

  it("puts the summary first: counts, a score and chart per contract area, failures by severity", () => {
    const headings = elements(root, "h2").map(textOf);
    expect(headings.slice(0, 2)).toEqual(["Summary", "Findings"]);
    expect(headings.indexOf("Inventory")).toBeGreaterThan(headings.indexOf("Findings"));
    expect(elements(root, "svg")).toHaveLength(1);
    const areas = elements(root, "table").find((t) => attribute(t, "id") === "areas")!;
    const failing = result.findings.filter((f) => f.status === "fail").length;
    expect(failing).toBeGreaterThan(0);
    const severities = elements(root, "table").find((t) => attribute(t, "id") === "severities")!;
    const failCells = elements(elements(severities, "tbody")[0]!, "tr").map((r) =>
      Number(textOf(elements(r, "td")[0]!)),
    );
    expect(failCells.reduce((x, y) => x + y, 0)).toBe(failing);
    expect(elements(areas, "tr").length).toBeGreaterThan(1);
    // Every control select option is a control some finding maps to; labels name every filter.
    for (const id of ["severity-filter", "control-filter", "account-filter", "search"]) {
      const control = elements(root).find((e) => attribute(e, "id") === id)!;
      expect(control.parentNode && (control.parentNode as { tagName?: string }).tagName).toBe("label");
    }
  });

  it("renders hostile names as text only", () => {
    expect(elements(root, "script")).toHaveLength(1);
    const visible = HOSTILE.replace("\n", "\\n")
      .replace("\u0000", "\\u0000")
      .replace("\u001b", "\\u001b")
      .replace("\u202e", "\\u202e");
    const hostileRows = elements(root, "tr").filter((r) => textOf(r).includes("alert(1)"));
    expect(hostileRows.length).toBeGreaterThanOrEqual(2);
    for (const row of hostileRows) {
      expect(textOf(row)).toContain(visible);
      // Only the report's own markup inside the row.
      const tags = new Set(elements(row).map((e) => e.tagName));
      for (const tag of tags) expect(["tr", "td", "br", "small", "code", "div"]).toContain(tag);
    }
  });
});

describe("html report in pieces", () => {
  it("is the same page whatever the batch of rows, a rule's rows split across pieces", () => {
    const result = fixtureResult();
    const ctx = fixtureContext();
    const whole = renderHtml(result, ctx);
    for (const size of [1, 2, 1000]) expect([...renderHtmlChunks(result, ctx, size)].join("")).toBe(whole);
    expect([...renderHtmlChunks(result, ctx, 1)].length).toBeGreaterThan(result.findings.length);
  });
});
