import { type OrganizationAuditAccount, organizationSources } from "./organization-sources";
import type { SourceReport } from "./sources/types";

const meta = (name: string) => ({
  name,
  email: `${name}@vendor.example`,
  ouPath: "Root",
  organizationId: "o-test",
});
const archive = (accounts: string[], gaps: SourceReport["gaps"] = []): SourceReport => ({
  kind: "s3",
  location: "s3://trail/",
  accounts,
  regions: ["us-east-1"],
  files: 1,
  events: 1,
  bytes: 1,
  malformed: 0,
  gaps,
  stats: { "requests.s3:ListObjectsV2": 3 },
});

const accounts: OrganizationAuditAccount[] = [
  { id: "111111111111", account: meta("ok") },
  { id: "222222222222", account: meta("gappy") },
  { id: "333333333333", account: meta("suspended"), skipped: "account is SUSPENDED" },
  { id: "444444444444", account: meta("silent") },
  {
    id: "555555555555",
    account: meta("refused"),
    failed: {
      code: "AccessDenied",
      location: "sts:AssumeRole r",
      account: "555555555555",
      message: "cannot assume r",
    },
  },
];

test("each account's status: read, with gaps, skipped, found in no source, role refused", () => {
  const hole = {
    code: "NoLogFileHour" as const,
    location: "222222222222/us-east-1",
    account: "222222222222",
  };
  const foreign = { code: "CorruptFile" as const, location: "x.json.gz", account: "999999999999" };
  const bucketWide = { code: "AccessDenied" as const, location: "AWSLogs/" };
  const out = organizationSources(accounts, [
    archive(["111111111111", "222222222222", "555555555555"], [hole, foreign, bucketWide]),
  ]);
  const byScope = Object.fromEntries(out.sources.map((s) => [s.scope, s]));
  expect(Object.fromEntries(out.sources.map((s) => [s.scope, s.status]))).toEqual({
    "111111111111": "ok",
    "222222222222": "partial",
    "333333333333": "skipped",
    "444444444444": "failed",
    "555555555555": "failed",
    "s3://trail/": undefined,
  });
  expect(out.statuses).toEqual({ ok: 1, partial: 1, failed: 2, skipped: 1 });
  expect(byScope["222222222222"]?.gaps.map((g) => g.code)).toEqual(["NoLogFileHour"]);
  expect(byScope["222222222222"]?.reason).toBe("1 gap (222222222222/us-east-1 NoLogFileHour)");
  expect(byScope["444444444444"]?.reason).toMatch(/^no CloudTrail event of this account in s3:\/\/trail\//);
  // The refused role wins over what the archive holds of the account.
  expect(byScope["555555555555"]?.reason).toBe("cannot assume r");
  expect(byScope["111111111111"]?.account).toEqual(meta("ok"));
  // The archive keeps its statistics and the gaps that are no member's.
  expect(byScope["s3://trail/"]?.gaps.map((g) => g.code)).toEqual(["CorruptFile", "AccessDenied"]);
  expect(byScope["s3://trail/"]?.stats).toEqual({ "requests.s3:ListObjectsV2": 3 });
  // The accounts not read at all are gaps of the detections' coverage; partial ones already are.
  expect(out.gaps.map((g) => [g.account, g.code])).toEqual([
    ["444444444444", "AccountNotRead"],
    ["555555555555", "AccessDenied"],
  ]);
});

test("LookupEvents reports (one per account) fold into the account's source with their requests", () => {
  const lookup: SourceReport = {
    ...archive(["111111111111"]),
    kind: "lookup-events",
    location: "lookup-events:111111111111",
    stats: { requests: 4 },
  };
  const out = organizationSources([{ id: "111111111111", account: meta("ok") }], [lookup]);
  expect(out.sources).toEqual([
    {
      provider: "aws",
      scope: "111111111111",
      account: meta("ok"),
      regions: ["us-east-1"],
      gaps: [],
      status: "ok",
      stats: { requests: 4 },
    },
  ]);
});
