// Writes a report, snapshot or checkpoint to the path the user named without ever following a
// planted link or leaving half a file behind. Hand-written on node:fs because `write-file-atomic`
// opens its temp without O_EXCL/O_NOFOLLOW under a name derived from the pid and a counter (and, in
// an ES module bundle, crashes on its use of __filename), and renames over whatever the path is, so a
// FIFO, a device or /dev/fd/N would be replaced by a regular file (as root it replaced /dev/full).
//
// Rules: an existing regular file, or a new path, is replaced by rename from a random temp created
// exclusively (O_EXCL|O_NOFOLLOW, so a symlink planted at the temp name fails the open and we draw
// another name) in the same directory, keeping the old file's mode; a missing parent directory is
// created; a symlink the user named is followed to its target (even one whose target is not
// there yet); anything else that exists (FIFO,
// character device, /dev/stdout, /dev/fd/N) is an open file of someone else and is written in place.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "./errors";

export type FileContent = string | Iterable<string | Uint8Array>;

const TEMP_ATTEMPTS = 16;

/** Writes `content` to `path` following the rules above; errors are the raw ErrnoException or what `content` threw. */
export function writeFileSafely(path: string, content: FileContent): void {
  const file = openFileSafely(path);
  try {
    for (const piece of typeof content === "string" ? [content] : content) file.write(piece);
  } catch (error) {
    file.abort();
    throw error;
  }
  file.commit();
}

/** A file being written piece by piece: nothing shows at the path until `commit`; `abort` leaves it as it was. */
export interface SafeFile {
  write(piece: string | Uint8Array): void;
  /** Makes the written content the file's (cleans up and rethrows on failure). */
  commit(): void;
  abort(): void;
}

/** Opens `path` for a piece-by-piece write under the same rules as `writeFileSafely`. */
export function openFileSafely(path: string): SafeFile {
  const existing = statOrUndefined(path);
  if (existing?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  // /dev/stdout, /dev/fd/N, /proc/self/fd/N name a descriptor the caller opened (perhaps a shell
  // redirect to a regular file): replacing that file would detach the caller's descriptor from it.
  if (existing && (!existing.isFile() || /^\/(dev|proc)\//.test(resolve(path)))) return openInPlace(path);
  const target = existing ? realpathSync(path) : danglingLinkTarget(path);
  if (!existing) mkdirSync(dirname(target), { recursive: true });
  return openReplacement(target, existing);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** A new path, or the file a symlink the user named will point to once written (`ln -s out/r.md r.md`). */
function danglingLinkTarget(path: string): string {
  let target = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    try {
      if (!lstatSync(target).isSymbolicLink()) return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return target;
      throw error;
    }
    target = resolve(dirname(target), readlinkSync(target));
  }
  throw Object.assign(new Error("too many symbolic links"), { code: "ELOOP" });
}

function openInPlace(path: string): SafeFile {
  // O_TRUNC empties a regular file reached through /dev/fd/N and is ignored by FIFOs and devices.
  const descriptor = openDescriptor(openSync(path, constants.O_WRONLY | constants.O_TRUNC));
  return { write: descriptor.write, commit: descriptor.close, abort: descriptor.closeQuietly };
}

function openReplacement(target: string, existing: Stats | undefined): SafeFile {
  const { fd, temporary } = createTemporary(target);
  const descriptor = openDescriptor(fd);
  const abort = () => {
    descriptor.closeQuietly();
    rmSync(temporary, { force: true });
  };
  try {
    if (existing) {
      fchmodSync(fd, existing.mode & 0o7777);
      if (process.getuid?.() === 0) fchownSync(fd, existing.uid, existing.gid);
    }
  } catch (error) {
    abort();
    throw error;
  }
  return {
    write: descriptor.write,
    commit: () => {
      try {
        fsyncSync(fd);
        descriptor.close();
        renameSync(temporary, target);
      } catch (error) {
        abort();
        throw error;
      }
    },
    abort,
  };
}

/** A descriptor closed at most once: closing a number twice could close a file opened since. */
function openDescriptor(fd: number) {
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  return {
    write: (piece: string | Uint8Array) => writePiece(fd, piece),
    close,
    closeQuietly: () => {
      try {
        close();
      } catch {
        // the write already failed; its error is the one to report
      }
    },
  };
}

/** Opens a new temp beside `target`; `randomSuffix` is a parameter only so tests can replay a guessed name. */
export function createTemporary(
  target: string,
  randomSuffix: () => string = () => randomBytes(9).toString("hex"),
): { fd: number; temporary: string } {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  for (let attempt = 1; ; attempt++) {
    const temporary = join(dirname(target), `.${basename(target)}.${randomSuffix()}.tmp`);
    try {
      return { fd: openSync(temporary, flags, 0o666), temporary };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= TEMP_ATTEMPTS) throw error;
    }
  }
}

function writePiece(fd: number, piece: string | Uint8Array): void {
  const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
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

/** A failed write as the user sees it: the path and a plain reason (exit 2). */
export function cannotWrite(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = (code && WRITE_ERRORS[code]) ?? code ?? (error as Error).message;
  return new InputError(path, undefined, `cannot write: ${why}`);
}
