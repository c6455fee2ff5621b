// One set of detections, proven equal across paths on the seeded archive with planted incidents:
//   - every record of the log files folded one by one (what the local and S3 sources do);
//   - the pushed-down audit: the Athena SQL run on DuckDB over the same files (candidates whole, the
//     rest aggregated), folded into the same detections;
//   - LookupEvents through the loopback CloudTrail server, for what it can see (management events):
//     equal to the files' management events; the detection that needs data events is not_applicable.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { AwsClients, RequestCounter } from "@itaku/collector-aws";
import {
  AuditFold,
  type AuditFoldInit,
  type AuditState,
  accessSection,
  auditConfigSchema,
  auditWindow,
  type CloudTrailEvent,
  type DetectionCoverage,
  parseRoster,
  reportDetections,
} from "@itaku/core";
import { detections } from "@itaku/rules-access-log";
import {
  CONFIDENTIAL_BUCKET,
  DEFAULT_WINDOW,
  DEMO_ACCOUNT,
  OFFICE_CIDR,
  SUBCONTRACTOR_ACCOUNT,
  writeArchive,
} from "../../../test/harness/cloudtrail-archive";
import { isManagementEvent, startLookupEventsServer } from "../../../test/harness/lookup-events-server";
import { MOTO_INSTALL_TIMEOUT_MS, startMoto } from "../../../test/harness/moto";
import { CloudTrailDuckDb, findLogFiles } from "./duckdb";
import { type QueryRows, runPushdown, timeBucketFor } from "./pushdown";
import { AthenaSource } from "./sources/athena-source";
import { readLookupEvents } from "./sources/lookup-events";

const REPO_ROOT = join(__dirname, "../../..");
let dir: string;
let files: string[];
let records: CloudTrailEvent[];
/** What DuckDB answered to each pushdown query, in order: moto's Athena serves them back below. */
const duckdbAnswers: QueryRows[] = [];

const audit = auditConfigSchema.parse({
  baselineDays: 7,
  allowedSourceCidrs: [OFFICE_CIDR],
  confidentialBuckets: [CONFIDENTIAL_BUCKET],
});
const init: AuditFoldInit = {
  period: { from: DEFAULT_WINDOW.from.toISOString(), to: DEFAULT_WINDOW.to.toISOString() },
  audit,
  subcontractors: [
    {
      name: "log partner",
      awsAccountIds: [SUBCONTRACTOR_ACCOUNT],
      approvedBy: "client",
      approvedAt: "2026-04-01",
    },
  ],
  people: parseRoster(readFileSync(join(REPO_ROOT, "demo/roster.csv"), "utf8"), "roster.csv").people,
  ownAccounts: [DEMO_ACCOUNT],
  detections: detections.map((d) => ({ id: d.id, options: d.options.parse({}) })),
};
const window = auditWindow(init);
const readFrom = new Date(window.baselineFrom).toISOString().replace(".000Z", "Z");
const readTo = new Date(window.to).toISOString().replace(".000Z", "Z");
const full: DetectionCoverage = { dataEvents: true, baseline: true, gaps: [] };

/** What a person reads: the findings and the access review. */
function outcome(fold: AuditFold | AuditState, coverage = full) {
  const state = fold instanceof AuditFold ? fold.state() : fold;
  return {
    findings: reportDetections(init, state, coverage, detections),
    access: accessSection(state.access, init.people, {
      from: init.period.from,
      to: init.period.to,
      timeZone: audit.timeZone,
      baselineFrom: new Date(window.baselineFrom).toISOString(),
    }),
  };
}

function foldAll(events: Iterable<CloudTrailEvent>): AuditFold {
  const fold = new AuditFold(init, detections);
  for (const event of events) fold.add(event);
  return fold;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "itaku-pushdown-"));
  await writeArchive(dir, { seed: 7, events: 4000, historyDays: 7, digests: false, recordsPerFile: 1000 });
  files = await findLogFiles(dir);
  records = files.flatMap(
    (file) =>
      (JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as { Records: CloudTrailEvent[] }).Records,
  );
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

