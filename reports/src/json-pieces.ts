// A JSON report whose one big array (the findings, SARIF's results) would not fit in one string: V8
// caps a string at ~512 MiB, which a million-resource estate passes. The document is written around
// that array, and the array a batch of elements at a time, to the same bytes
// JSON.stringify(document, null, 2) would give.
import { escapeJsonInvisibles } from "./scanned-text";

/**
 * `frame` is the document with an empty array where the big one goes, at the member `key` indented by
 * `indent` spaces (the only member of that name at that indentation); `items` are its elements.
 */
export function* jsonInPieces<T>(
  frame: unknown,
  key: string,
  indent: number,
  items: readonly T[],
  itemsPerPiece = 2000,
  /** Makes each element from its item as its batch is written, so the elements are never all in memory. */
  element: (item: T) => unknown = (item) => item,
): Generator<string> {
  const text = escapeJsonInvisibles(JSON.stringify(frame, null, 2));
  const pad = " ".repeat(indent);
  const member = `\n${pad}${JSON.stringify(key)}: []`;
  const at = text.indexOf(member);
  // A string value cannot hold this text unescaped, but a deeper member can: check its indentation.
  if (at < 0) throw new Error(`the report has no member ${key} at indentation ${indent} to write in pieces`);
  if (items.length === 0) {
    yield `${text}\n`;
    return;
  }
  yield `${text.slice(0, at)}\n${pad}${JSON.stringify(key)}: [\n`;
  const linePad = `\n${pad}`;
  for (let start = 0; start < items.length; start += itemsPerPiece) {
    const batch = JSON.stringify(items.slice(start, start + itemsPerPiece).map(element), null, 2);
    // "[\n  a,\n  b\n]" → its elements, each line moved in to the member's indentation (a JSON string
    // holds no raw newline, so every newline is a line of the layout).
    const body = `${pad}${batch.slice(2, -2).replaceAll("\n", linePad)}`;
    yield `${escapeJsonInvisibles(body)}${start + itemsPerPiece < items.length ? "," : ""}\n`;
  }
  yield `${pad}]${text.slice(at + member.length)}\n`;
}
