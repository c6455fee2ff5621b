// The `junit` format: JUnit XML for CI test views. A suite per rule, a case per resource the rule
// judged; fail is a <failure>, unknown / waived / not_applicable are <skipped> with the reason.
import type { CheckMeta, Finding, Result } from "@itaku/core";
import { compareWithinRule, headerNotes, type ReportContext, ruleLookup, waiverNote } from "./report-context";
import { describeValue, visibleText } from "./scanned-text";
import { escapeXmlAttribute as attr, escapeXmlText as text } from "./xml-escape";

function caseName(finding: Finding): string {
  const { type, name, id } = finding.resource;
  return visibleText(name === id ? `${type} ${name}` : `${type} ${name} (${id})`);
}

function skipReason(finding: Finding): string {
  switch (finding.status) {
    case "waived":
      return `waived: ${finding.waiver ? waiverNote(finding.waiver) : finding.message}`;
    case "unknown":
      return `unknown: ${finding.message}`;
    default:
      return `not applicable: ${finding.message}`;
  }
}

function failureDetails(finding: Finding, remediation: CheckMeta["remediation"] | undefined): string {
  const { resource } = finding;
  const lines = [
    finding.message,
    `resource: ${resource.type} ${resource.id}`,
    `name: ${resource.name}`,
    `scope: ${resource.scope}/${resource.region}`,
    `controls: ${finding.controls.join(", ")}`,
    ...Object.keys(finding.evidence)
      .sort()
      .map((key) => `evidence.${key}: ${describeValue(finding.evidence[key])}`),
    // How to fix it, where a CI log reader looks: in the failure itself.
    ...(remediation
      ? [
          `remediation: ${remediation.summary}`,
          ...(remediation.cli ? [`remediation.cli: ${remediation.cli}`] : []),
          ...(remediation.pulumi ? [`remediation.pulumi: ${remediation.pulumi.replace(/\n/g, " ")}`] : []),
        ]
      : []),
  ];
  // Each line is made visible on its own, so the only newlines left are the ones between lines.
  return lines.map((line) => visibleText(line)).join("\n");
}

function testCase(finding: Finding, indent: string, remediation?: CheckMeta["remediation"]): string {
  const open = `${indent}<testcase name="${attr(caseName(finding))}" classname="${attr(`itaku.${finding.ruleId}`)}" time="0"`;
  if (finding.status === "pass") return `${open}/>`;
  if (finding.status === "fail") {
    const message = attr(visibleText(finding.message));
    const type = attr(finding.messageId ?? "fail");
    return `${open}>\n${indent}  <failure message="${message}" type="${type}">${text(failureDetails(finding, remediation))}</failure>\n${indent}</testcase>`;
  }
  return `${open}>\n${indent}  <skipped message="${attr(visibleText(skipReason(finding)))}"/>\n${indent}</testcase>`;
}

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

function countsOf(findings: readonly Finding[]): Counts {
  let failures = 0;
  let skipped = 0;
  for (const finding of findings) {
    if (finding.status === "fail") failures++;
    else if (finding.status !== "pass") skipped++;
  }
  return { tests: findings.length, failures, skipped };
}

const countAttributes = (c: Counts) =>
  `tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}"`;

export function renderJunit(result: Result, ctx: ReportContext): string {
  return [...renderJunitChunks(result, ctx)].join("");
}

/**
 * The JUnit XML in pieces — a suite's test cases a batch at a time — so an estate with millions of
 * findings (a test case each) never has to fit in one string (V8's cap is ~512 MiB).
 */
export function* renderJunitChunks(
  result: Result,
  ctx: ReportContext,
  casesPerPiece = 2000,
): Generator<string> {
  const lookup = ruleLookup(ctx);
  const byRule = new Map<string, Finding[]>();
  // Every rule that ran gets a suite, even one with no resource in scope.
  for (const rule of ctx.rules) byRule.set(rule.id, []);
  for (const finding of result.findings) {
    const list = byRule.get(finding.ruleId);
    if (list) list.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  const total = countsOf(result.findings);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="itaku" ${countAttributes(total)} time="0">\n`;
  const notes = headerNotes(result);
  for (const ruleId of [...byRule.keys()].sort()) {
    const findings = [...byRule.get(ruleId)!].sort(compareWithinRule);
    const rule = lookup(ruleId);
    const severity = rule?.severity ?? findings[0]?.severity ?? "info";
    const controls = rule ? rule.controls : (findings[0]?.controls ?? []);
    const properties = [
      ["severity", severity],
      ["controls", controls.join(" ")],
      ...(rule ? [["title", rule.title.en]] : []),
      ...notes.map((note) => ["note", note]),
    ]
      .map(([name, value]) => `      <property name="${attr(name!)}" value="${attr(value!)}"/>`)
      .join("\n");
    yield `  <testsuite name="${attr(ruleId)}" ${countAttributes(countsOf(findings))} time="0" timestamp="${attr(result.evaluatedAt.replace(/\.\d+Z$|Z$/, ""))}">\n    <properties>\n${properties}\n    </properties>\n`;
    for (let start = 0; start < findings.length; start += casesPerPiece) {
      const batch = findings.slice(start, start + casesPerPiece);
      yield `${batch.map((finding) => testCase(finding, "    ", rule?.remediation)).join("\n")}\n`;
    }
    yield "  </testsuite>\n";
  }
  yield "</testsuites>\n";
}
