// DetectionTester: the RuleTester for access-log detections. One valid baseline of CloudTrail events,
// then one change per case; assertions on message ids and subjects. Every case is also folded in two
// halves whose states cross a structured clone and merge, and must give the same findings: a
// detection whose state does not merge or clone fails its own tests.
import {
  type AnyDetection,
  AuditFold,
  type AuditFoldInit,
  type AuditSettings,
  type CloudTrailEvent,
  type DetectionCoverage,
  type DetectionFinding,
  defaultAuditSettings,
  mergeAuditStates,
  type Roster,
  type RuleSettings,
  reportDetections,
} from "@itaku/core";

export interface DetectionTesterOptions {
  /** The compliant month: every case is one change away from it. */
  baseline: CloudTrailEvent[];
  roster: Roster | null;
  period: { from: string; to: string };
  audit?: Partial<AuditSettings>;
  subcontractors?: RuleSettings["subcontractors"];
  ownAccounts?: string[];
}

export interface DetectionDraft {
  events: CloudTrailEvent[];
  roster: Roster | null;
  audit: AuditSettings;
  subcontractors: RuleSettings["subcontractors"];
  coverage: DetectionCoverage;
}

export interface DetectionCase {
  name: string;
  /** The one change from the baseline (mutate the draft in place). */
  change?: (draft: DetectionDraft) => void;
  options?: Record<string, unknown>;
}

export interface InvalidDetectionCase extends DetectionCase {
  errors: { messageId: string; subject: string }[];
}

export interface DetectionTests {
  valid: DetectionCase[];
  invalid: InvalidDetectionCase[];
  /** Cases whose outcome is `unknown` (gaps, no roster) for the listed subjects; no fail allowed. */
  unknown?: (DetectionCase & { change: NonNullable<DetectionCase["change"]>; subjects: string[] })[];
  /** Cases the source cannot serve (no data events, no look-back): `not_applicable` only. */
  notApplicable?: (DetectionCase & { change: NonNullable<DetectionCase["change"]> })[];
}

export class DetectionTester {
  constructor(private readonly options: DetectionTesterOptions) {}

  prepare(testCase: DetectionCase): DetectionDraft {
    const draft: DetectionDraft = {
      events: structuredClone(this.options.baseline),
      roster: this.options.roster === null ? null : structuredClone(this.options.roster),
      audit: { ...defaultAuditSettings(), ...structuredClone(this.options.audit ?? {}) },
      subcontractors: structuredClone(this.options.subcontractors ?? []),
      coverage: { dataEvents: true, baseline: true, gaps: [] },
    };
    testCase.change?.(draft);
    return draft;
  }

  /** Folds the case's events in one pass and in two merged halves; both must report alike. */
  evaluateCase(detection: AnyDetection, testCase: DetectionCase): DetectionFinding[] {
    const draft = this.prepare(testCase);
    const init: AuditFoldInit = {
      period: this.options.period,
      audit: draft.audit,
      subcontractors: draft.subcontractors,
      people: draft.roster?.people ?? null,
      ownAccounts: this.options.ownAccounts ?? [],
      detections: [{ id: detection.id, options: detection.options.parse(testCase.options ?? {}) }],
    };
    const catalog = [detection];
    const whole = new AuditFold(init, catalog);
    for (const event of draft.events) whole.add(event);
    const findings = reportDetections(init, whole.state(), draft.coverage, catalog);

    const half = Math.floor(draft.events.length / 2);
    const first = new AuditFold(init, catalog);
    const second = new AuditFold(init, catalog);
    // The second half first: merging must not depend on the order files are read in.
    for (const event of draft.events.slice(half)) first.add(event);
    for (const event of draft.events.slice(0, half)) second.add(event);
    const merged = mergeAuditStates(structuredClone(first.state()), structuredClone(second.state()), catalog);
    const fromMerged = reportDetections(init, merged, draft.coverage, catalog);
    expect(fromMerged).toEqual(findings);
    return findings;
  }

