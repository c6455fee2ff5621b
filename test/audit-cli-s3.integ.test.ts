// `itaku audit --cloudtrail-s3` against moto's S3 holding the demo's archive: the same findings and
// access review as the local copy (only `sources` and the inventory differ), through the CLI as users run it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { assumedRoles } from "./harness/aws-org-seed";
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

test("audit query --cloudtrail-s3: the period's files copied from S3 answer as the local copy does, and the copy is removed", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "itaku-query-tmp-"));
  const sql =
    "SELECT count(*) AS events, count(DISTINCT account) AS accounts FROM cloudtrail_logs WHERE eventtime >= '2026-09-30T15:00:00Z' AND eventtime < '2026-10-31T15:00:00Z'";
  try {
    const local = await runCli(["audit", "query", "--cloudtrail-dir", DEMO, "--format", "json", sql]);
    const s3 = await runCli(
      [
        "audit",
        "query",
        "--cloudtrail-s3",
        `s3://${BUCKET}`,
        "--month",
        "2026-10",
        "--config",
        join(REPO_ROOT, "demo/itaku.yaml"),
        "--format",
        "json",
        sql,
      ],
      { env: { ...motoClientEnv(moto.endpoint), TMPDIR: tmp } },
    );
    expect(s3.stderr).not.toMatch(/warning|error/i);
    expect(s3.stderr).toMatch(/copied \d+ log files \(\d+ bytes\) of s3:\/\/vendor-cloudtrail-logs/);
    expect(s3.code).toBe(0);
    const rows = JSON.parse(s3.stdout) as { events: string; accounts: string }[];
    expect(rows).toEqual(JSON.parse(local.stdout));
    expect(Number(rows[0]?.events)).toBeGreaterThan(1000);
    expect(rows[0]?.accounts).toBe("1"); // the account partition from the copied key's path
    expect(readdirSync(tmp)).toEqual([]); // the temporary copy is gone
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}, 240_000);

test("audit takes the credential flags: keys only in a --profile, the archive read through --role-arn with --external-id and --role-session-name", async () => {
  const dir = mkdtempSync(join(tmpdir(), "itaku-audit-profile-"));
  try {
    const env = motoClientEnv(moto.endpoint);
    writeFileSync(
      join(dir, "aws-config"),
      `[profile auditor]\naws_access_key_id = ${env.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${env.AWS_SECRET_ACCESS_KEY}\n`,
    );
    const profileOnly = { ...env, AWS_CONFIG_FILE: join(dir, "aws-config") };
    delete (profileOnly as Record<string, string | undefined>).AWS_ACCESS_KEY_ID;
    delete (profileOnly as Record<string, string | undefined>).AWS_SECRET_ACCESS_KEY;
    const args = [
      "audit",
      "--cloudtrail-s3",
      `s3://${BUCKET}`,
      "--config",
      join(REPO_ROOT, "demo/itaku.yaml"),
      "--now",
      "2026-11-20",
      "--from",
      "2026-10-14",
      "--to",
      "2026-10-15",
      "--format",
      "json",
      "-q",
    ];
    // Without the profile there are no credentials at all: nothing of the archive can be read, exit 3.
    const none = await runCli(args, { env: profileOnly });
    expect(none.code).toBe(3);
    expect(none.stdout).toBe("");
    expect(none.stderr).toMatch(
      /^itaku: cannot scan s3:\/\/vendor-cloudtrail-logs\/: ListObjectsV2 .*credentials/im,
    );
    const run = await runCli(
      [
        ...args,
        "--profile",
        "auditor",
        "--region",
        "ap-northeast-1",
        "--role-arn",
        "arn:aws:iam::123456789012:role/ItakuLogReader",
        "--external-id",
        "audit-ext-7",
        "--role-session-name",
        "itaku-audit-ci",
      ],
      { env: profileOnly },
    );
    expect(run.stderr).not.toMatch(/error|cannot/i);
    expect([0, 1]).toContain(run.code);
    const result = JSON.parse(run.stdout) as { inventory: { type: string; count: number }[] };
    expect(result.inventory.find((i) => i.type === "cloudtrail.event")?.count).toBeGreaterThan(0);
    // moto recorded the role assumed, with the external id and session name given.
    expect(await assumedRoles(moto.endpoint)).toContainEqual(
      expect.objectContaining({
        role_arn: "arn:aws:iam::123456789012:role/ItakuLogReader",
        session_name: "itaku-audit-ci",
        external_id: "audit-ext-7",
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);

test("an archive that cannot be listed at all exits 3 with one line, and writes no report", async () => {
  // No such bucket (moto answers NoSuchBucket); without credentials, the test above.
  const run = await runCli(
    [
      "audit",
      "--cloudtrail-s3",
      "s3://no-such-archive",
      "--config",
      join(REPO_ROOT, "demo/itaku.yaml"),
      "-q",
    ],
    { env: motoClientEnv(moto.endpoint) },
  );
  expect(run.code).toBe(3);
  expect(run.stdout).toBe("");
  const lines = run.stderr.split("\n").filter((line) => line.startsWith("itaku:"));
  expect(lines).toEqual([
    expect.stringMatching(
      /^itaku: cannot scan s3:\/\/no-such-archive\/: ListObjectsV2 s3:\/\/no-such-archive\/AWSLogs\/: .*(NoSuchBucket|does not exist)/,
    ),
  ]);
  // audit query, which copies the period's files first, says the same.
  const query = await runCli(
    ["audit", "query", "--cloudtrail-s3", "s3://no-such-archive", "--month", "2026-10", "SELECT 1"],
    { env: motoClientEnv(moto.endpoint) },
  );
  expect(query.code).toBe(3);
  expect(query.stderr).toMatch(/^itaku: cannot scan s3:\/\/no-such-archive: ListObjectsV2 /m);
});
