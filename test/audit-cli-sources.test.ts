// `itaku audit` over its other sources, through the built binary as users run it: LookupEvents against
// the loopback CloudTrail server (moto has no LookupEvents), `audit athena-ddl`'s table, and
// `audit query`'s ad-hoc SQL over the demo's archive.
import { join } from "node:path";
import { REPO_ROOT, runCli } from "./harness/cli";
import { DEMO_CLOUDTRAIL as DEMO, demoEvents } from "./harness/demo-cloudtrail";
import { startLookupEventsServer } from "./harness/lookup-events-server";
import { motoClientEnv } from "./harness/moto";

describe("itaku audit --lookup-events", () => {
  type Result = {
    findings: { ruleId: string; status: string; message?: string }[];
    sources: { provider: string; gaps: unknown[] }[];
    access: { people: { personId: string; events: number }[] };
  };
  let result: Result;
  let stderr: string;
  let maxPerSecond: number;
  beforeAll(async () => {
    // Three days of the demo month (and nothing of the look-back): a dozen pages at 2 requests/s.
    const days = demoEvents().filter(
      (e) => e.eventTime >= "2026-10-13T15:00:00Z" && e.eventTime < "2026-10-16T15:00:00Z",
    );
    const server = await startLookupEventsServer({ events: days });
    try {
      const run = await runCli(
        [
          "audit",
          "--lookup-events",
          "--accounts",
          "111122223333",
          "--regions",
          "ap-northeast-1",
          "--from",
          "2026-10-14",
          "--to",
          "2026-10-16",
          "--config",
          join(REPO_ROOT, "demo/itaku.yaml"),
          "--now",
          "2026-11-20",
          "--format",
          "json",
        ],
        { env: motoClientEnv(server.endpoint), killAfterMs: 240_000 },
      );
      // Only the audit's progress on stderr: no error, no warning.
      const lines = run.stderr.trim().split("\n");
      expect(lines.filter((l) => !/^itaku: (auditing|LookupEvents) /.test(l))).toEqual([]);
      expect([0, 1]).toContain(run.code);
      result = JSON.parse(run.stdout);
      stderr = run.stderr;
      maxPerSecond = server.maxPerSecond("ap-northeast-1");
    } finally {
      await server.stop();
    }
  }, 300_000);

  it("reads the management events into findings and the access review, paced at 2 requests/s", () => {
    expect(result.sources.flatMap((s) => s.gaps)).toEqual([]);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.access.people.reduce((sum, p) => sum + p.events, 0)).toBeGreaterThan(0);
    expect(maxPerSecond).toBeLessThanOrEqual(2);
  });

  it("calls the detections that need data events not applicable, and shows its progress on stderr", () => {
    const data = result.findings.filter((f) => f.ruleId === "access-confidential-data");
    expect(data.map((f) => f.status)).toEqual(["not_applicable"]);
    expect(stderr).toMatch(/LookupEvents ap-northeast-1: \d+ pages, \d+ events/);
  });
});

test("audit athena-ddl prints the table with partition projection over the organisation trail", async () => {
  const run = await runCli([
    "audit",
    "athena-ddl",
    "--bucket",
    "org-trail-logs",
    "--org-id",
    "o-a1b2c3d4e5",
    "--accounts",
    "111122223333,444455556666",
    "--regions",
    "ap-northeast-1,us-east-1",
    "--table",
    "audit.cloudtrail_logs",
    "--from",
    "2026/01/01",
  ]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^CREATE EXTERNAL TABLE IF NOT EXISTS `audit`\.`cloudtrail_logs` \(/);
  expect(run.stdout).toContain("'projection.account.values'='111122223333,444455556666'");
  expect(run.stdout).toContain("'projection.region.values'='ap-northeast-1,us-east-1'");
  expect(run.stdout).toContain("'projection.timestamp.range'='2026/01/01,NOW'");
  expect(run.stdout).toContain(
    // Athena's own placeholders, literally in the DDL.
    `'storage.location.template'='s3://org-trail-logs/AWSLogs/o-a1b2c3d4e5/\${account}/CloudTrail/\${region}/\${timestamp}'`,
  );

  const bad = await runCli(["audit", "athena-ddl", "--bucket", "org-trail-logs", "--from", "2026/13/01"]);
  expect(bad.code).toBe(2);
  expect(bad.stdout).toBe("");
  expect(bad.stderr).toContain('--from: "2026/13/01" is not a day YYYY/MM/DD');
});

describe("itaku audit query", () => {
  const all = demoEvents();

  it("counts the demo archive's events, as a table, JSON and CSV", async () => {
    const sql =
      "SELECT count(*) AS events, count(DISTINCT useridentity.arn) AS identities FROM cloudtrail_logs";
    const identities = new Set(all.map((e) => e.userIdentity.arn).filter(Boolean)).size;
    const table = await runCli(["audit", "query", "--cloudtrail-dir", DEMO, sql]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^events\s+identities$/);
    expect(table.stdout).toContain(String(all.length));
    expect(table.stderr).toMatch(/^1 row\(s\) from \d+ log file\(s\)\n$/);
    const json = await runCli(["audit", "query", "--cloudtrail-dir", DEMO, "--format", "json", sql]);
    // DuckDB's BIGINT counts come as JSON strings (exact beyond 2^53).
    expect(JSON.parse(json.stdout)).toEqual([{ events: String(all.length), identities: String(identities) }]);
    const csv = await runCli(["audit", "query", "--cloudtrail-dir", DEMO, sql, "--format", "csv"]);
    expect(csv.stdout).toBe(`events,identities\n${all.length},${identities}\n`);
  }, 120_000);

  it("bad SQL exits 2 naming the problem, with nothing on stdout", async () => {
    const run = await runCli([
      "audit",
      "query",
      "--cloudtrail-dir",
      DEMO,
      "SELEC count(*) FROM cloudtrail_logs",
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^itaku: query: Parser Error: syntax error at or near "SELEC"/);
    const column = await runCli([
      "audit",
      "query",
      "--cloudtrail-dir",
      DEMO,
      "SELECT nosuchcolumn FROM cloudtrail_logs",
    ]);
    expect(column.code).toBe(2);
    expect(column.stderr).toContain("nosuchcolumn");
  }, 120_000);
});
