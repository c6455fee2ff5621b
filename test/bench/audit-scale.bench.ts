// `pnpm bench audit-scale [--seconds S] [--events N] [--repeat R] [--pushdown-events N] [--only-lookup|--only-pushdown|--only-query]`: the access-log audit's scale-out paths.
// 1. LookupEvents: one region read through the loopback CloudTrail server (2 requests/s, throttling
//    above it) for about S seconds of paging (default 60); requests per second counted at the server,
//    throttling errors, and the time against the N/100 s floor (2 requests/s × 50 events).
// 2. The pushed-down audit (the Athena SQL, run on DuckDB over the generated archive): rows returned
//    against events scanned, and the findings equal to folding every event (--pushdown-events N over
//    a week, default 300,000).
// 3. `audit query` on embedded DuckDB over N events (default 2,000,000) of CloudTrail files against a
//    bare DuckDB read_json of the same files, same threads, same query (best of --repeat, default 1).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  CloudTrailDuckDb,
  findLogFiles,
  LOOKUP_EVENTS_PAGE_SIZE,
  readLookupEvents,
  runPushdown,
  timeBucketFor,
} from "@itaku/audit";
import { AwsClients, RequestCounter } from "@itaku/collector-aws";
import {
  AuditFold,
  type AuditFoldInit,
  auditConfigSchema,
  auditWindow,
  type CloudTrailEvent,
  parseRoster,
  reportDetections,
} from "@itaku/core";
import { detections } from "@itaku/rules-access-log";
import { CONFIDENTIAL_BUCKET, DEMO_ACCOUNT, OFFICE_CIDR, writeArchive } from "../harness/cloudtrail-archive";
import { startLookupEventsServer } from "../harness/lookup-events-server";

const ROOT = resolve(import.meta.dirname ?? ".", "../..");
const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const seconds = argument("--seconds", 60);
const totalEvents = argument("--events", 2_000_000);
const repeat = argument("--repeat", 1);
const pushdownEvents = argument("--pushdown-events", 300_000);

const ACCOUNT = "111122223333";
const USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
const CALLS: [string, string, boolean][] = [
  ["ec2.amazonaws.com", "DescribeInstances", true],
  ["s3.amazonaws.com", "ListBuckets", true],
  ["iam.amazonaws.com", "ListUsers", true],
  ["sts.amazonaws.com", "AssumeRole", false],
  ["signin.amazonaws.com", "ConsoleLogin", false],
  ["ec2.amazonaws.com", "RunInstances", false],
  ["s3.amazonaws.com", "GetObject", true],
  ["kms.amazonaws.com", "Decrypt", true],
];

/** A plausible record; `i` makes it unique and spreads it over November 2026. */
function syntheticEvent(i: number, region: string): CloudTrailEvent {
  const user = USERS[i % USERS.length] as string;
  const [eventSource, eventName, readOnly] = CALLS[(i * 7) % CALLS.length] as [string, string, boolean];
  const time = new Date(Date.UTC(2026, 10, 1) + ((i * 1297) % (30 * 86_400)) * 1000);
  const data = eventName === "GetObject";
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "AssumedRole",
      principalId: `AROAEXAMPLE:${user}@vendor.example`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Operator_0a1b/${user}@vendor.example`,
      accountId: ACCOUNT,
      accessKeyId: `ASIA${String(i).padStart(16, "0")}`,
      sessionContext: {
        sessionIssuer: {
          type: "Role",
          principalId: "AROAEXAMPLE",
          arn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Operator_0a1b`,
          accountId: ACCOUNT,
          userName: "AWSReservedSSO_Operator_0a1b",
        },
        attributes: { creationDate: time.toISOString(), mfaAuthenticated: "false" },
      },
    },
    eventTime: time.toISOString().replace(".000Z", "Z"),
    eventSource,
    eventName,
    awsRegion: region,
    sourceIPAddress: `203.0.113.${i % 250}`,
    userAgent: "aws-cli/2.17.0 Python/3.12 Linux/6.1 exe/x86_64",
    requestParameters: data
      ? { bucketName: "vendor-confidential-data", key: `reports/${i}.csv` }
      : { maxResults: 50 },
    responseElements: null,
    requestID: `req-${i}`,
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    readOnly,
    eventType: "AwsApiCall",
    managementEvent: !data,
    recipientAccountId: ACCOUNT,
    eventCategory: data ? "Data" : "Management",
    tlsDetails: {
      tlsVersion: "TLSv1.3",
      cipherSuite: "TLS_AES_128_GCM_SHA256",
      clientProvidedHostHeader: `${eventSource}`,
    },
  };
}

