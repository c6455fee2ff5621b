// `itaku audit athena-ddl`: the CloudTrail table for Athena with partition projection, ready to paste.
// The column set is AWS's documented one (the CloudTrail table of the Athena user guide). Column
// names are spelled as CloudTrail writes the JSON keys: Hive's JsonSerDe matches keys without case,
// DuckDB's reader with case, so the same text serves both (duckdb.ts turns it into the local view).
// Every value put into the DDL is validated first: nothing typed by a user reaches it unchecked.
import { InputError } from "@itaku/core";

/** The columns, in the Hive type syntax Athena takes. */
export const CLOUDTRAIL_COLUMNS = `  eventVersion STRING,
  userIdentity STRUCT<
    type: STRING,
    principalId: STRING,
    arn: STRING,
    accountId: STRING,
    invokedBy: STRING,
    accessKeyId: STRING,
    userName: STRING,
    onBehalfOf: STRUCT<userId: STRING, identityStoreArn: STRING>,
    sessionContext: STRUCT<
      attributes: STRUCT<mfaAuthenticated: STRING, creationDate: STRING>,
      sessionIssuer: STRUCT<type: STRING, principalId: STRING, arn: STRING, accountId: STRING, userName: STRING>,
      ec2RoleDelivery: STRING,
      sourceIdentity: STRING,
      webIdFederationData: STRUCT<federatedProvider: STRING, attributes: MAP<STRING, STRING>>>>,
  eventTime STRING,
  eventSource STRING,
  eventName STRING,
  awsRegion STRING,
  sourceIPAddress STRING,
  userAgent STRING,
  errorCode STRING,
  errorMessage STRING,
  requestParameters STRING,
  responseElements STRING,
  additionalEventData STRING,
  requestID STRING,
  eventID STRING,
  readOnly STRING,
  resources ARRAY<STRUCT<ARN: STRING, accountId: STRING, type: STRING>>,
  eventType STRING,
  apiVersion STRING,
  recipientAccountId STRING,
  serviceEventDetails STRING,
  sharedEventID STRING,
  vpcEndpointId STRING,
  vpcEndpointAccountId STRING,
  eventCategory STRING,
  addendum STRUCT<reason: STRING, updatedFields: STRING, originalRequestID: STRING, originalEventID: STRING>,
  sessionCredentialFromConsole STRING,
  edgeDeviceDetails STRING,
  tlsDetails STRUCT<tlsVersion: STRING, cipherSuite: STRING, clientProvidedHostHeader: STRING>`;

/** The partition columns, in the order of the S3 layout `…/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`. */
export const CLOUDTRAIL_PARTITIONS = ["account", "region", "timestamp"] as const;

/** The table name AWS's documentation uses; `audit query` exposes local files under it too. */
export const CLOUDTRAIL_TABLE = "cloudtrail_logs";

/** Regions CloudTrail may deliver to in the commercial partition, for the region projection. */
export const DEFAULT_PROJECTION_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ca-central-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
];

export interface AthenaDdlOptions {
  bucket: string;
  /** Key prefix before `AWSLogs/`, without leading or trailing slash. */
  prefix?: string;
  /** An organisation trail's id: the layout gains its `o-…` level. */
  orgId?: string;
  /** Account ids to project; none = `injected` (every query then names its accounts). */
  accounts?: string[];
  regions?: string[];
  /** `DB.TABLE` or `TABLE` (default `default.cloudtrail_logs`). */
  table?: string;
  /** First day of the projection range, `YYYY/MM/DD`. */
  from?: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9_.=-]+$/;
export const ACCOUNT_ID = /^\d{12}$/;
export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const TABLE_PART = /^[a-z_][a-z0-9_]{0,127}$/;
const DAY = /^(\d{4})\/(\d{2})\/(\d{2})$/;

/** The day `YYYY/MM/DD` when it is a real calendar day, else undefined. */
export function parseProjectionDay(text: string): Date | undefined {
  const match = DAY.exec(text);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10).replaceAll("-", "/") === text ? date : undefined;
}

