// Provenance on the way out (collect: tool version, digest, optional Ed25519 signature) and on the way in
// (evaluate, scan --snapshot: digest and signature checked, what was found kept for the reports).
import type { KeyObject } from "node:crypto";
import { resolve } from "node:path";
import {
  integrityFor,
  parseSigningKey,
  parseVerifyKey,
  provenanceReport,
  type Snapshot,
  type SnapshotProvenance,
  type SnapshotProvenanceReport,
  snapshotWithIntegrity,
  writtenSnapshotDigest,
} from "@itaku/core";
import { version } from "../package.json";
import type { CommandEnv } from "./command";
import { readSnapshotJson, readTextFile } from "./io";

export const PROVENANCE: SnapshotProvenance = { tool: { name: "itaku", version } };

/** The `--sign KEY.pem` private key; an encrypted one opens with ITAKU_SIGNING_KEY_PASSPHRASE. */
export function loadSigningKey(file: string, env: CommandEnv): KeyObject {
  const path = resolve(env.cwd, file);
  return parseSigningKey(
    readTextFile(path, "signing key"),
    path,
    env.env.ITAKU_SIGNING_KEY_PASSPHRASE || undefined,
  );
}

/** The `--verify PUB.pem` public key, with the path as the user gave it for messages. */
export function loadVerifyKey(file: string, env: CommandEnv): { key: KeyObject; path: string } {
  const path = resolve(env.cwd, file);
  return { key: parseVerifyKey(readTextFile(path, "public key"), path), path: file };
}

/** The snapshot as written: with its provenance, then its digest (and signature) as the last member. */
export function withProvenance(snapshot: Snapshot, signingKey?: KeyObject): Snapshot {
  const { integrity: _stale, ...content } = snapshot;
  const stamped = { ...content, provenance: PROVENANCE };
  return {
    ...stamped,
    integrity: integrityFor(writtenSnapshotDigest(stamped as unknown as Record<string, unknown>), signingKey),
  };
}

/** Reads snapshot files, checking each one's digest and signature (`trusted`: --verify's key). */
export function readSnapshotFiles(
  files: readonly { path: string; label: string }[],
  trusted: { key: KeyObject; path: string } | undefined,
  onFile: (label: string) => void = () => {},
): { snapshots: Snapshot[]; provenance: SnapshotProvenanceReport[] } {
  const snapshots: Snapshot[] = [];
  const provenance: SnapshotProvenanceReport[] = [];
  for (const file of files) {
    onFile(file.label);
    const { snapshot, integrity } = snapshotWithIntegrity(readSnapshotJson(file.path), file.path, trusted);
    snapshots.push(snapshot);
    provenance.push(provenanceReport(file.label, snapshot, integrity));
  }
  return { snapshots, provenance };
}
