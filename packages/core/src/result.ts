// The Result: the engine's output and the stable JSON contract (`schemaVersion: 1`) every reporter reads.
import { z } from "zod";
import { accessSectionSchema } from "./audit/access-review";
import { sourceLocationSchema } from "./model/resource";
import { gapSchema, sourceStatusFields } from "./snapshot";
import { snapshotProvenanceReportSchema } from "./snapshot-provenance";

export const RESULT_SCHEMA_VERSION = 1;
export const FINDING_STATUSES = ["pass", "fail", "unknown", "waived", "not_applicable"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const CONTROL_STATUSES = [
  "pass",
  "fail",
  "unknown",
  "waived",
  "not_applicable",
  "attested",
  "not_assessed",
] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

const severity = z.enum(["critical", "high", "medium", "low", "info"]);

export const findingSchema = z
  .object({
    ruleId: z.string(),
    status: z.enum(FINDING_STATUSES),
    severity,
    controls: z.array(z.string()),
    resource: z
      .object({
        type: z.string(),
        id: z.string(),
        name: z.string(),
        scope: z.string(),
        region: z.string(),
        /** The Pulumi resource to change, for findings on infrastructure code. */
        urn: z.string().optional(),
        source: sourceLocationSchema.optional(),
      })
      .strict(),
    /** The rule's message id for fail; absent for other statuses. Tests and tools key on it. */
    messageId: z.string().optional(),
    message: z.string(),
    evidence: z.record(z.string(), z.unknown()),
    waiver: z.object({ reason: z.string(), approvedBy: z.string(), expires: z.string() }).strict().nullable(),
  })
  .strict();
export type Finding = z.infer<typeof findingSchema>;

export const attestationSchema = z
  .object({
    control: z.string(),
    status: z.enum(["implemented", "not_implemented", "not_applicable"]),
    note: z.string().optional(),
    by: z.string(),
    at: z.string(),
  })
  .strict();
export type Attestation = z.infer<typeof attestationSchema>;

export const controlResultSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["auto", "partial", "manual"]),
    status: z.enum(CONTROL_STATUSES),
    rules: z.array(z.string()),
    counts: z
      .object({ pass: z.number(), fail: z.number(), unknown: z.number(), waived: z.number() })
      .strict(),
    attestation: attestationSchema.nullable(),
  })
  .strict();
export type ControlResult = z.infer<typeof controlResultSchema>;

export const waiverReportSchema = z
  .object({
    rule: z.string(),
    resource: z.string(),
    reason: z.string(),
    approvedBy: z.string(),
    expires: z.string(),
    /** active: applied to at least one finding; expired: past its date, no longer applied; unused: matched nothing. */
    status: z.enum(["active", "expired", "unused"]),
    matched: z.number().int(),
  })
  .strict();
export type WaiverReport = z.infer<typeof waiverReportSchema>;

export const ruleSummarySchema = z
  .object({
    id: z.string(),
    title: z.object({ en: z.string(), ja: z.string() }).strict(),
    severity,
    controls: z.array(z.string()),
    remediation: z
      .object({ summary: z.string(), cli: z.string().optional(), pulumi: z.string().optional() })
      .strict(),
  })
  .strict();
export type RuleSummary = z.infer<typeof ruleSummarySchema>;

export const resultSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal("itaku"), version: z.string() }).strict(),
    /** The evaluation instant; equal to `now`, so the same inputs give byte-identical output. */
    evaluatedAt: z.string(),
    now: z.string(),
    origin: z.enum(["live", "iac"]),
    sources: z.array(
      z
        .object({
          provider: z.string(),
          scope: z.string(),
          regions: z.array(z.string()),
          gaps: z.array(gapSchema),
          ...sourceStatusFields,
          /**
           * How the source was read, where it says something (the audit's Athena and LookupEvents):
           * `queries`, `dataScannedBytes`, `costUsd` (an estimate at Athena's list price), `engineMs`,
           * `elapsedMs`, `requests`… Counters only, never secrets.
           */
          stats: z.record(z.string(), z.number()).optional(),
        })
        .strict(),
    ),
    summary: z
      .object({
        pass: z.number().int(),
        fail: z.number().int(),
        unknown: z.number().int(),
        waived: z.number().int(),
        not_applicable: z.number().int(),
      })
      .strict(),
    /** What was scanned, per source and type (control NIC-1-4-1-1, the system inventory). */
    inventory: z.array(
      z
        .object({ provider: z.string(), scope: z.string(), type: z.string(), count: z.number().int() })
        .strict(),
    ),
    controls: z.array(controlResultSchema),
    findings: z.array(findingSchema),
    waivers: z.array(waiverReportSchema),
    /** The access review of an audit (`itaku audit`): per roster person, then principals that map to no one. */
    access: accessSectionSchema.optional(),
    /** What the reports say about each rule with a finding: its title and how to fix what it finds. */
    rules: z.array(ruleSummarySchema).optional(),
    /** Where each evaluated snapshot file came from and whether its digest and signature hold (`evaluate`, `scan --snapshot`). */
    provenance: z.array(snapshotProvenanceReportSchema).optional(),
    /**
     * Present when display filters (`--severity`, `--rules`, `--status`…) hid findings: `findings` holds
     * only those shown; `summary` and `controls` are still the evaluation of every finding.
     */
    view: z
      .object({
        filters: z
          .object({
            severity: z.array(severity).optional(),
            rules: z.array(z.string()).optional(),
            excludeRules: z.array(z.string()).optional(),
            controls: z.array(z.string()).optional(),
            status: z.array(z.enum(FINDING_STATUSES)).optional(),
          })
          .strict(),
        findingsShown: z.number().int(),
        findingsTotal: z.number().int(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Result = z.infer<typeof resultSchema>;
