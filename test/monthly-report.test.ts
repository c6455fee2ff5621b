// `itaku report monthly` end to end on the demo (this month against demo/history/2026-10), compared
// with the golden text in both languages, and its bad-input errors. UPDATE_GOLDEN=1 rewrites the files.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, runCli } from "./harness/cli";
import { writeDemoMonths } from "./harness/demo-months";

const work = mkdtempSync(join(tmpdir(), "itaku-monthly-"));
/** The roster's absolute path is a resource name (roster-briefing-current); it differs per checkout. */
const portable = (text: string) => text.split(REPO_ROOT).join("<repo>");

describe.each(["ja", "en"] as const)("itaku report monthly --demo --lang %s", (lang) => {
  it("matches the golden Markdown text", async () => {
    const run = await runCli(["report", "monthly", "--demo", "--lang", lang, "--format", "markdown"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const golden = join(REPO_ROOT, "test/golden", `monthly-demo.${lang}.md`);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, portable(run.stdout));
    expect(portable(run.stdout)).toBe(readFileSync(golden, "utf8"));
  });
});

describe("itaku report monthly", () => {
  it("reads saved Results: the changes are those between the two files", async () => {
    const { current, previous } = await writeDemoMonths(work);
    const out = join(work, "report.md");
    const run = await runCli([
      "report",
      "monthly",
      "--result",
      current,
      "--previous",
      previous,
      "--config",
      join(REPO_ROOT, "demo/itaku.yaml"),
      "--format",
      "markdown",
      "--now",
      "2026-11-20T00:00:00Z",
      "-o",
      out,
    ]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    // The same inputs as --demo, so the same report.
    const demo = await runCli(["report", "monthly", "--demo", "--format", "markdown"]);
    expect(readFileSync(out, "utf8")).toBe(demo.stdout);
  });

  it("rejects bad input with one line and exit 2", async () => {
    const notResult = join(work, "not-result.json");
    writeFileSync(notResult, '{"hello": 1}');
    const broken = join(work, "broken.json");
    writeFileSync(broken, '{"schemaVersion": 1, "tool": ');
    for (const [args, pattern] of [
      [
        ["report", "monthly", "--result", notResult],
        /not-result\.json:1:1: schemaVersion: not an itaku result/,
      ],
      [["report", "monthly", "--result", broken], /broken\.json:1:\d+: not valid JSON .*truncated/],
      [
        ["report", "monthly", "--demo", "--lang", "fr"],
        /--lang <LANG>' argument 'fr' is invalid\. "fr" is not one of ja, en/,
      ],
      [["report", "monthly", "--demo", "--format", "pdf"], /--format pdf needs -o FILE/],
      [["report", "weekly", "--demo"], /unknown report "weekly"/],
      [["report", "monthly"], /give --result current\.json/],
    ] as const) {
      const run = await runCli(args);
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 2,
        stderr: expect.stringMatching(pattern),
      });
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stdout).toBe("");
    }
  });
});
