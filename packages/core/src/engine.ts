// The engine: runs rules over a Snapshot. Pure and synchronous — no I/O, no clock (`now` is an input).
import type { Resource, ResourceOf, ResourceType } from "./model/resource";
import {
  type Attestation,
  type ControlResult,
  type ControlStatus,
  type Finding,
  type FindingStatus,
  RESULT_SCHEMA_VERSION,
  type Result,
  type WaiverReport,
} from "./result";
import { type Roster, RosterIndex } from "./roster";
import {
  type AnyRule,
  type Evidence,
  formatMessage,
  type MessageData,
  type RuleContext,
  type RuleSettings,
} from "./rule";
import { type Gap, type Snapshot, sourceStatusOf } from "./snapshot";

export interface Waiver {
  rule: string;
  /** Resource id or name; `*` matches any run of characters. */
  resource: string;
  reason: string;
  approvedBy: string;
  /** YYYY-MM-DD; the waiver applies through that day. */
  expires: string;
}

export interface CatalogControl {
  id: string;
  kind: "auto" | "partial" | "manual";
}

export interface EvaluationInput {
  snapshot: Snapshot;
  rules: readonly AnyRule[];
  /** Parsed options per rule id; rules missing here run with defaults. */
  ruleOptions?: ReadonlyMap<string, unknown>;
  now: Date;
  roster: Roster | null;
  settings: RuleSettings;
  waivers?: readonly Waiver[];
  attestations?: readonly Attestation[];
  controls?: readonly CatalogControl[];
  toolVersion: string;
}

export const emptySettings = (): RuleSettings => ({
  subcontractors: [],
  confidential: {
    subnetTags: {},
    vpcTags: {},
    bucketTags: {},
    proxy: { securityGroupIds: [], instanceIds: [], networkInterfaceIds: [], logGroupNames: [] },
    allowedEgress: { cidrs: [], prefixListIds: [], securityGroupIds: [] },
  },
});

const ROSTER_SCOPE = "itaku";
export const ROSTER_RESOURCE_TYPE = "itaku.roster" satisfies ResourceType;

/** The roster as a resource, present whether or not a roster was given, so roster rules always run. */
export function rosterResource(roster: Roster | null): ResourceOf<"itaku.roster"> {
  return {
    type: "itaku.roster",
    id: "roster",
    name: roster?.path ?? "(no roster)",
    scope: ROSTER_SCOPE,
    region: "global",
    attributes: {
      present: roster !== null,
      path: roster?.path,
      reviewedAt: roster?.reviewedAt ? new Date(`${roster.reviewedAt}T00:00:00Z`).toISOString() : undefined,
      people: roster?.people.length ?? 0,
    },
  };
}

/** What a finding says about its resource: shared by the findings of every rule on that resource. */
type FindingResource = Finding["resource"];

class ResourceIndex {
  private readonly byType = new Map<ResourceType, Resource[]>();
  private readonly byId = new Map<ResourceType, Map<string, Map<string, Resource>>>();
  private readonly byScope = new Map<ResourceType, Map<string, Resource[]>>();
  /** Gaps by resource type, then scope: no key string to build on each of a million lookups. */
  private readonly gapsByTypeScope = new Map<string, Map<string, Gap[]>>();
  private readonly findingResources = new Map<ResourceType, FindingResource[]>();
  /** Types whose resources carry their position (SLOT) in this evaluation. */
  private readonly slotted = new Set<ResourceType>();

  constructor(resources: readonly Resource[], extra: readonly Resource[], gaps: readonly Gap[]) {
    for (const list of [resources, extra]) {
      for (let at = 0; at < list.length; at++) {
        const resource = list[at]!;
        const ofType = this.byType.get(resource.type);
        if (ofType) ofType.push(resource);
        else this.byType.set(resource.type, [resource]);
      }
    }
    // Each type's resources in the Result's order (scope, then id; equal ids stay in the snapshot's
    // order, so "the last of equal ids wins" holds). Rules then give their verdicts, and the findings
    // are made, already in order: sorting a million resources once is cheaper than sorting every
    // rule's findings.
    for (const [type, ofType] of this.byType) this.byScope.set(type, sortByScopeAndId(ofType));
    for (const gap of gaps) {
      let byScope = this.gapsByTypeScope.get(gap.resourceType);
      if (!byScope) {
        byScope = new Map();
        this.gapsByTypeScope.set(gap.resourceType, byScope);
      }
      const list = byScope.get(gap.scope);
      if (list) list.push(gap);
      else byScope.set(gap.scope, [gap]);
    }
  }

