import { fixtureContext, fixtureResult, HOSTILE } from "./fixtures";
import { jsonInPieces } from "./json-pieces";
import { renderSarifChunks } from "./sarif";
import { escapeJsonInvisibles } from "./scanned-text";

/** What one JSON.stringify of the whole document writes: the bytes every split must give. */
const whole = (document: unknown) => `${escapeJsonInvisibles(JSON.stringify(document, null, 2))}\n`;

describe("jsonInPieces", () => {
  const items = [
    { id: 1, text: `line\nbreak ${HOSTILE}`, nested: { list: [1, [2, { deep: true }]], empty: {} } },
    { id: 2, text: "\u2028 separators \u2029 and 日本語" },
    [],
    "plain",
    { id: 3, list: [] },
  ];
  const frameOf = (list: unknown[]) => ({
    schema: "x",
    runs: [{ tool: { name: "t" }, results: list, properties: { results: "a value, not the member" } }],
  });

  it("writes the bytes JSON.stringify writes, in batches of any size", () => {
    for (const size of [1, 2, 3, 5, 1000]) {
      const pieces = [...jsonInPieces(frameOf([]), "results", 6, items, size)];
      expect(pieces.join("")).toBe(whole(frameOf(items)));
      expect(pieces.length).toBe(Math.ceil(items.length / size) + 2);
    }
    expect([...jsonInPieces(frameOf([]), "results", 6, [])].join("")).toBe(whole(frameOf([])));
  });

  it("refuses a frame without the member at that indentation", () => {
    expect(() => [...jsonInPieces(frameOf([]), "results", 4, items)]).toThrow(/no member results/);
  });

  it("makes the SARIF log the same in pieces as whole", () => {
    const result = fixtureResult();
    const ctx = fixtureContext();
    const joined = [...renderSarifChunks(result, ctx, 1)].join("");
    expect(joined).toBe(whole(JSON.parse(joined)));
    expect([...renderSarifChunks(result, ctx)].join("")).toBe(joined);
    expect(JSON.parse(joined).runs[0].results.length).toBeGreaterThan(1);
  });
});
