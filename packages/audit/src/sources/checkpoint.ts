// `--checkpoint FILE`: what a read has done so far — the files folded (with their outcomes) and the
// sink state they were folded into — written atomically after each batch, so an interrupted run
// resumes without reading those files again and without counting their events twice. The state is
// stored as V8's structured-clone serialization (it may hold Map and Set), base64 in the JSON.
// One file holds several reads (each source of a run, keyed by source, window, scope and sink).
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { deserialize, serialize } from "node:v8";
import { cannotWrite, InputError, writeFileSafely } from "@itaku/core";
import type { FileOutcome } from "./log-file";

const CHECKPOINT_VERSION = 2;
/** Reads kept in one file: every source of a run (and a few earlier runs); the oldest go first. */
const MAX_READS = 32;

/** One read's progress: the files folded and the state they were folded into. */
export interface CheckpointRead {
  /** What was read, in words: source, window, scope. */
  description: string;
  writtenAt: string;
  files: Record<string, FileOutcome>;
  state: string;
}

/** The file: one entry per read, keyed by the read's identity (source, window, scope, sink). */
export interface CheckpointFile {
  version: number;
  reads: Record<string, CheckpointRead>;
}

export interface Checkpoint<State> {
  files: Map<string, FileOutcome>;
  state: State | undefined;
  /** Why an existing file was not reused, if it was not. */
  ignored?: string;
}

export function checkpointIdentity(parts: {
  kind: string;
  location: string;
  from: Date;
  to: Date;
  accounts?: string[];
  regions?: string[];
  sinkModule: string;
  sinkInit: unknown;
}): { identity: string; description: string } {
  const description = `${parts.kind} ${parts.location} ${parts.from.toISOString()}..${parts.to.toISOString()} accounts=${[...(parts.accounts ?? [])].sort().join(",") || "*"} regions=${[...(parts.regions ?? [])].sort().join(",") || "*"}`;
  const hash = createHash("sha256")
    .update(description)
    .update("\u0000")
    .update(parts.sinkModule.slice(parts.sinkModule.lastIndexOf("/") + 1))
    .update(serialize(parts.sinkInit));
  return { identity: hash.digest("hex"), description };
}

async function loadFile(path: string): Promise<{ file: CheckpointFile; problem?: string }> {
  let text: string;
  try {
    // A checkpoint is read back: a device or FIFO cannot be one (reading /dev/zero would never end).
    if (!(await stat(path)).isFile())
      throw new InputError(path, undefined, "a checkpoint must be a regular file (or a new path)");
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { file: { version: CHECKPOINT_VERSION, reads: {} } };
    if (error instanceof InputError) throw error;
    throw new InputError(path, undefined, `cannot read the checkpoint: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as CheckpointFile;
    if (parsed.version === CHECKPOINT_VERSION && typeof parsed.reads === "object" && parsed.reads !== null)
      return { file: parsed };
  } catch {}
  return {
    file: { version: CHECKPOINT_VERSION, reads: {} },
    problem: `${path} is not an itaku checkpoint of this version; it will be overwritten`,
  };
}

export async function loadCheckpoint<State>(path: string, identity: string): Promise<Checkpoint<State>> {
  const { file, problem } = await loadFile(path);
  const read = file.reads[identity];
  if (!read) {
    const others = Object.values(file.reads).map((r) => r.description);
    const ignored =
      problem ??
      (others.length ? `${path} holds other reads (${others.join("; ")}), not this one` : undefined);
    return { files: new Map(), state: undefined, ...(ignored ? { ignored } : {}) };
  }
  return {
    files: new Map(Object.entries(read.files)),
    state: deserialize(Buffer.from(read.state, "base64")) as State,
  };
}

/** Replaces this read's entry (other reads in the file stay) and writes the file atomically. */
export async function saveCheckpoint<State>(
  path: string,
  identity: { identity: string; description: string },
  files: Map<string, FileOutcome>,
  state: State,
): Promise<void> {
  const { file } = await loadFile(path);
  file.reads[identity.identity] = {
    description: identity.description,
    writtenAt: new Date().toISOString(),
    files: Object.fromEntries(files),
    state: serialize(state).toString("base64"),
  };
  const newestFirst = Object.entries(file.reads).sort(([, a], [, b]) => (a.writtenAt < b.writtenAt ? 1 : -1));
  file.reads = Object.fromEntries(newestFirst.slice(0, MAX_READS));
  try {
    // The same rules as reports and snapshots: an exclusive random temp renamed into place.
    writeFileSafely(path, `${JSON.stringify(file)}\n`);
  } catch (error) {
    throw cannotWrite(path, error);
  }
}
