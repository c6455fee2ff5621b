// What every mapper shares: the records by type, the account and region they land in, reference
// resolution (by value when known, through the file's dependency edges when not) and gap recording.
import type { Gap, Resource, ResourceType, SourceLocation } from "@itaku/core";
import type { PulumiRecord } from "./records";
import { isOpaque, mergeProps, type Props, str, tagsOf } from "./values";

/** A reference one resource makes to another: the record when it is in the stack, else the literal value. */
export interface Ref {
  record?: PulumiRecord;
  value?: string;
}

export class NormalizeContext {
  readonly byType = new Map<string, PulumiRecord[]>();
  readonly byUrn = new Map<string, PulumiRecord>();
  readonly props = new Map<PulumiRecord, Props>();
  readonly gaps: Gap[] = [];
  readonly resources: Resource[] = [];
  private readonly gapKeys = new Set<string>();

  constructor(
    records: readonly PulumiRecord[],
    readonly accountId: string,
    readonly region: string,
    readonly partition: string,
    readonly collectedAt: string,
    /** The stack export or preview file, where a record has no source position of its own. */
    readonly file?: string,
  ) {
    for (const record of records) {
      this.byUrn.set(record.urn, record);
      const list = this.byType.get(record.type);
      if (list) list.push(record);
      else this.byType.set(record.type, [record]);
      this.props.set(record, mergeProps(record.inputs, record.outputs));
    }
  }

  of(...types: string[]): PulumiRecord[] {
    return types.flatMap((type) => this.byType.get(type) ?? []);
  }

  p(record: PulumiRecord): Props {
    return this.props.get(record)!;
  }

  /** The region a resource lives in: its own `region` argument (provider v7) or the stack's. */
  regionOf(record: PulumiRecord): string {
    return str(this.p(record), "region") ?? this.region;
  }

  tags(record: PulumiRecord): Record<string, string> | undefined {
    return tagsOf(this.p(record));
  }

  /** The provider id, or undefined while it is not known. */
  idOf(record: PulumiRecord): string | undefined {
    return record.id ?? str(this.p(record), "id");
  }

  /** An id rules can key on: the provider id, or the URN of a resource not created yet. */
  nid(record: PulumiRecord): string {
    return this.idOf(record) ?? record.urn;
  }

  /** The values a reference may hold that point at this record: id, ARN, name. */
  private handles(record: PulumiRecord): string[] {
    const props = this.p(record);
    return [this.idOf(record), str(props, "arn"), str(props, "name"), str(props, "bucket")].filter(
      (v): v is string => v !== undefined,
    );
  }

