// Organisation benchmark: moto with an AWS Organization of 500 member accounts (~20 IAM users each,
// a sample with administrators, leavers and a trail; one account denied, one partial, one
// suspended) and authorization on. Measured, each as the built CLI in a process of its own:
// 1. `itaku collect --aws --org` over the whole organisation, three times: first (which also pays
//    moto creating each account's backends on first touch, as the later steps do not), then with
//    the shared request budget lifted, then with the default budget (25 requests/s per account read
//    at once: 200/s at concurrency 8) again: wall time, peak RSS, what the budget cost, requests per
//    account (min / mean / max, AssumeRole included);
// 2. the same accounts one by one, as a shell loop would (`itaku collect --aws --role-arn
//    arn:aws:iam::ACCOUNT:role/ItakuAudit`, a process per account), on a sample of --sample
//    accounts (default 25): its mean time per account, times the organisation's accounts, is the
//    one-by-one figure the organisation run is compared with;
// 3. `itaku scan --aws --org` over the same organisation, end to end (collect, judge each account as
//    it arrives, the cross-account rules once, the JSON Result written): wall time, peak RSS, exit
//    code, sources and findings;
// 4. `itaku evaluate` of the snapshot step 1's last run wrote: wall time, peak RSS, exit code, findings.
// It also prints the gaps of step 1 by operation and error code, counted in accounts, which is
// what makes the accounts `partial`; for every measured run, moto's CPU time (from /proc) beside
// the wall time, so the figures say whether moto, the request budget (its floor: requests ÷ rate)
// or neither bound the run; and each operation's time on the server, from one account read with one
// request at a time under test/bench/request-times.mjs.
// Run: pnpm build && pnpm bench org [--members 500] [--users 20] [--sample 25] [--concurrency 8]
// `--serve` seeds, switches authorization on, prints moto's endpoint and pid and the scan's
// environment (to profile moto, e.g. `py-spy record -p PID`, while collecting by hand) and keeps
// moto up until interrupted, measuring nothing.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Result, Snapshot } from "@itaku/core";
import { enableAuth, MANAGEMENT_ACCOUNT, MEMBER_ROLE, seedOrganization } from "../harness/aws-org-seed";
import { CLI, ROOT, startMoto } from "./measure.mjs";

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const MEMBERS = flag("members", 500);
const USERS = flag("users", 20);
const SAMPLE = flag("sample", 25);
const CONCURRENCY = flag("concurrency", 8);
const REGION = "us-east-1";
const UNBOUNDED_RPS = 10_000;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// No MOTO_ACCOUNT_ID: with it set, moto loses the member role CreateAccount writes (moto 5.2.5).
const SERVE = process.argv.includes("--serve");
const { endpoint, stop, pid } = await startMoto({ accountId: null });
const seedStarted = performance.now();
// ~20 users per account: 3 sample users in one account of ten, plain developers everywhere.
const org = await seedOrganization(endpoint, {
  members: MEMBERS,
  withUsers: Math.ceil(MEMBERS / 10),
  usersPerAccount: USERS - 2,
});
await enableAuth(endpoint);
console.log(
  `seeded ${MEMBERS} member accounts × ~${USERS} users in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s (not measured)`,
);

if (SERVE) {
  const config = `aws:\n  organization:\n    roleName: ${MEMBER_ROLE}\n    concurrency: ${CONCURRENCY}\n`;
  console.log(`moto pid ${pid}, endpoint ${endpoint}; members ${org.members.slice(0, 3).join(", ")}…`);
  console.log(`config for --org (--config FILE):\n${config}`);
  console.log(
    `environment:\nexport AWS_ACCESS_KEY_ID=${org.scanner.accessKeyId} AWS_SECRET_ACCESS_KEY=${org.scanner.secretAccessKey} AWS_REGION=${REGION} AWS_ENDPOINT_URL=${endpoint} AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent`,
  );
  console.log("moto stays up until this process is interrupted");
  // A signal would end Node without its exit handlers: stop moto first.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      stop();
      process.exit(0);
    });
  await new Promise<never>(() => setInterval(() => {}, 60_000));
}

