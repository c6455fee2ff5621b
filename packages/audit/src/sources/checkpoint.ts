// `--checkpoint FILE`: what a read has done so far — the files folded (with their outcomes) and the
// sink state they were folded into — written atomically after each batch, so an interrupted run
// resumes without reading those files again and without counting their events twice. The state is
// stored as V8's structured-clone serialization (it may hold Map and Set), base64 in the JSON.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { deserialize, serialize } from "node:v8";
import writeFileAtomic from "write-file-atomic";
import type { FileOutcome } from "./log-file";

const CHECKPOINT_VERSION = 1;

export interface CheckpointFile {
  version: number;
  /** What was read: source, window, scope and sink; a checkpoint of another read is not reused. */
  identity: string;
  description: string;
  writtenAt: string;
  files: Record<string, FileOutcome>;
  state: string;
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

export async function loadCheckpoint<State>(path: string, identity: string): Promise<Checkpoint<State>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { files: new Map(), state: undefined };
    throw error;
  }
  let parsed: CheckpointFile;
  try {
    parsed = JSON.parse(text) as CheckpointFile;
  } catch {
    return {
      files: new Map(),
      state: undefined,
      ignored: `${path} is not a checkpoint (not JSON); it will be overwritten`,
    };
  }
  if (
    parsed.version !== CHECKPOINT_VERSION ||
    typeof parsed.state !== "string" ||
    typeof parsed.files !== "object"
  )
    return {
      files: new Map(),
      state: undefined,
      ignored: `${path} is not a checkpoint of this version; it will be overwritten`,
    };
  if (parsed.identity !== identity)
    return {
      files: new Map(),
      state: undefined,
      ignored: `${path} records another read (${parsed.description}); it will be overwritten`,
    };
  return {
    files: new Map(Object.entries(parsed.files)),
    state: deserialize(Buffer.from(parsed.state, "base64")) as State,
  };
}

export async function saveCheckpoint<State>(
  path: string,
  identity: { identity: string; description: string },
  files: Map<string, FileOutcome>,
  state: State,
): Promise<void> {
  const body: CheckpointFile = {
    version: CHECKPOINT_VERSION,
    identity: identity.identity,
    description: identity.description,
    writtenAt: new Date().toISOString(),
    files: Object.fromEntries(files),
    state: serialize(state).toString("base64"),
  };
  await writeFileAtomic(path, `${JSON.stringify(body)}\n`);
}
