// Records → Snapshot (origin "iac"): the account and region they deploy to, then each mapper in turn.

import { readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import {
  InputError,
  lineColumnOfJsonPath,
  type RuleSettings,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
} from "@itaku/core";
import { NormalizeContext } from "./context";
import { mapAccountStorage } from "./map-account-storage";
import { mapBucketLogging } from "./map-bucket-logging";
import { mapDetection } from "./map-detection";
import { mapIam } from "./map-iam";
import { mapInspector } from "./map-inspector";
import { mapLogging } from "./map-logging";
import { mapMonitoring } from "./map-monitoring";
import { mapNetwork } from "./map-network";
import { mapNetworkAcls } from "./map-network-acl";
import {
  type MockedResource,
  type PulumiRecord,
  parseJson,
  type RecordSet,
  readMockedResources,
  readPreview,
  readStackExport,
} from "./records";
import { isOpaque, str } from "./values";

export interface PulumiSnapshotOptions {
  /** The AWS account the stack deploys to; inferred from the resources' ARNs when left out. */
  accountId?: string;
  /** The stack's default region; read from `aws:region` config or the provider when left out. */
  region?: string;
  /** The itaku.yaml `confidential` settings: which buckets are confidential, which log groups hold proxy logs. */
  confidential?: Partial<Pick<RuleSettings["confidential"], "bucketTags" | "proxy">>;
  now?: () => Date;
}

const ARN = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:/;

/** Counts values a predicate picks out of every string in the records' properties. */
function tally(
  records: readonly PulumiRecord[],
  pick: (value: string, key: string) => string | undefined,
): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (value: unknown, key: string) => {
    if (typeof value === "string") {
      const picked = pick(value, key);
      if (picked) counts.set(picked, (counts.get(picked) ?? 0) + 1);
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v, key);
    } else if (value && typeof value === "object" && !isOpaque(value)) {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  for (const record of records) {
    visit(record.outputs, "");
    visit(record.inputs, "");
  }
  return counts;
}

const mostCommon = (counts: Map<string, number>): string | undefined =>
  [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];

const providers = (set: RecordSet) => set.records.filter((r) => r.type === "pulumi:providers:aws");

function inferAccount(set: RecordSet): string | undefined {
  // The resources' own ARNs first: trust policies also name other accounts (the client's, say).
  const own = mostCommon(
    tally(set.records, (value, key) => (key === "arn" ? ARN.exec(value)?.[4] : undefined)),
  );
  if (own) return own;
  for (const provider of providers(set)) {
    const allowed = provider.inputs.allowedAccountIds;
    const list = typeof allowed === "string" ? safeJson(allowed) : allowed;
    if (Array.isArray(list) && typeof list[0] === "string" && /^\d{12}$/.test(list[0])) return list[0];
  }
  return mostCommon(tally(set.records, (value) => ARN.exec(value)?.[4]));
}

function inferRegion(set: RecordSet): string | undefined {
  if (set.config["aws:region"]) return set.config["aws:region"];
  for (const provider of providers(set)) {
    const region = str(provider.inputs, "region") ?? str(provider.outputs, "region");
    if (region) return region;
  }
  return mostCommon(
    tally(set.records, (value, key) => (key === "arn" ? ARN.exec(value)?.[3] || undefined : undefined)),
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function snapshotFromRecords(set: RecordSet, options: PulumiSnapshotOptions = {}): Snapshot {
  const collectedAt = (options.now?.() ?? new Date()).toISOString();
  const inferredAccount = options.accountId ?? inferAccount(set);
  const accountId = inferredAccount ?? "000000000000";
  const region = options.region ?? inferRegion(set) ?? "unknown";
  const partition =
    mostCommon(tally(set.records, (value, key) => (key === "arn" ? ARN.exec(value)?.[1] : undefined))) ??
    "aws";
  // The stack or preview file as a path from the working directory, as SARIF viewers resolve it.
  const file = set.file && relative(process.cwd(), set.file).split(sep).join("/");
  const ctx = new NormalizeContext(set.records, accountId, region, partition, collectedAt, file);

  mapIam(ctx);
  mapLogging(ctx, {
    confidentialBucketTags: options.confidential?.bucketTags,
    proxyLogGroupNames: options.confidential?.proxy?.logGroupNames,
  });
  mapNetwork(ctx);
  mapNetworkAcls(ctx); // after mapNetwork: a default ACL covers the subnets it mapped
  mapAccountStorage(ctx);
  mapDetection(ctx);
  mapMonitoring(ctx); // after mapLogging: completes its log groups
  mapBucketLogging(ctx);
  mapInspector(ctx);

  const awsRecords = set.records.filter((r) => r.type.startsWith("aws:"));
  if (awsRecords.length > 0) {
    const alias = ctx.of("aws:iam/accountAlias:AccountAlias").map((r) => str(ctx.p(r), "accountAlias"))[0];
    ctx.add({
      type: "aws.account",
      id: accountId,
      name: alias ?? accountId,
      scope: accountId,
      region: "global",
      attributes: { accountId, alias },
    });
    if (!inferredAccount) {
      ctx.gaps.push({
        source: "pulumi",
        scope: accountId,
        region: "global",
        resourceType: "aws.account",
        operation: "infer-account-id",
        code: "UnknownAccount",
        message: "no ARN in the stack names its AWS account; pass the account id explicitly",
      });
    }
  }

  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt,
    origin: "iac",
    sources: [
      {
        provider: "pulumi",
        scope: accountId,
        regions: [region],
        gaps: ctx.gaps,
        ...(set.stack ? { collectedBy: set.project ? `${set.project}/${set.stack}` : set.stack } : {}),
        stats: { pulumiResources: set.records.length, resources: ctx.resources.length },
      },
    ],
    resources: ctx.resources,
  };
}

const asDocument = (json: unknown, path: string): unknown =>
  typeof json === "string" ? parseJson(json, path) : json;

/** A place such as `deployment.resources[3].urn`, as the JSON path segments it names. */
const JSON_PATH_PLACE = /^[A-Za-z_$][\w$]*(?:\.[\w$-]+|\[\d+\])*$/;
const segmentsOf = (place: string): (string | number)[] =>
  [...place.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));

/**
 * Reads a Pulumi document. Its structure errors name a place inside it; when the text is at hand they
 * also get that place's line:column, as an editor wants, with the path kept in the message.
 */
function readDocument<T>(json: unknown, path: string, read: (document: unknown, path: string) => T): T {
  try {
    return read(asDocument(json, path), path);
  } catch (error) {
    if (typeof json !== "string" || !(error instanceof InputError) || !error.place) throw error;
    if (!JSON_PATH_PLACE.test(error.place)) throw error;
    const lineColumn = lineColumnOfJsonPath(json, segmentsOf(error.place));
    throw lineColumn ? new InputError(error.file, lineColumn, `${error.place}: ${error.detail}`) : error;
  }
}

/** A `pulumi stack export` document (its JSON text or the parsed value) → Snapshot. */
export function snapshotFromStackExport(
  json: unknown,
  path: string,
  options: PulumiSnapshotOptions = {},
): Snapshot {
  return snapshotFromRecords(readDocument(json, path, readStackExport), options);
}

/** `pulumi preview --json` output (its JSON text or the parsed value) → Snapshot. */
export function snapshotFromPreview(
  json: unknown,
  path: string,
  options: PulumiSnapshotOptions = {},
): Snapshot {
  return snapshotFromRecords(readDocument(json, path, readPreview), options);
}

/** The resources a program registered under `pulumi.runtime.setMocks` (see `recordingMocks`) → Snapshot. */
export function snapshotFromMockedResources(
  resources: readonly MockedResource[],
  options: PulumiSnapshotOptions & { stack?: string; project?: string } = {},
): Snapshot {
  return snapshotFromRecords(readMockedResources(resources, options), options);
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      path,
      undefined,
      code === "ENOENT" ? "no such file" : `cannot read the file (${code ?? (error as Error).message})`,
    );
  }
}

/** Reads and converts a `pulumi stack export` file. */
export function snapshotFromStackExportFile(path: string, options: PulumiSnapshotOptions = {}): Snapshot {
  return snapshotFromStackExport(readText(path), path, options);
}

/** Reads and converts a `pulumi preview --json` file. */
export function snapshotFromPreviewFile(path: string, options: PulumiSnapshotOptions = {}): Snapshot {
  return snapshotFromPreview(readText(path), path, options);
}
