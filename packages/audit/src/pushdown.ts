// The audit pushed down to SQL (Athena for an organisation's archive; DuckDB proves the same SQL over
// local files). Two fixed queries over `cloudtrail_logs`, both pruned to the window's days, accounts
// and regions:
//   - candidates: every event a detection reads beyond who/when/where (sign-ins, root, AssumeRole,
//     writes to IAM, CloudTrail, logging and bucket settings) comes back whole;
//   - aggregates: every other event is grouped by what the detections and the access review read of
//     it (the principal's fields, account, read-only, source address, the data event's service, bucket
//     and error, the hour), with its count, first and last time, 3 smallest ids and services touched.
// Both fold into the same TypeScript detections: a candidate row is the event itself; a group of n
// is its representative folded n times (at its first time once, at its last time once, at the first
// time after that; its smallest ids first), which gives every count, first/last, set and example a
// per-event fold would. Values are `?` parameters (validated), never text in the SQL.
import type { AuditSettings, CloudTrailEvent, EventSink } from "@itaku/core";
import type { QueryParameter, TemplateQuery } from "./sources/athena";

/** A column of both queries: its alias, its SQL over cloudtrail_logs, where it goes in the event. */
interface Field {
  alias: string;
  sql: string;
  path: readonly string[];
  /** JSON text that becomes an object; `boolean` text that becomes true/false. */
  as?: "json" | "boolean";
}

/**
 * What identity mapping, the access review and the detections read of the events that are not
 * candidates (scalar leaves, so Athena returns plain text): the group keys of the aggregates.
 */
const AGGREGATE_FIELDS: readonly Field[] = [
  { alias: "ui_type", sql: "useridentity.type", path: ["userIdentity", "type"] },
  { alias: "ui_principalid", sql: "useridentity.principalid", path: ["userIdentity", "principalId"] },
  { alias: "ui_arn", sql: "useridentity.arn", path: ["userIdentity", "arn"] },
  { alias: "ui_accountid", sql: "useridentity.accountid", path: ["userIdentity", "accountId"] },
  { alias: "ui_invokedby", sql: "useridentity.invokedby", path: ["userIdentity", "invokedBy"] },
  { alias: "ui_username", sql: "useridentity.username", path: ["userIdentity", "userName"] },
  {
    alias: "ui_obo_userid",
    sql: "useridentity.onbehalfof.userid",
    path: ["userIdentity", "onBehalfOf", "userId"],
  },
  {
    alias: "ui_sourceidentity",
    sql: "useridentity.sessioncontext.sourceidentity",
    path: ["userIdentity", "sessionContext", "sourceIdentity"],
  },
  {
    alias: "ui_mfa",
    sql: "useridentity.sessioncontext.attributes.mfaauthenticated",
    path: ["userIdentity", "sessionContext", "attributes", "mfaAuthenticated"],
  },
  ...(["type", "principalid", "arn", "accountid", "username"] as const).map((leaf) => ({
    alias: `si_${leaf}`,
    sql: `useridentity.sessioncontext.sessionissuer.${leaf}`,
    path: [
      "userIdentity",
      "sessionContext",
      "sessionIssuer",
      { type: "type", principalid: "principalId", arn: "arn", accountid: "accountId", username: "userName" }[
        leaf
      ],
    ],
  })),
  { alias: "recipientaccountid", sql: "recipientaccountid", path: ["recipientAccountId"] },
  { alias: "readonly", sql: "readonly", path: ["readOnly"], as: "boolean" },
  { alias: "eventcategory", sql: "eventcategory", path: ["eventCategory"] },
  { alias: "sourceipaddress", sql: "sourceipaddress", path: ["sourceIPAddress"] },
  // The service of a data event is the confidential-data detection's; of other events only the set
  // of services touched is read (the access review), which each group returns as a list.
  {
    alias: "data_eventsource",
    sql: "CASE WHEN eventcategory = 'Data' THEN eventsource END",
    path: ["eventSource"],
  },
  // The confidential-data detection skips failed data events; nothing else reads the error of a non-candidate.
  {
    alias: "data_errorcode",
    sql: "CASE WHEN eventcategory = 'Data' THEN errorcode END",
    path: ["errorCode"],
  },
];

