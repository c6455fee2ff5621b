import { InputError } from "./errors";
import { parseSnapshotJson } from "./snapshot-json";

// Every file here is small; `piecesAbove: 0` makes it take the path of a file too large for one string.
const inPieces = (text: string | Buffer) =>
  parseSnapshotJson(Buffer.isBuffer(text) ? text : Buffer.from(text), "s.json", { piecesAbove: 0 });
const inOneString = (text: string | Buffer) =>
  parseSnapshotJson(Buffer.isBuffer(text) ? text : Buffer.from(text), "s.json");

const errorOf = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("no error");
};

const resource = (id: string, extra: Record<string, unknown> = {}) => ({
  type: "aws.iam.user",
  id,
  name: id,
  scope: "111122223333",
  region: "global",
  attributes: extra,
});

describe("parseSnapshotJson in pieces", () => {
  it("reads what JSON.parse reads, whatever the resources hold and however the file is laid out", () => {
    const tricky = [
      resource("brackets", { note: 'a ] b } c , d [ e { "f' }),
      resource("escapes", { note: 'quote \\" backslash \\\\ "end\\\\', path: "C:\\dir\\" }),
      resource("unicode", { note: "日本語のメモ 🧑‍💻 \u2028 é" }),
      resource("nested", { list: [[1, [2, { resources: [3] }]], {}, []], n: -1.5e3, t: true, z: null }),
    ];
    const documents = [
      JSON.stringify({ schemaVersion: 1, origin: "live", sources: [], resources: tricky }),
      JSON.stringify({ resources: tricky, schemaVersion: 1, integrity: { digest: "sha256:x" } }, null, 2),
      JSON.stringify({ schemaVersion: 1, resources: [] }),
      `\r\n{ "schemaVersion" : 1 ,\r\n "resources" :\t[ ${tricky.map((r) => JSON.stringify(r)).join(" ,\n ")} ]\r\n, "after": "]" }\n`,
      `\uFEFF${JSON.stringify({ resources: [resource("bom")] })}`,
    ];
    for (const text of documents) {
      expect(inPieces(text).json).toEqual(JSON.parse(text.replace(/^\uFEFF/, "")));
      expect(inPieces(text).text).toBeUndefined();
    }
  });

  it("places a syntax error inside a resource where the one-string read places it", () => {
    const lines = JSON.stringify(
      { schemaVersion: 1, resources: [resource("a"), resource("b")] },
      null,
      2,
    ).split("\n");
    const bad = lines.findIndex((line) => line.includes('"b"'));
    lines[bad] = lines[bad]!.replace('"b"', "b"); // a bare word on that line
    const text = lines.join("\n");
    const expected = errorOf(() => inOneString(text));
    expect(expected).toMatch(new RegExp(`s\\.json:${bad + 1}:\\d+: not valid JSON \\(unexpected "b"\\)`));
    expect(errorOf(() => inPieces(text))).toBe(expected);
    // Japanese before the error on its line: columns count characters, not bytes.
    const wide = `{"resources":[{"name":"日本語", "x": nope}]}`;
    expect(errorOf(() => inPieces(wide))).toBe(errorOf(() => inOneString(wide)));
  });

  it("refuses a missing element and a truncated file, at the place", () => {
    expect(errorOf(() => inPieces('{"resources":[{"a":1},]}'))).toBe(
      "s.json:1:23: not valid JSON (expected a value)",
    );
    expect(errorOf(() => inPieces('{"resources":[,{"a":1}]}'))).toBe(
      "s.json:1:15: not valid JSON (expected a value)",
    );
    expect(errorOf(() => inPieces('{"resources":[{"a":1},\n{"b":"cut her'))).toBe(
      "s.json:2:6: not valid JSON (unterminated string — the file looks truncated)",
    );
    expect(errorOf(() => inPieces('{"resources":[{"a":1},\n{"b":2}'))).toMatch(
      /^s\.json:2:8: not valid JSON \(expected "\]" — the file looks truncated\)$/,
    );
    expect(errorOf(() => inPieces('{"resources":[{"a":1}], "x": }'))).toMatch(
      /^s\.json: not valid JSON outside the resources array \(/,
    );
  });

  it("says what it needs when a file too large for one string has no resources array", () => {
    expect(errorOf(() => inPieces('{"items":[{"resources":[]}]}'))).toMatch(
      /too large to read as one piece .* no top-level "resources" array/,
    );
  });

  it("refuses bytes that are not UTF-8 as the one-string read does", () => {
    const bytes = Buffer.concat([
      Buffer.from('{"resources":[{"name":"'),
      Buffer.from([0x82, 0xa0]),
      Buffer.from('"}]}'),
    ]);
    expect(errorOf(() => inPieces(bytes))).toBe(errorOf(() => inOneString(bytes)));
  });
});
