// RuleTester: one valid baseline snapshot, then one change per case. Cases are data; assertions are
// on message ids and resource ids, never on wording (after ESLint's and typescript-eslint's testers).
import {
  type AnyRule,
  emptySettings,
  evaluate,
  type Finding,
  type ResourceOf,
  type ResourceType,
  type Roster,
  type RuleSettings,
  type Snapshot,
  snapshotSchema,
} from "@itaku/core";

export interface RuleTesterOptions {
  /** The compliant starting point; every case is one change away from it. */
  baseline: Snapshot;
  roster?: Roster | null;
  settings?: RuleSettings;
  now: Date;
}

export interface CaseInput {
  name: string;
  /** The one change from the baseline (mutate the draft in place). */
  change?: (draft: Snapshot, roster: Roster | null, settings: RuleSettings) => void;
  options?: Record<string, unknown>;
  now?: Date;
  /** Evaluate as if no roster had been given. */
  withoutRoster?: boolean;
}

export interface InvalidCase extends CaseInput {
  errors: { messageId: string; resource: string }[];
}

export interface UnknownCase extends CaseInput {
  change: NonNullable<CaseInput["change"]>;
  /** Resource ids that must come out `unknown`. */
  resources: string[];
}

export interface RuleTests {
  valid: CaseInput[];
  invalid: InvalidCase[];
  unknown?: UnknownCase[];
  /** Message ids exercised elsewhere (say, only reachable live); listed so coverage stays explicit. */
  untestedMessages?: string[];
}

export class RuleTester {
  constructor(private readonly options: RuleTesterOptions) {}

  /** Evaluates one rule on a case's snapshot; validates the fixture against the Snapshot schema first. */
  evaluateCase(rule: AnyRule, testCase: CaseInput): Finding[] {
    const { draft, roster, settings } = this.prepare(testCase);
    const check = snapshotSchema.safeParse(draft);
    if (!check.success) {
      const issue = check.error.issues[0]!;
      throw new Error(
        `case "${testCase.name}": fixture does not match the snapshot schema at ${issue.path.join(".")}: ${issue.message}`,
      );
    }
    const result = evaluate({
      snapshot: check.data as Snapshot,
      rules: [rule],
      ruleOptions: new Map([[rule.id, rule.options.parse(testCase.options ?? {})]]),
      now: testCase.now ?? this.options.now,
      roster,
      settings,
      toolVersion: "test",
    });
    return result.findings;
  }

  /** The case's inputs: the baseline with the case's one change applied. */
  private prepare(testCase: CaseInput) {
    const draft = structuredClone(this.options.baseline);
    const given = testCase.withoutRoster ? null : this.options.roster;
    const roster = given === undefined || given === null ? null : structuredClone(given);
    const settings = structuredClone(this.options.settings ?? emptySettings());
    testCase.change?.(draft, roster, settings);
    return { draft, roster, settings };
  }

  /** Two cases whose inputs are identical after their change test the same thing: the second is rejected. */
  private rejectDuplicates(rule: AnyRule, tests: RuleTests): void {
    const seen = new Map<string, string>();
    for (const testCase of [...tests.valid, ...tests.invalid, ...(tests.unknown ?? [])]) {
      const key = JSON.stringify([
        this.prepare(testCase),
        testCase.options ?? {},
        testCase.now?.toISOString() ?? "",
      ]);
      const previous = seen.get(key);
      if (previous !== undefined)
        throw new Error(`${rule.id}: case "${testCase.name}" duplicates case "${previous}"`);
      seen.set(key, testCase.name);
    }
  }

