// File input and output for commands: unreadable files become InputError (exit 2), and reports
// are written by safe-write.ts, so a failed run never leaves half a file behind.
import { readFileSync } from "node:fs";
import { type DecodeOptions, decodeInputText, InputError } from "@itaku/core";
import { type FileContent, writeFileSafely } from "./safe-write";

/** A text input (config, roster, snapshot…): UTF-8 unless declared otherwise, BOM or not; see text-encoding.ts. */
export function readTextFile(path: string, what: string, decoding: DecodeOptions = {}): string {
  return decodeInputText(readInputBytes(path, what), path, decoding);
}

function readInputBytes(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "is a directory"
            : (code ?? (error as Error).message);
    throw new InputError(path, undefined, `cannot read ${what}: ${why}`);
  }
}

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  EISDIR: "is a directory",
  ENOTDIR: "a parent is not a directory",
  ELOOP: "too many symbolic links",
  EIO: "input/output error",
  EFBIG: "file too large (a file size limit, ulimit -f, or the file system's)",
};

/**
 * Writes a report or snapshot so that a failed run leaves any existing file untouched (see
 * safe-write.ts for the rules); a failure is an InputError (exit 2) naming the path.
 */
export function writeFileAtomically(path: string, content: FileContent): void {
  try {
    writeFileSafely(path, content);
  } catch (error) {
    throw cannotWrite(path, error);
  }
}

/** A failed write as the user sees it: the path and a plain reason (exit 2). */
export function cannotWrite(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = (code && WRITE_ERRORS[code]) ?? code ?? (error as Error).message;
  return new InputError(path, undefined, `cannot write: ${why}`);
}
