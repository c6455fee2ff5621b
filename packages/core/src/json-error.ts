// Where and why JSON text fails to parse, for error messages. JSON.parse stays the fast path; only
// after it fails is the text parsed again by jsonc-parser (strict: no comments, no trailing commas),
// which gives the offset of the first error as data. V8's message is neither read nor echoed: its
// wording, and whether it has a position at all, change between Node versions, and it quotes the input.
import { type ParseError, parse, printParseErrorCode } from "jsonc-parser/lib/esm/main.js";

export interface JsonErrorPlace {
  /** Offset in UTF-16 code units from the start of the text. */
  offset: number;
  /** 1-based line, counted by "\n". */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
}

export interface JsonErrorLocation {
  /** Undefined only when the parsers disagree or the text nests too deeply to re-parse. */
  place?: JsonErrorPlace;
  /** A short plain-English reason, quoting no input beyond one printable ASCII character. */
  reason: string;
  /** The text stops short: a truncated download or copy. */
  truncated: boolean;
}

const REASONS: Record<ReturnType<typeof printParseErrorCode>, string> = {
  InvalidSymbol: "unexpected",
  InvalidNumberFormat: "malformed number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," or a closing bracket',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: "more text after the JSON value",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "incomplete number",
  InvalidUnicode: "bad \\u escape in a string",
  InvalidEscapeCharacter: "bad escape in a string",
  InvalidCharacter: "control character in a string (write it as \\uXXXX)",
  "<unknown ParseErrorCode>": "not valid JSON",
};

/** Errors whose token runs to the end of the text when the text stops inside it. */
const UNTERMINATED = new Set(["UnexpectedEndOfString", "UnexpectedEndOfNumber", "UnexpectedEndOfComment"]);

/** The line and column of an offset, as editors count them. */
export function placeOf(text: string, offset: number): JsonErrorPlace {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n");
  return { offset, line: before.split("\n").length, column: offset - lineStart };
}

/** One character named safely: `"}"` when printable ASCII, else its code point (`U+FEFF`). */
function characterAt(text: string, offset: number): string {
  const code = text.codePointAt(offset);
  if (code === undefined) return "end of text";
  if (code === 0x22) return `'"'`;
  if (code > 0x20 && code < 0x7f) return `"${String.fromCodePoint(code)}"`;
  return `character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Locates the first syntax error of text that JSON.parse rejected. */
export function locateJsonError(text: string): JsonErrorLocation {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // jsonc-parser recurses per nesting level; JSON.parse does not. No place, but still a reason.
    return { reason: "not valid JSON", truncated: false };
  }
  const first = errors[0];
  if (!first) return { reason: "not valid JSON", truncated: false };
  const name = printParseErrorCode(first.error);
  const end = text.trimEnd().length;
  const truncated = first.offset >= end || (UNTERMINATED.has(name) && first.offset + first.length >= end);
  const found = characterAt(text, first.offset);
  const reason =
    name === "InvalidSymbol"
      ? `unexpected ${found}`
      : name === "EndOfFileExpected"
        ? `${REASONS[name]}: ${found}`
        : name.endsWith("Expected")
          ? `${REASONS[name]}${first.offset >= text.length ? ", but the text ends" : `, found ${found}`}`
          : REASONS[name];
  return { place: placeOf(text, first.offset), reason, truncated };
}
