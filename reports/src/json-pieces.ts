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
  for (let start = 0; start < items.length; start += itemsPerPiece) {
    const batch = items.slice(start, start + itemsPerPiece).map(element);
    // One native stringify a batch, wrapped in as many objects as the member is deep, so its elements
    // come out already indented as in the whole document: the text between the brackets is theirs.
    let wrapped: unknown = batch;
    for (let depth = 0; depth < indent / 2; depth++) wrapped = { _: wrapped };
    const whole = JSON.stringify(wrapped, null, 2);
    const body = whole.slice(whole.indexOf("[\n") + 2, whole.lastIndexOf(`\n${pad}]`));
    yield `${escapeJsonInvisibles(body)}${start + itemsPerPiece < items.length ? "," : ""}\n`;
  }
  yield `${pad}]${text.slice(at + member.length)}\n`;
}
