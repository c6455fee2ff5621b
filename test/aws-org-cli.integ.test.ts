// `itaku scan|collect|evaluate --aws --org` as a user runs them, against a small AWS Organization on
// moto with authorization on: credentials from a profile in a temporary AWS_CONFIG_FILE, the base
// role with an external id and a session name (both checked in what moto's AssumeRole recorded),
// per-account statuses in the JSON, table and SARIF outputs, exit codes, `--split`, and `--shard`
// snapshots merged by `evaluate` into the same Result as one scan.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inShard } from "@itaku/collector-aws";
import type { Result } from "@itaku/core";
import {
  assumedRoles,
  enableAuth,
  MANAGEMENT_ACCOUNT,
  MEMBER_ROLE,
  ORG_READER_EXTERNAL_ID,
  ORG_READER_ROLE,
  type SeededOrganization,
  seedOrganization,
} from "./harness/aws-org-seed";
import { runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

let moto: MotoServer;
let org: SeededOrganization;
let dir: string;
let env: Record<string, string>;
let scan: Result;
const NOW = "2026-11-20T00:00:00Z";
const BASE_ROLE = `arn:aws:iam::${MANAGEMENT_ACCOUNT}:role/${ORG_READER_ROLE}`;
/** The organisation scan as every test here starts it: member role, and keys only from the profile. */
const ORG_SCAN = ["--aws", "--org", "--org-role", MEMBER_ROLE, "--profile", "org-admin"];

beforeAll(async () => {
  moto = await startMoto();
  org = await seedOrganization(moto.endpoint, { members: 8, withUsers: 2 });
  await enableAuth(moto.endpoint);
  dir = mkdtempSync(join(tmpdir(), "itaku-org-cli-"));
  // The scanner's key lives only in a profile: no key in the environment.
  writeFileSync(
    join(dir, "aws-config"),
    [
      "[profile org-admin]",
      `aws_access_key_id = ${org.scanner.accessKeyId}`,
      `aws_secret_access_key = ${org.scanner.secretAccessKey}`,
      "region = us-east-1",
      "",
    ].join("\n"),
  );
  const base = motoClientEnv(moto.endpoint, {
    AWS_CONFIG_FILE: join(dir, "aws-config"),
    AWS_REGION: "us-east-1",
  });
  delete base.AWS_ACCESS_KEY_ID;
  delete base.AWS_SECRET_ACCESS_KEY;
  env = base;
  const run = await runCli(
    [
      "scan",
      ...ORG_SCAN,
      "--role-arn",
      BASE_ROLE,
      "--external-id",
      ORG_READER_EXTERNAL_ID,
      "--role-session-name",
      "itaku-ci",
      "--region",
      "us-east-1",
      "--now",
      NOW,
      "--format",
      "json",
      "--quiet",
    ],
    { env },
  );
  if (![0, 1].includes(run.code)) throw new Error(`scan exited ${run.code}: ${run.stderr}`);
  scan = JSON.parse(run.stdout) as Result;
}, MOTO_INSTALL_TIMEOUT_MS + 300_000);

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("scan --org: one source per account, each with its status", () => {
  const status = Object.fromEntries(scan.sources.map((s) => [s.scope, s.status]));
  expect(Object.keys(status)).toHaveLength(9);
  expect(status[org.failed]).toBe("failed");
  expect(status[org.partial]).toBe("partial");
  expect(status[org.suspended]).toBe("skipped");
  expect(scan.findings.some((f) => f.resource.scope === org.seededWithUsers[0] && f.status === "fail")).toBe(
    true,
  );
});

test("the profile's keys, the base role's external id and the session name reach AssumeRole", async () => {
  const sessions = await assumedRoles(moto.endpoint);
  const base = sessions.filter((s) => s.role_arn === BASE_ROLE);
  expect(base.length).toBeGreaterThan(0);
  for (const session of base)
    expect(session).toMatchObject({ external_id: ORG_READER_EXTERNAL_ID, session_name: "itaku-ci" });
  const members = sessions.filter(
    (s) => s.role_arn.endsWith(`:role/${MEMBER_ROLE}`) && s.session_name !== "seed",
  );
  // Every readable member was assumed once, from the base role, under the flag's session name.
  expect(new Set(members.map((s) => s.role_arn)).size).toBe(members.length);
  expect(members.length).toBe(9 - 1 /* management */ - 1 /* suspended */ - 1 /* denied */);
  for (const session of members) expect(session.session_name).toBe("itaku-ci");
});

test("table and SARIF show the accounts not read fully, with their reasons", async () => {
  const common = [...ORG_SCAN, "--region", "us-east-1"];
  const table = await runCli(["scan", ...common, "--now", NOW, "--fail-on", "none", "--quiet"], { env });
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/Sources\s+\d+ ok, \d+ partial, 1 failed, 1 skipped/);
  expect(table.stdout).toContain(`failed  aws ${org.failed} (member-0001, Root)  cannot assume`);
  // --fail-on-unknown making a failed account fail the run is asserted in exit-code.test.ts.
  const sarif = await runCli(
    ["scan", ...common, "--now", NOW, "--format", "sarif", "--fail-on", "none", "--quiet"],
    { env },
  );
  expect(sarif.code).toBe(0);
  const notes = JSON.parse(sarif.stdout).runs[0].invocations[0].toolExecutionNotifications as {
    level: string;
    properties: { source?: { scope: string; status: string } };
  }[];
  expect(notes.find((n) => n.properties.source?.scope === org.failed)).toMatchObject({ level: "error" });
});