/** `DB.TABLE` split and checked; Athena folds names to lower case, so only lower case is accepted. */
export function parseTableName(text: string, flag = "--table"): { database: string; table: string } {
  const parts = text.split(".");
  const [database, table] = parts.length === 1 ? ["default", parts[0] as string] : parts;
  if (parts.length > 2 || !TABLE_PART.test(database ?? "") || !TABLE_PART.test(table ?? ""))
    throw new InputError(flag, undefined, `"${text}" is not DB.TABLE in lower case letters, digits and _`);
  return { database: database as string, table: table as string };
}

function check(values: readonly string[] | undefined, pattern: RegExp, flag: string, example: string): void {
  for (const value of values ?? [])
    if (!pattern.test(value))
      throw new InputError(flag, undefined, `"${value}" is not valid (for example ${example})`);
}

/** Validates the options; throws InputError (exit 2) naming the flag. */
export function validateAthenaDdlOptions(options: AthenaDdlOptions): void {
  if (!BUCKET.test(options.bucket))
    throw new InputError("--bucket", undefined, `"${options.bucket}" is not an S3 bucket name`);
  if (options.prefix !== undefined) {
    const segments = options.prefix.replace(/^\/+|\/+$/g, "").split("/");
    if (segments.some((s) => !PREFIX_SEGMENT.test(s)))
      throw new InputError(
        "--prefix",
        undefined,
        `"${options.prefix}" has characters other than A-Z a-z 0-9 _ . = - /`,
      );
  }
  if (options.orgId !== undefined) check([options.orgId], ORG_ID, "--org-id", "o-a1b2c3d4e5");
  check(options.accounts, ACCOUNT_ID, "--accounts", "111122223333");
  check(options.regions, REGION, "--regions", "ap-northeast-1");
  if (options.table !== undefined) parseTableName(options.table);
  if (options.from !== undefined && !parseProjectionDay(options.from))
    throw new InputError("--from", undefined, `"${options.from}" is not a day YYYY/MM/DD`);
}

/** `s3://BUCKET/PREFIX/AWSLogs/[o-ORG/]`: where the table's files are. */
export function trailRoot(options: Pick<AthenaDdlOptions, "bucket" | "prefix" | "orgId">): string {
  const prefix = (options.prefix ?? "").replace(/^\/+|\/+$/g, "");
  return `s3://${options.bucket}/${prefix ? `${prefix}/` : ""}AWSLogs/${options.orgId ? `${options.orgId}/` : ""}`;
}

/** The CREATE EXTERNAL TABLE statement, with partition projection over account, region and day. */
export function athenaDdl(options: AthenaDdlOptions): string {
  validateAthenaDdlOptions(options);
  const { database, table } = parseTableName(options.table ?? CLOUDTRAIL_TABLE);
  const root = trailRoot(options);
  const regions = options.regions?.length ? options.regions : DEFAULT_PROJECTION_REGIONS;
  const accounts = options.accounts?.length
    ? [
        `  'projection.account.type'='enum',`,
        `  'projection.account.values'='${options.accounts.join(",")}',`,
      ]
    : [`  'projection.account.type'='injected',`];
  return [
    `CREATE EXTERNAL TABLE IF NOT EXISTS \`${database}\`.\`${table}\` (`,
    CLOUDTRAIL_COLUMNS,
    ")",
    "PARTITIONED BY (`account` STRING, `region` STRING, `timestamp` STRING)",
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    `LOCATION '${root}'`,
    "TBLPROPERTIES (",
    "  'projection.enabled'='true',",
    ...accounts,
    "  'projection.region.type'='enum',",
    `  'projection.region.values'='${regions.join(",")}',`,
    "  'projection.timestamp.type'='date',",
    `  'projection.timestamp.range'='${options.from ?? "2020/01/01"},NOW',`,
    "  'projection.timestamp.format'='yyyy/MM/dd',",
    "  'projection.timestamp.interval'='1',",
    "  'projection.timestamp.interval.unit'='DAYS',",
    `  'storage.location.template'='${root}\${account}/CloudTrail/\${region}/\${timestamp}'`,
    ");",
    "",
  ].join("\n");
}