  /** Whether some gap is recorded for the type; most snapshots have few, so most checks skip the lookup. */
  hasGaps(type: ResourceType): boolean {
    return this.gapsByTypeScope.has(type);
  }

  all<T extends ResourceType>(type: T): readonly ResourceOf<T>[] {
    return (this.byType.get(type) ?? NONE) as unknown as ResourceOf<T>[];
  }

  inScope<T extends ResourceType>(type: T, scope: string): readonly ResourceOf<T>[] {
    return (this.byScope.get(type)?.get(scope) ?? NONE) as unknown as ResourceOf<T>[];
  }

  find<T extends ResourceType>(type: T, scope: string, id: string): ResourceOf<T> | undefined {
    let scopes = this.byId.get(type);
    if (!scopes) {
      // Scope, then id: no key string to build on every lookup. The last of equal ids wins, as before.
      scopes = new Map();
      const list = this.byType.get(type) ?? NONE;
      for (let at = 0; at < list.length; at++) {
        const resource = list[at]!;
        let ids = scopes.get(resource.scope);
        if (!ids) {
          ids = new Map();
          scopes.set(resource.scope, ids);
        }
        ids.set(resource.id, resource);
      }
      this.byId.set(type, scopes);
    }
    return scopes.get(scope)?.get(id) as ResourceOf<T> | undefined;
  }

  /**
   * The `resource` part of a finding, built once per resource and shared by every rule's finding on
   * it (most resources are judged by several rules). An account without code of its own is the
   * exception: which setting declares it depends on the rule (see declaringCode), so it is built per rule.
   */
  findingResource(
    resource: Resource,
    at: number | undefined,
    reads: readonly ResourceType[],
  ): FindingResource {
    if (resource.type === "aws.account" && !resource.urn) return findingResourceOf(resource, reads, this);
    if (at === undefined) return findingResourceOf(resource, reads, this);
    let built = this.findingResources.get(resource.type);
    if (!built) {
      built = [];
      this.findingResources.set(resource.type, built);
    }
    built[at] ??= findingResourceOf(resource, reads, this);
    return built[at];
  }

  /**
   * The resource's position in its type's list, or undefined when the snapshot does not hold it (a
   * rule's own copy). `guess` is where the rule's previous verdict went, plus one: rules mostly give
   * their verdicts in the list's order, so the guess is right without a lookup. Only a type some rule
   * takes out of order gets its resources' slots set, once per evaluation.
   */
  positionOf(resource: Resource, guess: number): number | undefined {
    const list = this.byType.get(resource.type);
    if (!list) return undefined;
    if (list[guess] === resource) return guess;
    if (!this.slotted.has(resource.type)) {
      for (let at = 0; at < list.length; at++) setSlot(list[at]!, at);
      this.slotted.add(resource.type);
    }
    const at = slotOf(resource);
    // A slot left by another evaluation on an object this one does not hold points elsewhere.
    return at !== undefined && list[at] === resource ? at : undefined;
  }

  /**
   * Gaps on a type that left a whole scope and region without a single resource of it: the rules
   * over that type have nothing to give a verdict on, so they answer for the missing part instead.
   */
  unreadParts(type: ResourceType): { scope: string; region: string; gaps: Gap[] }[] {
    const byScope = this.gapsByTypeScope.get(type);
    if (!byScope) return [];
    const parts = new Map<string, { scope: string; region: string; gaps: Gap[] }>();
    for (const [scope, gaps] of byScope) {
      const read = this.inScope(type, scope);
      for (const gap of gaps) {
        const covered = read.some(
          (resource) =>
            resource.region === gap.region || gap.region === "global" || resource.region === "global",
        );
        if (covered) continue;
        const partKey = `${scope}\u0000${gap.region}`;
        const part = parts.get(partKey);
        if (part) part.gaps.push(gap);
        else parts.set(partKey, { scope, region: gap.region, gaps: [gap] });
      }
    }
    return [...parts.values()];
  }

