// `itaku audit --org` as a user runs it, against an AWS Organization on moto with authorization on:
// the organisation trail's archive in S3 (`AWSLogs/o-…/ACCOUNT/…`) holding logs of every member, of
// an excluded one, of a suspended one and of an account outside the organisation; LookupEvents, read
// in each account through its member role (one role refused → failed); and an Athena table, whose
// queries must bind the audited accounts only. Each account is a source of the Result with its status
// and ListAccounts metadata; only the audited accounts are judged.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { CloudTrailEvent, Result } from "@itaku/core";
import {
  assumedRoles,
  enableAuth,
  MANAGEMENT_ACCOUNT,
  MEMBER_ROLE,
  type SeededOrganization,
  seedOrganization,
} from "./harness/aws-org-seed";
import { runCli } from "./harness/cli";
import { type LookupEventsServer, startLookupEventsServer } from "./harness/lookup-events-server";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const BUCKET = "org-cloudtrail-logs";
/** An account that is not in the organisation (a former member, say) whose logs are still in the archive. */
const OUTSIDE = "999988887777";
const DAY = "2026-10-15";
/** The hour whose log file the partial account lacks. */
const MISSING_HOUR = 10;

let moto: MotoServer;
let org: SeededOrganization;
let dir: string;
/** The CLI's environment: the scanner's keys, every request to LookupEvents' server (the rest passed to moto). */
let env: Record<string, string>;
let lookupEvents: LookupEventsServer;
/** Members by role in this test (see seedOrganization for failed / suspended). */
let member: {
  ok: string;
  failed: string;
  partial: string;
  suspended: string;
  excluded: string;
  silent: string;
};
const events: CloudTrailEvent[] = [];

/** One event of `account` at `hour`: its root signing in (hour 3), else a call by an AWS service. */
function eventOf(account: string, hour: number): CloudTrailEvent {
  const time = `${DAY}T${String(hour).padStart(2, "0")}:01:00Z`;
  const common = {
    eventVersion: "1.08",
    eventTime: time,
    awsRegion: "us-east-1",
    eventID: randomUUID(),
    recipientAccountId: account,
    managementEvent: true,
    eventCategory: "Management",
  };
  if (hour === 3)
    return {
      ...common,
      userIdentity: {
        type: "Root",
        principalId: account,
        arn: `arn:aws:iam::${account}:root`,
        accountId: account,
      },
      eventSource: "signin.amazonaws.com",
      eventName: "ConsoleLogin",
      eventType: "AwsConsoleSignIn",
      sourceIPAddress: "203.0.113.10",
      responseElements: { ConsoleLogin: "Success" },
      additionalEventData: { MFAUsed: "Yes" },
    } as unknown as CloudTrailEvent;
  return {
    ...common,
    userIdentity: { type: "AWSService", invokedBy: "cloudtrail.amazonaws.com" },
    eventSource: "kms.amazonaws.com",
    eventName: "GenerateDataKey",
    eventType: "AwsServiceEvent",
    sourceIPAddress: "cloudtrail.amazonaws.com",
  } as unknown as CloudTrailEvent;
}

/** The org trail's files of one account for the day: one a hour, as CloudTrail delivers them. */
async function uploadDay(s3: S3Client, account: string, skipHour?: number): Promise<void> {
  const compact = DAY.replaceAll("-", "");
  for (let hour = 0; hour < 24; hour++) {
    const event = eventOf(account, hour);
    events.push(event);
    if (hour === skipHour) continue;
    const hh = String(hour).padStart(2, "0");
    const key = `AWSLogs/${org.organizationId}/${account}/CloudTrail/us-east-1/${DAY.replaceAll("-", "/")}/${account}_CloudTrail_us-east-1_${compact}T${hh}05Z_${randomUUID().replaceAll("-", "").slice(0, 16)}.json.gz`;
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: gzipSync(JSON.stringify({ Records: [event] })),
      }),
    );
  }
}

