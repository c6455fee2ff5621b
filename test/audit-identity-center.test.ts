// `itaku audit --snapshot`: with a snapshot holding IAM Identity Center, an AWSReservedSSO_* session is
// the person its Identity Center user belongs to — here a user name ("s.ichiro") the roster cannot
// match by itself, whose e-mail is suzuki's. Without the snapshot the session stays unmatched.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Result, Snapshot } from "@itaku/core";
import { REPO_ROOT, runCli } from "./harness/cli";

const ACCOUNT = "111122223333";
const ROLE = "AWSReservedSSO_Developer_0123456789abcdef";
let dir: string;
let trail: string;
let snapshotPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "itaku-audit-sso-"));
  trail = join(dir, "cloudtrail");
  const day = join(trail, `AWSLogs/${ACCOUNT}/CloudTrail/ap-northeast-1/2026/10/06`);
  mkdirSync(day, { recursive: true });
  const records = [1, 2, 3].map((n) => ({
    eventVersion: "1.09",
    userIdentity: {
      type: "AssumedRole",
      principalId: "AROAEXAMPLEDEVELOPER:s.ichiro",
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE}/s.ichiro`,
      accountId: ACCOUNT,
      sessionContext: {
        sessionIssuer: {
          type: "Role",
          principalId: "AROAEXAMPLEDEVELOPER",
          arn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/${ROLE}`,
          accountId: ACCOUNT,
          userName: ROLE,
        },
      },
    },
    eventTime: `2026-10-06T0${n}:00:00Z`,
    eventSource: "ec2.amazonaws.com",
    eventName: "DescribeInstances",
    awsRegion: "ap-northeast-1",
    sourceIPAddress: "203.0.113.10",
    userAgent: "aws-cli/2.17.20",
    eventID: `00000000-0000-0000-0000-00000000000${n}`,
    readOnly: true,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
  }));
  writeFileSync(
    join(day, `${ACCOUNT}_CloudTrail_ap-northeast-1_20261006T0100Z_sso.json.gz`),
    gzipSync(JSON.stringify({ Records: records })),
  );
  const snapshot: Snapshot = {
    schemaVersion: 1,
    collectedAt: "2026-11-01T00:00:00Z",
    origin: "live",
    sources: [{ provider: "aws", scope: ACCOUNT, regions: ["ap-northeast-1"], gaps: [] }],
    resources: [
      {
        type: "aws.sso.user",
        id: "d-9567000001/user/u-1",
        name: "s.ichiro",
        scope: ACCOUNT,
        region: "ap-northeast-1",
        attributes: {
          instanceArn: "arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6",
          identityStoreId: "d-9567000001",
          userId: "u-1",
          userName: "s.ichiro",
          emails: ["suzuki@vendor.example"],
          status: "ENABLED",
        },
      },
    ],
  };
  snapshotPath = join(dir, "identity-center.json");
  writeFileSync(snapshotPath, JSON.stringify(snapshot));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const audit = async (extra: string[]) => {
  const run = await runCli([
    "audit",
    "--cloudtrail-dir",
    trail,
    "--roster",
    join(REPO_ROOT, "demo/roster.csv"),
    "--month",
    "2026-10",
    "--now",
    "2026-11-20T00:00:00Z",
    "--threads",
    "1",
    "--format",
    "json",
    "-q",
    ...extra,
  ]);
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as Result;
};

test("without Identity Center data the SSO session matches nobody", async () => {
  const result = await audit([]);
  expect(result.access!.unmatched.map((u) => [u.label, u.kind, u.events])).toEqual([
    [`${ROLE}/s.ichiro`, "sso", 3],
  ]);
  expect(result.access!.people.find((p) => p.personId === "P003")?.events ?? 0).toBe(0);
});

test("with a snapshot holding Identity Center, the session is suzuki's (P003)", async () => {
  const result = await audit(["--snapshot", snapshotPath]);
  expect(result.access!.unmatched).toEqual([]);
  const suzuki = result.access!.people.find((p) => p.personId === "P003")!;
  expect([suzuki.events, suzuki.roles]).toEqual([3, [ROLE]]);
});

test("an unreadable --snapshot is bad input: exit 2 naming the file", async () => {
  const bad = join(dir, "bad.json");
  writeFileSync(bad, "{ not json");
  const run = await runCli([
    "audit",
    "--cloudtrail-dir",
    trail,
    "--month",
    "2026-10",
    "--snapshot",
    bad,
    "-q",
  ]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("bad.json");
});
