// A snapshot file's JSON from its bytes. V8 keeps at most ~512 MiB in one string, and `collect --org`
// writes a whole organisation into one file, so a file too large for one string is parsed in pieces:
// each element of the top-level "resources" array decoded and parsed on its own, then the rest of the
// document (the envelope, with an empty array in place of the resources). Smaller files, nearly all,
// take the one-string path unchanged. The splitter is written here rather than taken from a streaming
// JSON library: those tokenise every byte in JavaScript, many times slower than JSON.parse; this only
// finds where each resource starts and ends and leaves the parsing to JSON.parse.
import { constants, isUtf8 } from "node:buffer";
import { InputError } from "./errors";
import { locateJsonError } from "./json-error";
import { parseJsonText } from "./snapshot-io";
import { decodeInputText } from "./text-encoding";

export interface SnapshotJson {
  json: unknown;
  /** The whole text, for placing schema errors at a line:column; absent when the file was read in pieces. */
  text?: string;
}

/** Files up to this many bytes are read as one string: UTF-8 takes at least a byte a UTF-16 unit. */
const ONE_STRING_LIMIT = constants.MAX_STRING_LENGTH;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const RESOURCES_KEY = Buffer.from('"resources"');

/**
 * Parses a snapshot file's bytes (UTF-8, BOM or not). `piecesAbove` (bytes) is where reading in pieces
 * starts; tests lower it to exercise that path on small files.
 */
export function parseSnapshotJson(
  bytes: Buffer,
  path: string,
  { piecesAbove = ONE_STRING_LIMIT }: { piecesAbove?: number } = {},
): SnapshotJson {
  if (bytes.length <= piecesAbove) {
    const text = decodeInputText(bytes, path);
    return { json: parseJsonText(text, path), text };
  }
  // Checked once for the whole file; each piece is then decoded without a second check.
  if (!isUtf8(bytes)) decodeInputText(bytes, path); // throws the usual "not UTF-8" error, with its place
  return { json: parseInPieces(bytes, path) };
}

/** Bytes of a UTF-8 byte order mark at the start (not text: the one-string read drops it too). */
const bomLength = (bytes: Buffer): number =>
  bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;

function parseInPieces(bytes: Buffer, path: string): unknown {
  const start = bomLength(bytes);
  const array = findResourcesArray(bytes, start, path);
  const resources: unknown[] = [];
  let depth = 0;
  let elementStart = -1;
  let afterComma = false;
  let at = array.open + 1;
  for (; at < bytes.length; at++) {
    const byte = bytes[at]!;
    if (byte === QUOTE) {
      if (elementStart < 0) elementStart = at;
      at = endOfString(bytes, at, path);
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (elementStart < 0) elementStart = at;
      depth++;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (depth === 0) {
        if (byte !== CLOSE_BRACKET) throw syntaxError(bytes, at, path, 'expected "]"');
        if (elementStart >= 0) resources.push(parsePiece(bytes, elementStart, at, path));
        else if (afterComma) throw syntaxError(bytes, at, path, "expected a value");
        break;
      }
      depth--;
    } else if (byte === COMMA && depth === 0) {
      if (elementStart < 0) throw syntaxError(bytes, at, path, "expected a value");
      resources.push(parsePiece(bytes, elementStart, at, path));
      elementStart = -1;
      afterComma = true;
    } else if (elementStart < 0 && !isWhitespace(byte)) elementStart = at;
  }
  if (at >= bytes.length)
    throw syntaxError(bytes, bytes.length, path, 'expected "]" — the file looks truncated');
  // The rest of the document, with the resources left out; small, so it is one string.
  const envelopeText = `${bytes.toString("utf8", start, array.open)}[]${bytes.toString("utf8", at + 1)}`;
  let envelope: unknown;
  try {
    envelope = JSON.parse(envelopeText);
  } catch {
    const { reason } = locateJsonError(envelopeText);
    throw new InputError(path, undefined, `not valid JSON outside the resources array (${reason})`);
  }
  (envelope as { resources: unknown[] }).resources = resources;
  return envelope;
}

/** Where the top-level object's "resources" array opens; its key must be a member of that object. */
function findResourcesArray(bytes: Buffer, start: number, path: string): { open: number } {
  let depth = 0;
  for (let at = start; at < bytes.length; at++) {
    const byte = bytes[at]!;
    if (byte === QUOTE) {
      const end = endOfString(bytes, at, path);
      if (
        depth === 1 &&
        end - at + 1 === RESOURCES_KEY.length &&
        bytes.compare(RESOURCES_KEY, 0, RESOURCES_KEY.length, at, end + 1) === 0
      ) {
        let next = end + 1;
        while (next < bytes.length && isWhitespace(bytes[next]!)) next++;
        if (bytes[next] === COLON) {
          next++;
          while (next < bytes.length && isWhitespace(bytes[next]!)) next++;
          if (bytes[next] === OPEN_BRACKET) return { open: next };
        }
      }
      at = end;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  throw new InputError(
    path,
    undefined,
    `too large to read as one piece (${bytes.length.toLocaleString("en")} bytes) and has no top-level "resources" array to read resource by resource: is it a snapshot?`,
  );
}

/** The offset of the quote that closes the string opening at `open`. */
function endOfString(bytes: Buffer, open: number, path: string): number {
  let at = open + 1;
  for (;;) {
    const close = bytes.indexOf(QUOTE, at);
    if (close < 0) throw syntaxError(bytes, open, path, "unterminated string — the file looks truncated");
    let backslashes = 0;
    while (bytes[close - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return close;
    at = close + 1;
  }
}

function parsePiece(bytes: Buffer, start: number, end: number, path: string): unknown {
  const text = bytes.toString("utf8", start, end);
  try {
    return JSON.parse(text);
  } catch {
    const { place, reason } = locateJsonError(text);
    const offset = place ? Buffer.byteLength(text.slice(0, place.offset)) : 0;
    throw syntaxError(bytes, start + offset, path, reason);
  }
}

/** A syntax error at a byte offset, placed at its line:column as a one-string read would place it. */
function syntaxError(bytes: Buffer, offset: number, path: string, reason: string): InputError {
  const lineStart = Math.max(bomLength(bytes), bytes.lastIndexOf(NEWLINE, offset - 1) + 1);
  let line = 1;
  for (let at = bytes.indexOf(NEWLINE); at >= 0 && at < lineStart; at = bytes.indexOf(NEWLINE, at + 1))
    line++;
  const column = bytes.toString("utf8", lineStart, offset).length + 1;
  return new InputError(path, `${line}:${column}`, `not valid JSON (${reason})`);
}

const isWhitespace = (byte: number): boolean =>
  byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09;
