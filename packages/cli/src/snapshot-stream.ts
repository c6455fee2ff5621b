// Writes an organisation's snapshot one account at a time, so the whole organisation never sits in
// memory: resources go to a temporary file as each account is read, the sources follow at the end,
// and the file is put into place only when complete, by core's safe-write.ts rules (a failed run, a full
// disk included, leaves nothing half-written and any earlier snapshot untouched).
// The digest (and signature) is computed resource by resource as they are written, and ends the file.
import type { KeyObject } from "node:crypto";
import {
  cannotWrite,
  integrityFor,
  openFileSafely,
  type SafeFile,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  SnapshotDigest,
  type Source,
} from "@itaku/core";
import { PROVENANCE } from "./snapshot-signing";

export class SnapshotStreamWriter {
  private readonly file: SafeFile;
  private readonly sources: Source[] = [];
  private resources = 0;
  private readonly digest: SnapshotDigest;

  constructor(
    private readonly path: string,
    collectedAt: string,
    private readonly signingKey?: KeyObject,
  ) {
    try {
      this.file = openFileSafely(path);
    } catch (error) {
      throw cannotWrite(path, error);
    }
    this.write(
      `{\n  "schemaVersion": ${SNAPSHOT_SCHEMA_VERSION},\n  "collectedAt": ${JSON.stringify(collectedAt)},\n  "origin": "live",\n  "provenance": ${JSON.stringify(PROVENANCE)},\n  "resources": [`,
    );
    this.digest = new SnapshotDigest({ collectedAt, origin: "live", provenance: PROVENANCE });
  }

  /** Appends one account's (or source's) snapshot; only its sources stay in memory. */
  add(snapshot: Snapshot): void {
    for (const resource of snapshot.resources) {
      const json = JSON.stringify(resource);
      this.write(`${this.resources === 0 ? "\n" : ",\n"}    ${json}`);
      // Hashed as a reader will parse it back.
      this.digest.addResource(JSON.parse(json));
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
    const digest = this.digest.finish({
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      sources: JSON.parse(JSON.stringify(sources)),
    });
    const integrity = integrityFor(digest, this.signingKey);
    this.write(`${sources.length === 0 ? "" : "\n  "}],\n  "integrity": ${JSON.stringify(integrity)}\n}\n`);
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
