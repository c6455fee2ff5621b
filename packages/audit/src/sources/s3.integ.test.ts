// The S3 archive reader against moto: the generated archive uploaded to a bucket gives exactly the
// folded state and report of the same files read as a local copy (only kind, location and request
// stats differ). AccessDenied on one day prefix is injected with a middleware on the real client
// (moto does not enforce bucket policies for ListObjectsV2 on demand); everything else is moto.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AwsClients, RequestCounter } from "@itaku/collector-aws";
import { CloudTrailArchiveGenerator, LOG_BUCKET } from "../../../../test/harness/cloudtrail-archive";
import type { CountingState } from "../../../../test/harness/counting-sink";
import {
  MOTO_INSTALL_TIMEOUT_MS,
  type MotoServer,
  motoClientEnv,
  startMoto,
} from "../../../../test/harness/moto";
import { LocalSource } from "./local";
import { S3Source } from "./s3";
import type { ReadOptions, SourceReport } from "./types";

const SINK = resolve(__dirname, "../../../../test/harness/counting-sink.ts");
const WINDOW = { from: new Date("2026-10-05T00:00:00Z"), to: new Date("2026-10-07T00:00:00Z") };
const PREFIX = "trail";
const options = (extra: Partial<ReadOptions<object>> = {}): ReadOptions<object> => ({
  window: WINDOW,
  sink: { module: SINK, init: {} },
  threads: 1,
  ...extra,
});

let moto: MotoServer;
let dir: string;
let credentials: { accessKeyId: string; secretAccessKey: string };

function clients(counter = new RequestCounter()): AwsClients {
  return new AwsClients({
    credentials,
    endpoint: moto.endpoint,
    counter,
    retry: { maxAttempts: 2, otherMaxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
  });
}

beforeAll(async () => {
  moto = await startMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: "true" } });
  const env = motoClientEnv(moto.endpoint);
  credentials = {
    accessKeyId: env.AWS_ACCESS_KEY_ID as string,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY as string,
  };
  dir = mkdtempSync(join(tmpdir(), "itaku-s3-"));
  const s3 = new S3Client({
    region: "ap-northeast-1",
    endpoint: moto.endpoint,
    credentials,
    forcePathStyle: true,
  });
  await s3.send(
    new CreateBucketCommand({
      Bucket: LOG_BUCKET,
      CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" },
    }),
  );
  const { writeFile, mkdir } = await import("node:fs/promises");
  const generator = new CloudTrailArchiveGenerator({
    window: WINDOW,
    events: 1500,
    historyDays: 1,
    incidents: false,
    orgId: "o-a1b2c3d4e5",
  });
  await generator.generate(async (file) => {
    await mkdir(join(dir, file.key, ".."), { recursive: true });
    await writeFile(join(dir, file.key), file.body);
    await s3.send(
      new PutObjectCommand({ Bucket: LOG_BUCKET, Key: `${PREFIX}/${file.key}`, Body: file.body }),
    );
  });
  s3.destroy();
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const comparable = ({ kind: _kind, location: _location, stats: _stats, ...rest }: SourceReport) => rest;

test("S3 and the local copy give the same folded state and report", async () => {
  const local = await new LocalSource(dir).read<object, CountingState>(options());
  const counter = new RequestCounter();
  const s3 = await new S3Source(`s3://${LOG_BUCKET}/${PREFIX}`, {
    clients: clients(counter),
    region: "ap-northeast-1",
  }).read<object, CountingState>(options());
  expect(s3.report.kind).toBe("s3");
  expect(s3.report.location).toBe(`s3://${LOG_BUCKET}/${PREFIX}/`);
  expect(s3.state).toEqual(local.state);
  expect(comparable(s3.report)).toEqual(comparable(local.report));
  expect(s3.report.gaps).toEqual([]);
  expect(s3.state.events).toBeGreaterThan(1000);
  // Only the window's day folders were listed: 3 days × 2 regions for logs, 4 × 2 for digests, plus discovery.
  const stats = counter.toStats();
  expect(stats["requests.s3:ListObjectsV2"]).toBe(1 + 1 + 1 + 3 * 2 + 4 * 2);
  expect(stats["requests.s3:GetObject"]).toBe(s3.report.files + (s3.report.digests?.files ?? 0));
});

test("AccessDenied on one day prefix is a gap naming the prefix, the rest is read", async () => {
  const denied = new AwsClients({ credentials, endpoint: moto.endpoint, counter: new RequestCounter() });
  const s3 = denied.get(S3Client, "s3", "ap-northeast-1");
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: { Prefix?: string } }).input;
      if (
        context.commandName === "ListObjectsV2Command" &&
        input.Prefix?.endsWith("/CloudTrail/ap-northeast-1/2026/10/06/")
      )
        throw Object.assign(new Error("Access Denied"), {
          name: "AccessDenied",
          $metadata: { httpStatusCode: 403 },
        });
      return next(args);
    },
    { step: "initialize", name: "denyOnePrefix" },
  );
  const full = await new S3Source(`s3://${LOG_BUCKET}/${PREFIX}`, {
    clients: clients(),
    region: "ap-northeast-1",
  }).read<object, CountingState>(options());
  const partial = await new S3Source(`s3://${LOG_BUCKET}/${PREFIX}`, {
    clients: denied,
    region: "ap-northeast-1",
  }).read<object, CountingState>(options());
  const accessDenied = partial.report.gaps.filter((gap) => gap.code === "AccessDenied");
  expect(accessDenied).toEqual([
    expect.objectContaining({
      location: "AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/ap-northeast-1/2026/10/06/",
      account: "111122223333",
      region: "ap-northeast-1",
      from: "2026-10-06T00:00:00Z",
      to: "2026-10-07T00:00:00Z",
    }),
  ]);
  // The digests still list that day's files: each is also MissingFromDigest.
  expect(partial.report.gaps.some((gap) => gap.code === "MissingFromDigest")).toBe(true);
  expect(partial.state.events).toBeLessThan(full.state.events);
  expect(partial.state.events).toBeGreaterThan(0);
});

test("the S3 client is the collector's guarded client: a write is refused before it is sent", async () => {
  const guarded = clients();
  const s3 = guarded.get(S3Client, "s3", "ap-northeast-1");
  await expect(s3.send(new PutObjectCommand({ Bucket: LOG_BUCKET, Key: "x", Body: "y" }))).rejects.toThrow(
    /refused s3:PutObject/,
  );
});
