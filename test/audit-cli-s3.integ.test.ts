// `itaku audit --cloudtrail-s3` against moto's S3 holding the demo's archive: the same findings and
// access review as the local copy (only `sources` and the inventory differ), through the CLI as users run it.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { REPO_ROOT, runCli } from "./harness/cli";
import { DEMO_CLOUDTRAIL as DEMO, filesUnder } from "./harness/demo-cloudtrail";
import { type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const BUCKET = "vendor-cloudtrail-logs";
let moto: MotoServer;

beforeAll(async () => {
  moto = await startMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: "true" } });
  const env = motoClientEnv(moto.endpoint);
  const s3 = new S3Client({
    region: "ap-northeast-1",
    endpoint: moto.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  });
  await s3.send(
    new CreateBucketCommand({
      Bucket: BUCKET,
      CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" },
    }),
  );
  const all = filesUnder(DEMO);
  // Uploaded 32 at a time: the archive has a few thousand small files.
  for (let i = 0; i < all.length; i += 32) {
    await Promise.all(
      all
        .slice(i, i + 32)
        .map((path) =>
          s3.send(
            new PutObjectCommand({ Bucket: BUCKET, Key: relative(DEMO, path), Body: readFileSync(path) }),
          ),
        ),
    );
  }
  s3.destroy();
}, 300_000);

afterAll(async () => {
  await moto?.stop();
});

test("the S3 archive and the local copy give the same findings and access review", async () => {
  const common = [
    "--config",
    join(REPO_ROOT, "demo/itaku.yaml"),
    "--now",
    "2026-11-20",
    "--format",
    "json",
    "-q",
  ];
  const local = await runCli(["audit", "--cloudtrail-dir", DEMO, ...common]);
  const s3 = await runCli(["audit", "--cloudtrail-s3", `s3://${BUCKET}`, ...common], {
    env: motoClientEnv(moto.endpoint),
  });
  // Nothing but Node's warnings (the SDK's abort listeners) may reach stderr: no error, no progress with -q.
  expect(s3.stderr.split("\n").filter((line) => line.startsWith("itaku"))).toEqual([]);
  expect([local.code, s3.code]).toEqual([1, 1]);
  const strip = (text: string) => {
    const result = JSON.parse(text);
    expect(result.sources.flatMap((s: { gaps: unknown[] }) => s.gaps)).toEqual([]);
    return { ...result, sources: [], inventory: [] };
  };
  expect(strip(s3.stdout)).toEqual(strip(local.stdout));
  expect(JSON.parse(s3.stdout).sources[0].provider).toBe("cloudtrail-s3");
});