async function lookupEventsBench(): Promise<void> {
  // Enough management events for `seconds` of paging at the limit, in one region.
  const pages = Math.max(2, Math.round(seconds * 1.9));
  const events: CloudTrailEvent[] = [];
  for (let i = 0; events.length < pages * LOOKUP_EVENTS_PAGE_SIZE; i++) {
    const event = syntheticEvent(i, "ap-northeast-1");
    if (event.eventCategory === "Management" && event.eventSource !== "iam.amazonaws.com") events.push(event);
  }
  const server = await startLookupEventsServer({ events });
  const clients = new AwsClients({
    credentials: { accessKeyId: "AKIABENCH", secretAccessKey: "bench" },
    endpoint: server.endpoint,
    counter: new RequestCounter(),
  });
  let read = 0;
  const started = performance.now();
  const report = await readLookupEvents({
    clients,
    account: ACCOUNT,
    regions: ["ap-northeast-1", "us-east-1"],
    from: new Date("2026-11-01T00:00:00Z"),
    to: new Date("2026-12-01T00:00:00Z"),
    now: new Date("2026-12-01T00:00:00Z"),
    sink: { add: () => void read++, state: () => read },
  });
  const elapsed = (performance.now() - started) / 1000;
  clients.destroy();
  await server.stop();
  const regionRequests = server.requests.filter((r) => r.region === "ap-northeast-1");
  const span = ((regionRequests.at(-1)?.at ?? 0) - (regionRequests[0]?.at ?? 0)) / 1000;
  const floor = read / 100;
  console.log(`LookupEvents: ${read} events, ${report.stats?.requests} requests in ${elapsed.toFixed(1)} s`);
  console.log(
    `  ap-northeast-1: ${regionRequests.length} requests over ${span.toFixed(1)} s = ${((regionRequests.length - 1) / Math.max(span, 1e-9)).toFixed(2)} req/s average, ` +
      `max ${server.maxPerSecond("ap-northeast-1")} in any second; throttled at the server: ${server.requests.filter((r) => r.throttled).length}`,
  );
  console.log(
    `  time / (N/100 s floor = ${floor.toFixed(1)} s): ${(elapsed / floor).toFixed(3)}× (target ≤ 1.1×)`,
  );
}

/** Writes `count` events as CloudTrail files of 1000 records (≈ 60 KB gzipped each), once. */
function ensureArchive(count: number): string {
  const dir = join(ROOT, ".cache/bench", `audit-scale-${count}`);
  const marker = join(dir, ".complete");
  if (existsSync(marker) && readFileSync(marker, "utf8") === String(count)) return dir;
  const started = performance.now();
  const perFile = 1000;
  for (let first = 0, n = 0; first < count; first += perFile, n++) {
    const region = n % 3 === 0 ? "us-east-1" : "ap-northeast-1";
    const records = Array.from({ length: Math.min(perFile, count - first) }, (_, k) =>
      syntheticEvent(first + k, region),
    );
    const day = records[0]?.eventTime.slice(0, 10).replaceAll("-", "/") as string;
    const folder = join(dir, "AWSLogs", ACCOUNT, "CloudTrail", region, day);
    mkdirSync(folder, { recursive: true });
    const name = `${ACCOUNT}_CloudTrail_${region}_${day.replaceAll("/", "")}T0000Z_${String(n).padStart(6, "0")}.json.gz`;
    writeFileSync(join(folder, name), gzipSync(JSON.stringify({ Records: records })));
  }
  writeFileSync(marker, String(count));
  console.log(
    `(generated ${count} events in ${((performance.now() - started) / 1000).toFixed(0)} s into ${dir})`,
  );
  return dir;
}

async function best(run: () => Promise<unknown>, times = repeat): Promise<{ ms: number; value: unknown }> {
  let ms = Number.POSITIVE_INFINITY;
  let value: unknown;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    value = await run();
    ms = Math.min(ms, performance.now() - started);
  }
  return { ms, value };
}

