// Scanned strings (names, tags, messages, evidence) come from the vendor's systems and may be hostile.
// Before any text format shows one, characters that could hide or reorder text, move a terminal's
// cursor or break a line-based layout are made visible as escapes (`\n`, `\u001b`, `\u202e`).

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * C0 and C1 controls, DEL, bidirectional formatting (Trojan-source style reordering), line and
 * paragraph separators, lone surrogates and the noncharacters U+FFFE / U+FFFF.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeCodeUnit(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** The string with every invisible or layout-breaking character written as a visible escape. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, escapeCodeUnit);
}

/** A short, one-line rendering of an evidence value for human-readable formats. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return visibleText(value);
  if (value === undefined) return "";
  return visibleText(JSON.stringify(value) ?? String(value));
}

/** Characters JSON.stringify leaves raw although a terminal or editor would act on them (C1, DEL, bidi). */
const JSON_INVISIBLE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Serialized JSON with those characters written as `\uXXXX` escapes: the same data, but `cat report.json`
 * cannot be made to reorder text or send control sequences. They can only occur inside strings.
 */
export function escapeJsonInvisibles(json: string): string {
  JSON_INVISIBLE.lastIndex = 0;
  if (!JSON_INVISIBLE.test(json)) return json;
  JSON_INVISIBLE.lastIndex = 0;
  return json.replace(JSON_INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
