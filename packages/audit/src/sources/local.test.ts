// The local copy reader against generated archives and hand-made bad input.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { writeArchive } from "../../../../test/harness/cloudtrail-archive";
import type { CountingState } from "../../../../test/harness/counting-sink";
import { LocalSource } from "./local";
import type { ReadOptions } from "./types";

const SINK = resolve(__dirname, "../../../../test/harness/counting-sink.ts");
/** Two days keep the archives small (every hour of every region has a file). */
const WINDOW = { from: new Date("2026-10-05T00:00:00Z"), to: new Date("2026-10-07T00:00:00Z") };
const ARCHIVE = { window: WINDOW, events: 1500, historyDays: 1, incidents: false };
const options = (extra: Partial<ReadOptions<object>> = {}): ReadOptions<object> => ({
  window: WINDOW,
  sink: { module: SINK, init: {} },
  threads: 1,
  ...extra,
});
const read = (path: string, extra: Partial<ReadOptions<object>> = {}, settings = {}) =>
  new LocalSource(path, settings).read<object, CountingState>(options(extra));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "itaku-local-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every log file under `dir`, sorted. */
function logFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((p) => p.includes("/CloudTrail/") && p.endsWith(".json.gz"))
    .sort()
    .map((p) => join(root, p));
}

const record = (id: string, time = "2026-10-05T03:00:00Z") => ({
  eventVersion: "1.10",
  userIdentity: { type: "IAMUser", accountId: "111122223333", userName: "yamada" },
  eventTime: time,
  eventSource: "ec2.amazonaws.com",
  eventName: "DescribeInstances",
  awsRegion: "ap-northeast-1",
  eventID: id,
  recipientAccountId: "111122223333",
});

test("a generated archive: every event of the window folded once, digests all match, no gaps", async () => {
  const summary = await writeArchive(dir, ARCHIVE);
  const { report, state } = await read(dir);
  expect(report.kind).toBe("local");
  expect(state.events).toBe(summary.eventsInWindow);
  expect(report.events).toBe(summary.eventsInWindow);
  expect(report.malformed).toBe(0);
  expect(report.gaps).toEqual([]);
  expect(report.digests?.checked).toBe(report.files);
  expect(report.accounts).toEqual(["111122223333"]);
  expect(report.regions).toEqual(["ap-northeast-1", "us-east-1"]);
  expect(report.files).toBeLessThan(summary.logFiles); // the history day's files are skipped by name
});

test("account and region filters drop events, and files by their names", async () => {
  await writeArchive(dir, ARCHIVE);
  const all = await read(dir);
  const tokyo = await read(dir, { regions: ["ap-northeast-1"] });
  const none = await read(dir, { accounts: ["000000000000"] });
  const tokyoCount = Object.entries(all.state.counts)
    .filter(([key]) => key.split("|")[1] === "ap-northeast-1")
    .reduce((n, [, c]) => n + c, 0);
  expect(tokyo.state.events).toBe(tokyoCount);
  expect(tokyo.report.regions).toEqual(["ap-northeast-1"]);
  expect(tokyo.report.files).toBeLessThan(all.report.files);
  expect(none.state.events).toBe(0);
  expect(none.report.files).toBe(0);
});

test("lookup-events output (CloudTrailEvent as a string) is read like a log file", async () => {
  const events = [record("e1"), record("e2"), record("e3", "2026-10-09T00:00:00Z")].map((r) => ({
    EventId: r.eventID,
    EventName: r.eventName,
    ReadOnly: "true",
    EventTime: r.eventTime,
    EventSource: r.eventSource,
    Username: "yamada",
    Resources: [],
    CloudTrailEvent: JSON.stringify(r),
  }));
  writeFileSync(join(dir, "lookup.json"), JSON.stringify({ Events: events }));
  const { report, state } = await read(dir);
  expect(state.events).toBe(2); // e3 is outside the window
  expect(report.gaps).toEqual([]);
});

