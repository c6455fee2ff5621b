// The local `cloudtrail_logs` view on embedded DuckDB: the printed Athena DDL's columns become the
// view, over files in the S3 layout (org trails included); Athena-style SQL runs on it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import type { CloudTrailEvent } from "@itaku/core";
import { athenaDdl, CLOUDTRAIL_COLUMNS } from "./athena-ddl";
import { CloudTrailDuckDb, findLogFiles, parseHiveColumns } from "./duckdb";

const ORG = "o-a1b2c3d4e5";
let dir: string;
let db: CloudTrailDuckDb;

function record(
  fields: Partial<CloudTrailEvent> & Pick<CloudTrailEvent, "eventID" | "eventTime">,
): CloudTrailEvent {
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "AssumedRole",
      principalId: "AROAEXAMPLE:alice@vendor.example",
      arn: "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/alice@vendor.example",
      accountId: "111122223333",
      sessionContext: {
        sessionIssuer: { type: "Role", userName: "AWSReservedSSO_Admin_0123", accountId: "111122223333" },
        attributes: { creationDate: "2026-11-04T00:00:00Z", mfaAuthenticated: "false" },
      },
    },
    eventSource: "s3.amazonaws.com",
    eventName: "PutBucketPolicy",
    awsRegion: "ap-northeast-1",
    sourceIPAddress: "203.0.113.7",
    requestParameters: { bucketName: "vendor-logs", "x-amz-acl": "private" },
    readOnly: false,
    eventType: "AwsApiCall",
    recipientAccountId: "111122223333",
    eventCategory: "Management",
    ...fields,
  };
}

function writeLog(path: string, records: CloudTrailEvent[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzipSync(JSON.stringify({ Records: records })));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "itaku-duckdb-"));
  writeLog(
    join(
      dir,
      "AWSLogs/111122223333/CloudTrail/ap-northeast-1/2026/11/04/111122223333_CloudTrail_ap-northeast-1_20261104T0105Z_a.json.gz",
    ),
    [
      record({ eventID: "e-1", eventTime: "2026-11-04T01:02:03Z" }),
      record({
        eventID: "e-2",
        eventTime: "2026-11-04T01:04:00Z",
        userIdentity: { type: "Root", arn: "arn:aws:iam::111122223333:root", accountId: "111122223333" },
        eventSource: "signin.amazonaws.com",
        eventName: "ConsoleLogin",
        requestParameters: null,
        responseElements: { ConsoleLogin: "Failure" },
        additionalEventData: { MFAUsed: "No" },
        resources: [
          { ARN: "arn:aws:iam::111122223333:root", accountId: "111122223333", type: "AWS::IAM::Root" },
        ],
      }),
    ],
  );
  writeLog(
    join(
      dir,
      `AWSLogs/${ORG}/444455556666/CloudTrail/us-east-1/2026/11/05/444455556666_CloudTrail_us-east-1_20261105T2355Z_b.json.gz`,
    ),
    [record({ eventID: "e-3", eventTime: "2026-11-05T23:50:00Z", awsRegion: "us-east-1", readOnly: true })],
  );
  // A digest is not a log file: it must not be read as one.
  writeFileSync(
    join(dir, "AWSLogs/111122223333/CloudTrail/ap-northeast-1/2026/11/04/not-a-log.txt"),
    "ignored",
  );
  mkdirSync(join(dir, "AWSLogs/111122223333/CloudTrail-Digest/ap-northeast-1/2026/11/04"), {
    recursive: true,
  });
  writeFileSync(
    join(dir, "AWSLogs/111122223333/CloudTrail-Digest/ap-northeast-1/2026/11/04/digest.json.gz"),
    gzipSync(JSON.stringify({ digestStartTime: "2026-11-04T00:00:00Z", logFiles: [] })),
  );
  db = await CloudTrailDuckDb.open(await findLogFiles(dir));
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("the Hive column list parses into the documented top-level columns", () => {
  const names = parseHiveColumns(CLOUDTRAIL_COLUMNS).map((c) => c.name.toLowerCase());
  expect(names).toEqual(
    expect.arrayContaining([
      "useridentity",
      "eventtime",
      "requestparameters",
      "additionaleventdata",
      "resources",
    ]),
  );
  expect(() => parseHiveColumns("a STRUCT<b: STRING")).toThrow(/ends early/);
  expect(() => parseHiveColumns("a VARCHAR2")).toThrow(/unknown type/);
});

