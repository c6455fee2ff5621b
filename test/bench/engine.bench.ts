// Evaluates generated snapshots of 250k, 500k and 1M resources with every rule; prints time and
// peak memory per size, and the time ratio of each doubling (linear evaluation keeps it near 2).
// Resources are copies of the demo vendor's: each scope (AWS account or AD domain) holds
// COPIES_PER_SCOPE copies of every per-entity resource (users, groups, security groups…, about
// 10,000 resources) and one of each per-scope singleton (account, root, password policy, domain),
// so the figures show both growth in scopes and growth inside one scope. Each copy's Identity Center
// resources form an instance of their own (generate-snapshot.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { controls } from "@itaku/controls";
import { emptySettings, evaluate, parseRoster, type Snapshot } from "@itaku/core";
import { allRules } from "../../packages/cli/src/registry";
import { COPIES_PER_SCOPE, generate, templates } from "./generate-snapshot";

const roster = parseRoster(readFileSync(join(process.cwd(), "demo/roster.csv"), "utf8"), "roster.csv");

function measure(count: number) {
  const snapshot = generate(count);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = evaluate({
    snapshot,
    rules: allRules,
    now: new Date("2026-11-20T00:00:00Z"),
    roster,
    settings: emptySettings(),
    controls,
    toolVersion: "bench",
  });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return {
    ms,
    // CPU time of the process (GC threads included): steadier than wall time on a shared machine.
    cpuMs: (cpu.user + cpu.system) / 1000,
    findings: result.findings.length,
    heapMiB: (peak - before) / 2 ** 20,
    rssMiB: process.memoryUsage().rss / 2 ** 20,
  };
}

/** `pnpm bench engine --per-rule`: each rule alone at 50k and 100k resources, worst growth first. */
function perRule(): void {
  const small = generate(50_000);
  const large = generate(100_000);
  const time = (snapshot: Snapshot, rule: (typeof allRules)[number]) => {
    const started = performance.now();
    evaluate({
      snapshot,
      rules: [rule],
      now: new Date("2026-11-20T00:00:00Z"),
      roster,
      settings: emptySettings(),
      toolVersion: "bench",
    });
    return performance.now() - started;
  };
  const rows = allRules.map((rule) => {
    time(small, rule); // warm up the JIT
    const a = time(small, rule);
    const b = time(large, rule);
    return { id: rule.id, a, b, growth: b / a };
  });
  rows.sort((x, y) => y.growth - x.growth);
  for (const row of rows)
    console.log(
      `${row.id.padEnd(48)} ${row.a.toFixed(0).padStart(6)} ms ${row.b.toFixed(0).padStart(6)} ms  ×${row.growth.toFixed(2)}`,
    );
}

// `pnpm bench engine --size N --write-snapshot F`: writes the generated snapshot for an end-to-end
// run of the CLI (`itaku evaluate F`), instead of timing the engine.
const writeFlag = process.argv.indexOf("--write-snapshot");
if (writeFlag > 0) {
  const size = Number(process.argv[process.argv.indexOf("--size") + 1] ?? 100_000);
  writeFileSync(process.argv[writeFlag + 1]!, JSON.stringify(generate(size)));
  process.exit(0);
}

if (process.argv.includes("--per-rule")) {
  perRule();
  process.exit(0);
}

console.log(
  `rules: ${allRules.length}; demo resources: ${templates.length}; copies per scope: ${COPIES_PER_SCOPE}`,
);
let previous: number | undefined;
const sizeFlag = process.argv.indexOf("--size");
const sizes = sizeFlag > 0 ? [Number(process.argv[sizeFlag + 1])] : [250_000, 500_000, 1_000_000];
for (const count of sizes) {
  const m = measure(count);
  // CPU time, not wall: on a shared machine the wall time says more about the other jobs than the engine.
  const ratio = previous ? (m.cpuMs / previous).toFixed(2) : "-";
  console.log(
    `${count.toLocaleString("en")} resources: ${(m.ms / 1000).toFixed(2)} s (cpu ${(m.cpuMs / 1000).toFixed(2)} s), ${m.findings.toLocaleString("en")} findings, ` +
      `evaluation heap +${m.heapMiB.toFixed(0)} MiB, rss ${m.rssMiB.toFixed(0)} MiB, cpu ×${ratio} vs half the size`,
  );
  previous = m.cpuMs;
}
