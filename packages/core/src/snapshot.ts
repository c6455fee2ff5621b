// The Snapshot: what collectors write and the engine reads. Plain JSON, schema-versioned, no secrets.
import { z } from "zod";
import { isoDateTime } from "./model/common";
import { type Resource, resourceSchema } from "./model/resource";
import {
  collectedBySchema,
  type SnapshotIntegrity,
  type SnapshotProvenance,
  snapshotIntegritySchema,
  snapshotProvenanceSchema,
} from "./snapshot-provenance";

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** Something a collector could not read; rules that need it answer `unknown`. */
export const gapSchema = z
  .object({
    source: z.enum(["aws", "ad", "pulumi"]),
    /** AWS account id or AD domain. */
    scope: z.string(),
    region: z.string(),
    /** The resource type whose data is missing or incomplete. */
    resourceType: z.string(),
    /** The API operation or LDAP search that failed, e.g. `GetCredentialReport`. */
    operation: z.string(),
    /** Error code, e.g. `AccessDenied`, `Throttling`, `ReportInProgress`. */
    code: z.string(),
    message: z.string().optional(),
  })
  .strict();
export type Gap = z.infer<typeof gapSchema>;

export const SOURCE_STATUSES = ["ok", "partial", "failed", "skipped"] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/**
 * How far a source (an AWS account, an AD domain) was read: ok (everything), partial (some gaps),
 * failed (nothing: credentials or the role could not be used), skipped (on purpose, e.g. a suspended
 * account). Absent in snapshots written before statuses existed: readers derive it from the gaps.
 */
export const sourceStatusFields = {
  status: z.enum(SOURCE_STATUSES).optional(),
  /** Why the source is failed or skipped, or what made it partial, in one line. */
  reason: z.string().optional(),
  /** AWS Organizations metadata of the account: its name, email and OU path (`Root/Workloads/Prod`). */
  account: z
    .object({
      name: z.string().optional(),
      email: z.string().optional(),
      ouPath: z.string().optional(),
      organizationId: z.string().optional(),
    })
    .strict()
    .optional(),
};

export const sourceSchema = z
  .object({
    provider: z.enum(["aws", "ad", "pulumi"]),
    scope: z.string(),
    regions: z.array(z.string()),
    gaps: z.array(gapSchema),
    /** How the source was read: API request counts, durations. Never secrets. */
    stats: z.record(z.string(), z.number()).optional(),
    /** Who read it: AWS caller identity ARN, LDAP bind DN or Pulumi `project/stack`. */
    collectedBy: collectedBySchema.optional(),
    ...sourceStatusFields,
  })
  .strict();
export type Source = z.infer<typeof sourceSchema>;

/** The status a source reports, or the one its gaps imply when it reports none. */
export function sourceStatusOf(source: Pick<Source, "status" | "gaps">): SourceStatus {
  return source.status ?? (source.gaps.length > 0 ? "partial" : "ok");
}

export const snapshotSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
    collectedAt: isoDateTime,
    /** live: read from running systems; iac: from infrastructure code before deployment. */
    origin: z.enum(["live", "iac"]),
    sources: z.array(sourceSchema),
    resources: z.array(resourceSchema),
    /** The tool that wrote it (absent in snapshots from before provenance was recorded). */
    provenance: snapshotProvenanceSchema.optional(),
    /** Digest of the canonical content, and a signature when collected with `--sign`. */
    integrity: snapshotIntegritySchema.optional(),
  })
  .strict();

/** Everything of a snapshot but its resources, which a reader checks one by one (validateSnapshot). */
export const snapshotEnvelopeSchema = snapshotSchema.extend({ resources: z.array(z.never()) });

export interface Snapshot {
  $schema?: string;
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  collectedAt: string;
  origin: "live" | "iac";
  sources: Source[];
  resources: Resource[];
  provenance?: SnapshotProvenance;
  integrity?: SnapshotIntegrity;
}

const STATUS_WEIGHT: Record<SourceStatus, number> = { ok: 0, skipped: 1, partial: 2, failed: 3 };

/**
 * Joins several snapshots (one per source, say) into one. Sources of the same provider and scope
 * are merged; resources with the same type and id keep the last one read.
 */
export function mergeSnapshots(snapshots: readonly Snapshot[]): Snapshot {
  if (snapshots.length === 0) throw new Error("no snapshots to merge");
  if (snapshots.length === 1) return snapshots[0]!;
  const origins = new Set(snapshots.map((s) => s.origin));
  if (origins.size > 1) throw new Error("cannot merge live and iac snapshots into one evaluation");
  const sources = new Map<string, Source>();
  const resources = new Map<string, Resource>();
  for (const snapshot of snapshots) {
    for (const source of snapshot.sources) {
      const key = `${source.provider}\u0000${source.scope}`;
      const seen = sources.get(key);
      if (!seen) sources.set(key, { ...source, regions: [...source.regions], gaps: [...source.gaps] });
      else {
        seen.regions = [...new Set([...seen.regions, ...source.regions])].sort();
        seen.gaps.push(...source.gaps);
        // The same account read twice (two shards overlapping): the worse reading stands.
        if (seen.status !== undefined || source.status !== undefined) {
          const worse =
            STATUS_WEIGHT[sourceStatusOf(source)] > STATUS_WEIGHT[sourceStatusOf(seen)] ? source : seen;
          seen.status = sourceStatusOf(worse);
          if (worse.reason !== undefined) seen.reason = worse.reason;
        }
        seen.account ??= source.account;
      }
    }
    for (const resource of snapshot.resources)
      resources.set(`${resource.type}\u0000${resource.id}`, resource);
  }
  const collectedAt = snapshots.map((s) => s.collectedAt).sort()[0]!;
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt,
    origin: snapshots[0]!.origin,
    sources: [...sources.values()],
    resources: [...resources.values()],
  };
}
