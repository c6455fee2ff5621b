// Writes an organisation's snapshot one account at a time, so the whole organisation never sits in
// memory: resources go to a temporary file as each account is read, the sources follow at the end,
// and the file is put into place only when complete, by core's safe-write.ts rules (a failed run, a full
// disk included, leaves nothing half-written and any earlier snapshot untouched).
import {
  cannotWrite,
  openFileSafely,
  type SafeFile,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type Source,
} from "@itaku/core";

export class SnapshotStreamWriter {
  private readonly file: SafeFile;
  private readonly sources: Source[] = [];
  private resources = 0;

  constructor(
    private readonly path: string,
    collectedAt: string,
  ) {
    try {
      this.file = openFileSafely(path);
    } catch (error) {
      throw cannotWrite(path, error);
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
    try {
      this.file.commit();
    } catch (error) {
      throw cannotWrite(this.path, error);
    }
  }

  abort(): void {
    this.file.abort();
  }

  private write(text: string): void {
    try {
      this.file.write(text);
    } catch (error) {
      this.file.abort();
      throw cannotWrite(this.path, error);
    }
  }
}