test("cloudtrail_logs has the Athena table's columns, lower case, then the partitions", async () => {
  const { rows } = await db.query("SELECT column_name, column_type FROM (DESCRIBE cloudtrail_logs)");
  const expected = parseHiveColumns(CLOUDTRAIL_COLUMNS).map((c) => c.name.toLowerCase());
  expect(rows.map((r) => r.column_name)).toEqual([...expected, "account", "region", "timestamp"]);
  const types = Object.fromEntries(rows.map((r) => [r.column_name, r.column_type]));
  expect(types.eventtime).toBe("VARCHAR");
  expect(types.requestparameters).toBe("VARCHAR");
  expect(String(types.useridentity)).toMatch(/^STRUCT\("type" VARCHAR, principalid VARCHAR/);
});

test("rows: every record of every log file (digests skipped), partitions from the path, org trails included", async () => {
  const { rows } = await db.query(
    `SELECT eventid, account, region, "timestamp", eventtime, readonly FROM cloudtrail_logs ORDER BY eventid`,
  );
  expect(rows).toEqual([
    {
      eventid: "e-1",
      account: "111122223333",
      region: "ap-northeast-1",
      timestamp: "2026/11/04",
      eventtime: "2026-11-04T01:02:03Z",
      readonly: "false",
    },
    {
      eventid: "e-2",
      account: "111122223333",
      region: "ap-northeast-1",
      timestamp: "2026/11/04",
      eventtime: "2026-11-04T01:04:00Z",
      readonly: "false",
    },
    {
      eventid: "e-3",
      account: "444455556666",
      region: "us-east-1",
      timestamp: "2026/11/05",
      eventtime: "2026-11-05T23:50:00Z",
      readonly: "true",
    },
  ]);
});

test("Athena-style SQL runs unchanged: struct paths, JSON text with json_extract_scalar, ISO times", async () => {
  const { rows } = await db.query(
    `
    SELECT eventid,
           useridentity.sessioncontext.sessionissuer.username AS issuer,
           useridentity.type AS identity_type,
           json_extract_scalar(requestparameters, '$.bucketName') AS bucket,
           json_extract_scalar(responseelements, '$.ConsoleLogin') AS login,
           resources[1].arn AS first_resource,
           hour(from_iso8601_timestamp(eventtime) AT TIME ZONE 'UTC') AS utc_hour
    FROM cloudtrail_logs
    WHERE eventtime >= ? AND eventtime < ?
    ORDER BY eventid`,
    ["2026-11-04T00:00:00Z", "2026-11-05T00:00:00Z"],
  );
  expect(rows).toEqual([
    {
      eventid: "e-1",
      issuer: "AWSReservedSSO_Admin_0123",
      identity_type: "AssumedRole",
      bucket: "vendor-logs",
      login: null,
      first_resource: null,
      utc_hour: "1",
    },
    {
      eventid: "e-2",
      issuer: null,
      identity_type: "Root",
      bucket: null,
      login: "Failure",
      first_resource: "arn:aws:iam::111122223333:root",
      utc_hour: "1",
    },
  ]);
});

test("the statement athena-ddl prints gives DuckDB the same view when its column list is taken from it", async () => {
  const ddl = athenaDdl({
    bucket: "org-trail-logs",
    orgId: ORG,
    accounts: ["111122223333"],
    regions: ["ap-northeast-1"],
  });
  const columns = ddl.slice(ddl.indexOf("(\n") + 2, ddl.indexOf("\n)\nPARTITIONED BY"));
  const fromPrinted = await CloudTrailDuckDb.open(await findLogFiles(dir), { columns });
  try {
    const { rows } = await fromPrinted.query(
      "SELECT count(*) AS n, count(DISTINCT account) AS accounts FROM cloudtrail_logs",
    );
    expect(rows).toEqual([{ n: "3", accounts: "2" }]);
  } finally {
    fromPrinted.close();
  }
});

test("a directory that does not exist is an input error naming it", async () => {
  await expect(findLogFiles(join(dir, "missing"))).rejects.toThrow(/missing: not a readable directory/);
});