test("bad files are gaps naming the file: truncated gzip, not JSON, not CloudTrail, records missing fields", async () => {
  const good = gzipSync(JSON.stringify({ Records: [record("a1"), record("a2")] }));
  writeFileSync(join(dir, "good.json.gz"), good);
  writeFileSync(join(dir, "truncated.json.gz"), good.subarray(0, good.length - 12));
  writeFileSync(join(dir, "garbage.json.gz"), Buffer.from("this is not gzip nor json"));
  writeFileSync(join(dir, "config.json"), JSON.stringify({ version: 1, settings: {} }));
  writeFileSync(
    join(dir, "partial.json"),
    JSON.stringify({
      Records: [record("b1"), { eventTime: "2026-10-05T01:00:00Z" }, { ...record("b3"), userIdentity: null }],
    }),
  );
  const { report, state } = await read(dir);
  expect(state.events).toBe(3);
  expect(report.malformed).toBe(2);
  expect(report.gaps.map((gap) => [gap.location, gap.code])).toEqual([
    ["config.json", "NotCloudTrail"],
    ["garbage.json.gz", "CorruptFile"],
    ["partial.json", "MalformedRecords"],
    ["truncated.json.gz", "TruncatedGzip"],
  ]);
  expect(report.gaps.find((gap) => gap.code === "MalformedRecords")?.count).toBe(2);
});

test("a file that is not JSON is a gap saying where, without echoing its bytes", async () => {
  writeFileSync(
    join(dir, "hostile.json"),
    '{"Records": [\n  {"eventName": "\u001b[2J\u001b]0;pwned\u0007"}\n  oops',
  );
  const { report } = await read(dir);
  expect(report.gaps).toEqual([
    expect.objectContaining({
      location: "hostile.json",
      code: "CorruptFile",
      message: expect.stringMatching(/^not valid JSON at 2:\d+: /),
    }),
  ]);
  const message = report.gaps[0]?.message ?? "";
  expect([...message].filter((c) => c.charCodeAt(0) < 0x20)).toEqual([]);
  expect(message).not.toMatch(/pwned|oops/);
});

test("a 1 GB file is streamed, not loaded: a sparse file is a CorruptFile gap", async () => {
  const big = join(dir, "huge.json");
  writeFileSync(big, "");
  truncateSync(big, 1024 ** 3); // sparse: no disk used
  writeFileSync(join(dir, "good.json"), JSON.stringify({ Records: [record("c1")] }));
  const before = process.memoryUsage().rss;
  const { report, state } = await read(dir);
  expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  expect(state.events).toBe(1);
  expect(report.gaps).toEqual([expect.objectContaining({ location: "huge.json", code: "CorruptFile" })]);
});

test("files above the inline limit are streamed record by record with the same result", async () => {
  const records = Array.from({ length: 2000 }, (_, i) => record(`s${i}`));
  writeFileSync(join(dir, "big.json.gz"), gzipSync(JSON.stringify({ Records: records })));
  writeFileSync(
    join(dir, "big-lookup.json"),
    JSON.stringify({
      Events: records
        .slice(0, 10)
        .map((r) => ({ CloudTrailEvent: JSON.stringify({ ...r, eventID: `l${r.eventID}` }) })),
    }),
  );
  const inline = await read(dir);
  const streamed = await read(dir, {}, { inlineLimit: 4096 });
  expect(streamed.state).toEqual(inline.state);
  expect(streamed.state.events).toBe(2010);
  expect(streamed.report.gaps).toEqual([]);
});

test("symlinks: a link to an ancestor is walked once, a self-referencing link is a gap", async () => {
  mkdirSync(join(dir, "logs"));
  writeFileSync(join(dir, "logs", "a.json"), JSON.stringify({ Records: [record("d1")] }));
  symlinkSync(dir, join(dir, "logs", "up")); // logs/up -> root: a loop
  symlinkSync(join(dir, "logs", "self.json"), join(dir, "logs", "self.json")); // ELOOP
  const { report, state } = await read(dir);
  expect(state.events).toBe(1);
  expect(report.gaps).toEqual([
    expect.objectContaining({ location: "logs/self.json", code: "UnreadablePath" }),
  ]);
});