const dir = mkdtempSync(join(tmpdir(), "itaku-org-bench-"));
const env = {
  PATH: process.env.PATH,
  AWS_ACCESS_KEY_ID: org.scanner.accessKeyId,
  AWS_SECRET_ACCESS_KEY: org.scanner.secretAccessKey,
  AWS_REGION: REGION,
  AWS_ENDPOINT_URL: endpoint,
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_CONFIG_FILE: "/nonexistent/itaku-bench/config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/itaku-bench/credentials",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};
/** Reports the child's own peak RSS on stderr as it exits. */
const PEAK_RSS = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nitaku-bench-maxrss-kb="+process.resourceUsage().maxRSS+"\\n"))`;

/** Clock ticks a second of /proc's CPU times. */
const TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;
/** moto's CPU seconds so far (user + system; NaN without /proc). moto is one process: 1 s a second is all it has. */
const motoCpuSeconds = (): number => {
  try {
    // stat(5): utime and stime are fields 14 and 15; the fields after the command's ") " start at 3.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return Number.NaN;
  }
};

/** Runs the built CLI; its stdout goes to `stdoutFile` when given, else nowhere. */
async function cli(
  args: string[],
  stdoutFile?: string,
  preload: string[] = [],
): Promise<{ seconds: number; maxRssMb: number; code: number; stderr: string; motoCpu: number }> {
  const started = performance.now();
  const motoStarted = motoCpuSeconds();
  const stdout = stdoutFile ? openSync(stdoutFile, "w") : "ignore";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", PEAK_RSS, ...preload, CLI, ...args], {
      env,
      stdio: ["ignore", stdout, "pipe"],
    });
    if (typeof stdout === "number") closeSync(stdout);
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const kb = Number(/itaku-bench-maxrss-kb=(\d+)/.exec(stderr)?.[1] ?? 0);
      resolve({
        seconds: (performance.now() - started) / 1000,
        maxRssMb: kb / 1024,
        code: code ?? -1,
        stderr,
        motoCpu: motoCpuSeconds() - motoStarted,
      });
    });
  });
}

const loadAverages = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
const orgFile = join(dir, "org.json");
const config = join(dir, "itaku.yaml");
/** The same with a request budget far above what moto serves, to see what the default budget costs. */
const unboundedConfig = join(dir, "itaku-unbounded.yaml");
const organization = `aws:\n  organization:\n    roleName: ${MEMBER_ROLE}\n    concurrency: ${CONCURRENCY}\n`;
writeFileSync(config, organization);
writeFileSync(unboundedConfig, `${organization}    requestsPerSecond: ${UNBOUNDED_RPS}\n`);
/** The organisation collected; its last progress line says what the shared request budget cost. */
const collectOrg = async (configFile: string) => {
  const run = await cli([
    "collect",
    "--aws",
    "--org",
    "--config",
    configFile,
    "--region",
    REGION,
    "-o",
    orgFile,
  ]);
  if (run.code !== 0) throw new Error(`org collect exited ${run.code}: ${run.stderr}`);
  const budget = /request budget: (\d+) requests at most (\d+)\/s; waiting for it took ([\d.]+) s/.exec(
    run.stderr,
  );
  const requests = Number(budget?.[1]);
  // No run can be faster than its requests at the budget's rate; at that floor the budget binds.
  const floor = requests / Number(budget?.[2]);
  return {
    ...run,
    budget: budget
      ? `${budget[1]} requests at most ${budget[2]}/s (floor ${floor.toFixed(1)} s), ${budget[3]} s waited for the budget`
      : "?",
    load: `${(requests / run.seconds).toFixed(0)} requests/s, moto busy ${busy(run.motoCpu, run.seconds)}`,
  };
};
/** moto's CPU time as a share of the wall time it served in (100%: one core, all it can use). */
const busy = (cpuSeconds: number, wallSeconds: number) =>
  `${((100 * cpuSeconds) / wallSeconds).toFixed(0)}% (${cpuSeconds.toFixed(1)} s CPU)`;
