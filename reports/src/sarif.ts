// The `sarif` format: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One reporting
// descriptor per rule, one result per failing or waived finding (waived ones as accepted suppressions).
import { createHash } from "node:crypto";
import type { CheckMeta, Finding, Result, Severity } from "@itaku/core";
import type * as Sarif from "sarif";
import { jsonInPieces } from "./json-pieces";
import {
  allGaps,
  controlLookup,
  headerNotes,
  type ReportContext,
  ruleLookup,
  sourceLabel,
  sourceStatuses,
  statusOfSource,
  waiverNote,
} from "./report-context";
import { ruleDocsUrl } from "./rule-docs-url";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

const LEVEL: Record<Severity, Sarif.Result.level> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/**
 * GitHub ranks security alerts by `security-severity` (9.0+ critical, 7.0–8.9 high, 4.0–6.9 medium,
 * 0.1–3.9 low). `info` has no band there, so it carries none and GitHub falls back to its level.
 */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: undefined,
};

/** Key of the fingerprint in `partialFingerprints`; bump the version only if the hashed identity changes. */
export const FINGERPRINT_KEY = "itakuFinding/v1";

/** A hash of the finding's identity: rule, and the resource's scope, type and id. Stable across runs. */
export function findingFingerprint(finding: Finding): string {
  const { scope, type, id } = finding.resource;
  return createHash("sha256").update([finding.ruleId, scope, type, id].join("\u0000")).digest("hex");
}

function pathSegment(text: string): string {
  const encoded = encodeURIComponent(text);
  // "." and ".." would be resolved away as path steps; encode them so every resource keeps its own path.
  return encoded === "." || encoded === ".." ? encoded.replace(/\./g, "%2E") : encoded;
}

/**
 * The synthetic location of a resource. Cloud and directory resources have no file, but GitHub code
 * scanning needs a physical location on every result and rejects absolute URIs with an unknown scheme
 * (`itaku://…` fails upload with "unrecognized SARIF location URI scheme"). So the location is a
 * relative, repository-style path that names the resource — `itaku/<scope>/<type>/<id>`, every part
 * percent-encoded — which uploads, shows up as the alert's "file", and stays the same across runs.
 * The resource itself is also given as a logical location for viewers that show those.
 */
export function resourceUri(finding: Finding): string {
  const { scope, type, id } = finding.resource;
  return ["itaku", scope, type, id].map(pathSegment).join("/");
}

/** SARIF message strings treat `[text](target)` as an embedded link; escape brackets in scanned text. */
export function escapeSarifMessage(text: string): string {
  return text.replace(/\\(?=[[\]])/g, "\\\\").replace(/[[\]]/g, "\\$&");
}

/** GitHub shows `name` as the rule's friendly name; SARIF asks for a Pascal-case identifier. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?。]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function ruleDescriptor(
  ruleId: string,
  rule: CheckMeta | undefined,
  severity: Severity,
  ctx: ReportContext,
  toolVersion: string,
): Sarif.ReportingDescriptor {
  const control = controlLookup(ctx);
  const controls = rule ? [...rule.controls] : [];
  const title = rule?.title.en ?? ruleId;
  const description = rule ? `${sentence(rule.description.en)} ${rule.description.ja}` : sentence(title);
  const controlLines = controls.map((id) => {
    const entry = control(id);
    return entry ? `${id} (${entry.clause}): ${entry.title.en} / ${entry.title.ja}` : id;
  });
  const remediation = rule?.remediation;
  const text = [
    sentence(remediation?.summary ?? title),
    ...(remediation?.cli ? ["", "CLI:", remediation.cli] : []),
    ...(remediation?.pulumi ? ["", "Pulumi:", remediation.pulumi] : []),
    ...(controlLines.length > 0
      ? ["", "Contract controls:", ...controlLines.map((line) => `- ${line}`)]
      : []),
  ].join("\n");
  const markdown = [
    `**${title}** (${rule?.title.ja ?? ""})`,
    "",
    rule ? `${sentence(rule.description.en)}\n\n${rule.description.ja}` : "",
    "",
    `**Remediation:** ${sentence(remediation?.summary ?? title)}`,
    ...(remediation?.cli ? ["", "```sh", remediation.cli, "```"] : []),
    ...(remediation?.pulumi ? ["", "```ts", remediation.pulumi, "```"] : []),
    ...(controlLines.length > 0
      ? ["", "**Contract controls:**", "", ...controlLines.map((line) => `- ${line}`)]
      : []),
  ].join("\n");
  const securitySeverity = SECURITY_SEVERITY[severity];
  return {
    id: ruleId,
    name: pascalCase(ruleId),
    shortDescription: { text: sentence(title) },
    fullDescription: { text: description },
    help: { text, markdown },
    // Only rules have pages; a check the catalog does not know (a Result from another version) has none.
    ...(rule ? { helpUri: ruleDocsUrl(ruleId, toolVersion) } : {}),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ["security", "compliance", ...controls],
      severity,
      ...(securitySeverity ? { "security-severity": securitySeverity } : {}),
      ...(rule ? { "title-ja": rule.title.ja } : {}),
    },
  };
}

/**
 * Where to look. A finding on infrastructure code points at the line of the program that declares the
 * resource (or at the stack or preview file when the engine recorded no position), named by its URN;
 * any other at the synthetic path of the live resource.
 */
