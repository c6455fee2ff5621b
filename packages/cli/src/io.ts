// File input and output for commands: unreadable files become InputError (exit 2), and reports
// are written to a temporary file and renamed, so a failed run never leaves half a file behind.
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "@itaku/core";

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
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

/** Writes the content (one string or pieces of it) to a temporary file beside `path`, then renames it. */
export function writeFileAtomically(path: string, content: string | Iterable<string | Uint8Array>): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(temporary, "w");
    try {
      for (const piece of typeof content === "string" ? [content] : content) {
        if (typeof piece === "string") writeSync(fd, piece);
        else writeSync(fd, piece);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(path, undefined, `cannot write: ${code}`);
  }
}
