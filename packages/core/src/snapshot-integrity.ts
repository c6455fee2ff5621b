// A snapshot's digest and signature. The digest is SHA-256 over the snapshot's RFC 8785 canonical JSON
// (the `canonicalize` package) without its `integrity` member, so anyone can recompute it with any JCS
// implementation. It is hashed member by member and resource by resource: a writer that streams an
// organisation's resources to disk hashes them as they go, and a reader never builds a second copy of
// a large snapshot as one canonical string. The signature is Ed25519 (node:crypto) over a fixed prefix
// and the digest text.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import canonicalize from "canonicalize";
import { InputError } from "./errors";
import type { Snapshot } from "./snapshot";
import { parseJsonText, validateSnapshot } from "./snapshot-io";
import type { SnapshotJson } from "./snapshot-json";
import type { SnapshotIntegrity, SnapshotProvenanceReport } from "./snapshot-provenance";

/** The top-level member that holds the digest and signature; it is not part of what they cover. */
export const INTEGRITY_MEMBER = "integrity";
/** The large member whose elements are hashed one at a time. */
const STREAMED_MEMBER = "resources";
/** Signed text = this prefix + the digest: a signature made for a snapshot means nothing elsewhere. */
export const SIGNED_TEXT_PREFIX = "itaku-snapshot-v1 ";

function canonical(value: unknown): string {
  const text = canonicalize(value);
  // Only `undefined` at the top of a member gives no text; members with no value are left out.
  if (text === undefined) throw new Error("a value with no JSON form");
  return text;
}

/**
 * SHA-256 of a snapshot's canonical JSON, fed in three parts so `resources` can stream: the members
 * that sort before "resources", each resource in order, then the members that sort after it.
 */
export class SnapshotDigest {
  private readonly hash = createHash("sha256");
  private resources = 0;
  private finished = false;

  /** `head`: every top-level member whose name sorts before "resources" (`collectedAt`, `origin`…). */
  constructor(head: Record<string, unknown>) {
    this.hash.update("{");
    for (const key of membersOf(head)) {
      if (key >= STREAMED_MEMBER) throw new Error(`member "${key}" does not sort before "resources"`);
      this.hash.update(`${canonical(key)}:${canonical(head[key])},`);
    }
    this.hash.update(`${canonical(STREAMED_MEMBER)}:[`);
  }

  addResource(resource: unknown): void {
    this.hash.update(`${this.resources++ === 0 ? "" : ","}${canonical(resource)}`);
  }

  /** `tail`: every top-level member whose name sorts after "resources" (`schemaVersion`, `sources`…). */
  finish(tail: Record<string, unknown>): string {
    if (this.finished) throw new Error("digest already finished");
    this.finished = true;
    this.hash.update("]");
    for (const key of membersOf(tail)) {
      if (key <= STREAMED_MEMBER) throw new Error(`member "${key}" does not sort after "resources"`);
      this.hash.update(`,${canonical(key)}:${canonical(tail[key])}`);
    }
    this.hash.update("}");
    return `sha256:${this.hash.digest("hex")}`;
  }
}

/** JCS order (UTF-16 code units, as JS sorts strings), without the integrity member and absent values. */
function membersOf(members: Record<string, unknown>): string[] {
  return Object.keys(members)
    .filter((key) => key !== INTEGRITY_MEMBER && members[key] !== undefined)
    .sort();
}

/** The digest of a whole snapshot value (parsed JSON, or what a collector built). */
export function snapshotDigest(snapshot: Record<string, unknown>): string {
  const head: Record<string, unknown> = {};
  const tail: Record<string, unknown> = {};
  for (const key of Object.keys(snapshot)) {
    if (key < STREAMED_MEMBER) head[key] = snapshot[key];
    else if (key > STREAMED_MEMBER) tail[key] = snapshot[key];
  }
  const digest = new SnapshotDigest(head);
  const resources = snapshot[STREAMED_MEMBER];
  if (!Array.isArray(resources)) throw new Error(`"${STREAMED_MEMBER}" is not an array`);
  for (const resource of resources) digest.addResource(resource);
  return digest.finish(tail);
}

/**
 * The digest of a value a collector built, as JSON.stringify will write it (NaN as null, toJSON
 * applied…), so a reader of the file computes the same; one resource at a time is round-tripped.
 */
