// Starts moto_server (a local implementation of the AWS APIs) on a free loopback port for one test
// file. The project-local .venv with moto is created by scripts/install-moto.sh when missing.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { REPO_ROOT } from "./cli";

export const VENV = resolve(REPO_ROOT, ".venv");
export const MOTO_SERVER = resolve(VENV, "bin/moto_server");
/** Written by scripts/install-moto.sh once the install is complete. */
const MOTO_MARKER = resolve(VENV, ".itaku-moto-installed");
/** Installing moto into a fresh .venv takes a minute or two; give beforeAll this long. */
export const MOTO_INSTALL_TIMEOUT_MS = 600_000;

export interface MotoServer {
  endpoint: string;
  port: number;
  /** Drops every resource the server holds (moto's own reset API). */
  reset(): Promise<void>;
  stop(): Promise<void>;
  /** What the server printed, for failure messages. */
  log(): string;
}

export interface MotoOptions {
  /** The account every request lands in (moto's MOTO_ACCOUNT_ID). */
  accountId?: string;
  /** Extra environment for the server, e.g. INITIAL_NO_AUTH_ACTION_COUNT=0 to check credentials. */
  env?: Record<string, string>;
}

/** Runs scripts/install-moto.sh unless .venv already has a complete moto install. */
export function ensureMoto(): void {
  if (existsSync(MOTO_MARKER) && existsSync(MOTO_SERVER)) return;
  const run = spawnSync("bash", [resolve(REPO_ROOT, "scripts/install-moto.sh")], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: MOTO_INSTALL_TIMEOUT_MS,
  });
  if (run.status !== 0 || !existsSync(MOTO_SERVER)) {
    throw new Error(
      `scripts/install-moto.sh failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`,
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  ensureMoto();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(MOTO_SERVER, ["-H", "127.0.0.1", "-p", String(port)], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/tmp",
      ...(options.accountId ? { MOTO_ACCOUNT_ID: options.accountId } : {}),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`moto_server did not answer on ${endpoint} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    endpoint,
    port,
    log: () => output,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
      if (!response.ok) throw new Error(`moto reset failed: ${response.status}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Environment for SDK clients and the CLI talking to moto: fake keys, no shared config files, and no
 * instance-metadata lookups (which would leave loopback).
 */
export function motoClientEnv(endpoint: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: "AKIAITAKUTESTING0001",
    AWS_SECRET_ACCESS_KEY: "itaku-test-secret-not-real",
    AWS_REGION: "ap-northeast-1",
    AWS_ENDPOINT_URL: endpoint,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: "/nonexistent/itaku-test/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/itaku-test/aws-credentials",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}
