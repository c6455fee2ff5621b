// Evaluates generated snapshots of 250k, 500k and 1M resources with every rule; prints time and
// peak memory per size, and the time ratio of each doubling (linear evaluation keeps it near 2).
// Resources are copies of the demo vendor's, spread over 100 accounts/domains (10k a scope at 1M).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { controls } from "@itaku/controls";
import {
  emptySettings,
  evaluate,
  parseRoster,
  parseSnapshot,
  type Resource,
  type Snapshot,
} from "@itaku/core";
import { allRules } from "../../packages/cli/src/registry";

const DEMO = join(process.cwd(), "demo");
const templates: Resource[] = readdirSync(join(DEMO, "snapshots"))
  .filter((f) => f.endsWith(".snapshot.json"))
  .flatMap((f) => parseSnapshot(readFileSync(join(DEMO, "snapshots", f), "utf8"), f).resources);
const roster = parseRoster(readFileSync(join(DEMO, "roster.csv"), "utf8"), "roster.csv");
const SCOPES = 100;

function generate(count: number): Snapshot {
  const resources: Resource[] = [];
  for (let i = 0; resources.length < count; i++) {
    const template = templates[i % templates.length]!;
    const copy = Math.floor(i / templates.length);
    const scopeIndex = copy % SCOPES;
    const scope = template.scope.startsWith("1111")
      ? String(100000000000 + scopeIndex)
      : `d${scopeIndex}.${template.scope}`;
    resources.push({ ...template, id: `${template.id}#${copy}`, scope } as Resource);
  }
  return { schemaVersion: 1, collectedAt: "2026-11-20T00:00:00Z", origin: "live", sources: [], resources };
}

function measure(count: number) {
  const snapshot = generate(count);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
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
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return {
    ms,
    findings: result.findings.length,
    heapMiB: (peak - before) / 2 ** 20,
    rssMiB: process.memoryUsage().rss / 2 ** 20,
  };
}

console.log(`rules: ${allRules.length}; template resources: ${templates.length}; scopes: ${SCOPES}`);
let previous: number | undefined;
for (const count of [250_000, 500_000, 1_000_000]) {
  const m = measure(count);
  const ratio = previous ? (m.ms / previous).toFixed(2) : "-";
  console.log(
    `${count.toLocaleString("en")} resources: ${(m.ms / 1000).toFixed(2)} s, ${m.findings.toLocaleString("en")} findings, ` +
      `evaluation heap +${m.heapMiB.toFixed(0)} MiB, rss ${m.rssMiB.toFixed(0)} MiB, time ×${ratio} vs half the size`,
  );
  previous = m.ms;
}