test("the Athena SQL on DuckDB over the same files gives the same findings and access review", async () => {
  const expected = outcome(foldAll(records));
  expect(expected.findings.filter((f) => f.status === "fail").length).toBeGreaterThan(3);

  const db = await CloudTrailDuckDb.open(files);
  try {
    const fold = new AuditFold(init, detections);
    const engine = db.queryEngine();
    const stats = await runPushdown(
      async (query) => {
        const answer = await engine(query);
        duckdbAnswers.push(answer);
        return answer;
      },
      {
        from: readFrom,
        to: readTo,
        accounts: [DEMO_ACCOUNT],
        bucket: timeBucketFor(audit, readFrom, readTo),
      },
      fold,
    );
    expect(outcome(fold)).toEqual(expected);
    const inWindow = records.filter((r) => r.eventTime >= readFrom && r.eventTime < readTo).length;
    expect(stats.events).toBe(inWindow);
    const rows = stats.candidateRows + stats.aggregateRows;
    console.log(
      `pushdown: ${rows} rows (${stats.candidateRows} candidates + ${stats.aggregateRows} groups) for ${inWindow} events = ${((100 * rows) / inWindow).toFixed(1)} %`,
    );
  } finally {
    db.close();
  }
});

test(
  "the Athena source: the same queries through moto's Athena (serving the rows DuckDB computed) give the same findings, with data scanned in the report",
  async () => {
    expect(duckdbAnswers).toHaveLength(2);
    const moto = await startMoto({ accountId: "123456789012" });
    try {
      const results = duckdbAnswers.map((answer) => ({
        rows: [answer.columns, ...answer.rows].map((row) => ({
          Data: row.map((cell) => (cell === null ? {} : { VarCharValue: cell })),
        })),
        column_info: answer.columns.map((name) => ({ Name: name, Type: "varchar" })),
      }));
      const response = await fetch(`${moto.endpoint}/moto-api/static/athena/query-results`, {
        method: "POST",
        body: JSON.stringify({ account_id: "123456789012", region: "ap-northeast-1", results }),
      });
      expect(response.status).toBe(201);
      const clients = new AwsClients({
        credentials: { accessKeyId: "AKIAATHENATEST", secretAccessKey: "not-a-secret" },
        endpoint: moto.endpoint,
        counter: new RequestCounter(),
      });
      const source = new AthenaSource({
        clients,
        region: "ap-northeast-1",
        table: "audit.cloudtrail_logs",
        outputLocation: "s3://athena-results/itaku/",
        bucket: timeBucketFor(audit, readFrom, readTo),
        poll: { firstDelayMs: 20, maxDelayMs: 100 },
      });
      const { report, state } = await source.read<AuditFoldInit, AuditState>({
        window: { from: new Date(window.baselineFrom), to: new Date(window.to) },
        accounts: [DEMO_ACCOUNT],
        sink: { module: require.resolve("./detections-sink"), init },
      });
      clients.destroy();
      expect(outcome(state)).toEqual(outcome(foldAll(records)));
      expect(report).toMatchObject({ kind: "athena", location: "athena:audit.cloudtrail_logs", gaps: [] });
      expect(report.stats).toMatchObject({ queries: 2, dataScannedBytes: 0 });
    } finally {
      await moto.stop();
    }
  },
  MOTO_INSTALL_TIMEOUT_MS,
);

test("LookupEvents, for the management events it serves, agrees with the files; data-event detections are not_applicable", async () => {
  const management = records.filter(isManagementEvent);
  const server = await startLookupEventsServer({ events: management });
  const clients = new AwsClients({
    credentials: { accessKeyId: "AKIAPUSHDOWNTEST", secretAccessKey: "not-a-secret" },
    endpoint: server.endpoint,
    counter: new RequestCounter(),
  });
  try {
    const fold = new AuditFold(init, detections);
    const report = await readLookupEvents({
      clients,
      account: DEMO_ACCOUNT,
      regions: ["ap-northeast-1", "us-east-1"],
      from: new Date(window.baselineFrom),
      to: new Date(window.to),
      now: new Date(window.to + 86_400_000),
      sink: fold,
    });
    expect(report.gaps).toEqual([]);
    expect(server.maxPerSecond("ap-northeast-1")).toBeLessThanOrEqual(2);
    const coverage: DetectionCoverage = { dataEvents: false, baseline: true, gaps: [] };
    const got = outcome(fold, coverage);
    expect(got).toEqual(outcome(foldAll(management), coverage));
    const needsData = detections.filter((d) => d.needs.dataEvents).map((d) => d.id);
    expect(needsData).toContain("access-confidential-data");
    for (const id of needsData)
      expect(got.findings.filter((f) => f.ruleId === id).map((f) => f.status)).toEqual(["not_applicable"]);
  } finally {
    clients.destroy();
    await server.stop();
  }
}, 300_000);