export function writtenSnapshotDigest(snapshot: Record<string, unknown>): string {
  const asWritten = (value: unknown) => JSON.parse(JSON.stringify(value) ?? "null") as unknown;
  const head: Record<string, unknown> = {};
  const tail: Record<string, unknown> = {};
  for (const key of Object.keys(snapshot)) {
    if (snapshot[key] === undefined) continue;
    if (key < STREAMED_MEMBER) head[key] = asWritten(snapshot[key]);
    else if (key > STREAMED_MEMBER) tail[key] = asWritten(snapshot[key]);
  }
  const digest = new SnapshotDigest(head);
  for (const resource of snapshot[STREAMED_MEMBER] as unknown[]) digest.addResource(asWritten(resource));
  return digest.finish(tail);
}

/** `SHA256:` + base64 (unpadded) of the SHA-256 of the key's DER SubjectPublicKeyInfo. */
export function keyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  return `SHA256:${createHash("sha256").update(der).digest("base64").replace(/=+$/, "")}`;
}

/** The integrity member for a digest: with an Ed25519 signature when a private key is given. */
export function integrityFor(digest: string, privateKey?: KeyObject): SnapshotIntegrity {
  if (!privateKey) return { digest };
  const publicKey = createPublicKey(privateKey);
  return {
    digest,
    signature: {
      algorithm: "ed25519",
      publicKey: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
      keyFingerprint: keyFingerprint(publicKey),
      value: sign(null, Buffer.from(SIGNED_TEXT_PREFIX + digest, "utf8"), privateKey).toString("base64"),
    },
  };
}

/** A new Ed25519 key pair as PEM text: the private key PKCS#8, the public key SPKI. */
export function generateSigningKeyPair(): {
  privateKeyPem: string;
  publicKeyPem: string;
  fingerprint: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}

/** Reads an Ed25519 private key from PEM text; `passphrase` for an encrypted one. */
export function parseSigningKey(pem: string, path: string, passphrase?: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(passphrase === undefined ? pem : { key: pem, passphrase });
  } catch {
    const encrypted = /BEGIN ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(pem);
    throw new InputError(
      path,
      undefined,
      encrypted
        ? `the private key is encrypted and cannot be opened: ${passphrase === undefined ? "set ITAKU_SIGNING_KEY_PASSPHRASE to its passphrase" : "ITAKU_SIGNING_KEY_PASSPHRASE is not its passphrase"}`
        : "not a private key in PEM form (itaku keygen writes one)",
    );
  }
  return requireEd25519(key, path);
}

function requireEd25519(key: KeyObject, path: string): KeyObject {
  if (key.asymmetricKeyType !== "ed25519") {
    throw new InputError(
      path,
      undefined,
      `a ${key.asymmetricKeyType} key; snapshots are signed with Ed25519`,
    );
  }
  return key;
}

/** Reads an Ed25519 public key from PEM text (a private key's public half is accepted too). */
export function parseVerifyKey(pem: string, path: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new InputError(
      path,
      undefined,
      "not a public key in PEM form (itaku keygen writes one, *.pub.pem)",
    );
  }
  return requireEd25519(key, path);
}

/** What checking a snapshot's integrity found; a mismatch is an InputError instead. */
export interface IntegrityCheck {
  /** The digest, recomputed and equal to the recorded one; absent when the snapshot records none. */
  digest?: string;
  /** none: not signed; unverified: signed and consistent, but no trusted key was given; verified: by the trusted key. */
  signature: "none" | "unverified" | "verified";
  keyFingerprint?: string;
}

/**
 * Checks a parsed snapshot file's digest, and its signature when there is one; with `trusted`, the
 * snapshot must be signed by that key. Any mismatch is an InputError naming the file.
 */