  /**
   * Resolves one reference held in `key` of `record` to the resources of `types` it points at. A known
   * value is matched against ids, ARNs and names; an unknown one (a preview's not-yet-created resource)
   * follows the file's property dependencies, then its plain dependencies, if exactly one fits.
   */
  ref(
    record: PulumiRecord,
    key: string,
    types: readonly string[],
    value: unknown = this.p(record)[key],
  ): Ref | undefined {
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") {
      const target = this.of(...types).find((candidate) => this.handles(candidate).includes(value));
      return target ? { record: target } : { value };
    }
    if (!isOpaque(value)) return undefined;
    const candidates = this.dependencyCandidates(record, key, types);
    return candidates.length === 1 ? { record: candidates[0]! } : undefined;
  }

  /** Resolves a list of references (`users`, `subnetIds`…); unknown elements follow dependencies. */
  refs(record: PulumiRecord, key: string, types: readonly string[]): { refs: Ref[]; unresolved: boolean } {
    const raw = this.p(record)[key];
    if (isOpaque(raw)) {
      const candidates = this.dependencyCandidates(record, key, types);
      return { refs: candidates.map((c) => ({ record: c })), unresolved: candidates.length === 0 };
    }
    if (!Array.isArray(raw)) return { refs: [], unresolved: false };
    const refs: Ref[] = [];
    let opaqueCount = 0;
    for (const element of raw) {
      if (isOpaque(element)) opaqueCount++;
      else {
        const resolved = this.ref(record, key, types, element);
        if (resolved) refs.push(resolved);
      }
    }
    if (opaqueCount === 0) return { refs, unresolved: false };
    const taken = new Set(refs.map((r) => r.record).filter(Boolean));
    const remaining = this.dependencyCandidates(record, key, types).filter((c) => !taken.has(c));
    refs.push(...remaining.slice(0, opaqueCount).map((c) => ({ record: c })));
    return { refs, unresolved: remaining.length < opaqueCount };
  }

  private dependencyCandidates(record: PulumiRecord, key: string, types: readonly string[]): PulumiRecord[] {
    const fits = (urns: readonly string[]) =>
      [...new Set(urns)]
        .map((urn) => this.byUrn.get(urn))
        .filter((r): r is PulumiRecord => r !== undefined && types.includes(r.type));
    const byProperty = fits(record.propertyDependencies[key] ?? []);
    if (byProperty.length > 0) return byProperty;
    return fits(record.dependencies);
  }

  /** Records a gap once per (type, operation, code). */
  gap(
    resourceType: ResourceType,
    record: PulumiRecord,
    property: string,
    why: "unknown" | "secret" | "unresolved",
  ): void {
    const code =
      why === "unknown"
        ? "UnknownBeforeDeployment"
        : why === "secret"
          ? "SecretValue"
          : "UnresolvedReference";
    const operation = `${record.type}.${property}`;
    const key = `${resourceType}\u0000${operation}\u0000${code}`;
    if (this.gapKeys.has(key)) return;
    this.gapKeys.add(key);
    const message =
      why === "unknown"
        ? `${record.name}: ${property} is known only after deployment`
        : why === "secret"
          ? `${record.name}: ${property} is a secret and was not read`
          : `${record.name}: ${property} points at a resource the file does not identify`;
    const global = resourceType.startsWith("aws.iam.") || resourceType === "aws.account";
    this.gaps.push({
      source: "pulumi",
      scope: this.accountId,
      region: global ? "global" : this.regionOf(record),
      resourceType,
      operation,
      code,
      message,
    });
  }

  /** Adds a resource; one made from a record names it (URN) and where the code declares it. */
  add(resource: Resource, from?: PulumiRecord): void {
    const record = from ?? (resource.urn ? this.byUrn.get(resource.urn) : undefined);
    if (!record) {
      this.resources.push(resource);
      return;
    }
    const source = sourceLocationOf(record.sourcePosition) ?? (this.file ? { file: this.file } : undefined);
    this.resources.push({ ...resource, urn: record.urn, ...(source ? { source } : {}) });
  }

  arn(service: string, region: string, resource: string): string {
    return `arn:${this.partition}:${service}:${region}:${this.accountId}:${resource}`;
  }
}

/**
 * A registration's source position, `project:///src/index.ts#12,5` (relative to the project) or
 * `file:///abs/index.ts#12` as Pulumi writes it, as a file and line; undefined when absent or unreadable.
 */
export function sourceLocationOf(position: string | undefined): SourceLocation | undefined {
  if (!position) return undefined;
  const match = /^(project|file):\/\/([^#]*)(?:#(\d+)(?:,(\d+))?)?$/.exec(position);
  if (!match) return undefined;
  const file = decodeURIComponent(match[1] === "project" ? match[2]!.replace(/^\/+/, "") : match[2]!);
  if (!file) return undefined;
  const line = match[3] ? Number(match[3]) : undefined;
  const column = match[4] ? Number(match[4]) : undefined;
  return { file, ...(line ? { line } : {}), ...(line && column ? { column } : {}) };
}

export const opaqueWhy = (value: unknown): "unknown" | "secret" => (isOpaque(value) ? value.why : "unknown");
