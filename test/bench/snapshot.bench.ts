// Big snapshots: a generated snapshot file of about --mb megabytes (default 200; copies of the demo
// vendor's resources, see generate-snapshot.ts) is evaluated by the built CLI, and compared with a
// bare JSON.parse of the same file. Each run is a process of its own, so its peak RSS is its own:
// 1. `JSON.parse(readFileSync(file, "utf8"))` alone: the floor any reader of the file pays;
// 2. `itaku evaluate FILE --format markdown` (read, parse, check, evaluate, a short report);
// 3. the same with `--format json`: every finding written out (to /dev/null).
// Wall and CPU seconds are printed (CPU is steadier on a shared machine), with each run's ratio to
// the bare parse. Target: evaluate ≤ 10× the parse, peak RSS ≤ 1.5 GB.
// Run: pnpm build && pnpm bench snapshot [--mb 200]
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GENERATOR_VERSION, generate } from "./generate-snapshot";
import { CLI } from "./measure.mjs";

const at = process.argv.indexOf("--mb");
const MB = at > 0 ? Number(process.argv[at + 1]) : 200;
// About 600 bytes a resource in the generated snapshots.
const RESOURCES = Math.round((MB * 1e6) / 600);
const dir = join(process.cwd(), ".cache/bench");
mkdirSync(dir, { recursive: true });
const file = join(dir, `snapshot-${RESOURCES}-v${GENERATOR_VERSION}.json`);
if (!existsSync(file)) writeFileSync(file, JSON.stringify(generate(RESOURCES)));
if (!existsSync(CLI)) throw new Error("run `pnpm build` first");

/** Reports the child's peak RSS and CPU time on stderr as it exits. */
const USAGE = `data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\nitaku-bench-usage="+u.maxRSS+","+(u.userCPUTime+u.systemCPUTime)+"\\n")})`;

interface Run {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
}

function run(args: string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", USAGE, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const usage = /itaku-bench-usage=(\d+),(\d+)/.exec(stderr);
      if (code !== 0 || !usage) {
        reject(new Error(`${args.join(" ")} exited ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      resolve({
        seconds: (performance.now() - started) / 1000,
        cpuSeconds: Number(usage[2]) / 1e6,
        maxRssMb: Number(usage[1]) / 1024,
      });
    });
  });
}

const parseOnly = `const t=require("fs").readFileSync(${JSON.stringify(file)},"utf8");JSON.parse(t);`;
const evaluateArgs = (format: string) => [
  CLI,
  "evaluate",
  file,
  "--format",
  format,
  "--config",
  "demo/itaku.yaml",
  "--now",
  "2026-11-20",
  "--fail-on",
  "none",
  "-q",
];

const size = statSync(file).size;
console.log(`snapshot: ${RESOURCES.toLocaleString("en")} resources, ${(size / 1e6).toFixed(0)} MB (${file})`);
const parse = await run(["-e", parseOnly]);
const rows: [string, Run][] = [
  ["JSON.parse alone", parse],
  ["itaku evaluate --format markdown", await run(evaluateArgs("markdown"))],
  ["itaku evaluate --format json", await run(evaluateArgs("json"))],
];
for (const [label, r] of rows) {
  console.log(
    `${label.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s wall (×${(r.seconds / parse.seconds).toFixed(1)})  ` +
      `${r.cpuSeconds.toFixed(2).padStart(7)} s cpu (×${(r.cpuSeconds / parse.cpuSeconds).toFixed(1)})  ` +
      `peak RSS ${r.maxRssMb.toFixed(0)} MB`,
  );
}
