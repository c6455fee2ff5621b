// Schema errors name a place inside the document (`resources[3].attributes.arn`); editors want a line
// and column. Only on that error path is the text walked again, by jsonc-parser's visitor, skipping
// every object and array that is not on the way to the place, so even a large file is found quickly.
import { type JSONPath, visit } from "jsonc-parser/lib/esm/main.js";
import { InputError } from "./errors";
import { placeOf } from "./json-error";

/**
 * `line:column` of the value at `target`, or of its deepest part that exists (the object a required
 * key is missing from); undefined when the text nests too deeply for the visitor.
 */
export function lineColumnOfJsonPath(text: string, target: readonly PropertyKey[]): string | undefined {
  let best: { depth: number; offset: number } | undefined;
  const FOUND = Symbol("found");
  const onTheWay = (path: JSONPath) =>
    path.length <= target.length && path.every((segment, i) => segment === target[i]);
  const consider = (path: JSONPath, offset: number): boolean => {
    if (!onTheWay(path)) return false;
    if (!best || path.length > best.depth) best = { depth: path.length, offset };
    if (path.length === target.length) throw FOUND;
    return true;
  };
  try {
    visit(
      text,
      {
        // Returning false skips the children of a container that does not lead to the target.
        onObjectBegin: (offset, _length, _line, _column, path) => consider(path(), offset),
        onArrayBegin: (offset, _length, _line, _column, path) => consider(path(), offset),
        // The visitor resumes after a skipped container only through its end callbacks.
        onObjectEnd: () => {},
        onArrayEnd: () => {},
        onObjectProperty: (property, offset, _length, _line, _column, path) => {
          const parent = path();
          if (onTheWay(parent)) consider([...parent, property], offset);
        },
        onLiteralValue: (_value, offset, _length, _line, _column, path) => {
          consider(path(), offset);
        },
      },
      { disallowComments: true },
    );
  } catch (error) {
    if (error !== FOUND) return undefined; // nested too deeply to walk: the JSON path alone must do
  }
  if (!best) return undefined;
  const { line, column } = placeOf(text, best.offset);
  return `${line}:${column}`;
}

/** A schema problem at `segments`: placed at its line:column when found, the JSON path kept in the message. */
export function jsonSchemaError(
  text: string,
  path: string,
  segments: readonly PropertyKey[],
  problem: string,
): InputError {
  const where = segments
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
  const lineColumn = lineColumnOfJsonPath(text, segments);
  if (!lineColumn) return new InputError(path, where || "(top level)", problem);
  return new InputError(path, lineColumn, where ? `${where}: ${problem}` : problem);
}
