// An audit's Result: the detections' findings with the same contract as `scan` (statuses, waivers,
// controls, summary), the sources with their gaps, and the access review. Pure: no clock, no I/O.
import {
  applyWaivers,
  type CatalogControl,
  compareFindings,
  controlResults,
  summarize,
  type Waiver,
} from "../engine";
import { type Attestation, type Finding, RESULT_SCHEMA_VERSION, type Result } from "../result";
import { accessSection } from "./access-review";
import type { AnyDetection } from "./detection";
import {
  type AuditFoldInit,
  type AuditState,
  auditWindow,
  type DetectionCoverage,
  reportDetections,
} from "./fold";

export interface AuditResultInput {
  init: AuditFoldInit;
  state: AuditState;
  coverage: DetectionCoverage;
  /** Every detection the run may name (the enabled ones are in init.detections). */
  catalog: readonly AnyDetection[];
  /** With, where known, each source's status, account metadata and reading statistics. */
  sources: Result["sources"];
  inventory: Result["inventory"];
  now: Date;
  waivers?: readonly Waiver[];
  attestations?: readonly Attestation[];
  controls?: readonly CatalogControl[];
  toolVersion: string;
}

export function auditResult(input: AuditResultInput): Result {
  const byId = new Map(input.catalog.map((d) => [d.id, d]));
  const findings: Finding[] = reportDetections(input.init, input.state, input.coverage, input.catalog).map(
    (f) => {
      const detection = byId.get(f.ruleId)!;
      return {
        ruleId: f.ruleId,
        status: f.status,
        severity: detection.severity,
        controls: [...detection.controls],
        resource: { ...f.subject },
        ...(f.messageId ? { messageId: f.messageId } : {}),
        message: f.message,
        evidence: f.evidence,
        waiver: null,
      };
    },
  );
  findings.sort(compareFindings);
  const waivers = applyWaivers(findings, input.waivers ?? [], input.now);
  const enabled = input.init.detections.map((d) => byId.get(d.id)!);
  const nowIso = input.now.toISOString();
  const window = auditWindow(input.init);
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: "itaku", version: input.toolVersion },
    evaluatedAt: nowIso,
    now: nowIso,
    origin: "live",
    sources: [...input.sources].sort((a, b) => (a.provider + a.scope < b.provider + b.scope ? -1 : 1)),
    summary: summarize(findings),
    inventory: input.inventory,
    controls: controlResults(input.controls ?? [], enabled, findings, input.attestations ?? []),
    findings,
    waivers,
    access: accessSection(input.state.access, input.init.people, {
      from: input.init.period.from,
      to: input.init.period.to,
      timeZone: input.init.audit.timeZone,
      baselineFrom: new Date(window.baselineFrom).toISOString(),
    }),
  };
}
