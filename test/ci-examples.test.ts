// The example pipelines people copy (examples/**, action.yml): valid YAML, and every `itaku …` in them
// uses a command and flags the built CLI has (read from its own --help, so a renamed flag fails here).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT, runCli } from "./harness/cli";

const exampleFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? exampleFiles(join(dir, entry.name))
      : /\.ya?ml$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );

const files = [...exampleFiles(join(REPO_ROOT, "examples")), join(REPO_ROOT, "action.yml")];

/** The shell a pipeline runs: GitHub `run:` steps and GitLab `script:` lines, anywhere in the document. */
const shellLines = (node: unknown): string[] =>
  Array.isArray(node)
    ? node.flatMap(shellLines)
    : node && typeof node === "object"
      ? Object.entries(node).flatMap(([key, value]) =>
          (key === "run" || key === "script") && (typeof value === "string" || Array.isArray(value))
            ? [value].flat().map(String)
            : shellLines(value),
        )
      : [];

/** `itaku …` command lines up to a shell operator or redirection, split into words. */
const invocations = (text: string): string[][] =>
  [...text.matchAll(/(?:^|[\s;&|(])itaku((?: +[^\s|&;>]+)+)/gm)].map((match) =>
    match[1]!.trim().split(/ +/).filter(Boolean),
  );

/** The long and short flags one command's --help lists. */
const flagsOf = (help: string): Set<string> =>
  new Set(
    [...help.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)/gm)].flatMap((m) =>
      [m[1], m[2]].filter(Boolean),
    ) as string[],
  );

describe("example pipelines", () => {
  const found = files.map((file) => {
    const document = parse(readFileSync(file, "utf8"));
    return { file: relative(REPO_ROOT, file), calls: shellLines(document).flatMap(invocations) };
  });

  it("covers the workflows the README points to", () => {
    expect(found.map((f) => f.file).sort()).toEqual([
      "action.yml",
      "examples/github-actions/monthly-audit.yml",
      "examples/github-actions/pulumi-pr.yml",
      "examples/github-actions/scheduled-scan.yml",
      "examples/gitlab-ci/.gitlab-ci.yml",
    ]);
    const examples = found.filter((f) => f.file.startsWith("examples/"));
    for (const { file, calls } of examples)
      expect({ file, calls: calls.length > 0 }).toEqual({ file, calls: true });
    const commands = examples.flatMap((f) =>
      f.calls.map((c) => c.slice(0, c[0] === "report" ? 2 : 1).join(" ")),
    );
    expect(new Set(commands)).toEqual(new Set(["scan", "audit", "report monthly"]));
  });

  it("uses only commands and flags the CLI has", async () => {
    const top = await runCli(["--help"]);
    const commands = new Set([...top.stdout.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]!));
    const helpCache = new Map<string, Set<string>>();
    for (const { file, calls } of found)
      for (const words of calls) {
        const [command, ...rest] = words;
        expect({ file, command, known: commands.has(command!) }).toEqual({ file, command, known: true });
        if (!helpCache.has(command!))
          helpCache.set(command!, flagsOf((await runCli([command!, "--help"])).stdout));
        const flags = helpCache.get(command!)!;
        expect(flags.size).toBeGreaterThan(2);
        for (const flag of rest.filter((w) => w.startsWith("-")))
          expect({ file, command, flag, known: flags.has(flag) }).toEqual({
            file,
            command,
            flag,
            known: true,
          });
      }
  });

  it("pins every action it uses to a full commit", () => {
    for (const { file } of found) {
      const uses = [...readFileSync(join(REPO_ROOT, file), "utf8").matchAll(/uses: *(\S+)/g)].map(
        (m) => m[1]!,
      );
      for (const use of uses)
        expect({ file, use, pinned: /@[0-9a-f]{40}$/.test(use) }).toEqual({ file, use, pinned: true });
    }
  });
});
