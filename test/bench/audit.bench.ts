// `pnpm bench audit [--size 1000000] [--threads N] [--rss-sizes 100000,2000000] [--s3-size 200000] [--no-s3]`
// The access-log audit's sources: a generated local archive (one month, CloudTrail layout, files
// < 128 KB) read through LocalSource on N worker threads into a counting sink, side by side with
// DuckDB's `SELECT count(*) FROM read_json('…/*.json.gz', format='auto')` over the same files with
// the same thread count; peak RSS per archive size (each read in its own process); and the S3 path
// (moto) against the local path on the same archive. Archives are cached under .cache/bench.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import pLimit from "p-limit";
import { LocalSource } from "../../packages/audit/src/sources/local";
import type { SourceReport } from "../../packages/audit/src/sources/types";
import { DEFAULT_WINDOW, writeArchive } from "../harness/cloudtrail-archive";
import { credentials, startMoto } from "./measure.mjs";

const ROOT = process.cwd();
const CACHE = join(ROOT, ".cache/bench");
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
};
const SIZE = Number(arg("size", "1000000"));
const THREADS = Number(arg("threads", String(availableParallelism())));
const RSS_SIZES = arg("rss-sizes", "100000,2000000").split(",").map(Number);
const S3_SIZE = Number(arg("s3-size", "200000"));
const BUCKET = "bench-cloudtrail";

interface ChildFigures {
  events: number;
  files?: number;
  seconds: number;
  peakRssMb: number;
  gaps?: number;
}

/** The archive of `size` events (generated once, then reused). */
async function archive(size: number): Promise<string> {
  const dir = join(CACHE, `audit-archive-${size}`);
  const marker = `${dir}.json`; // beside the archive, not in it (it would be read as a bad log file)
  if (existsSync(marker)) return dir;
  const started = performance.now();
  // Four regions so that files stay busy without growing beyond 128 KB.
  const summary = await writeArchive(dir, {
    // The generator's `events` is approximate (it spreads activity over office hours and services
    // over every hour) and lands about 20 % under: ask for more, print what was made.
    events: Math.ceil(size * 1.25),
    historyDays: 0,
    batchDelivery: true,
    accounts: [{ id: "111122223333", regions: ["ap-northeast-1", "us-east-1", "us-west-2", "eu-west-1"] }],
  });
  writeFileSync(marker, JSON.stringify({ ...summary, incidents: summary.incidents.length }));
  console.log(
    `generated ${summary.events} events in ${summary.logFiles} log files (${(summary.bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(0)} s → ${dir}`,
  );
  return dir;
}

/** The worker entry and the counting sink, bundled as the CLI build does. */
async function bundle(): Promise<{ workerScript: string; sinkModule: string }> {
  const outdir = join(CACHE, "audit-worker");
  const banner = {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  };
  const common = { bundle: true, platform: "node", target: "node20", logLevel: "error", banner } as const;
  await build({
    ...common,
    entryPoints: { "audit-worker": join(ROOT, "packages/audit/src/sources/worker.ts") },
    outdir,
    outExtension: { ".js": ".mjs" },
    format: "esm",
  });
  await build({
    ...common,
    entryPoints: { sink: join(ROOT, "test/harness/counting-sink.ts") },
    outdir,
    outExtension: { ".js": ".mjs" },
    format: "esm",
  });
  return { workerScript: join(outdir, "audit-worker.mjs"), sinkModule: join(outdir, "sink.mjs") };
}

/** Samples RSS (worker threads included: they share the process) until stopped. */
function rssSampler(): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024);
  };
}