function resourceLocation(finding: Finding): Sarif.Location {
  const { resource } = finding;
  if (resource.urn) {
    const { source } = resource;
    return {
      ...(source
        ? {
            physicalLocation: {
              artifactLocation: { uri: source.file.split("/").map(encodeURIComponent).join("/") },
              region: source.line
                ? { startLine: source.line, ...(source.column ? { startColumn: source.column } : {}) }
                : { startLine: 1 },
            },
          }
        : {}),
      logicalLocations: [{ name: resource.name, fullyQualifiedName: resource.urn, kind: "resource" }],
    };
  }
  return {
    // The synthetic artifact is one line long; the region names all of it (SARIF §3.30, whole artifact).
    physicalLocation: {
      artifactLocation: { uri: resourceUri(finding) },
      region: { startLine: 1, endLine: 1 },
    },
    logicalLocations: [{ name: resource.name, fullyQualifiedName: resource.id, kind: "resource" }],
  };
}

function sarifResult(finding: Finding, ruleIndex: number): Sarif.Result {
  const { resource } = finding;
  const text = `${finding.message} (${resource.type} "${resource.name}" in ${resource.scope}/${resource.region}).`;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: escapeSarifMessage(text) },
    locations: [resourceLocation(finding)],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding) },
    ...(finding.status === "waived" && finding.waiver
      ? {
          suppressions: [{ kind: "external", status: "accepted", justification: waiverNote(finding.waiver) }],
        }
      : {}),
    properties: {
      status: finding.status,
      severity: finding.severity,
      controls: finding.controls,
      ...(finding.messageId ? { messageId: finding.messageId } : {}),
      resource,
      evidence: finding.evidence,
      ...(finding.waiver ? { waiver: finding.waiver } : {}),
    },
  };
}

export function renderSarif(result: Result, ctx: ReportContext): string {
  return [...renderSarifChunks(result, ctx)].join("");
}

/**
 * The SARIF log in pieces (see json-pieces.ts): its results, one per failed or waived finding, a
 * batch at a time, so a million-resource estate's log never has to fit in one string.
 */
export function renderSarifChunks(
  result: Result,
  ctx: ReportContext,
  resultsPerPiece?: number,
): Generator<string> {
  const lookup = ruleLookup(ctx);
  // Every rule that ran, plus any rule a finding names that the context does not know.
  const severityOf = new Map<string, Severity>(ctx.rules.map((rule) => [rule.id, rule.severity]));
  for (const finding of result.findings)
    if (!severityOf.has(finding.ruleId)) severityOf.set(finding.ruleId, finding.severity);
  const ruleIds = [...severityOf.keys()].sort();
  const indexOf = new Map(ruleIds.map((id, index) => [id, index]));

  const notifications: Sarif.Notification[] = [
    // Accounts (sources) not read fully: failed is an error (its controls are unknown), partial a
    // warning, skipped a note; each carries its status and reason for tools that read properties.
    ...sourceStatuses(result).notOk.map((source): Sarif.Notification => {
      const status = statusOfSource(source);
      return {
        level: status === "failed" ? "error" : status === "partial" ? "warning" : "note",
        message: {
          text: escapeSarifMessage(
            `Source ${status}: ${sourceLabel(source)}${source.reason ? ` — ${source.reason}` : ""}.`,
          ),
        },
        descriptor: { id: "itaku-source-status" },
        properties: {
          source: {
            provider: source.provider,
            scope: source.scope,
            status,
            ...(source.reason ? { reason: source.reason } : {}),
            ...(source.account ? { account: source.account } : {}),
          },
        },
      };
    }),
    ...allGaps(result).map(
      (gap): Sarif.Notification => ({
        level: "warning",
        message: {
          text: escapeSarifMessage(
            `Not collected: ${gap.resourceType} in ${gap.scope}/${gap.region} (${gap.operation}: ${gap.code}${gap.message ? ` — ${gap.message}` : ""}).`,
          ),
        },
        descriptor: { id: "itaku-gap" },
        properties: { gap },
      }),
    ),
    ...result.waivers
      .filter((waiver) => waiver.status === "expired")
      .map(
        (waiver): Sarif.Notification => ({
          level: "warning",
          message: {
            text: escapeSarifMessage(
              `Waiver expired on ${waiver.expires} and no longer applies: rule ${waiver.rule}, resource ${waiver.resource} (approved by ${waiver.approvedBy}).`,
            ),
          },
          descriptor: { id: "itaku-waiver-expired" },
          properties: { waiver },
        }),
      ),
  ];

  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            ...(/^\d+\.\d+\.\d+/.test(result.tool.version) ? { semanticVersion: result.tool.version } : {}),
            rules: ruleIds.map((id) =>
              ruleDescriptor(id, lookup(id), severityOf.get(id)!, ctx, result.tool.version),
            ),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: result.evaluatedAt,
            toolExecutionNotifications: notifications,
          },
        ],
        results: [],
        properties: {
          schemaVersion: result.schemaVersion,
          now: result.now,
          origin: result.origin,
          summary: result.summary,
          notes: headerNotes(result),
          controls: Object.fromEntries(result.controls.map((control) => [control.id, control.status])),
        },
      },
    ],
  };
  const reported = result.findings.filter(
    (finding) => finding.status === "fail" || finding.status === "waived",
  );
  // runs[0].results: the root, "runs" and the run's object make three levels of two spaces.
  return jsonInPieces(log, "results", 6, reported, resultsPerPiece, (finding) =>
    sarifResult(finding, indexOf.get(finding.ruleId)!),
  );
}
