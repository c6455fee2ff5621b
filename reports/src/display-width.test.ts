import { displayWidth, graphemes, padToWidth, truncateToWidth } from "./display-width";

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
    ["☰", 2], // trigrams are Wide since Unicode 16 (the hand-written table had them narrow)
    ["कि", 2], // a spacing vowel sign (Mc) takes a column; only non-spacing marks (Mn) take none
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
    expect(truncateToWidth("👨‍👩‍👧👨‍👩‍👧x", 4)).toBe("👨‍👩‍👧…");
    expect(truncateToWidth("e\u0301e\u0301e\u0301", 2)).toBe("e\u0301…");
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});

describe("padToWidth", () => {
  it("pads Japanese by columns, not code units", () => {
    expect(padToWidth("山田", 6)).toBe("山田  ");
    expect(displayWidth(padToWidth("山田太郎花子", 7))).toBe(7);
  });
});

describe("graphemes", () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const segmented = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);

  it("walks text by code point only where Intl.Segmenter would split at every code point", () => {
    // Every code point the fast walk accepts, next to a letter on either side and to itself, then
    // 20,000 seeded random pairs of them: UAX #29's rules between such characters look at the pair.
    const accepted: string[] = [];
    for (let cp = 0; cp <= 0x3ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      const walked = [...graphemes(char)];
      if (walked.length === 1 && walked[0] === char && typeof graphemes(char) === "string")
        accepted.push(char);
    }
    expect(accepted.length).toBeGreaterThan(100_000);
    const disagreements: string[] = [];
    for (const char of accepted) {
      for (const pair of [`a${char}`, `${char}a`, char + char]) {
        if (segmented(pair).length !== 2 && disagreements.length < 5) disagreements.push(pair);
      }
    }
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % accepted.length;
    };
    for (let i = 0; i < 20_000 && disagreements.length < 5; i++) {
      const pair = accepted[next()]! + accepted[next()]!;
      if (segmented(pair).length !== 2) disagreements.push(pair);
    }
    expect(disagreements).toEqual([]);
  });

  it("segments joined sequences as one character", () => {
    for (const text of ["👨‍👩‍👧x", "🇯🇵🇺🇸", "👍🏽a", "e\u0301b", "कि", "\u1100\u1161\u11a8", "a\r\nb"]) {
      expect([...graphemes(text)]).toEqual(segmented(text));
    }
  });
});