async function child(): Promise<void> {
  const mode = arg("child", "");
  const threads = Number(arg("threads", "1"));
  const stop = rssSampler();
  const started = performance.now();
  let figures: Omit<ChildFigures, "seconds" | "peakRssMb">;
  if (mode === "duckdb") {
    const require = createRequire(join(ROOT, "packages/audit/package.json"));
    // Loaded from packages/audit, which depends on it (the bench bundle keeps it external).
    const { DuckDBInstance } = require("@duckdb/node-api") as {
      DuckDBInstance: {
        create(
          path: string,
          options: Record<string, string>,
        ): Promise<{
          connect(): Promise<{ runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }> }>;
        }>;
      };
    };
    const db = await DuckDBInstance.create(":memory:", { threads: String(threads) });
    const connection = await db.connect();
    const glob = join(arg("dir", ""), "AWSLogs/*/CloudTrail/*/*/*/*/*.json.gz");
    const result = await connection.runAndReadAll(`SELECT count(*) FROM read_json('${glob}', format='auto')`);
    const summary = JSON.parse(await readFile(`${arg("dir", "")}.json`, "utf8")) as {
      events: number;
    };
    figures = { events: summary.events, files: Number(result.getRows()[0]?.[0]) };
  } else {
    const { workerScript, sinkModule } = JSON.parse(arg("bundle", "{}")) as {
      workerScript: string;
      sinkModule: string;
    };
    const options = {
      // The archive's month: every generated event is in it (no look-back days were generated).
      window: DEFAULT_WINDOW,
      sink: { module: sinkModule, init: { byName: false } },
      threads,
    };
    let report: SourceReport;
    if (mode === "s3") {
      // Loaded only here, so that the local figures do not carry the AWS SDK's memory.
      const { AwsClients, RequestCounter } = await import("@itaku/collector-aws");
      const { S3Source } = await import("../../packages/audit/src/sources/s3");
      const clients = new AwsClients({
        credentials,
        endpoint: arg("endpoint", ""),
        counter: new RequestCounter(),
      });
      report = (
        await new S3Source(`s3://${BUCKET}`, { clients, region: "us-east-1", workerScript }).read(options)
      ).report;
    } else report = (await new LocalSource(arg("dir", ""), { workerScript }).read(options)).report;
    figures = { events: report.events, files: report.files, gaps: report.gaps.length };
    for (const gap of report.gaps)
      console.error(`gap: ${gap.code} ${gap.location} ${gap.from ?? ""}–${gap.to ?? ""}`);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ ...figures, seconds, peakRssMb: stop() })}\n`);
}

function runChild(args: string[]): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [process.argv[1] as string, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    proc.on("close", (code) => {
      if (code !== 0) return reject(new Error(`bench child ${args.join(" ")} exited ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1) as string) as ChildFigures);
    });
  });
}

const rate = (f: ChildFigures) => Math.round(f.events / f.seconds);
const line = (label: string, f: ChildFigures) =>
  console.log(
    `${label.padEnd(34)} ${String(f.events).padStart(9)} events ${f.seconds.toFixed(1).padStart(7)} s ${String(rate(f)).padStart(8)} events/s  peak RSS ${String(f.peakRssMb).padStart(4)} MB${f.gaps ? `  gaps ${f.gaps}` : ""}`,
  );

async function main(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  const bundled = JSON.stringify(await bundle());
  console.log(`threads: ${THREADS} (of ${availableParallelism()} cores)`);

  const dir = await archive(SIZE);
  const local = await runChild([
    "--child",
    "local",
    "--dir",
    dir,
    "--threads",
    String(THREADS),
    "--bundle",
    bundled,
  ]);
  const duck = await runChild(["--child", "duckdb", "--dir", dir, "--threads", String(THREADS)]);
  line(`local, ${THREADS} threads`, local);
  line(`duckdb read_json, ${THREADS} threads`, duck);
  console.log(`local / duckdb throughput: ${(rate(local) / rate(duck)).toFixed(2)}× (target ≥ 0.7×)`);
  const single = await runChild(["--child", "local", "--dir", dir, "--threads", "1", "--bundle", bundled]);
  line("local, 1 thread (in-process)", single);

  console.log("\npeak RSS by archive size (local, same threads):");
  for (const size of RSS_SIZES) {
    const figures = await runChild([
      "--child",
      "local",
      "--dir",
      await archive(size),
      "--threads",
      String(THREADS),
      "--bundle",
      bundled,
    ]);
    line(`local ${size} events`, figures);
  }

  if (!process.argv.includes("--no-s3")) {
    const s3Dir = await archive(S3_SIZE);
    const moto = await startMoto();
    const { CreateBucketCommand, PutObjectCommand, S3Client } = await import("@aws-sdk/client-s3");
    try {
      const s3 = new S3Client({
        region: "us-east-1",
        endpoint: moto.endpoint,
        credentials,
        forcePathStyle: true,
      });
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      const files = (readdirSync(s3Dir, { recursive: true }) as string[]).filter((f) =>
        f.endsWith(".json.gz"),
      );
      const upload = pLimit(8);
      await Promise.all(
        files.map((key) =>
          upload(async () =>
            s3.send(
              new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: await readFile(join(s3Dir, key)) }),
            ),
          ),
        ),
      );
      s3.destroy();
      const viaS3 = await runChild([
        "--child",
        "s3",
        "--endpoint",
        moto.endpoint,
        "--threads",
        String(THREADS),
        "--bundle",
        bundled,
      ]);
      const viaLocal = await runChild([
        "--child",
        "local",
        "--dir",
        s3Dir,
        "--threads",
        String(THREADS),
        "--bundle",
        bundled,
      ]);
      console.log(`\nS3 (moto) vs local, ${S3_SIZE} events:`);
      line("s3 via moto", viaS3);
      line("local", viaLocal);
      console.log(`s3 / local throughput: ${(rate(viaS3) / rate(viaLocal)).toFixed(2)}× (target ≥ 0.8×)`);
    } finally {
      moto.stop();
    }
  }
}

if (process.argv.includes("--child")) await child();
else await main();