const CANDIDATE_FIELDS: readonly Field[] = [
  ...AGGREGATE_FIELDS.filter((f) => !f.alias.startsWith("data_")),
  { alias: "eventsource", sql: "eventsource", path: ["eventSource"] },
  { alias: "awsregion", sql: "awsregion", path: ["awsRegion"] },
  { alias: "eventname", sql: "eventname", path: ["eventName"] },
  { alias: "errorcode", sql: "errorcode", path: ["errorCode"] },
  { alias: "eventtype", sql: "eventtype", path: ["eventType"] },
  { alias: "eventid", sql: "eventid", path: ["eventID"] },
  { alias: "eventtime", sql: "eventtime", path: ["eventTime"] },
  { alias: "errormessage", sql: "errormessage", path: ["errorMessage"] },
  { alias: "requestparameters", sql: "requestparameters", path: ["requestParameters"], as: "json" },
  { alias: "responseelements", sql: "responseelements", path: ["responseElements"], as: "json" },
  { alias: "additionaleventdata", sql: "additionaleventdata", path: ["additionalEventData"], as: "json" },
];

/**
 * The events whose details a detection reads (requestParameters, login outcome, MFA): returned
 * whole. Everything else only counts, so it is aggregated. Fixed text: no value in it. A missing
 * field makes a comparison NULL: coalesce keeps every event in exactly one of the two queries, and a
 * call without readOnly to a sensitive service counts as a write (a candidate).
 */
const CANDIDATE_PREDICATE = `coalesce((
    eventsource = 'signin.amazonaws.com'
    OR eventname = 'ConsoleLogin'
    OR useridentity.type = 'Root'
    OR (eventsource = 'sts.amazonaws.com' AND eventname LIKE 'AssumeRole%' AND useridentity.type <> 'AWSService')
    OR (coalesce(readonly, 'false') = 'false' AND eventsource IN ('iam.amazonaws.com', 'cloudtrail.amazonaws.com', 'logs.amazonaws.com',
        'network-firewall.amazonaws.com', 'organizations.amazonaws.com', 'sso.amazonaws.com', 'config.amazonaws.com'))
    OR (coalesce(readonly, 'false') = 'false' AND eventsource = 's3.amazonaws.com' AND coalesce(eventcategory, 'Management') <> 'Data')
    OR (eventsource = 'ec2.amazonaws.com' AND eventname LIKE '%FlowLogs')
  ), false)`;

/** The bucket of an S3 data event (the confidential-data detection's key); null for everything else. */
const DATA_BUCKET_SQL =
  "CASE WHEN eventcategory = 'Data' THEN json_extract_scalar(requestparameters, '$.bucketName') END";

export interface PushdownScope {
  /** Read window, ISO instants: the baseline's start and the period's end (exclusive). */
  from: string;
  to: string;
  accounts?: readonly string[];
  regions?: readonly string[];
  /** The time bucket of the aggregates: `hour` keeps local dates and business hours exact when both fall on whole hours. */
  bucket: "hour" | "minute";
}

/** `hour` when the time zone's offset and the business hours are whole hours over the window, else `minute`. */
export function timeBucketFor(
  audit: Pick<AuditSettings, "timeZone" | "businessHours">,
  from: string,
  to: string,
): "hour" | "minute" {
  if (!audit.businessHours.from.endsWith(":00") || !audit.businessHours.to.endsWith(":00")) return "minute";
  const formatter = new Intl.DateTimeFormat("en-US", { timeZone: audit.timeZone, minute: "numeric" });
  // A minute that is 0 in UTC must be 0 locally on every day (offsets can change with daylight saving).
  for (let ms = Date.parse(from); ms < Date.parse(to); ms += 86_400_000)
    if (Number(formatter.format(new Date(ms - (ms % 3_600_000)))) !== 0) return "minute";
  return "hour";
}

function day(iso: string): string {
  return iso.slice(0, 10).replaceAll("-", "/");
}

/** The WHERE both queries share, with its parameters: partitions pruned, then the exact window. */
function scopeFilter(scope: PushdownScope): { sql: string; parameters: QueryParameter[] } {
  const parameters: QueryParameter[] = [
    { kind: "day", value: day(scope.from) },
    { kind: "day", value: day(scope.to) },
    { kind: "instant", value: scope.from },
    { kind: "instant", value: scope.to },
  ];
  const clauses = ['"timestamp" >= ?', '"timestamp" <= ?', "eventtime >= ?", "eventtime < ?"];
  if (scope.accounts?.length) {
    clauses.push(`account IN (${scope.accounts.map(() => "?").join(", ")})`);
    for (const value of scope.accounts) parameters.push({ kind: "account", value });
  }
  if (scope.regions?.length) {
    clauses.push(`region IN (${scope.regions.map(() => "?").join(", ")})`);
    for (const value of scope.regions) parameters.push({ kind: "region", value });
  }
  return { sql: clauses.join(" AND "), parameters };
}

