import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import canonicalize from "canonicalize";
import { InputError } from "./errors";
import {
  checkSnapshotIntegrity,
  generateSigningKeyPair,
  integrityFor,
  keyFingerprint,
  parseSigningKey,
  parseSnapshotWithIntegrity,
  parseVerifyKey,
  SIGNED_TEXT_PREFIX,
  SnapshotDigest,
  snapshotDigest,
  writtenSnapshotDigest,
} from "./snapshot-integrity";

const snapshot = () => ({
  schemaVersion: 1,
  collectedAt: "2026-11-20T09:00:00.000Z",
  origin: "live",
  provenance: { tool: { name: "itaku", version: "0.1.0" } },
  sources: [
    {
      provider: "aws",
      scope: "111122223333",
      regions: ["ap-northeast-1"],
      gaps: [],
      collectedBy: "arn:aws:sts::111122223333:assumed-role/Audit/itaku",
    },
  ],
  resources: [
    {
      type: "aws.account",
      id: "111122223333",
      name: "山田 – ünïcode \u2028",
      scope: "111122223333",
      region: "global",
      attributes: { accountId: "111122223333", n: 1e21, small: 0.000001, neg: -0 },
    },
    {
      type: "aws.iam.user",
      id: "arn:aws:iam::111122223333:user/alice",
      name: "alice",
      scope: "111122223333",
      region: "global",
      attributes: {
        arn: "arn:aws:iam::111122223333:user/alice",
        userName: "alice",
        createdAt: "2026-01-01T00:00:00Z",
        groups: ["b", "a"],
        attachedPolicies: [],
        inlinePolicies: [],
      },
    },
  ],
});

