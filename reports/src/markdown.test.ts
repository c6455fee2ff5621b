import type { Finding, Result } from "@itaku/core";
import MarkdownIt from "markdown-it";
import { fixtureContext, fixtureResult } from "./fixtures";
import { elements, parseHtml, textOf } from "./html-test-tree";
import { escapeMarkdownInline, MARKDOWN_LIMIT, renderMarkdown } from "./markdown";

/** GitHub-flavoured rendering close enough for structure checks: tables, and inline HTML passed through. */
const gfm = new MarkdownIt({ html: true });
const render = (markdown: string) => parseHtml(gfm.render(markdown), true).root;

describe("markdown report", () => {
  const result = fixtureResult();
  const markdown = renderMarkdown(result, fixtureContext());
  const dom = render(markdown);

  it("opens with a headline summary", () => {
    expect(markdown.split("\n")[0]).toBe("## ❌ itaku: 4 failing, 1 unknown, 1 waived, 7 passing");
  });

  it("tables the failures, one row per failing finding with five cells each", () => {
    const table = elements(dom, "table")[0]!;
    expect(elements(table, "th").map(textOf)).toEqual(["Severity", "Rule", "Resource", "Scope", "Message"]);
    const rows = elements(elements(table, "tbody")[0]!, "tr");
    expect(rows).toHaveLength(result.summary.fail);
    for (const row of rows) expect(elements(row, "td")).toHaveLength(5);
    expect(textOf(rows[0]!)).toContain("critical");
  });

  it("folds the fix of every failing rule, with its CLI command", () => {
    const fix = elements(dom, "details").find((d) =>
      textOf(elements(d, "summary")[0]!).startsWith("How to fix"),
    )!;
    const rows = elements(fix, "tr").slice(1);
    expect(rows.map((r) => textOf(elements(r, "td")[0]!))).toEqual(
      [...new Set(result.findings.filter((f) => f.status === "fail").map((f) => f.ruleId))].sort(),
    );
    const mfa = rows.find((r) => textOf(r).includes("test-user-mfa"))!;
    expect(elements(mfa, "td").map(textOf)).toEqual([
      "test-user-mfa",
      "Enable a virtual MFA device for the user",
      "aws iam enable-mfa-device --user-name <user> ...",
    ]);
  });

  it("folds waived and unknown findings, gaps and the controls needing attention into <details>", () => {
    const summaries = elements(dom, "summary").map(textOf);
    expect(summaries).toEqual([
      "How to fix (2 rules)",
      "Waived (1)",
      "Unknown: data not collected or incomplete (1)",
      "Gaps: data that could not be read (1)",
      "Controls needing attention (4)",
    ]);
    const waived = elements(dom, "details")[1]!;
    expect(textOf(waived)).toContain("Moving to personal accounts <b>by</b> March | see ticket `OPS-1`");
    expect(markdown).toContain("**Controls:** ");
    expect(markdown).toContain("1 waiver(s) expired and no longer apply");
  });

  it("shows hostile names as text: no element, link, mention or broken row comes from them", () => {
    expect(markdown).not.toContain("<script>");
    expect(elements(dom, "script")).toHaveLength(0);
    expect(elements(dom, "a")).toHaveLength(0);
    const rows = elements(dom, "tr");
    const hostileRows = rows.filter((row) => textOf(row).includes("alert(1)"));
    expect(hostileRows.length).toBeGreaterThanOrEqual(2);
    for (const row of hostileRows) {
      expect(elements(row, "td")).toHaveLength(5);
      expect(textOf(row)).toContain("<script>alert(1)</script>|pipe|`tick`]]>");
      expect(textOf(row)).toContain(
        "\\nnewline\\u0000nul\\u001b[31mred\\u202egnp.exe 🙂 山田 [link](https:\u200d//evil.example) \u200d@\u200doctocat",
      );
    }
    // No table row of the source spans lines, whatever the names held.
    for (const line of markdown.split("\n"))
      if (line.startsWith("| ")) expect(line.endsWith(" |")).toBe(true);
  });

  it("leaves no URL, mention or issue reference for GitHub to link in a scanned string (issue 11, item 11)", () => {
    const name =
      "see https://evil.example/x and HTTP://Evil.example, www.evil.example, #12, GH-7, owner/repo#3, @team, ops@evil.example";
    const linkify = new MarkdownIt({ html: true, linkify: true });
    const root = parseHtml(linkify.render(`| a |\n| --- |\n| ${escapeMarkdownInline(name)} |\n`), true).root;
    expect(elements(root, "a")).toHaveLength(0);
    const text = textOf(elements(root, "td")[0]!);
    // What GitHub links in text: scheme URLs, www., #N / GH-N / owner/repo#N, @mentions and e-mail addresses.
    expect(text).not.toMatch(/[a-z]+:\/\//i);
    expect(text).not.toMatch(/\bwww\./i);
    expect(text).not.toMatch(/#\d|\bGH-\d/i);
    expect(text).not.toMatch(/@[a-z0-9]/i);
    // It still reads the same once the invisible joiners are taken out.
    expect(text.replace(/\u200d/g, "").trim()).toBe(name);
  });

  it("escapes Markdown and HTML in one scanned string", () => {
    expect(escapeMarkdownInline("a|b`c<d>&e*_[x](y)\n@f\\")).toBe(
      "a\\|b\\`c&lt;d&gt;&amp;e\\*\\_\\[x\\](y)\\\\n\u200d@\u200df\\\\",
    );
  });

  it("stays under GitHub's comment limit, saying how much it left out", () => {
    const base = fixtureResult();
    const template = base.findings.find((f) => f.status === "fail")!;
    const many: Finding[] = Array.from({ length: 5000 }, (_, i) => ({
      ...template,
      resource: {
        ...template.resource,
        id: `arn:aws:iam::111122223333:user/u${i}`,
        name: `user-${i}-${"x".repeat(80)}`,
      },
      message: `${"long message ".repeat(30)} #${i}`,
    }));
    const unknown = many.map((f) => ({ ...f, status: "unknown" as const }));
    const big: Result = {
      ...base,
      findings: [...many, ...unknown],
      summary: { ...base.summary, fail: 5000, unknown: 5000 },
    };
    const text = renderMarkdown(big, fixtureContext());
    expect(text.length).toBeLessThan(MARKDOWN_LIMIT);
    expect(text).toMatch(
      /_…and \d+ more failing findings not shown here \(comment size limit\); see the full report\._/,
    );
    expect(text.match(/<details>/g)?.length).toBe(text.match(/<\/details>/g)?.length);
    expect(elements(render(text), "table").length).toBeGreaterThanOrEqual(1);
  });
});
