// Every rule is documented from its metadata and mapped to real controls; docs never drift.
// `pnpm docs:rules` rewrites docs/rules/ after a rule's metadata changes.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isKnownControl } from "@itaku/controls";
import { resourceTypes } from "@itaku/core";
import { allDetections, allRules, detectionPackages, rulePackages } from "./registry";
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
  for (const pkg of detectionPackages) {
    lines.push(
      `## @itaku/rules-${pkg.name} (detections over CloudTrail events, run by \`itaku audit\`)`,
      "",
      "| Detection | Severity | Controls | Title |",
      "|---|---|---|---|",
    );
    for (const detection of pkg.detections) {
      lines.push(
        `| [${detection.id}](./${detection.id}.md) | ${detection.severity} | ${detection.controls.join(", ")} | ${detection.title.en} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}

const allDocumented = [...allRules, ...allDetections];
const packageFolderOf = (id: string): string =>
  rulePackages.find((p) => p.rules.some((r) => r.id === id))?.name ??
  detectionPackages.find((p) => p.detections.some((d) => d.id === id))!.name;

if (process.env.UPDATE_DOCS) {
  rmSync(docs, { recursive: true, force: true });
  mkdirSync(docs, { recursive: true });
  for (const rule of allDocumented) writeFileSync(join(docs, `${rule.id}.md`), ruleDocMarkdown(rule));
  writeFileSync(join(docs, "README.md"), indexPage());
}

describe("rule catalogue", () => {
  it("has unique rule and detection ids, each naming its own file", () => {
    const ids = allDocumented.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of allDocumented) {
      expect(
        existsSync(join(__dirname, `../../../rules/${packageFolderOf(rule.id)}/src/${rule.id}.ts`)),
      ).toBe(true);
    }
  });

  it.each(allDetections.map((d) => [d.id, d] as const))(
    "%s maps only to controls in the catalog",
    (_id, detection) => {
      expect(detection.controls.length).toBeGreaterThan(0);
      expect(detection.controls.filter((c) => !isKnownControl(c))).toEqual([]);
    },
  );

  it.each(allRules.map((r) => [r.id, r] as const))("%s maps only to controls in the catalog", (_id, rule) => {
    // A rule that backs no clause is advice: it says so with severity info.
    expect(rule.controls.length > 0 || rule.severity === "info").toBe(true);
    expect(rule.controls.filter((c) => !isKnownControl(c))).toEqual([]);
    expect(rule.resourceTypes.filter((t) => !resourceTypes.includes(t))).toEqual([]);
  });

  it.each(allDocumented.map((r) => [r.id, r] as const))("%s has a test and up-to-date docs", (id, rule) => {
    const folder = join(__dirname, `../../../rules/${packageFolderOf(id)}/src`);
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
    expect(pages.sort()).toEqual(allDocumented.map((r) => r.id).sort());
  });
});
