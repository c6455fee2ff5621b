// `itaku audit --athena-table` through the built binary against moto's Athena: the query flow (start,
// poll, page the results) as users run it. moto cannot execute SQL, so it answers every query with
// no rows; the detections' SQL itself is proven on DuckDB (packages/audit/src/pushdown.integ.test.ts).
import { join } from "node:path";
import { REPO_ROOT, runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

let moto: MotoServer;
beforeAll(async () => {
  moto = await startMoto();
}, MOTO_INSTALL_TIMEOUT_MS);
afterAll(async () => {
  await moto?.stop();
});

test("runs the detections' queries on Athena and reports the table as the source, with the data scanned on stderr", async () => {
  const run = await runCli(
    [
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
    ],
    { env: motoClientEnv(moto.endpoint), killAfterMs: 120_000 },
  );
  expect(run.stderr).toMatch(/^itaku: Athena scanned \d+ bytes \(about \$[\d.]+\)$/m);
  expect(run.stderr).not.toMatch(/internal error|cannot scan/);
  const result = JSON.parse(run.stdout) as {
    sources: { provider: string; scope: string; gaps: unknown[] }[];
    inventory: { type: string; count: number }[];
  };
  expect(result.sources).toEqual([
    { provider: "cloudtrail-athena", scope: "athena:audit.cloudtrail_logs", regions: [], gaps: [] },
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