test("digests catch a deleted and a modified log file", async () => {
  await writeArchive(dir, ARCHIVE);
  const files = logFiles(dir).filter((path) => path.includes("/2026/10/05/"));
  const deleted = files[3] as string;
  const modified = files[7] as string;
  unlinkSync(deleted);
  const doc = JSON.parse(gunzipSync(readFileSync(modified)).toString()) as {
    Records: { eventName: string }[];
  };
  (doc.Records[0] as { eventName: string }).eventName = "DescribeRegions"; // a quiet edit
  writeFileSync(modified, gzipSync(JSON.stringify(doc)));
  const { report } = await read(dir);
  const codes = report.gaps.map((gap) => [gap.code, gap.location.slice(gap.location.lastIndexOf("/") + 1)]);
  expect(codes).toContainEqual(["MissingFromDigest", deleted.slice(deleted.lastIndexOf("/") + 1)]);
  expect(codes).toContainEqual(["DigestMismatch", modified.slice(modified.lastIndexOf("/") + 1)]);
  expect(report.gaps.every((gap) => gap.code === "MissingFromDigest" || gap.code === "DigestMismatch")).toBe(
    true,
  );
});

test("without digests, an hour with no log file for a logging account/region is a gap", async () => {
  await writeArchive(dir, { ...ARCHIVE, digests: false });
  const hour = logFiles(dir).filter((path) => /ap-northeast-1_20261005T10\d\dZ/.test(path));
  expect(hour.length).toBeGreaterThan(0);
  for (const path of hour) unlinkSync(path);
  const { report } = await read(dir);
  expect(report.gaps).toEqual([
    expect.objectContaining({
      code: "NoLogFileHour",
      account: "111122223333",
      region: "ap-northeast-1",
      from: "2026-10-05T10:00:00Z",
      to: "2026-10-05T11:00:00Z",
    }),
  ]);
});

test("a missing directory is bad input", async () => {
  await expect(read(join(dir, "nope"))).rejects.toThrow(/nope/);
});

test("--checkpoint: an interrupted read resumes where it stopped and counts nothing twice", async () => {
  const { crashCountingSinkAfter } = await import("../../../../test/harness/counting-sink");
  await writeArchive(dir, { ...ARCHIVE, historyDays: 0 });
  const checkpoint = join(dir, "checkpoint.json");
  const full = await read(dir);
  // Each batch of 20 files drains into the checkpoint; the sink then dies mid-way.
  crashCountingSinkAfter(Math.floor(full.state.events / 2));
  try {
    await expect(read(dir, { checkpoint }, { checkpointEvery: 20 })).rejects.toThrow(/interrupted/);
  } finally {
    crashCountingSinkAfter(undefined);
  }
  const saved = JSON.parse(readFileSync(checkpoint, "utf8")) as { reads: Record<string, { files: object }> };
  expect(Object.keys(saved.reads)).toHaveLength(1);
  const savedFiles = Object.keys(Object.values(saved.reads)[0]?.files ?? {}).length;
  expect(savedFiles).toBeGreaterThan(0);
  expect(savedFiles).toBeLessThan(full.report.files);

  const resumed = await read(dir, { checkpoint }, { checkpointEvery: 20 });
  expect(resumed.report.resumedFiles).toBe(savedFiles);
  expect(resumed.state).toEqual(full.state);
  const { resumedFiles: _r, ...rest } = resumed.report;
  expect(rest).toEqual(full.report);

  // A checkpoint of another period is not reused (and is replaced).
  const otherWindow = await read(dir, {
    checkpoint,
    window: { from: WINDOW.from, to: new Date("2026-10-06T00:00:00Z") },
  });
  expect(otherWindow.report.resumedFiles).toBe(0);
  expect(otherWindow.report.stats?.checkpointIgnored).toBe(1);
});
