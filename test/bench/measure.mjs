// What the AWS collection benchmarks share: the built CLI and moto checked first, a moto server of
// their own on a free loopback port, seeding calls run a few at a time, and the environment of the
// child process whose collection is measured (moto's endpoint, fixed credentials, no local AWS files).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
export const CLI = join(ROOT, "packages/cli/dist/itaku.mjs");
const MOTO = join(ROOT, ".venv/bin/moto_server");
export const ACCOUNT = "111122223333";
/** Calls in flight while seeding (seeding is not what is measured). */
const SEED_PARALLEL = 8;
export const credentials = { accessKeyId: "AKIAITAKUBENCH000001", secretAccessKey: "bench" };

/**
 * Starts moto on a free loopback port once the CLI is built (installing moto when missing); stops it
 * on exit. Requests land in ACCOUNT unless `accountId` says otherwise (null: moto's own default).
 */
export async function startMoto({ accountId = ACCOUNT } = {}) {
  if (!existsSync(CLI)) throw new Error("run `pnpm build` first");
  if (!existsSync(MOTO)) {
    const install = spawnSync("bash", [join(ROOT, "scripts/install-moto.sh")], { stdio: "inherit" });
    if (install.status !== 0) throw new Error("scripts/install-moto.sh failed");
  }
  const port = await new Promise((ok, fail) => {
    const server = createServer().on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const moto = spawn(MOTO, ["-H", "127.0.0.1", "-p", String(port)], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? "/tmp",
      ...(accountId ? { MOTO_ACCOUNT_ID: accountId } : {}),
    },
    stdio: "ignore",
  });
  const stop = () => moto.exitCode === null && moto.kill("SIGTERM");
  process.on("exit", stop);
  for (let deadline = Date.now() + 60_000; ; ) {
    try {
      if ((await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error("moto_server did not start");
    await new Promise((r) => setTimeout(r, 150));
  }
  return { endpoint, stop, pid: moto.pid };
}

/** Runs the jobs (functions returning promises) a few at a time. */
export async function inParallel(jobs) {
  let next = 0;
  await Promise.all(
    Array.from({ length: SEED_PARALLEL }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
}

/** The measured child's environment: moto's endpoint and the bench credentials, nothing of the machine's AWS setup. */
export const collectorEnv = (endpoint, region) => ({
  PATH: process.env.PATH,
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  AWS_REGION: region,
  AWS_ENDPOINT_URL: endpoint,
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_CONFIG_FILE: "/nonexistent/itaku-bench/config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/itaku-bench/credentials",
});
