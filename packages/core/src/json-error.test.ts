import { locateJsonError } from "./json-error";
import { parseJsonText } from "./snapshot-io";

const located = (text: string) => {
  expect(() => JSON.parse(text)).toThrow(SyntaxError);
  const { place, reason, truncated } = locateJsonError(text);
  return { at: place && `${place.line}:${place.column}`, reason, truncated };
};

describe("locateJsonError", () => {
  it.each([
    ['{"a": 1,}', "1:9", 'expected a property name in double quotes, found "}"', false],
    ["[1, 2,]", "1:7", 'expected a value, found "]"', false],
    ['{\n  "a": 1\n  "b": 2\n}', "3:3", `expected "," or a closing bracket, found '"'`, false],
    ['{"a" 1}', "1:6", 'expected ":" after the property name, found "1"', false],
    ['{"a": NaN}', "1:7", 'unexpected "N"', false],
    ['{"a": 01}', "1:8", 'expected "," or a closing bracket, found "1"', false],
    ['{"a": 1} x', "1:10", 'unexpected "x"', false],
    ['{"a": 1} true', "1:10", 'more text after the JSON value: "t"', false],
    ['{"a": 1} // note', "1:10", "comments are not allowed in JSON", false],
    ['{"a": "tab\there"}', "1:7", "control character in a string (write it as \\uXXXX)", false],
    ['{"a": "\\x41"}', "1:7", "bad escape in a string", false],
    ['{"a": "\\u12G4"}', "1:7", "bad \\u escape in a string", false],
    ["\uFEFF{}", "1:1", "unexpected character U+FEFF", false],
    ["{\u00a0}", "1:2", "unexpected character U+00A0", false],
    ["", "1:1", "expected a value, but the text ends", true],
    ['{"resources": [', "1:16", 'expected "]", but the text ends', true],
    ['{"resources": [\n  {"id": "a"},\n  {"id": "b"', "3:13", 'expected "}", but the text ends', true],
    ['{"name": "山田', "1:10", "unterminated string", true],
    ['{"n": 1.', "1:7", "incomplete number", true],
    ['{"a": 1}\n\n', undefined, "", false],
  ])("%j → %s %s", (text, at, reason, truncated) => {
    if (at === undefined) {
      expect(() => JSON.parse(text)).not.toThrow();
      return;
    }
    expect(located(text)).toEqual({ at, reason, truncated });
  });

  it("finds an error for every mutation of a document that JSON.parse rejects", () => {
    // Each single-character deletion, and each insertion of a JSON-significant character, of a small
    // snapshot-like document: wherever JSON.parse fails, the locator must give a place.
    const doc =
      '{"schemaVersion": 1, "resources": [{"id": "i-1", "n": -1.5e3, "tags": {"k": "v\\n"}, "x": [true, false, null]}]}';
    const variants = new Set<string>();
    for (let i = 0; i <= doc.length; i++) {
      variants.add(doc.slice(0, i) + doc.slice(i + 1));
      for (const c of ['"', ",", ":", "{", "}", "[", "]", "0", "-", ".", "e", "\\", " ", "\u0001", "x"])
        variants.add(doc.slice(0, i) + c + doc.slice(i));
    }
    let rejected = 0;
    const unplaced: string[] = [];
    for (const text of variants) {
      try {
        JSON.parse(text);
      } catch {
        rejected++;
        if (!locateJsonError(text).place) unplaced.push(text);
      }
    }
    expect(rejected).toBeGreaterThan(1000);
    expect(unplaced).toEqual([]);
  });

  it("names no place, but still fails cleanly, for nesting too deep to re-parse", () => {
    const text = "[".repeat(200_000);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(locateJsonError(text)).toEqual({ reason: "not valid JSON", truncated: false });
  });
});

describe("parseJsonText", () => {
  it("names file, line and column, and quotes none of the input", () => {
    // Node 20's own message for this text has no position and quotes the input, raw escape included.
    const text = '{"ok": tru,\n "name": "\u001b[31m"}';
    expect(() => parseJsonText(text, "cut.snapshot.json")).toThrow(
      new Error('cut.snapshot.json:1:8: not valid JSON (unexpected "t")'),
    );
  });
});