beforeAll(async () => {
  moto = await startMoto();
  org = await seedOrganization(moto.endpoint, { members: 6 });
  member = {
    ok: org.members[0]!,
    failed: org.failed,
    partial: org.partial,
    suspended: org.suspended,
    excluded: org.members[4]!,
    silent: org.members[5]!,
  };
  const s3 = new S3Client({
    region: "us-east-1",
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: org.scanner,
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  for (const account of [
    MANAGEMENT_ACCOUNT,
    member.ok,
    member.failed,
    member.suspended,
    member.excluded,
    OUTSIDE,
  ])
    await uploadDay(s3, account);
  // The partial account lacks one hour's file; the silent one has no file at all.
  await uploadDay(s3, member.partial, MISSING_HOUR);
  s3.destroy();
  await enableAuth(moto.endpoint);

  // LookupEvents answers each account with its own events: the access key says which account.
  lookupEvents = await startLookupEventsServer({
    events,
    upstream: moto.endpoint,
    accountOf: async (key) => {
      if (key === org.scanner.accessKeyId) return MANAGEMENT_ACCOUNT;
      const session = (await assumedRoles(moto.endpoint)).find(
        (s) => (s as { access_key_id?: string }).access_key_id === key,
      );
      return session?.role_arn.split(":")[4];
    },
  });
  dir = mkdtempSync(join(tmpdir(), "itaku-audit-org-"));
  writeFileSync(
    join(dir, "itaku.yaml"),
    [
      "aws:",
      "  regions: [us-east-1]",
      "  organization:",
      `    roleName: ${MEMBER_ROLE}`,
      `    excludeAccounts: ["${member.excluded}"]`,
      "audit:",
      "  timeZone: UTC",
      "  baselineDays: 0",
      "",
    ].join("\n"),
  );
  env = motoClientEnv(lookupEvents.endpoint, {
    AWS_ACCESS_KEY_ID: org.scanner.accessKeyId,
    AWS_SECRET_ACCESS_KEY: org.scanner.secretAccessKey,
    AWS_REGION: "us-east-1",
  });
}, MOTO_INSTALL_TIMEOUT_MS + 300_000);

afterAll(async () => {
  await lookupEvents?.stop();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const PERIOD = ["--from", DAY, "--to", DAY, "--now", "2026-11-20"];
const audit = (source: string[], extra: string[] = []) =>
  runCli(["audit", "--org", ...source, "--config", join(dir, "itaku.yaml"), ...PERIOD, ...extra], {
    // The archive is read from moto itself.
    env: source.includes("--lookup-events") ? env : { ...env, AWS_ENDPOINT_URL: moto.endpoint },
    killAfterMs: 240_000,
  });

/** The accounts' sources, by account id. */
const accountsOf = (result: Result) =>
  Object.fromEntries(result.sources.filter((s) => s.provider === "aws").map((s) => [s.scope, s]));
/** Each account's status, by account id. */
const statusesOf = (result: Result) =>
  Object.fromEntries(Object.entries(accountsOf(result)).map(([id, s]) => [id, s.status]));
/** Accounts whose root activity was judged (a failing finding of access-root-activity). */
const rootFindingAccounts = (result: Result) =>
  result.findings
    .filter((f) => f.ruleId === "access-root-activity" && f.status === "fail")
    .map((f) => f.resource.scope)
    .sort();

test("the organisation trail in S3: one source per account with its status; only audited accounts are judged", async () => {
  const run = await audit(["--cloudtrail-s3", `s3://${BUCKET}`], ["--format", "json", "--threads", "1"]);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.code).toBe(1);
  const result = JSON.parse(run.stdout) as Result;
  const accounts = accountsOf(result);
  expect(Object.keys(accounts).sort()).toEqual([MANAGEMENT_ACCOUNT, ...org.members].sort());
  expect(
    Object.fromEntries(Object.entries(accounts).map(([id, s]) => [id, [s.status, s.reason ?? ""]])),
  ).toEqual({
    [MANAGEMENT_ACCOUNT]: ["ok", ""],
    [member.ok]: ["ok", ""],
    // The archive needs no member role: the account whose role is refused is read from S3.
    [member.failed]: ["ok", ""],
    [member.partial]: ["partial", expect.stringMatching(/^1 gap \(.* NoLogFileHour\)$/)],
    [member.suspended]: ["skipped", "account is SUSPENDED"],
    [member.excluded]: ["skipped", "excluded by aws.organization.excludeAccounts"],
    [member.silent]: ["failed", expect.stringMatching(/^no CloudTrail event of this account in s3:\/\//)],
  });
  // ListAccounts metadata, as scan --org records it.
  expect(accounts[member.ok]?.account).toEqual({
    name: "member-0000",
    email: "aws+member-0@vendor.example",
    ouPath: "Root",
    organizationId: org.organizationId,
  });
  expect(accounts[member.partial]?.gaps).toEqual([
    expect.objectContaining({ scope: member.partial, code: "NoLogFileHour", region: "us-east-1" }),
  ]);
  // The archive itself is a source too, with no gap of its own.
  expect(result.sources.find((s) => s.provider === "cloudtrail-s3")).toMatchObject({
    scope: `s3://${BUCKET}/`,
    gaps: [],
  });
  // Root signed in in every account of the archive; only the audited accounts' sign-ins are judged.
  expect(rootFindingAccounts(result)).toEqual(
    [MANAGEMENT_ACCOUNT, member.ok, member.failed, member.partial].sort(),
  );
  const judged = new Set(result.findings.map((f) => f.resource.scope));
  for (const account of [OUTSIDE, member.excluded, member.suspended]) expect(judged.has(account)).toBe(false);
  // The silent account could not be read: no detection may pass for the period.
  expect(result.findings.filter((f) => f.status === "pass")).toEqual([]);
}, 300_000);

test("LookupEvents in each account through its member role: a refused role fails that account only", async () => {
  const run = await audit(["--lookup-events"], ["--format", "json"]);
  expect(run.code).toBe(1);
  const result = JSON.parse(run.stdout) as Result;
  const accounts = accountsOf(result);
  expect(statusesOf(result)).toEqual({
    [MANAGEMENT_ACCOUNT]: "ok",
    [member.ok]: "ok",
    [member.failed]: "failed",
    [member.partial]: "ok",
    [member.suspended]: "skipped",
    [member.excluded]: "skipped",
    // LookupEvents answers for it (with nothing): read, unlike in the archive.
    [member.silent]: "ok",
  });
  expect(accounts[member.failed]?.reason).toMatch(
    new RegExp(`^cannot assume arn:aws:iam::${member.failed}:role/${MEMBER_ROLE} \\(AccessDenied\\)`),
  );
  expect(accounts[member.ok]?.stats?.requests).toBeGreaterThan(0);
  // Each account read its own history: the management account's with the base credentials, the
  // others through their member role.
  expect(rootFindingAccounts(result)).toEqual([MANAGEMENT_ACCOUNT, member.ok, member.partial].sort());
  const sessions = (await assumedRoles(moto.endpoint)).filter((s) => s.session_name !== "seed");
  expect(new Set(sessions.map((s) => s.role_arn.split(":")[4]))).toEqual(
    new Set([member.ok, member.partial, member.silent]),
  );
  expect(run.stderr).toMatch(
    new RegExp(`account ${member.failed} \\(member-0001\\): failed — cannot assume`),
  );
}, 300_000);

test("the table shows the accounts not read; no account read at all exits 3", async () => {
  const table = await audit(["--lookup-events"], ["--fail-on", "none", "-q"]);
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/Sources\s+\d+ ok, 0 partial, 1 failed, 2 skipped/);
  expect(table.stdout).toContain(`failed  aws ${member.failed} (member-0001, Root)  cannot assume`);
  // The access review lists each account's root on its own row, told apart by its account.
  expect(table.stdout).toMatch(/WHO +ROLE\/KIND +ACCOUNTS +DAYS/);
  for (const account of [MANAGEMENT_ACCOUNT, member.ok, member.partial])
    expect(table.stdout).toMatch(new RegExp(`\\n +root +root +${account} +1 +1 `));

  const only = join(dir, "only-failed.yaml");
  writeFileSync(
    only,
    [
      "aws:",
      "  regions: [us-east-1]",
      "  organization:",
      `    roleName: ${MEMBER_ROLE}`,
      `    accounts: ["${member.failed}"]`,
      "audit:",
      "  timeZone: UTC",
      "  baselineDays: 0",
      "",
    ].join("\n"),
  );
  const none = await runCli(["audit", "--org", "--lookup-events", "--config", only, ...PERIOD, "-q"], {
    env,
    killAfterMs: 240_000,
  });
  expect(none.code).toBe(3);
  expect(none.stderr).toMatch(/no account of organisation o-\w+ could be read \(1 failed, 0 skipped\)/);
  expect(none.stdout).toBe("");
}, 300_000);

test("an organisation trail on Athena: the query names the audited accounts only; accounts without rows fail", async () => {
  // moto runs no SQL: the candidates query answers with the root sign-ins of two accounts (queued
  // results, taken in the order the queries ask for them), the aggregates query with nothing.
  const columns = ["ui_type", "ui_accountid", "ui_arn", "recipientaccountid", "eventsource", "awsregion"]
    .concat(["eventname", "eventtype", "eventid", "eventtime", "sourceipaddress", "responseelements"])
    .concat(["additionaleventdata"]);
  const signIn = (account: string) =>
    [
      "Root",
      account,
      `arn:aws:iam::${account}:root`,
      account,
      "signin.amazonaws.com",
      "us-east-1",
      "ConsoleLogin",
      "AwsConsoleSignIn",
      randomUUID(),
      `${DAY}T03:01:00Z`,
      "203.0.113.10",
      '{"ConsoleLogin":"Success"}',
      '{"MFAUsed":"Yes"}',
    ].map((value) => ({ VarCharValue: value }));
  const queued = await fetch(`${moto.endpoint}/moto-api/static/athena/query-results`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      account_id: MANAGEMENT_ACCOUNT,
      region: "us-east-1",
      results: [
        {
          rows: [{ Data: signIn(MANAGEMENT_ACCOUNT) }, { Data: signIn(member.ok) }],
          column_info: columns.map((name) => ({ Name: name, Type: "varchar" })),
        },
        { rows: [], column_info: [] },
      ],
    }),
  });
  expect(queued.status).toBe(201);
  const sent = lookupEvents.forwarded.length;
  // Through the loopback server, which records what it passes to moto: the queries as started.
  const run = await runCli(
    [
      "audit",
      "--org",
      "--athena-table",
      "audit.cloudtrail_logs",
      "--athena-output",
      "s3://athena-results/itaku/",
      "--config",
      join(dir, "itaku.yaml"),
      ...PERIOD,
      "--format",
      "json",
    ],
    { env, killAfterMs: 240_000 },
  );
  expect(run.code).toBe(1);
  const result = JSON.parse(run.stdout) as Result;
  const accounts = accountsOf(result);
  expect(statusesOf(result)).toEqual({
    [MANAGEMENT_ACCOUNT]: "ok",
    [member.ok]: "ok",
    [member.failed]: "failed",
    [member.partial]: "failed",
    [member.suspended]: "skipped",
    [member.excluded]: "skipped",
    [member.silent]: "failed",
  });
  expect(accounts[member.silent]?.reason).toMatch(
    /^no CloudTrail event of this account in athena:audit\.cloudtrail_logs/,
  );
  expect(rootFindingAccounts(result)).toEqual([MANAGEMENT_ACCOUNT, member.ok].sort());
  // Both queries bound exactly the active accounts to their `account IN (…)`.
  const audited = [MANAGEMENT_ACCOUNT, member.ok, member.failed, member.partial, member.silent];
  const started = lookupEvents.forwarded
    .slice(sent)
    .filter((r) => r.target === "AmazonAthena.StartQueryExecution")
    .map((r) => JSON.parse(r.body) as { QueryString: string; ExecutionParameters?: string[] });
  expect(started).toHaveLength(2);
  for (const query of started) {
    expect(query.QueryString).toContain(`account IN (${audited.map(() => "?").join(", ")})`);
    const values = (query.ExecutionParameters ?? []).map((v) => v.replaceAll("'", ""));
    for (const account of audited) expect(values).toContain(account);
    for (const account of [member.excluded, member.suspended, OUTSIDE]) expect(values).not.toContain(account);
  }
}, 300_000);

test("audit query --org: the organisation trail's active accounts only, copied from their AWSLogs/o-…/ACCOUNT/ prefixes", async () => {
  const sql = "SELECT account, count(*) AS events FROM cloudtrail_logs GROUP BY account ORDER BY account";
  const run = await runCli(
    [
      "audit",
      "query",
      "--org",
      "--cloudtrail-s3",
      `s3://${BUCKET}`,
      "--config",
      join(dir, "itaku.yaml"),
    ].concat(["--from", DAY, "--to", DAY, "--format", "json", sql]),
    { env: { ...env, AWS_ENDPOINT_URL: moto.endpoint }, killAfterMs: 240_000 },
  );
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.code).toBe(0);
  // The member whose role is refused is read all the same (the archive needs no member role); the
  // excluded, the suspended and the outsider are not copied; the silent member has nothing.
  const expected = [
    { account: MANAGEMENT_ACCOUNT, events: "24" },
    { account: member.ok, events: "24" },
    { account: member.failed, events: "24" },
    { account: member.partial, events: "23" },
  ].sort((a, b) => a.account.localeCompare(b.account));
  expect(JSON.parse(run.stdout)).toEqual(expected);
  expect(run.stderr).toMatch(/querying 5 of the organisation's 7 accounts/);
  // The archive is read with the base credentials: no member role is assumed for it.
  const sessions = (await assumedRoles(moto.endpoint)).filter((s) => s.session_name !== "seed");
  const before = sessions.length;
  const again = await runCli(
    [
      "audit",
      "query",
      "--org",
      "--cloudtrail-s3",
      `s3://${BUCKET}`,
      "--config",
      join(dir, "itaku.yaml"),
    ].concat(["--from", DAY, "--to", DAY, "-q", "SELECT count(*) AS n FROM cloudtrail_logs"]),
    { env: { ...env, AWS_ENDPOINT_URL: moto.endpoint }, killAfterMs: 240_000 },
  );
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/\b95\b/);
  expect((await assumedRoles(moto.endpoint)).filter((s) => s.session_name !== "seed")).toHaveLength(before);
}, 300_000);

