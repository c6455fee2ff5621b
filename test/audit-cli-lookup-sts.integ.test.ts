// `itaku audit --lookup-events` without --accounts: the account comes from STS GetCallerIdentity (moto,
// started as a chosen account), LookupEvents from the loopback CloudTrail server, both behind the one
// AWS_ENDPOINT_URL the CLI is given — as a user with only credentials runs it.
import { join } from "node:path";
import { REPO_ROOT, runCli } from "./harness/cli";
import { demoEvents } from "./harness/demo-cloudtrail";
import { startLookupEventsServer } from "./harness/lookup-events-server";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const CALLER_ACCOUNT = "210987654321";
let moto: MotoServer;
beforeAll(async () => {
  moto = await startMoto({ accountId: CALLER_ACCOUNT });
}, MOTO_INSTALL_TIMEOUT_MS);
afterAll(() => moto?.stop());

test("reads the credentials' own account, named by STS, when --accounts is not given", async () => {
  const day = demoEvents().filter(
    (e) => e.eventTime >= "2026-10-14T15:00:00Z" && e.eventTime < "2026-10-15T15:00:00Z",
  );
  const server = await startLookupEventsServer({ events: day, upstream: moto.endpoint });
  try {
    const run = await runCli(
      [
        "audit",
        "--lookup-events",
        "--regions",
        "ap-northeast-1",
        "--from",
        "2026-10-15",
        "--to",
        "2026-10-15",
        "--config",
        join(REPO_ROOT, "demo/itaku.yaml"),
        "--now",
        "2026-11-20",
        "--format",
        "json",
      ],
      { env: motoClientEnv(server.endpoint), killAfterMs: 240_000 },
    );
    expect(run.stderr).not.toMatch(/error|cannot/i);
    expect([0, 1]).toContain(run.code);
    const result = JSON.parse(run.stdout) as {
      sources: { provider: string; scope: string; gaps: unknown[]; stats?: Record<string, number> }[];
      inventory: { type: string; count: number }[];
    };
    // The account is the one moto answered GetCallerIdentity with, not one the user named.
    expect(result.sources.map((s) => [s.provider, s.scope])).toEqual([
      ["cloudtrail-lookup-events", `lookup-events:${CALLER_ACCOUNT}`],
    ]);
    expect(result.sources[0]?.gaps).toEqual([]);
    expect(result.sources[0]?.stats?.requests).toBeGreaterThan(0);
    expect(result.inventory.find((i) => i.type === "cloudtrail.event")?.count).toBeGreaterThan(0);
    // Only LookupEvents reached the CloudTrail server; STS went through to moto.
    expect(server.requests.length).toBe(result.sources[0]?.stats?.requests);
  } finally {
    await server.stop();
  }
}, 300_000);
