import { displayWidth, padToWidth, truncateToWidth } from "./display-width";

describe("displayWidth", () => {
  it.each([
    ["alice", 5],
    ["", 0],
    ["山田太郎", 8],
    ["ﾔﾏﾀﾞ", 4], // halfwidth katakana stay narrow
    ["ＡＢＣ", 6], // fullwidth Latin
    ["カ\u3099", 2], // combining voiced mark takes no column
    ["e\u0301", 1],
    ["🙂", 2],
    ["👨‍👩‍👧", 2], // one ZWJ family grapheme
    ["❤️", 2], // text heart with emoji presentation selector
    ["한국어", 6],
    ["情報-ops", 8],
    ["🇯🇵", 2], // a flag: two regional indicators
    ["🇯🇵🇺🇸", 4],
    ["👍🏽", 2], // skin-tone modifier
    ["\u200b", 0],
  ])("%s is %i columns", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe("truncateToWidth", () => {
  it("leaves short strings alone", () => {
    expect(truncateToWidth("bob", 3)).toBe("bob");
  });
  it("cuts at a column budget and marks the cut", () => {
    expect(truncateToWidth("abcdefgh", 5)).toBe("abcd…");
    expect(displayWidth(truncateToWidth("山田太郎花子", 7))).toBeLessThanOrEqual(7);
    expect(truncateToWidth("山田太郎花子", 7)).toBe("山田太…");
  });
  it("stops at the first character that does not fit", () => {
    expect(truncateToWidth("ab山c", 4)).toBe("ab…");
    expect(truncateToWidth("ab山c", 5)).toBe("ab山c");
  });
  it("never splits a surrogate pair or a grapheme", () => {
    const cut = truncateToWidth("ab🙂🙂🙂", 5);
    expect(cut).toBe("ab🙂…");
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});

describe("padToWidth", () => {
  it("pads Japanese by columns, not code units", () => {
    expect(padToWidth("山田", 6)).toBe("山田  ");
    expect(displayWidth(padToWidth("山田太郎花子", 7))).toBe(7);
  });
});