test("audit query --org: bad combinations exit 2, an organisation with no active account exits 3", async () => {
  const sql = "SELECT count(*) FROM cloudtrail_logs";
  const s3 = ["--cloudtrail-s3", `s3://${BUCKET}`, "--from", DAY, "--to", DAY];
  const s3env = { env: { ...env, AWS_ENDPOINT_URL: moto.endpoint }, killAfterMs: 240_000 };
  const local = await runCli(["audit", "query", "--org", "--cloudtrail-dir", dir, sql], s3env);
  expect(local.code).toBe(2);
  expect(local.stderr).toMatch(/--org reads the organisation trail's S3 archive: give --cloudtrail-s3/);
  const named = await runCli(
    ["audit", "query", "--org", ...s3, "--accounts", MANAGEMENT_ACCOUNT, sql],
    s3env,
  );
  expect(named.code).toBe(2);
  expect(named.stderr).toMatch(/--org takes its accounts from the organisation/);
  const none = join(dir, "none-active.yaml");
  writeFileSync(none, ["aws:", "  organization:", `    accounts: ["${member.suspended}"]`, ""].join("\n"));
  const empty = await runCli(["audit", "query", "--org", ...s3, "--config", none, "-q", sql], s3env);
  expect(empty.code).toBe(3);
  expect(empty.stderr).toMatch(
    /no account of organisation o-\w+ to audit: all \d+ are suspended or excluded/,
  );
  expect(empty.stdout).toBe("");
}, 300_000);

test("--org needs an AWS source and takes its accounts from the organisation", async () => {
  const local = await runCli(["audit", "--org", "--cloudtrail-dir", dir, ...PERIOD], { env });
  expect(local.code).toBe(2);
  expect(local.stderr).toMatch(/--org reads the organisation's CloudTrail from AWS/);
  const named = await runCli(
    ["audit", "--org", "--lookup-events", "--accounts", MANAGEMENT_ACCOUNT, ...PERIOD],
    { env },
  );
  expect(named.code).toBe(2);
  expect(named.stderr).toMatch(/--org takes its accounts from the organisation/);
});