// moto builds an account's backends (EC2's default VPC, the managed policies…) the first time the
// account is read, which real AWS does not: the first run pays that, the second is what a run
// costs against a server that has the accounts already, as every later step finds them. The third
// lifts the shared request budget (default 25/s per account read at once), which binds when moto
// answers faster than that.
const coldLoad = loadAverages();
const coldRun = await collectOrg(config);
const collectLoad = loadAverages();
const unboundedRun = await collectOrg(unboundedConfig);
const unboundedLoad = loadAverages();
const orgRun = await collectOrg(config);
const snapshot = JSON.parse(readFileSync(orgFile, "utf8")) as Snapshot;
const counts = { ok: 0, partial: 0, failed: 0, skipped: 0 };
for (const source of snapshot.sources) counts[source.status ?? "ok"]++;
const members = snapshot.sources.filter(
  (s) => s.scope !== MANAGEMENT_ACCOUNT && (s.status === "ok" || s.status === "partial") && s.stats,
);
const requests = members.map((s) => s.stats!["requests.total"]!);
const assumeRoles = members.map((s) => s.stats!["requests.sts:AssumeRole"] ?? 0);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Accounts missing each read (operation and error code), most first. */
const gapAccounts = new Map<string, Set<string>>();
/** The first message seen for each read, to tell moto's limits from ours. */
const gapMessage = new Map<string, string>();
for (const source of snapshot.sources)
  for (const gap of source.gaps) {
    const key = `${gap.operation} ${gap.code}`;
    gapAccounts.set(key, (gapAccounts.get(key) ?? new Set()).add(source.scope));
    if (!gapMessage.has(key)) gapMessage.set(key, (gap.message ?? "").slice(0, 160));
  }

// One by one: the same member role, a process per account, on an even sample of the accounts.
const readable = members.map((s) => s.scope);
const step = Math.max(1, Math.floor(readable.length / SAMPLE));
const sample = readable.filter((_, i) => i % step === 0).slice(0, SAMPLE);
let oneByOneSeconds = 0;
let oneByOneMotoCpu = 0;
const oneByOneRequests: number[] = [];
for (const account of sample) {
  const file = join(dir, `one-${account}.json`);
  const run = await cli([
    "collect",
    "--aws",
    "--role-arn",
    `arn:aws:iam::${account}:role/${MEMBER_ROLE}`,
    "--region",
    REGION,
    "-q",
    "-o",
    file,
  ]);
  if (run.code !== 0) throw new Error(`one-account collect of ${account} exited ${run.code}: ${run.stderr}`);
  oneByOneSeconds += run.seconds;
  oneByOneMotoCpu += run.motoCpu;
  oneByOneRequests.push(
    (JSON.parse(readFileSync(file, "utf8")) as Snapshot).sources[0]!.stats!["requests.total"]!,
  );
}
const perAccount = oneByOneSeconds / sample.length;

// Each operation's time on the server: one account read with one request at a time (not measured
// otherwise; its requests are timed by the preload, in this process's child).
const sequentialConfig = join(dir, "itaku-sequential.yaml");
writeFileSync(sequentialConfig, "aws:\n  maxConcurrency: 1\n");
const timed = await cli(
  [
    "collect",
    "--aws",
    "--config",
    sequentialConfig,
    "--role-arn",
    `arn:aws:iam::${sample[0]}:role/${MEMBER_ROLE}`,
    "--region",
    REGION,
    "-q",
    "-o",
    join(dir, "timed.json"),
  ],
  undefined,
  ["--import", join(ROOT, "test/bench/request-times.mjs")],
);
const requestTimes = JSON.parse(/itaku-bench-request-times=(.*)/.exec(timed.stderr)?.[1] ?? "[]") as {
  operation: string;
  count: number;
  totalMs: number;
  maxMs: number;
}[];

// The whole organisation scanned end to end, then the collected snapshot evaluated. Exit 1 (some
// finding fails) is the expected outcome of both; only 2–4 mean the run went wrong.
const resultOf = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Result;
const findingCounts = (result: Result) => {
  const byStatus: Record<string, number> = {};
  for (const finding of result.findings) byStatus[finding.status] = (byStatus[finding.status] ?? 0) + 1;
  return `${result.findings.length} findings (${Object.entries(byStatus)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ")})`;
};
const scanFile = join(dir, "scan.json");
const scanLoad = loadAverages();
const scanRun = await cli(
  ["scan", "--aws", "--org", "--config", config, "--region", REGION, "-q", "--format", "json"],
  scanFile,
);
if (scanRun.code > 1) throw new Error(`org scan exited ${scanRun.code}: ${scanRun.stderr}`);
const scanResult = resultOf(scanFile);
const evaluateFile = join(dir, "evaluate.json");
const evaluateRun = await cli(
  ["evaluate", orgFile, "--config", config, "-q", "--format", "json"],
  evaluateFile,
);
if (evaluateRun.code > 1) throw new Error(`evaluate exited ${evaluateRun.code}: ${evaluateRun.stderr}`);
const evaluateResult = resultOf(evaluateFile);

