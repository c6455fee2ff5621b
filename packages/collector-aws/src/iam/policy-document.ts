// IAM returns policy documents URL-encoded (RFC 3986); rules read them as parsed JSON.
import { type PolicyDocument, policyDocument } from "@itaku/core";

export type DecodedPolicy = { ok: true; document: PolicyDocument } | { ok: false; reason: string };

/**
 * Decodes and validates one policy document. Plain JSON is accepted too: some servers (and moto,
 * for trust policies) return documents that are not URL-encoded.
 */
export function decodePolicyDocument(raw: string | undefined): DecodedPolicy {
  if (raw === undefined || raw === "") return { ok: false, reason: "the document is empty" };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    try {
      json = JSON.parse(decodeURIComponent(raw));
    } catch {
      return { ok: false, reason: "the document is neither URL-encoded JSON nor JSON" };
    }
  }
  const parsed = policyDocument.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      reason: `the document does not match the policy grammar at ${issue.path.join(".") || "(top)"}`,
    };
  }
  return { ok: true, document: parsed.data };
}
