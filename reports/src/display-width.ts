// Terminal display width: how many columns a string takes, so Japanese names and emoji line up in the
// table report. The widths are string-width's (East Asian Wide/Fullwidth and emoji two columns,
// combining marks and zero-width characters none); cutting walks user-perceived characters
// (Intl.Segmenter graphemes), so a cut never splits an emoji sequence or a base and its mark.
import stringWidth from "string-width";

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Text in which every code point is a grapheme of its own (UAX #29): only Grapheme_Base characters,
 * and none that a rule joins to a neighbour — spacing marks (Mc, and Thai and Lao AM), regional
 * indicators (flags), emoji modifiers, Hangul jamo, Kirat Rai vowels, and the few Prepend letters
 * (U+0D4E, the U+11000 block). Japanese and Latin names are such text; Intl.Segmenter would cost
 * ten times the whole measurement on them, so they are walked by code point. The test checks, for
 * every such code point, that both walks agree.
 */
const ONE_GRAPHEME_PER_CODE_POINT =
  /^(?:(?![\p{Mc}\u0e33\u0eb3\p{Regional_Indicator}\p{Emoji_Modifier}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0d4e\u{11000}-\u{11fff}\u{16d40}-\u{16d7f}])\p{Grapheme_Base})*$/u;

/** The user-perceived characters of the text. */
export function graphemes(text: string): Iterable<string> {
  if (ONE_GRAPHEME_PER_CODE_POINT.test(text)) return text;
  return segments(text);
}

function* segments(text: string): Generator<string> {
  for (const { segment } of segmenter.segment(text)) yield segment;
}

// string-width's emoji test (a \p{RGI_Emoji} regex) costs about 20 µs per character, so the width
// of each distinct grapheme is kept: report text repeats the same few thousand characters.
const graphemeWidths = new Map<string, number>();
const CACHE_LIMIT = 50_000;

/**
 * Escape sequences are measured as the characters they are: scanned text reaches the reports with
 * its control characters already made visible, and whole strings and single graphemes must agree.
 */
function graphemeWidth(grapheme: string): number {
  let width = graphemeWidths.get(grapheme);
  if (width === undefined) {
    width = stringWidth(grapheme, { countAnsiEscapeCodes: true });
    if (graphemeWidths.size >= CACHE_LIMIT) graphemeWidths.clear();
    graphemeWidths.set(grapheme, width);
  }
  return width;
}

/** Columns the string takes in a monospace terminal. */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  if (ONE_GRAPHEME_PER_CODE_POINT.test(text)) for (const char of text) width += graphemeWidth(char);
  else for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** The longest start of the text that fits `max` columns ("…" marking a cut), and its width. */
function fitToWidth(text: string, max: number): { text: string; width: number } {
  if (PRINTABLE_ASCII.test(text)) {
    if (text.length <= max) return { text, width: text.length };
    return max <= 0 ? { text: "", width: 0 } : { text: `${text.slice(0, max - 1)}…`, width: max };
  }
  if (max <= 0) return displayWidth(text) === 0 ? { text, width: 0 } : { text: "", width: 0 };
  // Reads only as far as needed: keeps what fits in max - 1 columns, in case the "…" is needed.
  let kept = "";
  let keptWidth = 0;
  let keeping = true;
  let total = 0;
  for (const grapheme of graphemes(text)) {
    const width = graphemeWidth(grapheme);
    total += width;
    if (total > max) return { text: `${kept}…`, width: keptWidth + 1 };
    if (keeping && keptWidth + width <= max - 1) {
      kept += grapheme;
      keptWidth += width;
    } else keeping = false;
  }
  return { text, width: total };
}

/** Cuts the string to at most `max` columns, ending with "…" when something was cut; never splits a character. */
export function truncateToWidth(text: string, max: number): string {
  return fitToWidth(text, max).text;
}

/** Pads with spaces on the right to exactly `width` columns (truncating first when longer). */
export function padToWidth(text: string, width: number): string {
  const cut = fitToWidth(text, width);
  return cut.text + " ".repeat(Math.max(0, width - cut.width));
}