export function checkSnapshotIntegrity(
  json: Record<string, unknown>,
  path: string,
  trusted?: { key: KeyObject; path: string },
): IntegrityCheck {
  const integrity = json[INTEGRITY_MEMBER] as SnapshotIntegrity | undefined;
  if (!integrity) {
    if (trusted) {
      throw new InputError(
        path,
        undefined,
        `not signed (no integrity section), but --verify ${trusted.path} asks for a signature`,
      );
    }
    return { signature: "none" };
  }
  let computed: string;
  try {
    computed = snapshotDigest(json);
  } catch (error) {
    throw new InputError(path, undefined, `cannot compute the digest: ${(error as Error).message}`);
  }
  if (computed !== integrity.digest) {
    throw new InputError(
      path,
      "integrity.digest",
      `digest mismatch: the content was changed after it was written (recorded ${integrity.digest}, content ${computed})`,
    );
  }
  const signature = integrity.signature;
  if (!signature) {
    if (trusted) {
      throw new InputError(
        path,
        "integrity",
        `not signed (a digest only), but --verify ${trusted.path} asks for a signature`,
      );
    }
    return { digest: computed, signature: "none" };
  }
  let signer: KeyObject;
  try {
    signer = createPublicKey({
      key: Buffer.from(signature.publicKey, "base64"),
      format: "der",
      type: "spki",
    });
  } catch {
    throw new InputError(path, "integrity.signature.publicKey", "not a DER public key in base64");
  }
  const signerFingerprint = keyFingerprint(signer);
  if (signature.keyFingerprint !== signerFingerprint) {
    throw new InputError(
      path,
      "integrity.signature.keyFingerprint",
      `${signature.keyFingerprint} is not the fingerprint of the signing key (${signerFingerprint}): the integrity section was edited`,
    );
  }
  if (trusted) {
    const trustedFingerprint = keyFingerprint(trusted.key);
    if (signerFingerprint !== trustedFingerprint) {
      throw new InputError(
        path,
        "integrity.signature",
        `signed by ${signerFingerprint}, not by the --verify key ${trusted.path} (${trustedFingerprint})`,
      );
    }
  }
  const valid = verify(
    null,
    Buffer.from(SIGNED_TEXT_PREFIX + integrity.digest, "utf8"),
    trusted?.key ?? signer,
    Buffer.from(signature.value, "base64"),
  );
  if (!valid) {
    throw new InputError(
      path,
      "integrity.signature",
      `the signature by ${signerFingerprint} does not match the digest: the integrity section was edited`,
    );
  }
  return {
    digest: computed,
    signature: trusted ? "verified" : "unverified",
    keyFingerprint: signerFingerprint,
  };
}

/**
 * Parses a snapshot file's text, checks its digest and signature (see checkSnapshotIntegrity) over the
 * JSON as read, then validates it against the schema.
 */
export function parseSnapshotWithIntegrity(
  text: string,
  path: string,
  trusted?: { key: KeyObject; path: string },
): { snapshot: Snapshot; integrity: IntegrityCheck } {
  return snapshotWithIntegrity({ json: parseJsonText(text, path), text }, path, trusted);
}

/** parseSnapshotWithIntegrity for JSON already parsed (see snapshot-json.ts: a large file has no text). */
export function snapshotWithIntegrity(
  { json, text }: SnapshotJson,
  path: string,
  trusted?: { key: KeyObject; path: string },
): { snapshot: Snapshot; integrity: IntegrityCheck } {
  // Not even the shape of a snapshot: the schema's message says what is wrong.
  if (!json || typeof json !== "object" || !Array.isArray((json as { resources?: unknown }).resources)) {
    validateSnapshot(json, path, text);
  }
  // Before validation, which replaces each resource in place by its checked copy (defaults filled in):
  // the digest covers the JSON as written.
  const integrity = checkSnapshotIntegrity(json as Record<string, unknown>, path, trusted);
  return { snapshot: validateSnapshot(json, path, text), integrity };
}

/** What a Result says about one snapshot file: its provenance and the integrity check's outcome. */
export function provenanceReport(
  file: string,
  snapshot: Snapshot,
  check: IntegrityCheck,
): SnapshotProvenanceReport {
  const collectedBy: SnapshotProvenanceReport["collectedBy"] = [];
  const seen = new Set<string>();
  for (const source of snapshot.sources) {
    if (source.collectedBy === undefined) continue;
    const key = `${source.provider}\u0000${source.collectedBy}`;
    if (seen.has(key)) continue;
    seen.add(key);
    collectedBy.push({ provider: source.provider, identity: source.collectedBy });
  }
  const tool = snapshot.provenance?.tool;
  return {
    file,
    ...(tool ? { tool: `${tool.name} ${tool.version}` } : {}),
    collectedAt: snapshot.collectedAt,
    collectedBy,
    ...(check.digest ? { digest: check.digest } : {}),
    signature: check.signature,
    ...(check.keyFingerprint ? { keyFingerprint: check.keyFingerprint } : {}),
  };
}
