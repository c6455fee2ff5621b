import type { Result } from "@itaku/core";
import { fixtureContext, fixtureResult, HOSTILE } from "./fixtures";
import { REPORT_FORMATS, renderReport } from "./index";
import { provenanceNotes } from "./provenance";

// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for raw control characters
const RAW_DANGER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const FINGERPRINT = "SHA256:L2p9mxCcMlDztyUNBz2/QlxFDYorqjK4CK+b5guzSig";

const entry = (file: string, over: Partial<NonNullable<Result["provenance"]>[number]> = {}) => ({
  file,
  tool: "itaku 0.1.0",
  collectedAt: "2026-11-20T09:00:00.000Z",
  collectedBy: [{ provider: "aws", identity: `arn:aws:sts::111122223333:assumed-role/Audit/${file}` }],
  digest: `sha256:${"0".repeat(64)}`,
  signature: "verified" as const,
  keyFingerprint: FINGERPRINT,
  ...over,
});

describe("provenance notes", () => {
  it("one line per standing: many files signed by one key read as one line", () => {
    const result: Result = {
      ...fixtureResult(),
      provenance: [
        ...["a", "b", "c", "d", "e"].map((f) => entry(`${f}.json`)),
        entry("u.json", {
          signature: "none",
          keyFingerprint: undefined,
          collectedAt: "2026-11-21T00:00:00Z",
        }),
        entry("old.json", {
          signature: "none",
          keyFingerprint: undefined,
          digest: undefined,
          tool: undefined,
          collectedBy: [],
        }),
        entry("s.json", {
          signature: "unverified",
          collectedBy: [{ provider: "pulumi", identity: "net/prod" }],
        }),
      ],
    };
    expect(provenanceNotes(result)).toEqual([
      `provenance: signed by ${FINGERPRINT}, verified — 5 snapshots (a.json, b.json, c.json and 2 more), collected 2026-11-20T09:00:00.000Z by arn:aws:sts::111122223333:assumed-role/Audit/a.json, arn:aws:sts::111122223333:assumed-role/Audit/b.json, arn:aws:sts::111122223333:assumed-role/Audit/c.json and 2 more with itaku 0.1.0`,
      "provenance: unsigned (digest matches the content, but anyone who can edit the file can recompute it) — u.json, collected 2026-11-21T00:00:00Z by arn:aws:sts::111122223333:assumed-role/Audit/u.json with itaku 0.1.0",
      "provenance: unsigned, no digest (written before itaku recorded provenance) — old.json, collected 2026-11-20T09:00:00.000Z with an unnamed tool",
      `provenance: signed by ${FINGERPRINT}, not verified (no --verify key given) — s.json, collected 2026-11-20T09:00:00.000Z by Pulumi stack net/prod with itaku 0.1.0`,
    ]);
    expect(provenanceNotes(fixtureResult())).toEqual([]);
  });

  it.each(REPORT_FORMATS)("%s: states it, with a hostile file name and identity escaped", (format) => {
    const result: Result = {
      ...fixtureResult(),
      provenance: [entry(HOSTILE, { collectedBy: [{ provider: "ad", identity: HOSTILE }] })],
    };
    const output = renderReport(format, result, fixtureContext({ width: 400 }));
    if (format === "json") expect(JSON.parse(output).provenance[0].keyFingerprint).toBe(FINGERPRINT);
    else expect(output).toContain(`provenance: signed by ${FINGERPRINT}, verified`);
    expect(output).not.toMatch(RAW_DANGER);
    if (!["json", "sarif", "table", "csv"].includes(format)) expect(output).not.toContain("<script>alert(1)");
  });
});
