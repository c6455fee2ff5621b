// `itaku audit --athena-table` through the built binary against moto's Athena: the query flow (start,
// poll, page the results) as users run it. moto cannot execute SQL, so it answers every query with
// no rows; the detections' SQL itself is proven on DuckDB (packages/audit/src/pushdown.integ.test.ts).
import { join } from "node:path";
import { athenaCostUsd } from "@itaku/audit";
import { REPO_ROOT, runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

let moto: MotoServer;
beforeAll(async () => {
  moto = await startMoto();
}, MOTO_INSTALL_TIMEOUT_MS);
afterAll(async () => {
  await moto?.stop();
});

/** The audit of the demo's account on the moto Athena table, as JSON. */
const AUDIT_ON_ATHENA = [
  "audit",
  "--athena-table",
  "audit.cloudtrail_logs",
  "--athena-output",
  "s3://athena-results/itaku/",
  "--accounts",
  "111122223333",
  "--config",
  join(REPO_ROOT, "demo/itaku.yaml"),
  "--now",
  "2026-11-20",
  "--format",
  "json",
];

test("runs the detections' queries on Athena and reports the table as the source, with the data scanned on stderr", async () => {
  const run = await runCli(AUDIT_ON_ATHENA, { env: motoClientEnv(moto.endpoint), killAfterMs: 120_000 });
  expect(run.stderr).toMatch(/^itaku: Athena scanned \d+ bytes \(about \$[\d.]+\)$/m);
  expect(run.stderr).not.toMatch(/internal error|cannot scan/);
  const result = JSON.parse(run.stdout) as {
    sources: { provider: string; scope: string; gaps: unknown[]; stats?: Record<string, number> }[];
    inventory: { type: string; count: number }[];
  };
  expect(result.sources).toEqual([
    {
      provider: "cloudtrail-athena",
      scope: "athena:audit.cloudtrail_logs",
      regions: [],
      gaps: [],
      // The two pushed-down queries, what they scanned (moto reports nothing) and cost, and the time.
      stats: {
        queries: 2,
        candidateRows: 0,
        aggregateRows: 0,
        dataScannedBytes: 0,
        costUsd: Math.round(2 * athenaCostUsd(0) * 1e6) / 1e6,
        engineMs: 0,
        elapsedMs: expect.any(Number),
      },
    },
  ]);
  expect(result.inventory.find((i) => i.type === "cloudtrail.event")?.count).toBe(0);
});

test("a table name that is not DB.TABLE is bad input: exit 2, nothing run", async () => {
  const run = await runCli(
    ["audit", "--athena-table", "audit.cloud-trail; DROP", "--config", join(REPO_ROOT, "demo/itaku.yaml")],
    {
      env: motoClientEnv(moto.endpoint),
    },
  );
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain("--athena-table");
});

test("Ctrl-C while the query runs stops it at Athena and exits 3 with one clear line", async () => {
  // moto keeps every execution QUEUED (manual progression), so the query is still running when the
  // SIGINT arrives; StopQueryExecution is what turns it CANCELLED at moto.
  const transition = (progression: object) =>
    fetch(`${moto.endpoint}/moto-api/state-manager/set-transition`, {
      method: "POST",
      body: JSON.stringify({ model_name: "athena::execution", transition: progression }),
    });
  await transition({ progression: "manual", times: 100_000 });
  // Athena's JSON protocol straight to moto (it checks no signature): what the query became there.
  const athena = async (operation: string, input: object) => {
    const response = await fetch(moto.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AmazonAthena.${operation}`,
        authorization:
          "AWS4-HMAC-SHA256 Credential=AKIAITAKUTESTING0001/20261120/ap-northeast-1/athena/aws4_request",
      },
      body: JSON.stringify(input),
    });
    return (await response.json()) as {
      QueryExecutionIds?: string[];
      QueryExecution?: { Status?: { State?: string } };
    };
  };
  const before = new Set((await athena("ListQueryExecutions", {})).QueryExecutionIds ?? []);
  let started: string | undefined;
  try {
    const run = await runCli(AUDIT_ON_ATHENA, {
      env: motoClientEnv(moto.endpoint),
      killAfterMs: 120_000,
      onSpawn: (child) => {
        // Once the query is at Athena, press Ctrl-C.
        const poll = setInterval(async () => {
          const ids = (await athena("ListQueryExecutions", {})).QueryExecutionIds ?? [];
          started = ids.find((id) => !before.has(id));
          if (started) {
            clearInterval(poll);
            child.kill("SIGINT");
          }
        }, 200);
        child.on("close", () => clearInterval(poll));
      },
    });
    expect(started).toBeDefined();
    const execution = await athena("GetQueryExecution", { QueryExecutionId: started });
    expect(execution.QueryExecution?.Status?.State).toBe("CANCELLED");
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/interrupted \(Ctrl-C\)/);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  } finally {
    await transition({ progression: "immediate" });
  }
}, 180_000);