/** The two queries of a pushed-down audit. */
export function pushdownQueries(scope: PushdownScope): {
  candidates: TemplateQuery;
  aggregates: TemplateQuery;
} {
  const filter = scopeFilter(scope);
  const keys = AGGREGATE_FIELDS.map((f) => `${f.sql} AS ${f.alias}`);
  const bucketLength = scope.bucket === "hour" ? 13 : 16;
  return {
    candidates: {
      name: "audit-candidates",
      sql: `SELECT ${CANDIDATE_FIELDS.map((f) => `${f.sql} AS ${f.alias}`).join(", ")}
FROM cloudtrail_logs
WHERE ${filter.sql} AND ${CANDIDATE_PREDICATE}`,
      parameters: filter.parameters,
    },
    aggregates: {
      name: "audit-aggregates",
      sql: `SELECT ${keys.join(", ")}, ${DATA_BUCKET_SQL} AS data_bucket, substr(eventtime, 1, ${bucketLength}) AS time_bucket,
  count(*) AS n, min(eventtime) AS first_time, max(eventtime) AS last_time, array_join(min(eventid, 3), ',') AS first_ids,
  array_join(array_sort(array_agg(DISTINCT eventsource)), ',') AS services
FROM cloudtrail_logs
WHERE ${filter.sql} AND NOT ${CANDIDATE_PREDICATE}
GROUP BY ${[...AGGREGATE_FIELDS.map((f) => f.sql), DATA_BUCKET_SQL, `substr(eventtime, 1, ${bucketLength})`].join(", ")}`,
      parameters: filter.parameters,
    },
  };
}

export interface QueryRows {
  columns: string[];
  rows: (string | null)[][];
}

/** Runs a template query somewhere: Athena (runAthenaQuery) or DuckDB (CloudTrailDuckDb). */
export type QueryEngine = (query: TemplateQuery) => Promise<QueryRows>;

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    let next = node[key] as Record<string, unknown> | undefined;
    if (!next) {
      next = {};
      node[key] = next;
    }
    node = next;
  }
  node[path[path.length - 1] as string] = value;
}

function eventFrom(
  fields: readonly Field[],
  columns: string[],
  row: (string | null)[],
): Record<string, unknown> {
  const event: Record<string, unknown> = { userIdentity: {} };
  for (const field of fields) {
    const text = row[columns.indexOf(field.alias)];
    if (text === null || text === undefined) continue;
    let value: unknown = text;
    if (field.as === "boolean") value = text === "true";
    else if (field.as === "json") {
      try {
        value = JSON.parse(text);
      } catch {
        continue;
      }
    }
    setPath(event, field.path, value);
  }
  return event;
}

/** Sorts after every real event id, so a group's copies never displace its real examples. */
const COPY_ID_PREFIX = "\uffff";

export interface PushdownStats {
  candidateRows: number;
  aggregateRows: number;
  /** Events the rows stand for (candidates + the groups' counts). */
  events: number;
}

/** Runs both queries on `engine` and folds their rows into `sink` as the events they stand for. */
export async function runPushdown(
  engine: QueryEngine,
  scope: PushdownScope,
  sink: EventSink,
): Promise<PushdownStats> {
  const queries = pushdownQueries(scope);
  const stats: PushdownStats = { candidateRows: 0, aggregateRows: 0, events: 0 };
  const candidates = await engine(queries.candidates);
  for (const row of candidates.rows) {
    sink.add(eventFrom(CANDIDATE_FIELDS, candidates.columns, row) as unknown as CloudTrailEvent);
    stats.candidateRows++;
    stats.events++;
  }
  const aggregates = await engine(queries.aggregates);
  const at = (name: string) => aggregates.columns.indexOf(name);
  for (const row of aggregates.rows) {
    stats.aggregateRows++;
    // The call's name and region are read only of candidates; a group stands for many calls.
    const representative: Record<string, unknown> = {
      eventName: "",
      awsRegion: "",
      ...eventFrom(AGGREGATE_FIELDS, aggregates.columns, row),
    };
    const bucket = row[at("data_bucket")];
    if (bucket) representative.requestParameters = { bucketName: bucket };
    const n = Number(row[at("n")]);
    const first = row[at("first_time")] as string;
    const last = row[at("last_time")] as string;
    const ids = (row[at("first_ids")] ?? "").split(",").filter(Boolean);
    // Every service of the group is folded at least once (a group has at least one event per service).
    const services = (row[at("services")] ?? "").split(",");
    for (let i = 0; i < n; i++) {
      sink.add({
        eventSource: services[i % services.length],
        ...representative,
        eventTime: i === 1 ? last : first,
        eventID: ids[i] ?? `${COPY_ID_PREFIX}${i}`,
      } as unknown as CloudTrailEvent);
    }
    stats.events += n;
  }
  return stats;
}
