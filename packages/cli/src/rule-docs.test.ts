// Every rule is documented from its metadata and mapped to real controls; docs never drift.
// `pnpm docs:rules` rewrites docs/rules/ after a rule's metadata changes.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isKnownControl } from "@itaku/controls";
import { resourceTypes } from "@itaku/core";
import { allRules, rulePackages } from "./registry";
import { ruleDocMarkdown } from "./rule-metadata";

const docs = join(__dirname, "../../../docs/rules");

function indexPage(): string {
  const lines = [
    "# Rules",
    "",
    "Generated from each rule's metadata (`pnpm docs:rules`). `itaku rules` prints the same list.",
    "",
  ];
  for (const pkg of rulePackages) {
    lines.push(
      `## @itaku/rules-${pkg.name}`,
      "",
      "| Rule | Severity | Controls | Title |",
      "|---|---|---|---|",
    );
    for (const rule of pkg.rules) {
      lines.push(
        `| [${rule.id}](./${rule.id}.md) | ${rule.severity} | ${rule.controls.join(", ")} | ${rule.title.en} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}

if (process.env.UPDATE_DOCS) {
  rmSync(docs, { recursive: true, force: true });
  mkdirSync(docs, { recursive: true });
  for (const rule of allRules) writeFileSync(join(docs, `${rule.id}.md`), ruleDocMarkdown(rule));
  writeFileSync(join(docs, "README.md"), indexPage());
}

describe("rule catalogue", () => {
  it("has unique rule ids, each naming its own file", () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pkg of rulePackages) {
      for (const rule of pkg.rules) {
        expect(existsSync(join(__dirname, `../../../rules/${pkg.name}/src/${rule.id}.ts`))).toBe(true);
      }
    }
  });

  it.each(allRules.map((r) => [r.id, r] as const))("%s maps only to controls in the catalog", (_id, rule) => {
    expect(rule.controls.length).toBeGreaterThan(0);
    expect(rule.controls.filter((c) => !isKnownControl(c))).toEqual([]);
    expect(rule.resourceTypes.filter((t) => !resourceTypes.includes(t))).toEqual([]);
  });

  it.each(allRules.map((r) => [r.id, r] as const))("%s has a test and up-to-date docs", (id, rule) => {
    const pkg = rulePackages.find((p) => p.rules.includes(rule))!;
    const folder = join(__dirname, `../../../rules/${pkg.name}/src`);
    const tested = readdirSync(folder).some(
      (f) => f.endsWith(".test.ts") && readFileSync(join(folder, f), "utf8").includes(`./${id}"`),
    );
    expect(tested).toBe(true);
    expect(readFileSync(join(docs, `${id}.md`), "utf8")).toBe(ruleDocMarkdown(rule));
    for (const [name, description] of Object.entries(rule.optionDocs ?? {}))
      expect([name, description]).toEqual([name, expect.stringMatching(/\S/)]);
  });

  it("has an index page listing every rule, and no page for a rule that is gone", () => {
    expect(readFileSync(join(docs, "README.md"), "utf8")).toBe(indexPage());
    const pages = readdirSync(docs)
      .filter((f) => f !== "README.md")
      .map((f) => f.replace(/\.md$/, ""));
    expect(pages.sort()).toEqual(allRules.map((r) => r.id).sort());
  });
});
