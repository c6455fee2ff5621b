// Writes an organisation's snapshot one account at a time, so the whole organisation never sits in
// memory: resources go to a temporary file as each account is read, the sources follow at the end,
// and the file is renamed into place only when complete (a failed run leaves nothing half-written).
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError, SNAPSHOT_SCHEMA_VERSION, type Snapshot, type Source } from "@itaku/core";

export class SnapshotStreamWriter {
  private readonly temporary: string;
  private readonly fd: number;
  private readonly sources: Source[] = [];
  private resources = 0;

  constructor(
    private readonly path: string,
    collectedAt: string,
  ) {
    this.temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      this.fd = openSync(this.temporary, "w");
    } catch (error) {
      throw new InputError(
        path,
        undefined,
        `cannot write: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
    this.write(
      `{\n  "schemaVersion": ${SNAPSHOT_SCHEMA_VERSION},\n  "collectedAt": ${JSON.stringify(collectedAt)},\n  "origin": "live",\n  "resources": [`,
    );
  }

  /** Appends one account's (or source's) snapshot; only its sources stay in memory. */
  add(snapshot: Snapshot): void {
    for (const resource of snapshot.resources) {
      this.write(`${this.resources === 0 ? "\n" : ",\n"}    ${JSON.stringify(resource)}`);
      this.resources++;
    }
    this.sources.push(...snapshot.sources);
  }

  get resourceCount(): number {
    return this.resources;
  }

  get sourceList(): readonly Source[] {
    return this.sources;
  }

  /** Writes the sources, closes and renames the file into place. */
  finish(): void {
    const sources = [...this.sources].sort((a, b) =>
      a.provider === b.provider ? (a.scope < b.scope ? -1 : 1) : a.provider < b.provider ? -1 : 1,
    );
    this.write(`${this.resources === 0 ? "" : "\n  "}],\n  "sources": [`);
    for (const [i, source] of sources.entries())
      this.write(`${i === 0 ? "\n" : ",\n"}    ${JSON.stringify(source)}`);
    this.write(`${sources.length === 0 ? "" : "\n  "}]\n}\n`);
    closeSync(this.fd);
    renameSync(this.temporary, this.path);
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.temporary, { force: true });
  }

  private write(text: string): void {
    writeSync(this.fd, text);
  }
}