  /** The gaps on `type` that cover the resource's scope and region; one shared empty list when none do. */
  gaps(resource: Resource, type: ResourceType): readonly Gap[] {
    const list = this.gapsByTypeScope.get(type)?.get(resource.scope);
    if (!list) return NO_GAPS;
    const covers = (gap: Gap) =>
      gap.region === resource.region || gap.region === "global" || resource.region === "global";
    return list.some(covers) ? list.filter(covers) : NO_GAPS;
  }
}

/**
 * Each resource's position in its type's list, where its verdict goes in a rule's verdict array. It
 * sits on the resource itself, under a symbol that is neither enumerable nor serialized (JSON, spread,
 * structuredClone and equality checks skip it): a Map from resource to position cost more than a
 * microsecond a lookup at a million resources, once per finding. Evaluation is synchronous, so each
 * evaluation sets the slots of its own resources before reading them.
 */
const SLOT = Symbol("itaku.engine.slot");
type Slotted = Resource & { [SLOT]?: number };

function setSlot(resource: Resource, at: number): void {
  if (SLOT in resource) (resource as Slotted)[SLOT] = at;
  else
    Object.defineProperty(resource, SLOT, {
      value: at,
      writable: true,
      enumerable: false,
      configurable: true,
    });
}

const slotOf = (resource: Resource): number | undefined => (resource as Slotted)[SLOT];

/** Evidence of a verdict given without any: one shared, frozen object instead of one per finding. */
const NO_EVIDENCE: Evidence = Object.freeze({});

/** Options of a rule run without configuration, parsed once per rule rather than once per evaluation. */
const defaultOptions = new WeakMap<AnyRule, unknown>();
function optionsOf(rule: AnyRule, configured: ReadonlyMap<string, unknown> | undefined): unknown {
  const given = configured?.get(rule.id);
  if (given !== undefined) return given;
  if (!defaultOptions.has(rule)) defaultOptions.set(rule, rule.options.parse({}));
  return defaultOptions.get(rule);
}

export function evaluate(input: EvaluationInput): Result {
  const inventory: InventoryCounts = new Map();
  countInventory(input.snapshot.resources, inventory);
  const findings = judge(input);
  return assembleResult(input, input.snapshot.origin, input.snapshot.sources, findings, inventory, {
    inOrder: true,
  });
}

/**
 * Every rule's findings over the snapshot, not waived yet, in the Result's order (compareFindings):
 * rules by id, each rule's resources by scope, type and id. Several judgements (an organisation's
 * accounts) are each in order, not together: assembleResult sorts them unless told they are one.
 */