async function queryBench(): Promise<void> {
  const dir = ensureArchive(totalEvents);
  const files = await findLogFiles(dir);
  const threads = cpus().length;
  const db = await CloudTrailDuckDb.open(files, { threads });
  const list = `[${files.map((f) => `'${f.replaceAll("'", "''")}'`).join(",")}]`;
  const bare = `(SELECT unnest(Records) AS r FROM read_json(${list}, format = 'auto', maximum_object_size = 1073741824))`;
  const cases: [string, string, string][] = [
    ["count(*)", "SELECT count(*) AS n FROM cloudtrail_logs", `SELECT count(*) AS n FROM ${bare}`],
    [
      "per person and day (struct path)",
      "SELECT useridentity.principalid AS p, substr(eventtime, 1, 10) AS d, count(*) AS n FROM cloudtrail_logs GROUP BY 1, 2",
      `SELECT r.userIdentity.principalId AS p, CAST(r.eventTime AS DATE) AS d, count(*) AS n FROM ${bare} GROUP BY 1, 2`,
    ],
  ];
  console.log(
    `\naudit query over ${totalEvents} events in ${files.length} files, ${threads} DuckDB threads (best of ${repeat}):`,
  );
  for (const [name, ours, theirs] of cases) {
    const a = await best(() => db.query(ours));
    const b = await best(() => db.query(theirs));
    const rows = (a.value as { rows: unknown[] }).rows.length;
    console.log(
      `  ${name}: cloudtrail_logs ${(a.ms / 1000).toFixed(2)} s, bare read_json ${(b.ms / 1000).toFixed(2)} s → ${(a.ms / b.ms).toFixed(2)}× (target ≤ 1.2×), ${rows} rows, ` +
        `${Math.round(totalEvents / (a.ms / 1000)).toLocaleString("en")} events/s`,
    );
  }
  db.close();
}

async function pushdownBench(): Promise<void> {
  const window = { from: new Date("2026-10-04T15:00:00Z"), to: new Date("2026-10-11T15:00:00Z") };
  const dir = join(ROOT, ".cache/bench", `audit-scale-generated-${pushdownEvents}`);
  const marker = join(dir, ".complete");
  if (!existsSync(marker)) {
    const started = performance.now();
    await writeArchive(dir, { seed: 11, window, historyDays: 0, events: pushdownEvents, digests: false });
    writeFileSync(marker, "ok");
    console.log(
      `(generated ~${pushdownEvents} events in ${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  const files = await findLogFiles(dir);
  const audit = auditConfigSchema.parse({
    baselineDays: 0,
    allowedSourceCidrs: [OFFICE_CIDR],
    confidentialBuckets: [CONFIDENTIAL_BUCKET],
  });
  const init: AuditFoldInit = {
    period: { from: window.from.toISOString(), to: window.to.toISOString() },
    audit,
    subcontractors: [],
    people: parseRoster(readFileSync(join(ROOT, "demo/roster.csv"), "utf8"), "roster.csv").people,
    ownAccounts: [DEMO_ACCOUNT],
    detections: detections.map((d) => ({ id: d.id, options: d.options.parse({}) })),
  };
  const span = auditWindow(init);
  const from = new Date(span.baselineFrom).toISOString().replace(".000Z", "Z");
  const to = new Date(span.to).toISOString().replace(".000Z", "Z");

  const direct = new AuditFold(init, detections);
  for (const file of files)
    for (const record of (
      JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as { Records: CloudTrailEvent[] }
    ).Records)
      direct.add(record);

  const db = await CloudTrailDuckDb.open(files, { threads: cpus().length });
  const pushed = new AuditFold(init, detections);
  const started = performance.now();
  const stats = await runPushdown(
    db.queryEngine(),
    { from, to, accounts: [DEMO_ACCOUNT], bucket: timeBucketFor(audit, from, to) },
    pushed,
  );
  const seconds = (performance.now() - started) / 1000;
  db.close();
  const coverage = { dataEvents: true, baseline: true, gaps: [] };
  const same =
    JSON.stringify(reportDetections(init, direct.state(), coverage, detections)) ===
    JSON.stringify(reportDetections(init, pushed.state(), coverage, detections));
  const rows = stats.candidateRows + stats.aggregateRows;
  console.log(
    `\npushdown on DuckDB over the generated archive (${files.length} files, ${stats.events} events scanned, ${seconds.toFixed(1)} s):`,
  );
  console.log(
    `  rows returned ${rows} (${stats.candidateRows} candidates + ${stats.aggregateRows} groups) = ${((100 * rows) / stats.events).toFixed(2)} % of events (target ≤ 5 %); findings equal to folding every event: ${same}`,
  );
}

const only = process.argv.find((a) => ["--only-lookup", "--only-pushdown", "--only-query"].includes(a));
if (!only || only === "--only-lookup") await lookupEventsBench();
if (!only || only === "--only-pushdown") await pushdownBench();
if (!only || only === "--only-query") await queryBench();
