// Input files arrive as bytes. UTF-8 is the contract (a BOM is fine); anything else is said plainly
// instead of being read as mojibake — above all a roster saved by Japanese Excel in Shift_JIS (CP932).
// Decoding is the platform's WHATWG TextDecoder (ICU): no hand-written decoder.
import { isUtf8 } from "node:buffer";
import { InputError } from "./errors";

/** Encodings a roster may declare (`roster.encoding` in itaku.yaml). */
export const INPUT_ENCODINGS = ["utf-8", "shift_jis", "cp932", "euc-jp"] as const;
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

/** TextDecoder's label: WHATWG "shift_jis" is Windows-31J, i.e. CP932 with the NEC and IBM extensions. */
const DECODER_LABEL: Record<InputEncoding, string> = {
  "utf-8": "utf-8",
  shift_jis: "shift_jis",
  cp932: "shift_jis",
  "euc-jp": "euc-jp",
};

export interface DecodeOptions {
  /** What the file declares it is; UTF-8 when absent. */
  encoding?: InputEncoding;
  /** Where a non-UTF-8 file can be declared, for the hint (`roster.encoding: cp932 in itaku.yaml`). */
  encodingSetting?: string;
}

/** The text of an input file: without a BOM, strictly decoded; an InputError at the first bad byte. */
export function decodeInputText(bytes: Uint8Array, path: string, options: DecodeOptions = {}): string {
  const encoding = options.encoding ?? "utf-8";
  if (encoding === "utf-8") {
    // The fast path for every snapshot and config: a valid file needs nothing but the check.
    if (isUtf8(bytes))
      return stripBom(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8"));
    throw notUtf8(bytes, path, options);
  }
  try {
    return stripBom(new TextDecoder(DECODER_LABEL[encoding], { fatal: true }).decode(bytes));
  } catch {
    const place = firstUndecodable(bytes, DECODER_LABEL[encoding]);
    throw new InputError(path, place, `not valid ${encoding} text, as declared: check the file's encoding`);
  }
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function notUtf8(bytes: Uint8Array, path: string, options: DecodeOptions): InputError {
  const place = firstUndecodable(bytes, "utf-8");
  const name = path.split("/").at(-1) ?? path;
  const convert = `iconv -f CP932 -t UTF-8 '${name}' > utf8-${name}`;
  if (looksLikeShiftJis(bytes)) {
    const declare = options.encodingSetting ? `, or set ${options.encodingSetting}` : "";
    return new InputError(
      path,
      place,
      `not UTF-8: it looks like Shift_JIS (CP932, as Excel saves CSV in Japan); convert it with \`${convert}\`${declare}`,
    );
  }
  return new InputError(path, place, "not UTF-8 text: save it as UTF-8");
}

function looksLikeShiftJis(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("shift_jis", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * `line:column` of the first character the decoder cannot read. The lenient decoding marks it with
 * U+FFFD; a U+FFFD that the file really contains (bytes EF BF BD in UTF-8) is skipped.
 */
function firstUndecodable(bytes: Uint8Array, label: string): string | undefined {
  const text = new TextDecoder(label).decode(bytes);
  const literal = label === "utf-8" ? Buffer.from("\ufffd") : undefined;
  for (let index = text.indexOf("\ufffd"); index >= 0; index = text.indexOf("\ufffd", index + 1)) {
    if (literal) {
      const offset = Buffer.byteLength(text.slice(0, index));
      if (
        Buffer.from(bytes.buffer, bytes.byteOffset + offset, Math.min(3, bytes.length - offset)).equals(
          literal,
        )
      )
        continue;
    }
    return lineColumnAt(text, index);
  }
  return undefined;
}

/** 1-based `line:column` of a character index, columns counted in characters (UTF-16 units). */
export function lineColumnAt(text: string, index: number): string {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf("\n") + 1;
  return `${before.split("\n").length}:${index - lineStart + 1}`;
}
