// athena-ddl: the printed statement's projection and layout, and every value validated before use.
import { athenaDdl, parseProjectionDay } from "./athena-ddl";

test("an org trail: the o-… level in LOCATION and the template, accounts and regions as enums, the range start", () => {
  const ddl = athenaDdl({
    bucket: "org-trail-logs",
    prefix: "/central/",
    orgId: "o-a1b2c3d4e5",
    accounts: ["111122223333", "444455556666"],
    regions: ["ap-northeast-1", "us-east-1"],
    table: "audit.cloudtrail_logs",
    from: "2025/04/01",
  });
  expect(ddl).toMatch(/^CREATE EXTERNAL TABLE IF NOT EXISTS `audit`\.`cloudtrail_logs` \(/);
  expect(ddl).toContain("LOCATION 's3://org-trail-logs/central/AWSLogs/o-a1b2c3d4e5/'");
  // Athena's own placeholders, printed as they are.
  const template =
    "s3://org-trail-logs/central/AWSLogs/o-a1b2c3d4e5/$${account}/CloudTrail/$${region}/$${timestamp}";
  expect(ddl).toContain(`'storage.location.template'='${template.replaceAll("$$", "$")}'`);
  expect(ddl).toContain("'projection.account.type'='enum'");
  expect(ddl).toContain("'projection.account.values'='111122223333,444455556666'");
  expect(ddl).toContain("'projection.region.values'='ap-northeast-1,us-east-1'");
  expect(ddl).toContain("'projection.timestamp.range'='2025/04/01,NOW'");
  expect(ddl).toContain("'projection.timestamp.format'='yyyy/MM/dd'");
  expect(ddl).toContain("PARTITIONED BY (`account` STRING, `region` STRING, `timestamp` STRING)");
  expect(ddl).toContain("STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'");
});

test("a single-account trail without --accounts: the account is injected (every query names it)", () => {
  const ddl = athenaDdl({ bucket: "vendor-trail" });
  expect(ddl).toContain("LOCATION 's3://vendor-trail/AWSLogs/'");
  expect(ddl).toContain("'projection.account.type'='injected'");
  expect(ddl).not.toContain("projection.account.values");
  expect(ddl).toMatch(/`default`\.`cloudtrail_logs`/);
  expect(ddl).toContain("ap-northeast-1,ap-northeast-2");
});

test.each([
  [{ bucket: "Bad_Bucket" }, /--bucket: "Bad_Bucket" is not an S3 bucket name/],
  [{ bucket: "ok-bucket", prefix: "a'b" }, /--prefix/],
  [{ bucket: "ok-bucket", orgId: "o-1; DROP" }, /--org-id: "o-1; DROP" is not valid/],
  [{ bucket: "ok-bucket", accounts: ["12345"] }, /--accounts: "12345" is not valid/],
  [{ bucket: "ok-bucket", regions: ["tokyo"] }, /--regions: "tokyo" is not valid/],
  [{ bucket: "ok-bucket", table: "Audit.Logs" }, /--table: "Audit.Logs" is not DB.TABLE/],
  [{ bucket: "ok-bucket", table: "a.b.c" }, /--table/],
  [{ bucket: "ok-bucket", from: "2026/02/30" }, /--from: "2026\/02\/30" is not a day/],
])("bad input %j is refused naming the flag", (options, message) => {
  expect(() => athenaDdl(options)).toThrow(message);
});

test("projection days are real calendar days", () => {
  expect(parseProjectionDay("2024/02/29")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
  expect(parseProjectionDay("2023/02/29")).toBeUndefined();
  expect(parseProjectionDay("2023-02-01")).toBeUndefined();
});
