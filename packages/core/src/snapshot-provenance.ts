// What a snapshot says about itself: the tool that wrote it, and (optionally) its integrity — a SHA-256
// digest of its canonical content and an Ed25519 signature of that digest (snapshot-integrity.ts).
import { z } from "zod";

export const snapshotProvenanceSchema = z
  .object({
    /** The tool and version that collected the snapshot. */
    tool: z.object({ name: z.literal("itaku"), version: z.string() }).strict(),
  })
  .strict();
export type SnapshotProvenance = z.infer<typeof snapshotProvenanceSchema>;

export const snapshotSignatureSchema = z
  .object({
    algorithm: z.literal("ed25519"),
    /** The signer's public key: base64 of its DER SubjectPublicKeyInfo (as `openssl pkey -pubout -outform DER`). */
    publicKey: z.string(),
    /** `SHA256:` + base64 of the SHA-256 of that DER key: the name reports give the signer. */
    keyFingerprint: z.string(),
    /** base64 of the Ed25519 signature of the UTF-8 text `itaku-snapshot-v1 ` + `digest`. */
    value: z.string(),
  })
  .strict();

export const snapshotIntegritySchema = z
  .object({
    /**
     * `sha256:` + hex SHA-256 of the snapshot without this `integrity` member, in the JSON
     * Canonicalization Scheme (RFC 8785): whitespace and member order do not matter, every value does.
     */
    digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    signature: snapshotSignatureSchema.optional(),
  })
  .strict();
export type SnapshotIntegrity = z.infer<typeof snapshotIntegritySchema>;

/**
 * Who read a source: the AWS caller identity ARN (`sts:GetCallerIdentity`), the LDAP bind DN, or the
 * Pulumi stack (`project/stack`).
 */
export const collectedBySchema = z.string();

/** A Result's account of one evaluated snapshot file: what it says about itself and what was checked. */
export const snapshotProvenanceReportSchema = z
  .object({
    /** The snapshot file as named on the command line. */
    file: z.string(),
    /** `itaku 0.1.0`: the tool that wrote it, when it says. */
    tool: z.string().optional(),
    collectedAt: z.string(),
    /** Who read its sources (distinct identities, in source order). */
    collectedBy: z.array(z.object({ provider: z.string(), identity: z.string() }).strict()),
    /** The recorded digest, recomputed and found equal; absent when the file records none. */
    digest: z.string().optional(),
    /** none: unsigned; unverified: signed, no --verify key given; verified: signed by the --verify key. */
    signature: z.enum(["none", "unverified", "verified"]),
    keyFingerprint: z.string().optional(),
  })
  .strict();
export type SnapshotProvenanceReport = z.infer<typeof snapshotProvenanceReportSchema>;
