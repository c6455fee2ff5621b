// The directory source's deadline against a real Samba AD DC behind a slow link: a proxy delays every
// chunk the server sends, so each request answers well inside ad.timeoutSeconds but the whole read
// would take far longer than ad.deadlineSeconds. The scan must end at the deadline with what it read,
// the rest as DeadlineExceeded gaps, so its rules answer unknown and --fail-on-unknown exits 1.
// (Before the deadline existed, the same scan ran to the end with no gap at all.)
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Result } from "@itaku/core";
import { runCli } from "./harness/cli";
import { addUser, type SambaDc, startSambaDc } from "./harness/samba";

const READER_PASSWORD = "Reader-Passw0rd!x";
const DELAY_MS = 150;
const DEADLINE_SECONDS = 4;

let dc: SambaDc;
let work: string;
let proxy: Server;
const sockets = new Set<Socket>();

/** A TCP proxy to `target` that holds each chunk from the server for DELAY_MS, in order. */
async function slowProxy(host: string, port: number): Promise<number> {
  proxy = createServer((client) => {
    const server = createConnection({ host, port });
    sockets.add(client).add(server);
    let queue = Promise.resolve();
    server.on("data", (chunk) => {
      queue = queue
        .then(() => new Promise((resolve) => setTimeout(resolve, DELAY_MS)))
        .then(() => {
          if (!client.destroyed) client.write(chunk);
        });
    });
    client.pipe(server);
    const close = () => {
      client.destroy();
      server.destroy();
    };
    client.on("error", close).on("close", close);
    server.on("error", close).on("close", () => queue.then(close));
  });
  proxy.listen(0, "127.0.0.1");
  await once(proxy, "listening");
  return (proxy.address() as { port: number }).port;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "itaku-ad-deadline-"));
  dc = await startSambaDc();
  const admin = await dc.admin();
  let reader: string;
  try {
    reader = await addUser(admin, dc.baseDN, { cn: "itaku-reader", password: READER_PASSWORD });
  } finally {
    await admin.unbind();
  }
  const port = await slowProxy(dc.address, 636);
  const ad = {
    url: `ldaps://127.0.0.1:${port}`,
    baseDN: dc.baseDN,
    bindDN: reader,
    passwordEnv: "ITAKU_AD_PASSWORD",
    caFile: dc.caFile,
    serverName: dc.serverName,
    pageSize: 1, // one entry a round trip: the whole directory would take minutes through the proxy
    timeoutSeconds: 10,
    deadlineSeconds: DEADLINE_SECONDS,
  };
  writeFileSync(
    join(work, "itaku.yaml"),
    ["ad:", ...Object.entries(ad).map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`), ""].join("\n"),
  );
}, 600_000);

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  proxy?.close();
  await dc?.destroy();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("a directory slower than its deadline ends at the deadline: unread types are gaps, rules unknown", async () => {
  const run = await runCli(
    ["scan", "--ad", "--config", join(work, "itaku.yaml"), "--format", "json", "--fail-on-unknown", "-q"],
    { env: { ITAKU_AD_PASSWORD: READER_PASSWORD }, killAfterMs: 120_000 },
  );
  expect(run.stderr).toBe("");
  expect(run.code).toBe(1);
  const result = JSON.parse(run.stdout) as Result;
  const source = result.sources.find((s) => s.provider === "ad")!;
  const late = source.gaps.filter((g) => g.code === "DeadlineExceeded");
  expect(late.length).toBeGreaterThan(0);
  expect(late[0]!.message).toBe(
    `the directory source's deadline of ${DEADLINE_SECONDS} s passed before the server answered`,
  );
  // Users are read after groups: with one entry a round trip they cannot have been reached in time.
  expect(late.map((g) => g.resourceType)).toEqual(expect.arrayContaining(["ad.user", "ad.computer"]));
  const unknownUserRules = result.findings.filter(
    (f) => f.status === "unknown" && f.resource.type === "ad.user",
  );
  expect(unknownUserRules.length).toBeGreaterThan(0);
  expect(result.findings.filter((f) => f.resource.type === "ad.user" && f.status === "pass")).toEqual([]);
}, 180_000);