export function judge(input: EvaluationInput): Finding[] {
  const { snapshot, now } = input;
  const gaps = snapshot.sources.flatMap((s) => s.gaps);
  const index = new ResourceIndex(snapshot.resources, [rosterResource(input.roster)], gaps);
  const rosterIndex = input.roster ? new RosterIndex(input.roster) : null;
  const findings: Finding[] = [];
  // Rules by id: the Result's first sort key, so each rule's findings land after the previous rule's.
  const rules = [...input.rules].sort((a, b) => cmp(a.id, b.id));

  for (const rule of rules) {
    const controls = [...rule.controls]; // shared by the rule's findings: one array per rule, not per finding
    const options = optionsOf(rule, input.ruleOptions);
    const reads = rule.reads ?? [];
    const { id: ruleId, severity } = rule;
    // The rule's resources, type after type; a verdict lands at its resource's type offset + position.
    const types = [...new Set(rule.resourceTypes)];
    const offsets = new Map<ResourceType, number>();
    let inScope: readonly Resource[];
    if (types.length === 1) {
      offsets.set(types[0]!, 0);
      inScope = index.all(types[0]!) as readonly Resource[];
    } else {
      const joined: Resource[] = [];
      for (const type of types) {
        offsets.set(type, joined.length);
        const list = index.all(type) as readonly Resource[];
        for (let at = 0; at < list.length; at++) joined.push(list[at]!);
      }
      inScope = joined;
    }
    const given: (Finding | undefined)[] = new Array(inScope.length);
    const finding = (
      resource: Resource,
      at: number | undefined,
      status: FindingStatus,
      messageId: string | undefined,
      message: string,
      evidence: Evidence,
    ): Finding => {
      const ref = index.findingResource(resource, at, reads);
      // Two literals rather than a spread: no object in between, and the keys keep the JSON's order.
      return messageId
        ? { ruleId, status, severity, controls, resource: ref, messageId, message, evidence, waiver: null }
        : { ruleId, status, severity, controls, resource: ref, message, evidence, waiver: null };
    };
    // Where the rule's next verdict most likely goes, per type (see positionOf).
    let nextAt = 0;
    const nextOfType = types.length > 1 ? new Map<ResourceType, number>() : undefined;
    const give = (
      resource: Resource,
      status: FindingStatus,
      messageId: string | undefined,
      message: string,
      evidence: Evidence,
    ) => {
      // Most rules judge one type: no map lookup for them.
      const offset = resource.type === types[0] ? 0 : offsets.get(resource.type);
      if (offset === undefined) {
        throw new Error(`rule ${rule.id} gave a verdict for ${resource.type}, outside its resourceTypes`);
      }
      const guess = nextOfType ? (nextOfType.get(resource.type) ?? 0) : nextAt;
      const at = index.positionOf(resource, guess);
      // A resource the snapshot does not hold (a rule's own copy) has no finding to give, as before.
      if (at === undefined) return;
      if (nextOfType) nextOfType.set(resource.type, at + 1);
      else nextAt = at + 1;
      if (given[offset + at] !== undefined) {
        throw new Error(`rule ${rule.id} gave two verdicts for ${resource.type} ${resource.id}`);
      }
      given[offset + at] = finding(resource, at, status, messageId, message, evidence);
    };
    if (!rule.appliesTo.includes(snapshot.origin)) {
      const why =
        snapshot.origin === "iac" ? "needs live data, not infrastructure code" : "applies to code only";
      for (let at = 0; at < inScope.length; at++)
        give(inScope[at]!, "not_applicable", undefined, why, NO_EVIDENCE);
    } else if (inScope.length > 0) {
      const consulted = [...rule.resourceTypes, ...reads].filter((type) => index.hasGaps(type));
      const ctx: RuleContext<string> = {
        now,
        origin: snapshot.origin,
        roster: rosterIndex,
        settings: input.settings,
        resources: (type) => index.all(type),
        inScope: (type, scope) => index.inScope(type, scope),
        find: (type, scope, id) => index.find(type, scope, id),
        gaps: (resource, type) => index.gaps(resource, type ?? resource.type),
        pass: (resource, evidence = NO_EVIDENCE) => {
          // A missing permission never turns into a pass: any gap in what the rule reads makes it unknown.
          let blocking = NO_GAPS;
          for (let k = 0; k < consulted.length; k++) {
            const gaps = index.gaps(resource, consulted[k]!);
            if (gaps.length > 0) blocking = blocking.length === 0 ? gaps : [...blocking, ...gaps];
          }
          if (blocking.length > 0) {
            give(
              resource,
              "unknown",
              undefined,
              `Not all data the rule needs was collected (${blocking.map((g) => `${g.operation}: ${g.code}`).join("; ")})`,
              { ...evidence, gaps: blocking },
            );
          } else give(resource, "pass", undefined, rule.title.en, evidence);
        },
        fail: (resource, messageId, data?: MessageData, evidence = NO_EVIDENCE) => {
          const template = rule.messages[messageId];
          if (template === undefined) throw new Error(`rule ${rule.id} has no message "${messageId}"`);
          give(resource, "fail", messageId, formatMessage(template, data), evidence);
        },
        unknown: (resource, reason, evidence = NO_EVIDENCE) =>
          give(resource, "unknown", undefined, reason, evidence),
        notApplicable: (resource, reason) => give(resource, "not_applicable", undefined, reason, NO_EVIDENCE),
      };
      rule.check(ctx, options);
    }
    // In the Result's order: one type's resources already are; several types interleave by scope.
    const first = findings.length;
    const order = types.length === 1 ? undefined : resultOrder(types, offsets, index);
    for (let k = 0; k < inScope.length; k++) {
      const i = order ? order[k]! : k;
      findings.push(
        given[i] ??
          finding(
            inScope[i]!,
            undefined, // rare: its own copy of the resource's identity rather than the shared one
            "unknown",
            undefined,
            "The rule gave no verdict for this resource",
            NO_EVIDENCE,
          ),
      );
    }
    if (rule.appliesTo.includes(snapshot.origin)) {
      // Unknown is not silence: a type that could not be read at all gets one unknown per scope.
      let unread = 0;
      for (const type of types) {
        for (const part of index.unreadParts(type)) {
          unread++;
          findings.push(
            finding(
              unreadResource(type, part.scope, part.region),
              undefined,
              "unknown",
              undefined,
              `No ${type} could be read in ${part.scope} (${part.region}), so this rule could not check any (${part.gaps.map((g) => `${g.operation}: ${g.code}`).join("; ")})`,
              { gaps: part.gaps },
            ),
          );
        }
      }
      // The few findings for what could not be read go to their place among the rule's findings.
      if (unread > 0) sortFrom(findings, first);
    }
  }

  return findings;
}

