// A "billion laughs" YAML document (each alias expanding the one before nine times) in a config or
// a roster is bad input naming the file — exit 2 in the CLI — not an internal error.
import { parseConfig } from "./config";
import { InputError } from "./errors";
import { parseRoster } from "./roster";

function aliasBomb(top: string): string {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < 9; level++) {
    const previous = `*a${level - 1}`;
    lines.push(`a${level}: &a${level} [${Array(9).fill(previous).join(", ")}]`);
  }
  lines.push(`${top}: *a8`);
  return `${lines.join("\n")}\n`;
}

const failure = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

test("an alias bomb in the config is refused as bad input naming the file", () => {
  const error = failure(() => parseConfig(aliasBomb("waivers"), "/work/itaku.yaml", []));
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toMatch(/^\/work\/itaku\.yaml: YAML aliases expand too much/);
});

test("an alias bomb in a YAML roster is refused as bad input naming the file", () => {
  const error = failure(() => parseRoster(aliasBomb("people"), "/work/roster.yaml"));
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toMatch(/^\/work\/roster\.yaml: YAML aliases expand too much/);
});

test("a few aliases, as people use them for shared settings, still work", () => {
  const text =
    "base: &base { DataClass: confidential }\naws:\n  confidential:\n    subnetTags: *base\n    bucketTags: *base\n";
  expect(() => parseConfig(text.replace("base: &base", "x-base: &base"), "/work/itaku.yaml", [])).not.toThrow(
    /aliases/,
  );
});

describe("a YAML document nested thousands deep", () => {
  const deepFlow = `rules: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
  const deepBlock = `${Array.from({ length: 3000 }, (_, i) => `${"  ".repeat(i)}k:\n`).join("")}${"  ".repeat(3000)}v\n`;

  it.each([
    ["a config, flow style", () => parseConfig(deepFlow, "/work/itaku.yaml", [])],
    ["a config, block style", () => parseConfig(deepBlock, "/work/itaku.yaml", [])],
    ["a roster", () => parseRoster(`- ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`, "/work/roster.yaml")],
  ])("%s says so at a line:column, not as the parser's stack overflow", (_, run) => {
    const error = failure(run) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^\/work\/(itaku|roster)\.yaml:\d+:\d+: invalid YAML: nested too deeply$/);
  });
});