const accounts = snapshot.sources.filter((s) => s.status !== "skipped").length;
const oneByOneTotal = perAccount * accounts;

console.log(
  `organisation: ${snapshot.sources.length} accounts (${counts.ok} ok, ${counts.partial} partial, ${counts.failed} failed, ${counts.skipped} skipped), ${snapshot.resources.length} resources, snapshot ${(statSync(orgFile).size / 2 ** 20).toFixed(1)} MB`,
);
console.log(
  `itaku collect --aws --org, first run (moto creating each account's backends): ${coldRun.seconds.toFixed(1)} s, peak RSS ${coldRun.maxRssMb.toFixed(0)} MB; ${coldRun.budget}; ${coldRun.load}; load average at start ${coldLoad}`,
);
console.log(
  `itaku collect --aws --org (concurrency ${CONCURRENCY}), default budget: ${orgRun.seconds.toFixed(1)} s, peak RSS ${orgRun.maxRssMb.toFixed(0)} MB, ${(accounts / orgRun.seconds).toFixed(2)} accounts/s; ${orgRun.budget}; ${orgRun.load}; load average at start ${unboundedLoad}`,
);
console.log(
  `itaku collect --aws --org (concurrency ${CONCURRENCY}), requestsPerSecond ${UNBOUNDED_RPS}: ${unboundedRun.seconds.toFixed(1)} s, peak RSS ${unboundedRun.maxRssMb.toFixed(0)} MB, ${(accounts / unboundedRun.seconds).toFixed(2)} accounts/s; ${unboundedRun.budget}; ${unboundedRun.load}; load average at start ${collectLoad}`,
);
console.log(
  `requests per member account: min ${Math.min(...requests)}, mean ${mean(requests).toFixed(1)}, max ${Math.max(...requests)} (AssumeRole: ${Math.min(...assumeRoles)}–${Math.max(...assumeRoles)}); one account alone: mean ${mean(oneByOneRequests).toFixed(1)}`,
);
console.log(
  `one by one (a process per account, ${sample.length} sampled): ${perAccount.toFixed(2)} s per account → ${oneByOneTotal.toFixed(0)} s for ${accounts} accounts; moto busy ${busy(oneByOneMotoCpu, oneByOneSeconds)}`,
);
console.log(
  `speed-up of --org over one by one: ${(oneByOneTotal / orgRun.seconds).toFixed(1)}× with the default budget, ${(oneByOneTotal / unboundedRun.seconds).toFixed(1)}× with requestsPerSecond ${UNBOUNDED_RPS} (target ≥ 8×)`,
);
console.log(
  `itaku scan --aws --org (concurrency ${CONCURRENCY}): ${scanRun.seconds.toFixed(1)} s, peak RSS ${scanRun.maxRssMb.toFixed(0)} MB (target < 1 GB), exit ${scanRun.code}; ${scanResult.sources.length} sources, ${findingCounts(scanResult)}; load average at start ${scanLoad}, at end ${loadAverages()}`,
);
console.log(
  `itaku evaluate of the collected snapshot: ${evaluateRun.seconds.toFixed(1)} s, peak RSS ${evaluateRun.maxRssMb.toFixed(0)} MB, exit ${evaluateRun.code}; ${evaluateResult.sources.length} sources, ${findingCounts(evaluateResult)}`,
);
const timedTotal = requestTimes.reduce((sum, t) => sum + t.totalMs, 0);
console.log(
  `each operation alone on the server (account ${sample[0]}, one request at a time: ${requestTimes.reduce((n, t) => n + t.count, 0)} requests, ${timedTotal.toFixed(0)} ms in all, ${timed.seconds.toFixed(2)} s for the process; moto CPU ${timed.motoCpu.toFixed(2)} s):`,
);
for (const t of requestTimes.sort((a, b) => b.totalMs - a.totalMs))
  console.log(
    `  ${t.operation.padEnd(58)} ×${t.count}  mean ${(t.totalMs / t.count).toFixed(1).padStart(5)} ms  max ${t.maxMs.toFixed(0).padStart(4)} ms`,
  );
console.log(`gaps of the organisation collect (accounts missing each read):`);
for (const [key, accounts] of [...gapAccounts].sort((a, b) => b[1].size - a[1].size))
  console.log(`  ${String(accounts.size).padStart(4)}  ${key}: ${gapMessage.get(key)}`);
rmSync(dir, { recursive: true, force: true });
stop();
