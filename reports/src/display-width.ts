// Terminal display width: how many columns a string takes, so Japanese names and emoji line up
// in the table report (East Asian Wide/Fullwidth and emoji are two columns, combining marks none).

/** East Asian Wide (W) and Fullwidth (F) blocks of Unicode's EastAsianWidth.txt, as code point ranges. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f5],
  [0x26fa, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility, Kanbun, CJK compatibility
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth ASCII variants
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], // Tangut
  [0x1b000, 0x1b2ff], // Kana supplement and extended
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251], // enclosed ideographic supplement
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f680, 0x1f6ff], // transport and map symbols
  [0x1f900, 0x1f9ff], // supplemental symbols and pictographs
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd], // CJK Extension B and later
  [0x30000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
  let lo = 0;
  let hi = WIDE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = WIDE_RANGES[mid]!;
    if (codePoint < start) hi = mid - 1;
    else if (codePoint > end) lo = mid + 1;
    else return true;
  }
  return false;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const COMBINING = /\p{M}/u;
const ZERO_WIDTH_BASE = /[\p{Cc}\p{Cf}]/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const ZWJ = 0x200d;
const VS16 = 0xfe0f;

/** Code points that attach to the character before them instead of starting a new one. */
function extendsCluster(codePoint: number, char: string, previous: number): boolean {
  return (
    previous === ZWJ ||
    codePoint === ZWJ ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || // variation selectors
    (codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) || // emoji skin-tone modifiers
    (codePoint >= 0xe0020 && codePoint <= 0xe007f) || // emoji tag sequences
    (codePoint >= 0x1160 && codePoint <= 0x11ff) || // Hangul medial vowels and final consonants
    codePoint === 0xff9e ||
    codePoint === 0xff9f || // halfwidth (semi-)voiced sound marks
    (codePoint >= 0x0300 && COMBINING.test(char))
  );
}

interface Cluster {
  text: string;
  width: number;
}

/**
 * Splits text into user-perceived characters with their column widths, by the rules terminals follow
 * (combining marks, ZWJ emoji sequences, variation selectors, flags), without Intl.Segmenter: that is
 * slow on large reports, and this keeps widths independent of the runtime's ICU version.
 */
function* clusters(text: string): Generator<Cluster> {
  let current: Cluster | null = null;
  let base = 0;
  let previous = 0;
  let regionalPending = false;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const regional = codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff;
    if (current && (extendsCluster(codePoint, char, previous) || (regional && regionalPending))) {
      current.text += char;
      if (codePoint === VS16 && current.width === 1 && PICTOGRAPHIC.test(String.fromCodePoint(base)))
        current.width = 2;
      if (codePoint === 0xff9e || codePoint === 0xff9f) current.width += 1;
      regionalPending = false;
    } else {
      if (current) yield current;
      base = codePoint;
      const width =
        codePoint >= 0x20 && codePoint < 0x7f
          ? 1
          : ZERO_WIDTH_BASE.test(char) || COMBINING.test(char)
            ? 0
            : isWide(codePoint) || EMOJI_PRESENTATION.test(char)
              ? 2
              : 1;
      current = { text: char, width };
      regionalPending = regional;
    }
    previous = codePoint;
  }
  if (current) yield current;
}

/** Columns the string takes in a monospace terminal. */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const cluster of clusters(text)) width += cluster.width;
  return width;
}

/** Cuts the string to at most `max` columns, ending with "…" when something was cut; never splits a character. */
export function truncateToWidth(text: string, max: number): string {
  if (PRINTABLE_ASCII.test(text))
    return text.length <= max ? text : max <= 0 ? "" : `${text.slice(0, max - 1)}…`;
  if (max <= 0) return displayWidth(text) === 0 ? text : "";
  // Reads only as far as needed: keep what fits in max - 1 columns, in case the "…" is needed.
  let kept = "";
  let keptWidth = 0;
  let total = 0;
  let all = "";
  for (const cluster of clusters(text)) {
    total += cluster.width;
    if (total > max) return `${kept}…`;
    all += cluster.text;
    if (kept.length === all.length - cluster.text.length && keptWidth + cluster.width <= max - 1) {
      kept += cluster.text;
      keptWidth += cluster.width;
    }
  }
  return all;
}

/** Pads with spaces on the right to exactly `width` columns (truncating first when longer). */
export function padToWidth(text: string, width: number): string {
  const cut = truncateToWidth(text, width);
  return cut + " ".repeat(Math.max(0, width - displayWidth(cut)));
}
