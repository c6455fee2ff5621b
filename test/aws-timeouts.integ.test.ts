// Nothing hangs: `itaku scan --aws` against an endpoint that accepts connections and never answers
// ends within the configured deadline with exit 3; when only some calls hang (a proxy in front of
// moto swallows them), those become gaps, their rules answer unknown, and the scan finishes.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeInstancesCommand, DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import type { Result } from "@itaku/core";
import { VENDOR_ACCOUNT } from "./harness/aws-seed";
import { runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";
import { blackHole, type SilentEndpoint, swallowingProxy } from "./harness/silent-endpoints";

let dir: string;
let moto: MotoServer;
const silent: SilentEndpoint[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "itaku-aws-timeouts-"));
  moto = await startMoto({ accountId: VENDOR_ACCOUNT });
  // moto builds its EC2 backend (AMI catalogue, default VPC) on the first EC2 call of a region, which
  // takes seconds on a busy machine; warm it so the 1 s request timeout below only meets the hang.
  const ec2 = new EC2Client({
    endpoint: moto.endpoint,
    region: "ap-northeast-1",
    credentials: { accessKeyId: "AKIAITAKUWARM0000001", secretAccessKey: "warm" },
  });
  await ec2.send(new DescribeVpcsCommand({}));
  await ec2.send(new DescribeInstancesCommand({}));
  ec2.destroy();
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  for (const endpoint of silent) await endpoint.close();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function config(name: string, endpoint: string, timeouts: string): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    ["aws:", "  regions: [ap-northeast-1]", `  endpoint: ${endpoint}`, `  timeouts: ${timeouts}`, ""].join(
      "\n",
    ),
  );
  return path;
}

test("an endpoint that never answers: exit 3 with one line, by the deadline", async () => {
  const hole = await blackHole();
  silent.push(hole);
  const path = config(
    "black-hole.yaml",
    hole.endpoint,
    "{ connectSeconds: 1, requestSeconds: 30, deadlineSeconds: 3 }",
  );
  // Without timeouts the scan would wait forever; 60 s is far past the 3 s deadline.
  const run = await runCli(["scan", "--aws", "--config", path, "--quiet"], {
    env: motoClientEnv(hole.endpoint),
    killAfterMs: 60_000,
  });
  expect([run.code, run.stderr.trim().split("\n")]).toEqual([
    3,
    [
      expect.stringMatching(
        /^itaku: cannot scan aws: cannot reach AWS \(DeadlineExceeded\): .*deadline of 3 s/,
      ),
    ],
  ]);
  expect(hole.swallowed).toBeGreaterThanOrEqual(1);
}, 90_000);

test("requests time out and are retried a bounded number of times before the deadline", async () => {
  const hole = await blackHole();
  silent.push(hole);
  const path = config("request-timeout.yaml", hole.endpoint, "{ requestSeconds: 1, deadlineSeconds: 600 }");
  const run = await runCli(["scan", "--aws", "--config", path, "--quiet"], {
    env: motoClientEnv(hole.endpoint),
    killAfterMs: 60_000,
  });
  expect([run.code, run.stderr.trim().split("\n")]).toEqual([
    3,
    [
      expect.stringMatching(
        /^itaku: cannot scan aws: cannot reach AWS \(ETIMEDOUT\): a request has exceeded the configured 1000 ms requestTimeout/,
      ),
    ],
  ]);
  expect(hole.swallowed).toBe(3);
}, 90_000);

test("only GetAccountAuthorizationDetails hangs: an ETIMEDOUT gap, unknown principal rules, the rest read", async () => {
  const proxy = await swallowingProxy(moto.endpoint, /Action=GetAccountAuthorizationDetails/);
  silent.push(proxy);
  // 5 s: moto, loaded by the other collectors on a busy machine, answers slower than 1 s at times.
  const path = config("some-hang.yaml", proxy.endpoint, "{ requestSeconds: 5 }");
  const run = await runCli(["scan", "--aws", "--config", path, "--quiet", "--format", "json"], {
    env: motoClientEnv(proxy.endpoint),
    killAfterMs: 120_000,
  });
  expect([0, 1]).toContain(run.code);
  const result = JSON.parse(run.stdout) as Result;
  const gaps = result.sources[0]!.gaps.filter((gap) => gap.operation === "GetAccountAuthorizationDetails");
  expect(gaps.map((gap) => [gap.resourceType, gap.code])).toEqual([
    ["aws.iam.group", "ETIMEDOUT"],
    ["aws.iam.policy", "ETIMEDOUT"],
    ["aws.iam.role", "ETIMEDOUT"],
    ["aws.iam.user", "ETIMEDOUT"],
  ]);
  expect(proxy.swallowed).toBe(3);
  const mfa = result.findings.filter((f) => f.ruleId === "aws-iam-user-mfa");
  expect(mfa.map((f) => [f.resource.id, f.status])).toEqual([["aws.iam.user/*", "unknown"]]);
  // What did answer was read: the password policy, from the same IAM endpoint, for one.
  expect(result.inventory.map((entry) => entry.type)).toEqual(
    expect.arrayContaining(["aws.account", "aws.iam.password-policy"]),
  );
}, 150_000);