/** Sorts `list[from…]` in place, leaving what comes before as it is. */
function sortFrom(list: Finding[], from: number): void {
  const tail = list.slice(from).sort(compareFindings);
  for (let at = 0; at < tail.length; at++) list[from + at] = tail[at]!;
}

const NO_GAPS: readonly Gap[] = Object.freeze([]);
/**
 * The one list of no resources: a fresh `[]` per call would miss every cache keyed by the list
 * (groupBy and the rules' own), which then gain an entry on each call.
 */
const NONE: readonly Resource[] = Object.freeze([]);

/**
 * Positions in a rule's resources of several types (laid out type after type, each type sorted by
 * scope and id) in the Result's order — scope, then type, then id: a merge of the types by scope.
 */
function resultOrder(
  types: readonly ResourceType[],
  offsets: ReadonlyMap<ResourceType, number>,
  index: ResourceIndex,
): Uint32Array {
  const parts = [...types]
    .sort(cmp)
    .map((type) => ({ start: offsets.get(type)!, list: index.all(type) as readonly Resource[], next: 0 }));
  const total = parts.reduce((sum, part) => sum + part.list.length, 0);
  const order = new Uint32Array(total);
  let n = 0;
  while (n < total) {
    let scope: string | undefined;
    for (const part of parts) {
      const head = part.list[part.next];
      if (head && (scope === undefined || head.scope < scope)) scope = head.scope;
    }
    for (const part of parts) {
      while (part.next < part.list.length && part.list[part.next]!.scope === scope) {
        order[n++] = part.start + part.next++;
      }
    }
  }
  return order;
}

/** Sorts and waives the findings of every rule and sums them up into the Result. */
export function assembleResult(
  input: Omit<EvaluationInput, "snapshot">,
  origin: Snapshot["origin"],
  sources: readonly Snapshot["sources"][number][],
  findings: Finding[],
  inventory: InventoryCounts,
  /** `inOrder`: the findings are one judgement's, already sorted (a sort would still cost a compare each). */
  { inOrder = false }: { inOrder?: boolean } = {},
): Result {
  const { now } = input;
  if (!inOrder) findings.sort(compareFindings);
  const waivers = applyWaivers(findings, input.waivers ?? [], now);
  const nowIso = now.toISOString();
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: "itaku", version: input.toolVersion },
    evaluatedAt: nowIso,
    now: nowIso,
    origin,
    sources: sources
      .map((s) => ({
        provider: s.provider,
        scope: s.scope,
        regions: [...s.regions].sort(),
        gaps: s.gaps,
        status: sourceStatusOf(s),
        ...(s.reason !== undefined ? { reason: s.reason } : {}),
        ...(s.account !== undefined ? { account: s.account } : {}),
      }))
      .sort((a, b) => cmp(a.provider, b.provider) || cmp(a.scope, b.scope)),
    summary: summarize(findings),
    inventory: [...inventory.values()]
      .flatMap((ofScope) => [...ofScope.values()])
      .sort((a, b) => cmp(a.provider, b.provider) || cmp(a.scope, b.scope) || cmp(a.type, b.type)),
    controls: controlResults(input.controls ?? [], input.rules, findings, input.attestations ?? []),
    findings,
    waivers,
  };
}

