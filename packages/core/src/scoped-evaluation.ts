// Evaluating an organisation account by account: each account's snapshot is judged by the rules that
// stay within one scope as soon as it is read, and only what the cross-scope rules need is kept for
// one pass over the whole organisation at the end, so memory holds findings, not every account's
// resources. The Result is the one `evaluate` gives for the merged snapshot (a test holds it to that).
import {
  assembleResult,
  countInventory,
  type EvaluationInput,
  type InventoryCounts,
  judge,
  ROSTER_RESOURCE_TYPE,
} from "./engine";
import type { Resource, ResourceType } from "./model/resource";
import type { Finding, Result } from "./result";
import type { AnyRule } from "./rule";
import type { Snapshot, Source } from "./snapshot";

/** A rule that must see every scope at once: it says so, or it judges the roster (one for all scopes). */
export const isCrossScope = (rule: AnyRule): boolean =>
  rule.crossScope !== undefined || rule.resourceTypes.includes(ROSTER_RESOURCE_TYPE);

export class ScopedEvaluation {
  private readonly localRules: AnyRule[];
  private readonly crossRules: AnyRule[];
  /** Types the cross-scope rules judge or read: the resources kept for the last pass. */
  private readonly keptTypes: Set<ResourceType>;
  private readonly kept: Resource[] = [];
  private readonly findings: Finding[] = [];
  private readonly sources: Source[] = [];
  private readonly inventory: InventoryCounts = new Map();
  private readonly scopesSeen = new Set<string>();
  private origin: Snapshot["origin"] | undefined;

  constructor(private readonly input: Omit<EvaluationInput, "snapshot">) {
    this.localRules = input.rules.filter((rule) => !isCrossScope(rule));
    this.crossRules = input.rules.filter(isCrossScope);
    this.keptTypes = new Set(
      this.crossRules.flatMap((rule) => [
        ...rule.resourceTypes,
        ...(rule.reads ?? []),
        ...(rule.crossScope ?? []),
      ]),
    );
  }

  /**
   * Judges one part (an account, or snapshots of scopes of their own) with the scope-local rules.
   * A scope may come in one part only: its rules would otherwise judge it twice.
   */
  add(part: Snapshot): void {
    if (this.origin !== undefined && part.origin !== this.origin)
      throw new Error("cannot merge live and iac snapshots into one evaluation");
    this.origin = part.origin;
    const scopes = new Set([...part.sources.map((s) => s.scope), ...part.resources.map((r) => r.scope)]);
    for (const scope of scopes) {
      if (this.scopesSeen.has(scope)) throw new Error(`scope ${scope} was read twice in one evaluation`);
    }
    for (const scope of scopes) this.scopesSeen.add(scope);
    for (const finding of judge({ ...this.input, rules: this.localRules, snapshot: part }))
      this.findings.push(finding);
    for (const resource of part.resources) if (this.keptTypes.has(resource.type)) this.kept.push(resource);
    this.sources.push(...part.sources);
    countInventory(part.resources, this.inventory);
  }

  /** The cross-scope rules over everything kept, then the Result of every part. */
  finish(collectedAt: string): Result {
    const origin = this.origin ?? "live";
    const whole: Snapshot = {
      schemaVersion: 1,
      collectedAt,
      origin,
      sources: this.sources,
      resources: this.kept,
    };
    for (const finding of judge({ ...this.input, rules: this.crossRules, snapshot: whole }))
      this.findings.push(finding);
    return assembleResult(this.input, origin, this.sources, this.findings, this.inventory);
  }
}
