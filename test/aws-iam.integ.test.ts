// `itaku scan --aws` end to end against a real AWS API server (moto): the vendor's IAM is seeded
// through the SDK, the built CLI runs as a child process, and findings are asserted by rule and
// resource — today, and with `--now` 200 days later for the staleness rules.
//
// Where moto differs from IAM, the test says so rather than working around it in the collector:
// - its credential report has no `<root_account>` row, so the root rules answer `unknown` (a gap);
// - it never records console sign-ins (password_last_used is `no_information`), so every console
//   password reads as never used; access keys are marked used when a request is signed with them;
// - it answers GetAccountAuthorizationDetails in one page whatever MaxItems says;
// - it serves AdministratorAccess only with MOTO_IAM_LOAD_MANAGED_POLICIES=true (then it returns all
//   ~1,300 AWS-managed policies; the collector keeps those attached to something, as IAM returns).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { actionsOf, isReadAction, READ_ALLOW_LIST } from "@itaku/collector-aws";
import { type Finding, type Result, type Snapshot, snapshotSchema } from "@itaku/core";
import { seedCisAlarms } from "./harness/aws-cis-seed";
import { detectionAnswers, seedDetection } from "./harness/aws-detection-seed";
import { startAwsFront } from "./harness/aws-front";
import { identityCenterAnswers, seedIdentityCenter } from "./harness/aws-identity-center-seed";
import { seedNetwork } from "./harness/aws-network-seed";
import { roleArn, seedVendorAccount, userArn, VENDOR_ACCOUNT } from "./harness/aws-seed";
import { REPO_ROOT, runCli } from "./harness/cli";
import { freePort, MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const DAY = 86_400_000;
let moto: MotoServer;
let dir: string;
let env: Record<string, string>;
let today: Result;
let later: Result;
let laterIso: string;

function writeConfig(name: string, aws: string[], extra: string[] = []): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    [
      `roster: ${join(REPO_ROOT, "demo/roster.csv")}`,
      "aws:",
      ...aws.map((line) => `  ${line}`),
      "subcontractors:",
      "  - name: ログ監視パートナー",
      '    awsAccountIds: ["444455556666"]',
      "    approvedBy: 委託元 情報システム部 部長",
      "    approvedAt: 2026-04-01",
      ...extra,
      "",
    ].join("\n"),
  );
  return path;
}