/** Stands for every resource of a type in a scope and region that a gap kept from being read. */
function unreadResource(type: ResourceType, scope: string, region: string): Resource {
  return {
    type,
    id: region === "global" ? `${type}/*` : `${type}/${region}/*`,
    name: `(every ${type}: not read)`,
    scope,
    region,
  } as Resource;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareIds = (a: Resource, b: Resource): number => cmp(a.id, b.id);

/**
 * Sorts a type's resources by scope, then id, in place, and returns them scope by scope. An estate has
 * few scopes: putting the resources in their scope's list first leaves one string compare a step
 * (ids) where a sort on both keys makes two. Equal ids keep their order (the sort is stable).
 */
function sortByScopeAndId(list: Resource[]): Map<string, Resource[]> {
  const byScope = new Map<string, Resource[]>();
  for (let at = 0; at < list.length; at++) {
    const resource = list[at]!;
    const inScope = byScope.get(resource.scope);
    if (inScope) inScope.push(resource);
    else byScope.set(resource.scope, [resource]);
  }
  let at = 0;
  for (const scope of [...byScope.keys()].sort(cmp)) {
    const sorted = byScope.get(scope)!.sort(compareIds);
    for (let k = 0; k < sorted.length; k++) list[at++] = sorted[k]!;
  }
  return byScope;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.resource.scope, b.resource.scope) ||
    cmp(a.resource.type, b.resource.type) ||
    cmp(a.resource.id, b.resource.id)
  );
}

/** One more finding of `status`: a switch is ~4× a keyed increment over millions of findings (measured). */
function addStatus(counts: Record<FindingStatus, number>, status: FindingStatus): void {
  switch (status) {
    case "pass":
      counts.pass++;
      break;
    case "fail":
      counts.fail++;
      break;
    case "unknown":
      counts.unknown++;
      break;
    case "waived":
      counts.waived++;
      break;
    case "not_applicable":
      counts.not_applicable++;
      break;
    default:
      status satisfies never; // a new status fails to compile here rather than go uncounted
  }
}

export function summarize(findings: readonly Finding[]): Result["summary"] {
  const summary = { pass: 0, fail: 0, unknown: 0, waived: 0, not_applicable: 0 };
  for (let at = 0; at < findings.length; at++) addStatus(summary, findings[at]!.status);
  return summary;
}

export type InventoryEntry = Result["inventory"][number];
/** The inventory's counts by scope, then resource type: no key string to build per resource. */
export type InventoryCounts = Map<string, Map<string, InventoryEntry>>;