const sha256 = (text: string) => `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;
const keys = () => {
  const pair = generateSigningKeyPair();
  return {
    ...pair,
    private: createPrivateKey(pair.privateKeyPem),
    public: createPublicKey(pair.publicKeyPem),
  };
};
const signed = (doc: Record<string, unknown>, key = keys()) => {
  const text = JSON.stringify({ ...doc, integrity: integrityFor(snapshotDigest(doc), key.private) }, null, 2);
  return { text, key };
};
const inputError = (fn: () => unknown): InputError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
};

describe("snapshot digest", () => {
  it("is SHA-256 of the RFC 8785 canonical JSON of the whole snapshot without integrity", () => {
    const doc = snapshot();
    expect(snapshotDigest(doc)).toBe(sha256(canonicalize(doc) as string));
    expect(snapshotDigest({ ...doc, integrity: { digest: "sha256:0" } })).toBe(snapshotDigest(doc));
  });

  it("does not depend on member order or whitespace, and changes with any value", () => {
    const doc = snapshot();
    const reordered = JSON.parse(JSON.stringify(doc, Object.keys(doc).reverse())) as Record<string, unknown>;
    const pretty = JSON.parse(JSON.stringify(doc, null, 4)) as Record<string, unknown>;
    expect(snapshotDigest(pretty)).toBe(snapshotDigest(doc));
    expect(Object.keys(reordered)[0]).toBe("resources");
    const edited = snapshot();
    edited.resources[1]!.name = "alicf";
    expect(snapshotDigest(edited)).not.toBe(snapshotDigest(doc));
    edited.resources[1]!.name = "alice";
    edited.resources[1]!.attributes.groups = ["a", "b"];
    expect(snapshotDigest(edited)).not.toBe(snapshotDigest(doc));
  });

  it("fed in parts as a streaming writer does, equals the whole-value digest", () => {
    const doc = snapshot();
    const streamed = new SnapshotDigest({
      collectedAt: doc.collectedAt,
      origin: doc.origin,
      provenance: doc.provenance,
    });
    for (const resource of doc.resources) streamed.addResource(resource);
    expect(streamed.finish({ schemaVersion: 1, sources: doc.sources })).toBe(snapshotDigest(doc));
    expect(() => new SnapshotDigest({ sources: [] })).toThrow(/does not sort before/);
  });
});

describe("signing and verifying", () => {
  it("round trip: verified with the signer's public key, unverified without one", () => {
    const { text, key } = signed(snapshot());
    const trusted = { key: parseVerifyKey(key.publicKeyPem, "pub.pem"), path: "pub.pem" };
    const verified = parseSnapshotWithIntegrity(text, "s.json", trusted);
    expect(verified.integrity).toEqual({
      digest: snapshotDigest(snapshot()),
      signature: "verified",
      keyFingerprint: key.fingerprint,
    });
    expect(parseSnapshotWithIntegrity(text, "s.json").integrity.signature).toBe("unverified");
  });

  it("signs the prefixed digest text, so openssl or any Ed25519 library can check it", () => {
    const { text, key } = signed(snapshot());
    const integrity = JSON.parse(text).integrity;
    expect(
      verify(
        null,
        Buffer.from(SIGNED_TEXT_PREFIX + integrity.digest),
        key.public,
        Buffer.from(integrity.signature.value, "base64"),
      ),
    ).toBe(true);
    expect(integrity.signature.keyFingerprint).toBe(keyFingerprint(key.public));
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it("one byte of content changed: digest mismatch naming the file", () => {
    const { text, key } = signed(snapshot());
    const tampered = text.replace('"alice"', '"alicf"');
    expect(tampered).not.toBe(text);
    const error = inputError(() =>
      parseSnapshotWithIntegrity(tampered, "vendor.json", { key: key.public, path: "pub.pem" }),
    );
    expect(error.message).toMatch(/^vendor\.json:integrity\.digest: digest mismatch/);
    // Without --verify the digest is still checked.
    expect(() => parseSnapshotWithIntegrity(tampered, "vendor.json")).toThrow(/digest mismatch/);
  });

  it("a digest recomputed after editing, without the key, breaks the signature", () => {
    const doc = snapshot();
    const { text } = signed(doc);
    const integrity = JSON.parse(text).integrity;
    doc.resources[1]!.name = "mallory";
    const forged = JSON.stringify({ ...doc, integrity: { ...integrity, digest: snapshotDigest(doc) } });
    expect(inputError(() => parseSnapshotWithIntegrity(forged, "v.json")).message).toMatch(
      /integrity\.signature: the signature .* does not match/,
    );
  });

  it("wrong key: names both fingerprints", () => {
    const { text, key } = signed(snapshot());
    const other = keys();
    const error = inputError(() =>
      parseSnapshotWithIntegrity(text, "v.json", { key: other.public, path: "other.pub.pem" }),
    );
    expect(error.message).toContain(`signed by ${key.fingerprint}, not by the --verify key other.pub.pem`);
    expect(error.message).toContain(other.fingerprint);
  });

  it("re-signed with another key and that key's fingerprint swapped in: caught", () => {
    const doc = snapshot();
    const { text, key } = signed(doc);
    const attacker = keys();
    const resigned = JSON.parse(signed(doc, attacker).text);
    resigned.integrity.signature.keyFingerprint = key.fingerprint;
    expect(() => parseSnapshotWithIntegrity(JSON.stringify(resigned), "v.json")).toThrow(
      /is not the fingerprint of the signing key/,
    );
    expect(JSON.parse(text).integrity.signature.keyFingerprint).toBe(key.fingerprint);
  });

  it("unsigned: evaluated as such; with a trusted key it is refused", () => {
    const doc = snapshot();
    const digestOnly = JSON.stringify({ ...doc, integrity: integrityFor(snapshotDigest(doc)) });
    expect(parseSnapshotWithIntegrity(digestOnly, "v.json").integrity).toEqual({
      digest: snapshotDigest(doc),
      signature: "none",
    });
    expect(parseSnapshotWithIntegrity(JSON.stringify(doc), "v.json").integrity).toEqual({
      signature: "none",
    });
    const key = keys();
    expect(() =>
      parseSnapshotWithIntegrity(digestOnly, "v.json", { key: key.public, path: "p.pem" }),
    ).toThrow(/v\.json:integrity: not signed \(a digest only\), but --verify p\.pem/);
    expect(() =>
      parseSnapshotWithIntegrity(JSON.stringify(doc), "v.json", { key: key.public, path: "p.pem" }),
    ).toThrow(/v\.json: not signed \(no integrity section\)/);
  });

  it("checks the recorded digest against the JSON as read, not after schema defaults", () => {
    // aws.iam.user's path defaults to "/" in the schema; the digest must cover the file as written.
    const doc = snapshot();
    const text = JSON.stringify({ ...doc, integrity: integrityFor(snapshotDigest(doc)) });
    const { snapshot: read, integrity } = parseSnapshotWithIntegrity(text, "v.json");
    expect(integrity.digest).toBe(snapshotDigest(doc));
    expect((read.resources[1]!.attributes as { path?: string }).path).toBe("/");
    expect(checkSnapshotIntegrity(JSON.parse(text), "v.json").digest).toBe(snapshotDigest(doc));
  });
});

describe("key files", () => {
  it("rejects a public key given as the signing key, an RSA key, and text that is no key", () => {
    const pair = keys();
    expect(() => parseSigningKey(pair.publicKeyPem, "k.pem")).toThrow(/k\.pem: not a private key/);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const rsaPem = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => parseSigningKey(rsaPem, "rsa.pem")).toThrow(/a rsa key; snapshots are signed with Ed25519/);
    expect(() => parseVerifyKey("hello", "p.pem")).toThrow(/p\.pem: not a public key/);
    expect(parseSigningKey(pair.privateKeyPem, "k.pem").asymmetricKeyType).toBe("ed25519");
  });

  it("opens an encrypted private key only with its passphrase", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey
      .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "s3cret" })
      .toString();
    expect(() => parseSigningKey(pem, "enc.pem")).toThrow(/ITAKU_SIGNING_KEY_PASSPHRASE/);
    expect(parseSigningKey(pem, "enc.pem", "s3cret").asymmetricKeyType).toBe("ed25519");
  });
});

describe("digest of a value as written", () => {
  it("equals the digest of the file JSON.stringify writes, NaN and undefined included", () => {
    const doc: Record<string, unknown> = {
      ...snapshot(),
      $schema: undefined,
      resources: [
        { ...snapshot().resources[0], attributes: { accountId: "111122223333", ratio: Number.NaN } },
      ],
    };
    const written = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
    expect(writtenSnapshotDigest(doc)).toBe(snapshotDigest(written));
    expect(() => snapshotDigest(doc)).toThrow(/NaN/);
  });
});
