// The pushdown's queries: no value in their text, and every event of the window in exactly one of
// them — also when a field the candidate filter compares is missing (NULL in SQL).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { CloudTrailEvent } from "@itaku/core";
import { CloudTrailDuckDb, findLogFiles } from "./duckdb";
import { pushdownQueries, runPushdown } from "./pushdown";

const ACCOUNT = "111122223333";
let dir: string;

const event = (id: string, time: string, fields: Partial<CloudTrailEvent> = {}): CloudTrailEvent => ({
  userIdentity: {
    type: "IAMUser",
    userName: "alice",
    accountId: ACCOUNT,
    arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  },
  eventTime: time,
  eventSource: "ec2.amazonaws.com",
  eventName: "DescribeVpcs",
  awsRegion: "ap-northeast-1",
  sourceIPAddress: "203.0.113.4",
  eventID: id,
  readOnly: true,
  recipientAccountId: ACCOUNT,
  eventCategory: "Management",
  ...fields,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "itaku-pushdown-unit-"));
  const folder = join(dir, `AWSLogs/${ACCOUNT}/CloudTrail/ap-northeast-1/2026/11/04`);
  mkdirSync(folder, { recursive: true });
  const { readOnly: _dropped, ...withoutReadOnly } = event("e-5", "2026-11-04T03:00:00Z", {
    eventSource: "iam.amazonaws.com",
    eventName: "CreateUser",
  });
  const records = [
    event("e-1", "2026-11-04T01:00:00Z"),
    event("e-2", "2026-11-04T01:10:00Z"),
    event("e-3", "2026-11-04T01:20:00Z"),
    event("e-4", "2026-11-04T02:00:00Z", { eventSource: "signin.amazonaws.com", eventName: "ConsoleLogin" }),
    withoutReadOnly as CloudTrailEvent,
    event("e-6", "2026-11-05T00:00:00Z"), // after the window
  ];
  writeFileSync(
    join(folder, `${ACCOUNT}_CloudTrail_ap-northeast-1_20261104T0100Z_a.json.gz`),
    gzipSync(JSON.stringify({ Records: records })),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scope = {
  from: "2026-11-04T00:00:00Z",
  to: "2026-11-05T00:00:00Z",
  accounts: [ACCOUNT],
  bucket: "hour" as const,
};

test("the SQL holds markers, not values; the values travel as typed parameters", () => {
  const { candidates, aggregates } = pushdownQueries(scope);
  for (const query of [candidates, aggregates]) {
    expect(query.sql).not.toContain(ACCOUNT);
    expect(query.sql).not.toContain("2026");
    expect(query.parameters).toEqual([
      { kind: "day", value: "2026/11/04" },
      { kind: "day", value: "2026/11/05" },
      { kind: "instant", value: "2026-11-04T00:00:00Z" },
      { kind: "instant", value: "2026-11-05T00:00:00Z" },
      { kind: "account", value: ACCOUNT },
    ]);
  }
});

test("every event of the window comes back once: candidates whole, the rest grouped by principal, source, read/write and hour", async () => {
  const db = await CloudTrailDuckDb.open(await findLogFiles(dir));
  try {
    const folded: CloudTrailEvent[] = [];
    const stats = await runPushdown(db.queryEngine(), scope, {
      add: (e) => folded.push(e),
      state: () => folded,
    });
    expect(stats).toEqual({ candidateRows: 2, aggregateRows: 1, events: 5 });
    // The sign-in and the IAM write without readOnly are candidates, with their details.
    expect(folded.filter((e) => e.eventName).map((e) => [e.eventID, e.eventName])).toEqual([
      ["e-4", "ConsoleLogin"],
      ["e-5", "CreateUser"],
    ]);
    // The three 01:xx reads are one group folded three times: first time once, last time once, their ids.
    const group = folded.filter((e) => !e.eventName && e.eventTime.startsWith("2026-11-04T01"));
    expect(group.map((e) => [e.eventID, e.eventTime])).toEqual([
      ["e-1", "2026-11-04T01:00:00Z"],
      ["e-2", "2026-11-04T01:20:00Z"],
      ["e-3", "2026-11-04T01:00:00Z"],
    ]);
    expect(group[0]).toMatchObject({
      eventSource: "ec2.amazonaws.com",
      readOnly: true,
      sourceIPAddress: "203.0.113.4",
    });
  } finally {
    db.close();
  }
});