/** Adds the resources to the counts per scope and type that the Result's inventory lists. */
export function countInventory(resources: readonly Resource[], counts: InventoryCounts): void {
  // Neighbours often share scope and type (a collector reads a type at a time): no lookup for them.
  let last: InventoryEntry | undefined;
  for (let at = 0; at < resources.length; at++) {
    const resource = resources[at]!;
    if (last && last.scope === resource.scope && last.type === resource.type) {
      last.count++;
      continue;
    }
    let ofScope = counts.get(resource.scope);
    if (!ofScope) {
      ofScope = new Map();
      counts.set(resource.scope, ofScope);
    }
    last = ofScope.get(resource.type);
    if (last) last.count++;
    else {
      const provider = resource.type.split(".")[0]!;
      last = { provider, scope: resource.scope, type: resource.type, count: 1 };
      ofScope.set(resource.type, last);
    }
  }
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

/** Turns matching `fail` findings into `waived`; an expired waiver stops applying and is reported. */
export function applyWaivers(findings: Finding[], waivers: readonly Waiver[], now: Date): WaiverReport[] {
  const today = now.toISOString().slice(0, 10);
  return waivers.map((waiver) => {
    const expired = waiver.expires < today;
    const rulePattern = globToRegExp(waiver.rule);
    const resourcePattern = globToRegExp(waiver.resource);
    let matched = 0;
    for (let at = 0; at < findings.length; at++) {
      const finding = findings[at]!;
      if (finding.status !== "fail" && !(finding.status === "waived" && !expired)) continue;
      if (!rulePattern.test(finding.ruleId)) continue;
      if (!resourcePattern.test(finding.resource.id) && !resourcePattern.test(finding.resource.name))
        continue;
      matched++;
      if (!expired && finding.status === "fail") {
        finding.status = "waived";
        finding.waiver = { reason: waiver.reason, approvedBy: waiver.approvedBy, expires: waiver.expires };
      }
    }
    return {
      rule: waiver.rule,
      resource: waiver.resource,
      reason: waiver.reason,
      approvedBy: waiver.approvedBy,
      expires: waiver.expires,
      status: expired ? "expired" : matched > 0 ? "active" : "unused",
      matched,
    };
  });
}

const STATUS_ORDER: ControlStatus[] = ["fail", "unknown", "waived", "pass", "not_applicable"];

export function controlResults(
  catalog: readonly CatalogControl[],
  rules: readonly Pick<AnyRule, "id" | "controls">[],
  findings: readonly Finding[],
  attestations: readonly Attestation[],
): ControlResult[] {
  const rulesByControl = new Map<string, string[]>();
  for (const rule of rules) {
    for (const control of rule.controls) {
      const list = rulesByControl.get(control);
      if (list) list.push(rule.id);
      else rulesByControl.set(control, [rule.id]);
    }
  }
  // Counted per `controls` list first: a rule's findings share one list, so millions of findings make
  // a lookup each by the list rather than one by each control's name.
  const countsByList = new Map<readonly string[], Record<FindingStatus, number>>();
  let lastList: readonly string[] | undefined;
  let lastCounts: Record<FindingStatus, number> | undefined;
  for (let at = 0; at < findings.length; at++) {
    const finding = findings[at]!;
    if (finding.controls === lastList) {
      addStatus(lastCounts!, finding.status);
      continue;
    }
    let counts = countsByList.get(finding.controls);
    lastList = finding.controls;
    if (!counts) {
      counts = { pass: 0, fail: 0, unknown: 0, waived: 0, not_applicable: 0 };
      countsByList.set(finding.controls, counts);
    }
    lastCounts = counts;
    addStatus(counts, finding.status);
  }
  const countsByControl = new Map<string, Record<FindingStatus, number>>();
  for (const [list, listCounts] of countsByList) {
    for (const control of list) {
      let counts = countsByControl.get(control);
      if (!counts) {
        counts = { pass: 0, fail: 0, unknown: 0, waived: 0, not_applicable: 0 };
        countsByControl.set(control, counts);
      }
      for (const status of Object.keys(listCounts) as FindingStatus[]) counts[status] += listCounts[status];
    }
  }
  const attestationOf = new Map<string, Attestation>();
  for (const attestation of attestations) attestationOf.set(attestation.control, attestation);

  return catalog.map((control) => {
    const counts = countsByControl.get(control.id) ?? {
      pass: 0,
      fail: 0,
      unknown: 0,
      waived: 0,
      not_applicable: 0,
    };
    const attestation = attestationOf.get(control.id) ?? null;
    const fromRules = STATUS_ORDER.find((status) => counts[status as FindingStatus] > 0);
    let status: ControlStatus;
    if (attestation?.status === "not_implemented") status = "fail";
    else if (fromRules && fromRules !== "not_applicable") status = fromRules;
    else if (attestation?.status === "implemented") status = "attested";
    else if (attestation?.status === "not_applicable" || fromRules === "not_applicable")
      status = "not_applicable";
    else status = "not_assessed";
    return {
      id: control.id,
      kind: control.kind,
      status,
      rules: [...(rulesByControl.get(control.id) ?? [])].sort(),
      counts: { pass: counts.pass, fail: counts.fail, unknown: counts.unknown, waived: counts.waived },
      attestation,
    };
  });
}

/**
 * Account-wide settings that code declares as one resource per account. (The account's S3 public access
 * block and EBS default encryption would join them once the model has those types.)
 */
const ACCOUNT_SETTINGS: readonly ResourceType[] = ["aws.iam.password-policy"];

/** A finding's `resource`: the resource's identity and, for code, where it is declared. */
function findingResourceOf(
  resource: Resource,
  reads: readonly ResourceType[],
  index: ResourceIndex,
): FindingResource {
  const ref: FindingResource = {
    type: resource.type,
    id: resource.id,
    name: resource.name,
    scope: resource.scope,
    region: resource.region,
  };
  const declared = declaringCode(resource, reads, index);
  if (declared?.urn) {
    ref.urn = declared.urn;
    if (declared.source) ref.source = declared.source;
  }
  return ref;
}

/**
 * The infrastructure code to change for a finding: the resource itself when it has a URN; for an
 * account-level finding on code (the account has no URN of its own), the one account-wide setting the rule reads
 * that code declares in that account (the password policy).
 */
function declaringCode(
  resource: Resource,
  reads: readonly ResourceType[],
  index: ResourceIndex,
): Resource | undefined {
  if (resource.urn) return resource;
  if (resource.type !== "aws.account") return undefined;
  const candidates = reads
    .filter((type) => ACCOUNT_SETTINGS.includes(type))
    .flatMap((type) => (index.inScope(type, resource.scope) as readonly Resource[]).filter((r) => r.urn));
  return candidates.length === 1 ? candidates[0] : undefined;
}