  run(rule: AnyRule, tests: RuleTests): void {
    validateCases(rule, tests);
    this.rejectDuplicates(rule, tests);
    describe(rule.id, () => {
      describe("valid", () => {
        for (const testCase of tests.valid) {
          it(testCase.name, () => {
            const findings = this.evaluateCase(rule, testCase);
            const bad = findings.filter((f) => f.status === "fail" || f.status === "unknown");
            expect(bad.map(describeFinding)).toEqual([]);
            expect(findings.some((f) => f.status === "pass" || f.status === "not_applicable")).toBe(true);
          });
        }
      });
      describe("invalid", () => {
        for (const testCase of tests.invalid) {
          it(testCase.name, () => {
            const findings = this.evaluateCase(rule, testCase);
            const failed = findings
              .filter((f) => f.status === "fail")
              .map((f) => ({ messageId: f.messageId, resource: f.resource.id }));
            expect(sortErrors(failed)).toEqual(sortErrors(testCase.errors));
          });
        }
      });
      if (tests.unknown?.length) {
        describe("unknown", () => {
          for (const testCase of tests.unknown ?? []) {
            it(testCase.name, () => {
              const findings = this.evaluateCase(rule, testCase);
              const unknown = findings.filter((f) => f.status === "unknown").map((f) => f.resource.id);
              expect(unknown.sort()).toEqual([...testCase.resources].sort());
              expect(findings.filter((f) => f.status === "fail").map(describeFinding)).toEqual([]);
            });
          }
        });
      }
    });
  }
}

/** Rejects cases that cannot mean anything: unknown message ids, duplicates, untested messages. */
export function validateCases(rule: AnyRule, tests: RuleTests): void {
  const messageIds = new Set(Object.keys(rule.messages));
  const names = new Set<string>();
  const all = [...tests.valid, ...tests.invalid, ...(tests.unknown ?? [])];
  for (const testCase of all) {
    if (names.has(testCase.name)) throw new Error(`${rule.id}: duplicate case name "${testCase.name}"`);
    names.add(testCase.name);
  }
  const used = new Set<string>();
  for (const testCase of tests.invalid) {
    if (!testCase.change && !testCase.withoutRoster && !testCase.options && !testCase.now) {
      throw new Error(`${rule.id}: invalid case "${testCase.name}" changes nothing from the baseline`);
    }
    if (testCase.errors.length === 0)
      throw new Error(`${rule.id}: invalid case "${testCase.name}" expects no errors`);
    for (const error of testCase.errors) {
      if (!messageIds.has(error.messageId)) {
        throw new Error(
          `${rule.id}: case "${testCase.name}" expects unknown message id "${error.messageId}"`,
        );
      }
      used.add(error.messageId);
    }
  }
  for (const id of tests.untestedMessages ?? []) used.add(id);
  const untested = [...messageIds].filter((id) => !used.has(id));
  if (untested.length > 0)
    throw new Error(`${rule.id}: no invalid case for message id(s) ${untested.join(", ")}`);
  if (tests.valid.length === 0) throw new Error(`${rule.id}: needs at least one valid case`);
}

const sortErrors = (errors: { messageId?: string; resource: string }[]) =>
  [...errors].sort((a, b) => `${a.resource} ${a.messageId}`.localeCompare(`${b.resource} ${b.messageId}`));

const describeFinding = (f: Finding): string => `${f.status} ${f.resource.id}: ${f.message}`;

/** A resource of a draft snapshot by type and id, for the one change a case makes; throws when absent. */
export function resourceIn<T extends ResourceType>(draft: Snapshot, type: T, id: string): ResourceOf<T> {
  const found = draft.resources.find((r) => r.type === type && r.id === id);
  if (!found) throw new Error(`fixture has no ${type} ${id}`);
  return found as unknown as ResourceOf<T>;
}

/** A fixture resource maker for one scope and default region: `resource(type, id, name, attributes)`. */
export function resourceBuilder(scope: string, defaultRegion: string) {
  return <T extends ResourceType>(
    type: T,
    id: string,
    name: string,
    attributes: ResourceOf<T>["attributes"],
    extra: { region?: string; tags?: Record<string, string> } = {},
  ): ResourceOf<T> => ({
    type,
    id,
    name,
    scope,
    region: extra.region ?? defaultRegion,
    ...(extra.tags ? { tags: extra.tags } : {}),
    attributes,
  });
}
export * from "./detection-tester";
