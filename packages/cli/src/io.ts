// File input and output for commands: unreadable files become InputError (exit 2), and reports
// are written by core's safe-write.ts, so a failed run never leaves half a file behind.
import { readFileSync } from "node:fs";
import {
  cannotWrite,
  type DecodeOptions,
  decodeInputText,
  type FileContent,
  InputError,
  parseSnapshotJson,
  type Snapshot,
  type SnapshotJson,
  validateSnapshot,
  writeFileSafely,
} from "@itaku/core";

/** A text input (config, roster, snapshot…): UTF-8 unless declared otherwise, BOM or not; see text-encoding.ts. */
export function readTextFile(path: string, what: string, decoding: DecodeOptions = {}): string {
  return decodeInputText(readInputBytes(path, what), path, decoding);
}

/** A snapshot file, parsed and checked against the schema. */
export function readSnapshot(path: string): Snapshot {
  const { json, text } = readSnapshotJson(path);
  return validateSnapshot(json, path, text);
}

/** A snapshot file's JSON; one too large for a single string is read resource by resource (snapshot-json.ts). */
export function readSnapshotJson(path: string): SnapshotJson {
  return parseSnapshotJson(readInputBytes(path, "snapshot"), path);
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

/**
 * Writes a report or snapshot so that a failed run leaves any existing file untouched (see
 * core's safe-write.ts for the rules); a failure is an InputError (exit 2) naming the path.
 */
export function writeFileAtomically(path: string, content: FileContent): void {
  try {
    writeFileSafely(path, content);
  } catch (error) {
    throw cannotWrite(path, error);
  }
}
