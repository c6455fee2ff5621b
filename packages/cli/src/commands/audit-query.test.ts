// `audit query` and `audit athena-ddl` as a person sees their output (the functions the audit command calls).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import type { CommandEnv } from "../command";
import { runAthenaDdl } from "./audit-athena-ddl";
import { runAuditQuery } from "./audit-query";

let dir: string;

function capture(): { env: CommandEnv; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  stderr.on("data", (c: Buffer) => {
    err += c.toString("utf8");
  });
  return {
    env: { cwd: dir, env: {}, stdout, stderr, clock: () => new Date("2026-11-30T00:00:00Z") },
    out: () => out,
    err: () => err,
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "itaku-audit-query-"));
  const folder = join(dir, "AWSLogs/111122223333/CloudTrail/ap-northeast-1/2026/11/04");
  mkdirSync(folder, { recursive: true });
  const record = (id: string, user: string, name: string) => ({
    eventVersion: "1.09",
    userIdentity: { type: "IAMUser", userName: user, accountId: "111122223333" },
    eventTime: "2026-11-04T01:02:03Z",
    eventSource: "signin.amazonaws.com",
    eventName: name,
    awsRegion: "ap-northeast-1",
    sourceIPAddress: "203.0.113.9",
    eventID: id,
    responseElements: { ConsoleLogin: "Success" },
  });
  writeFileSync(
    join(folder, "111122223333_CloudTrail_ap-northeast-1_20261104T0105Z_x.json.gz"),
    gzipSync(
      JSON.stringify({
        Records: [record("e1", "alice", "ConsoleLogin"), record("e2", 'bob "the, admin"', "ConsoleLogin")],
      }),
    ),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SQL =
  "SELECT useridentity.username AS who, json_extract_scalar(responseelements, '$.ConsoleLogin') AS outcome FROM cloudtrail_logs ORDER BY eventid";

test("table: aligned columns on stdout, the row count on stderr", async () => {
  const { env, out, err } = capture();
  expect(await runAuditQuery({ dirs: [dir], format: "table", sql: SQL }, env)).toBe(0);
  expect(out().split("\n")[0]).toMatch(/^who\s+outcome$/);
  expect(out()).toContain("alice");
  expect(err()).toBe("2 row(s) from 1 log file(s)\n");
});

test("csv: quoted where the value needs it", async () => {
  const { env, out } = capture();
  await runAuditQuery({ dirs: [dir], format: "csv", sql: SQL }, env);
  expect(out()).toBe('who,outcome\nalice,Success\n"bob ""the, admin""",Success\n');
});

test("json: one object per row", async () => {
  const { env, out } = capture();
  await runAuditQuery({ dirs: [dir], format: "json", sql: SQL }, env);
  expect(JSON.parse(out())).toEqual([
    { who: "alice", outcome: "Success" },
    { who: 'bob "the, admin"', outcome: "Success" },
  ]);
});

test("bad SQL and an empty directory are input errors (exit 2) naming the place", async () => {
  const { env } = capture();
  await expect(runAuditQuery({ dirs: [dir], format: "table", sql: "SELEC 1" }, env)).rejects.toThrow(
    /^query: Parser Error: syntax error/,
  );
  const empty = mkdtempSync(join(tmpdir(), "itaku-empty-"));
  await expect(runAuditQuery({ dirs: [empty], format: "table", sql: SQL }, env)).rejects.toThrow(
    /no CloudTrail log files/,
  );
  rmSync(empty, { recursive: true });
});

test("athena-ddl prints the statement; a missing bucket is an input error", async () => {
  const { env, out } = capture();
  await runAthenaDdl({ bucket: "org-trail", orgId: "o-a1b2c3d4e5", accounts: ["111122223333"] }, env);
  expect(out()).toMatch(/^CREATE EXTERNAL TABLE IF NOT EXISTS `default`\.`cloudtrail_logs`/);
  expect(out()).toContain("AWSLogs/o-a1b2c3d4e5/");
  await expect(runAthenaDdl({}, capture().env)).rejects.toThrow(/--bucket/);
});