test("collect --split writes one snapshot per account; --shard parts merge back into the scan's Result", async () => {
  const common = [...ORG_SCAN, "--region", "us-east-1", "-q"];
  const split = await runCli(["collect", ...common, "--split", "--output", join(dir, "accounts")], { env });
  expect(split.code).toBe(0);
  expect(readdirSync(join(dir, "accounts")).sort()).toEqual(
    scan.sources.map((s) => `aws-${s.scope}.snapshot.json`).sort(),
  );
  // moto gives member accounts random ids, so which shard holds which account changes from run to
  // run: a shard holding only the failed and skipped accounts rightly exits 3 (nothing could be
  // read). Split into the fewest shards (from 2) each holding an account that can be read.
  const readable = scan.sources
    .filter((s) => s.status === "ok" || s.status === "partial")
    .map((s) => s.scope);
  const count = [2, 3, 4, 5].find((n) =>
    Array.from({ length: n }, (_, i) => i + 1).every((index) =>
      readable.some((account) => inShard(account, { index, count: n })),
    ),
  )!;
  const files = Array.from({ length: count }, (_, i) => join(dir, `shard-${i + 1}.json`));
  for (const [i, file] of files.entries()) {
    const part = await runCli(["collect", ...common, "--shard", `${i + 1}/${count}`, "--output", file], {
      env,
    });
    expect(part.code).toBe(0);
    const { sources } = JSON.parse(readFileSync(file, "utf8")) as { sources: { scope: string }[] };
    expect(sources.length).toBeGreaterThan(0);
  }
  const merged = await runCli(["evaluate", ...files, "--now", NOW, "--format", "json", "-q"], { env: {} });
  expect([0, 1]).toContain(merged.code);
  const result = JSON.parse(merged.stdout) as Result;
  const key = (f: Result["findings"][number]) => `${f.ruleId} ${f.resource.id} ${f.status}`;
  expect(result.sources.map((s) => [s.scope, s.status])).toEqual(
    scan.sources.map((s) => [s.scope, s.status]),
  );
  expect(result.findings.map(key).sort()).toEqual(scan.findings.map(key).sort());
});

test("bad flags and unusable credentials: exit 2 with the flag named, exit 3 when nothing can be read", async () => {
  // The base role's trust policy wants its external id: with another one nothing can be read.
  const wrongExternalId = await runCli(
    ["scan", ...ORG_SCAN, "--role-arn", BASE_ROLE, "--external-id", "not-the-one", "-q"],
    { env },
  );
  expect(wrongExternalId.code).toBe(3);
  expect(wrongExternalId.stderr).toContain(
    `cannot assume ${BASE_ROLE} with the configured external id (AccessDenied)`,
  );
  const shard = await runCli(["scan", "--aws", "--org", "--shard", "3/2"], { env });
  expect(shard.code).toBe(2);
  expect(shard.stderr).toContain('--shard "3/2" must be I/N');
  const role = await runCli(["scan", "--aws", "--role-arn", "arn:aws:iam::12:role/x"], { env });
  expect(role.code).toBe(2);
  expect(role.stderr).toContain("--role-arn");
  const mfa = await runCli(
    ["scan", "--aws", "--role-arn", BASE_ROLE, "--mfa-serial", `arn:aws:iam::${MANAGEMENT_ACCOUNT}:mfa/ci`],
    { env },
  );
  expect(mfa.code).toBe(2);
  expect(mfa.stderr).toContain("ITAKU_MFA_CODE");
  writeFileSync(
    join(dir, "bad-config"),
    "[profile stranger]\naws_access_key_id = AKIAITAKUNOBODY00001\naws_secret_access_key = nope\n",
  );
  const stranger = await runCli(
    ["scan", "--aws", "--org", "--profile", "stranger", "--region", "us-east-1", "-q"],
    {
      env: { ...env, AWS_CONFIG_FILE: join(dir, "bad-config") },
    },
  );
  expect(stranger.code).toBe(3);
  expect(stranger.stderr).toMatch(
    /itaku: cannot scan aws: AWS rejected the credentials from profile "stranger"/,
  );
});