  run(detection: AnyDetection, tests: DetectionTests): void {
    validateDetectionCases(detection, tests);
    this.rejectDuplicates(detection, tests);
    describe(detection.id, () => {
      describe("valid", () => {
        for (const testCase of tests.valid) {
          it(testCase.name, () => {
            const findings = this.evaluateCase(detection, testCase);
            expect(
              findings.filter((f) => f.status === "fail" || f.status === "unknown").map(describe_),
            ).toEqual([]);
            expect(findings.some((f) => f.status === "pass")).toBe(true);
          });
        }
      });
      describe("invalid", () => {
        for (const testCase of tests.invalid) {
          it(testCase.name, () => {
            const findings = this.evaluateCase(detection, testCase);
            const failed = findings
              .filter((f) => f.status === "fail")
              .map((f) => ({ messageId: f.messageId, subject: f.subject.id }));
            expect(sortErrors(failed)).toEqual(sortErrors(testCase.errors));
          });
        }
      });
      if (tests.unknown?.length) {
        describe("unknown", () => {
          for (const testCase of tests.unknown ?? []) {
            it(testCase.name, () => {
              const findings = this.evaluateCase(detection, testCase);
              expect(findings.filter((f) => f.status === "fail").map(describe_)).toEqual([]);
              expect(
                findings
                  .filter((f) => f.status === "unknown")
                  .map((f) => f.subject.id)
                  .sort(),
              ).toEqual([...testCase.subjects].sort());
            });
          }
        });
      }
      if (tests.notApplicable?.length) {
        describe("not applicable", () => {
          for (const testCase of tests.notApplicable ?? []) {
            it(testCase.name, () => {
              const findings = this.evaluateCase(detection, testCase);
              expect(findings.map((f) => f.status)).toEqual(["not_applicable"]);
            });
          }
        });
      }
    });
  }

  private rejectDuplicates(detection: AnyDetection, tests: DetectionTests): void {
    const seen = new Map<string, string>();
    const all = [...tests.valid, ...tests.invalid, ...(tests.unknown ?? []), ...(tests.notApplicable ?? [])];
    for (const testCase of all) {
      const key = JSON.stringify([this.prepare(testCase), testCase.options ?? {}]);
      const previous = seen.get(key);
      if (previous !== undefined)
        throw new Error(`${detection.id}: case "${testCase.name}" duplicates case "${previous}"`);
      seen.set(key, testCase.name);
    }
  }
}

/** Rejects cases that cannot mean anything: unknown message ids, duplicate names, untested messages. */
export function validateDetectionCases(detection: AnyDetection, tests: DetectionTests): void {
  const messageIds = new Set(Object.keys(detection.messages));
  const names = new Set<string>();
  for (const testCase of [
    ...tests.valid,
    ...tests.invalid,
    ...(tests.unknown ?? []),
    ...(tests.notApplicable ?? []),
  ]) {
    if (names.has(testCase.name)) throw new Error(`${detection.id}: duplicate case name "${testCase.name}"`);
    names.add(testCase.name);
  }
  const used = new Set<string>();
  for (const testCase of tests.invalid) {
    if (!testCase.change && !testCase.options)
      throw new Error(`${detection.id}: invalid case "${testCase.name}" changes nothing from the baseline`);
    if (testCase.errors.length === 0)
      throw new Error(`${detection.id}: invalid case "${testCase.name}" expects no errors`);
    for (const error of testCase.errors) {
      if (!messageIds.has(error.messageId))
        throw new Error(
          `${detection.id}: case "${testCase.name}" expects unknown message id "${error.messageId}"`,
        );
      used.add(error.messageId);
    }
  }
  const untested = [...messageIds].filter((id) => !used.has(id));
  if (untested.length > 0)
    throw new Error(`${detection.id}: no invalid case for message id(s) ${untested.join(", ")}`);
  if (tests.valid.length === 0) throw new Error(`${detection.id}: needs at least one valid case`);
}

const sortErrors = (errors: { messageId?: string; subject: string }[]) =>
  [...errors].sort((a, b) => `${a.subject} ${a.messageId}`.localeCompare(`${b.subject} ${b.messageId}`));

const describe_ = (f: DetectionFinding): string => `${f.status} ${f.subject.id}: ${f.message}`;
