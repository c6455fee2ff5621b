// Worker threads: the same archive read on 1 thread (in-process) and on 3 workers gives the same
// folded state and report. Workers run the esbuild bundle of worker.ts, as the built CLI does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type AuditBundle, bundleAuditWorker } from "../../../../test/harness/audit-bundle";
import { writeArchive } from "../../../../test/harness/cloudtrail-archive";
import type { CountingState } from "../../../../test/harness/counting-sink";
import { LocalSource } from "./local";
import type { ReadOptions } from "./types";

const WINDOW = { from: new Date("2026-10-05T00:00:00Z"), to: new Date("2026-10-07T00:00:00Z") };
let dir: string;
let bundle: AuditBundle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "itaku-workers-"));
  await writeArchive(dir, { window: WINDOW, events: 3000, historyDays: 0, incidents: false });
  bundle = await bundleAuditWorker(resolve(__dirname, "../../../../test/harness/counting-sink.ts"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  bundle?.cleanup();
});

const options = (threads: number, extra: Partial<ReadOptions<object>> = {}): ReadOptions<object> => ({
  window: WINDOW,
  sink: { module: bundle.sinkModule, init: {} },
  threads,
  ...extra,
});

test("three workers fold exactly what one thread folds", async () => {
  const single = await new LocalSource(dir).read<object, CountingState>(options(1));
  const progress: number[] = [];
  const parallel = await new LocalSource(dir, { workerScript: bundle.workerScript }).read<
    object,
    CountingState
  >(options(3, { onProgress: (p) => progress.push(p.filesDone) }));
  expect(parallel.state).toEqual(single.state);
  expect(parallel.report).toEqual(single.report);
  expect(parallel.state.events).toBeGreaterThan(2000);
  expect(progress.at(-1)).toBe(single.report.files);
});

test("a sink module that throws fails the read with the worker's message", async () => {
  const broken = join(dir, "broken-sink.cjs");
  require("node:fs").writeFileSync(
    broken,
    "module.exports = { default: { create() { throw new Error('no roster'); }, merge(a) { return a; } } };",
  );
  await expect(
    new LocalSource(dir, { workerScript: bundle.workerScript }).read(
      options(2, { sink: { module: broken, init: {} } }),
    ),
  ).rejects.toThrow(/no roster/);
});