async function scan(config: string, ...args: string[]): Promise<Result> {
  const run = await runCli(["scan", "--aws", "--config", config, "--format", "json", "--quiet", ...args], {
    env,
  });
  if (![0, 1].includes(run.code)) throw new Error(`scan exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Result;
}

beforeAll(async () => {
  moto = await startMoto({ accountId: VENDOR_ACCOUNT, env: { MOTO_IAM_LOAD_MANAGED_POLICIES: "true" } });
  await seedVendorAccount(moto.endpoint);
  dir = mkdtempSync(join(tmpdir(), "itaku-aws-iam-"));
  env = motoClientEnv(moto.endpoint);
  const config = writeConfig("itaku.yaml", ["regions: [ap-northeast-1]", `endpoint: ${moto.endpoint}`]);
  today = await scan(config);
  laterIso = new Date(Date.now() + 200 * DAY).toISOString();
  later = await scan(config, "--now", laterIso);
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Verdict = string;
/** `pass`, `fail:<messageId>`, `unknown`, `not_applicable` of one rule for one resource. */
function verdict(result: Result, ruleId: string, resourceId: string): Verdict | undefined {
  const found: Finding | undefined = result.findings.find(
    (f) => f.ruleId === ruleId && f.resource.id === resourceId,
  );
  if (!found) return undefined;
  return found.status === "fail" ? `fail:${found.messageId}` : found.status;
}
const verdicts = (result: Result, ruleId: string, ids: string[]) =>
  Object.fromEntries(ids.map((id) => [id.split(/[:/]/).pop(), verdict(result, ruleId, id)]));
const users = (...names: string[]) => names.map(userArn);

test("the scan reads the account through the endpoint override, with only moto's root gap", () => {
  expect(today.sources).toEqual([
    expect.objectContaining({ provider: "aws", scope: VENDOR_ACCOUNT, regions: ["ap-northeast-1"] }),
  ]);
  const iamGaps = today.sources[0]!.gaps.filter((g) => g.resourceType.startsWith("aws.iam."));
  expect(iamGaps.map((g) => [g.resourceType, g.operation, g.code])).toEqual([
    ["aws.iam.root", "GetCredentialReport", "RootRowMissing"],
  ]);
});

test("MFA: the console user without a device fails; key-only users are not judged", () => {
  expect(
    verdicts(
      today,
      "aws-iam-user-mfa",
      users("suzuki", "yamada", "sato", "shared-ops", "takahashi", "svc-backup"),
    ),
  ).toEqual({
    suzuki: "fail:noMfa",
    yamada: "pass",
    sato: "pass",
    "shared-ops": "pass",
    takahashi: "not_applicable",
    "svc-backup": "not_applicable",
  });
});

test("least privilege: admin held by a non-admin, direct policies, a wildcard, an escalation path", () => {
  expect(verdicts(today, "aws-iam-admin-non-admin", users("tanaka", "sato", "nakamura", "yamada"))).toEqual({
    tanaka: "fail:notAdmin",
    sato: "pass",
    nakamura: "pass",
    yamada: "pass",
  });
  expect(
    verdicts(today, "aws-iam-user-direct-policy", users("tanaka", "watanabe", "shared-ops", "yamada")),
  ).toEqual({
    tanaka: "fail:direct",
    watanabe: "fail:direct",
    "shared-ops": "fail:direct",
    yamada: "pass",
  });
  expect(verdicts(today, "aws-iam-wildcard-sensitive", users("watanabe", "yamada"))).toEqual({
    watanabe: "fail:wildcard",
    yamada: "pass",
  });
  expect(
    verdict(today, "aws-iam-wildcard-sensitive", `arn:aws:iam::${VENDOR_ACCOUNT}:group/developers`),
  ).toBe("pass");
  expect(verdicts(today, "aws-iam-privilege-escalation", users("shared-ops", "watanabe"))).toEqual({
    "shared-ops": "fail:escalation",
    watanabe: "pass",
  });
});

test("keys: two active keys fail; new keys pass today", () => {
  expect(verdicts(today, "aws-iam-user-two-active-keys", users("takahashi", "svc-backup", "yamada"))).toEqual(
    {
      takahashi: "fail:twoActive",
      "svc-backup": "pass",
      yamada: "pass",
    },
  );
  expect(verdicts(today, "aws-iam-access-key-unused", users("takahashi", "svc-backup"))).toEqual({
    takahashi: "pass",
    "svc-backup": "pass",
  });
  expect(verdicts(today, "aws-iam-access-key-rotation", users("takahashi", "svc-backup"))).toEqual({
    takahashi: "pass",
    "svc-backup": "pass",
  });
  expect(verdict(today, "aws-iam-user-console-stale", userArn("yamada"))).toBe("pass");
});

test("--now 200 days later: unused and never-used keys, old keys and never-used passwords fail", () => {
  expect(later.now).toBe(laterIso);
  expect(verdicts(later, "aws-iam-access-key-unused", users("takahashi", "svc-backup"))).toEqual({
    takahashi: "fail:unused",
    "svc-backup": "fail:neverUsed",
  });
  expect(verdicts(later, "aws-iam-access-key-rotation", users("takahashi", "svc-backup"))).toEqual({
    takahashi: "fail:old",
    "svc-backup": "fail:old",
  });
  // moto records no console sign-ins, so every console password reads as never used.
  expect(verdicts(later, "aws-iam-user-console-stale", users("yamada", "suzuki", "takahashi"))).toEqual({
    yamada: "fail:neverUsed",
    suzuki: "fail:neverUsed",
    takahashi: "not_applicable",
  });
});

test("trust: the approved subcontractor passes, the unknown outside account fails", () => {
  expect(verdict(today, "aws-iam-role-trust-external", roleArn("partner-log-monitor"))).toBe("pass");
  expect(verdict(today, "aws-iam-role-trust-external", roleArn("legacy-vendor-access"))).toBe(
    "fail:untrusted",
  );
  expect(verdict(today, "aws-iam-role-trust-external", roleArn("backup-runner"))).toBe("pass");
});

test("account level: a weak password policy fails; root rules are unknown, never pass (moto has no root row)", () => {
  expect(verdict(today, "aws-iam-password-policy", VENDOR_ACCOUNT)).toBe("fail:weak");
  for (const rule of ["aws-iam-root-mfa", "aws-iam-root-access-keys", "aws-iam-root-used-recently"]) {
    expect([rule, verdict(today, rule, VENDOR_ACCOUNT)]).toEqual([rule, "unknown"]);
  }
});

test("collect writes a schema-valid snapshot; IAM needs ≤ ⌈principals/1000⌉ + 10 requests", async () => {
  const output = join(dir, "snapshot.json");
  const config = writeConfig("collect.yaml", ["regions: [ap-northeast-1]", `endpoint: ${moto.endpoint}`]);
  const run = await runCli(["collect", "--aws", "--config", config, "--output", output, "--quiet"], { env });
  expect([run.code, run.stderr]).toEqual([0, expect.stringContaining("resources")]);
  const snapshot = JSON.parse(readFileSync(output, "utf8")) as Snapshot;
  expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
  const stats = snapshot.sources[0]!.stats!;
  const iamRequests = Object.entries(stats)
    .filter(([key]) => /^requests\.(iam|sts):/.test(key))
    .reduce((n, [, count]) => n + count, 0);
  const principals = snapshot.resources.filter((r) => /^aws\.iam\.(user|group|role)$/.test(r.type)).length;
  expect(iamRequests).toBeLessThanOrEqual(Math.ceil(principals / 1000) + 10);
  // Secrets never reach a snapshot: not the test's keys, nor any created access key's secret.
  const text = readFileSync(output, "utf8");
  expect(text).not.toContain(env.AWS_SECRET_ACCESS_KEY);
  expect(text).not.toMatch(/SecretAccessKey|secretAccessKey/);
});

test("read-only: the commands a full collection sends are exactly those `itaku iam-policy` prints, all reads", async () => {
  // Seed the network and logs too, and ask for every enabled region, so that every collector and
  // every command it can send is exercised (DescribeRegions is only sent for `all-enabled`).
  // The detection services too, through the front that answers the SSM, Security Hub standards and
  // Config delivery-status calls moto lacks, so their follow-up commands are sent as well.
  await seedNetwork(moto.endpoint, VENDOR_ACCOUNT);
  await seedCisAlarms(moto.endpoint, VENDOR_ACCOUNT, "ap-northeast-1"); // alarms notifying a topic: ListSubscriptionsByTopic
  const seeded = await seedDetection(moto.endpoint, VENDOR_ACCOUNT, "ap-northeast-1");
  // And Identity Center, with the front answering the permissions boundary call moto lacks.
  const identityCenter = await seedIdentityCenter(moto.endpoint, VENDOR_ACCOUNT, "ap-northeast-1");
  const detection = detectionAnswers(seeded, VENDOR_ACCOUNT);
  const boundary = identityCenterAnswers(identityCenter);
  const front = await startAwsFront(moto.endpoint, (call) => detection(call) ?? boundary(call));
  const output = join(dir, "all.json");
  const config = writeConfig("all.yaml", [
    "regions: all-enabled",
    `endpoint: ${front.endpoint}`,
    "maxConcurrency: 8",
    "confidential:",
    "  subnetTags: { DataClass: confidential }",
    "  bucketTags: { DataClass: confidential }",
  ]);
  const run = await runCli(["collect", "--aws", "--config", config, "--output", output, "--quiet"], {
    env: { ...env, AWS_REGION: "us-east-1" },
  }).finally(() => front.close());
  expect(run.code).toBe(0);
  const stats = (JSON.parse(readFileSync(output, "utf8")) as Snapshot).sources[0]!.stats!;
  const sent = Object.keys(stats)
    .filter((key) => key.startsWith("requests.") && key.includes(":"))
    .map((key) => key.slice("requests.".length));

  const policyRun = await runCli(["iam-policy"], { env });
  expect(policyRun.code).toBe(0);
  const policy = JSON.parse(policyRun.stdout) as {
    Statement: { Effect: string; Action: string[]; Resource: string }[];
  };
  // The scan's statement comes first; the access-log audit's reads follow in their own statement.
  expect(policy.Statement[0]).toMatchObject({ Sid: "ItakuReadOnlyScan", Effect: "Allow", Resource: "*" });

  const actionsSent = new Set(
    sent.flatMap((operation) => {
      const entry = READ_ALLOW_LIST.find((e) => `${e.service}:${e.command}` === operation);
      if (!entry) throw new Error(`${operation} was sent but is not on the allow-list`);
      return actionsOf(entry);
    }),
  );
  expect([...actionsSent].sort()).toEqual([...policy.Statement[0]!.Action].sort());
  expect(policy.Statement[0]!.Action.filter((action) => !isReadAction(action))).toEqual([]);
}, 300_000);

test("assume role with an external id: the scan runs as the role (moto grants any AssumeRole)", async () => {
  const output = join(dir, "assumed.json");
  const config = writeConfig("assume.yaml", [
    "regions: [ap-northeast-1]",
    `endpoint: ${moto.endpoint}`,
    `roleArn: arn:aws:iam::${VENDOR_ACCOUNT}:role/itaku-auditor`,
    "externalId: itaku-test-external-id",
  ]);
  const run = await runCli(["collect", "--aws", "--config", config, "--output", output], { env });
  expect(run.code).toBe(0);
  expect(run.stderr).toContain(
    `AWS account ${VENDOR_ACCOUNT} through arn:aws:iam::${VENDOR_ACCOUNT}:role/itaku-auditor`,
  );
  expect(run.stderr).not.toContain("itaku-test-external-id");
});

describe("bad input: one clear line, exit 2 for bad config, 3 when the source cannot be read", () => {
  const oneLine = (stderr: string) => stderr.trim().split("\n");

  test("an unknown region", async () => {
    const config = writeConfig("bad-region.yaml", [
      "regions: [ap-northeast-9]",
      `endpoint: ${moto.endpoint}`,
    ]);
    const run = await runCli(["scan", "--aws", "--config", config, "--quiet"], { env });
    expect(run.code).toBe(2);
    // The file is named when the CLI passes collectAws its configPath; "itaku.yaml" otherwise.
    expect(oneLine(run.stderr)).toEqual([
      expect.stringMatching(/^itaku: \S*\.yaml:aws\.regions\[0\]: unknown AWS region "ap-northeast-9"/),
    ]);
  });

  test("an invalid role ARN", async () => {
    const config = writeConfig("bad-role.yaml", [
      "regions: [ap-northeast-1]",
      "roleArn: arn:aws:iam::12345:role/auditor",
    ]);
    const run = await runCli(["scan", "--aws", "--config", config, "--quiet"], { env });
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toEqual([
      expect.stringMatching(/bad-role\.yaml:\d+:\d+: aws\.roleArn: expected arn:aws:iam/),
    ]);
  });

  test("an unreadable profile", async () => {
    const awsConfig = join(dir, "aws-config");
    writeFileSync(awsConfig, "[profile other]\nregion = ap-northeast-1\n");
    const config = writeConfig("bad-profile.yaml", [
      "regions: [ap-northeast-1]",
      `endpoint: ${moto.endpoint}`,
      "profile: vendor-readonly",
    ]);
    const run = await runCli(["scan", "--aws", "--config", config, "--quiet"], {
      env: { ...env, AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: awsConfig },
    });
    expect(run.code).toBe(3);
    expect(oneLine(run.stderr)).toEqual([
      expect.stringMatching(
        /^itaku: cannot scan aws: no usable AWS credentials from profile "vendor-readonly"/,
      ),
    ]);
  });

  test("credentials rejected (moto checking signatures)", async () => {
    const strict = await startMoto({ accountId: VENDOR_ACCOUNT, env: { INITIAL_NO_AUTH_ACTION_COUNT: "0" } });
    try {
      const config = writeConfig("rejected.yaml", [
        "regions: [ap-northeast-1]",
        `endpoint: ${strict.endpoint}`,
      ]);
      const run = await runCli(["scan", "--aws", "--config", config, "--quiet"], {
        env: motoClientEnv(strict.endpoint),
      });
      expect(run.code).toBe(3);
      expect(oneLine(run.stderr)).toEqual([
        expect.stringMatching(
          /^itaku: cannot scan aws: AWS rejected the credentials .*\(InvalidClientTokenId\)/,
        ),
      ]);
      expect(run.stderr).not.toContain(env.AWS_SECRET_ACCESS_KEY!);
    } finally {
      await strict.stop();
    }
  });

  test("nothing listens at the endpoint", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const config = writeConfig("closed.yaml", ["regions: [ap-northeast-1]", `endpoint: ${closed}`]);
    const run = await runCli(["scan", "--aws", "--config", config, "--quiet"], {
      env: motoClientEnv(closed),
    });
    expect(run.code).toBe(3);
    expect(oneLine(run.stderr)).toEqual([
      expect.stringMatching(/^itaku: cannot scan aws: cannot reach AWS \(ECONNREFUSED\)/),
    ]);
  }, 120_000);
});
