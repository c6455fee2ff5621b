// An AWS Organization of 500 member accounts on a real AWS API server (moto) with authorization on:
// every account is read through its own member role, assumed from the management account's
// scanner. One account's role may not be assumed (failed), one may not read IAM (partial), one is
// suspended (skipped); the statuses, the accounts findings carry and the isolation of failures
// are asserted on the organisation snapshot and on the Result of `evaluate`.
import { collectAwsOrganization, iamCollector, inShard, parseShard } from "@itaku/collector-aws";
import {
  emptySettings,
  evaluate,
  mergeSnapshots,
  parseRoster,
  type Result,
  type Snapshot,
} from "@itaku/core";
import { allRules } from "../packages/cli/src/registry";
import {
  enableAuth,
  MANAGEMENT_ACCOUNT,
  MEMBER_ROLE,
  type SeededOrganization,
  seedOrganization,
} from "./harness/aws-org-seed";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const MEMBERS = 500;
/**
 * IAM only: what the organisation scan adds is per account, not per collector, and moto answers a
 * full scan of 500 accounts in ~10 minutes on two cores (the full scan is `pnpm bench org`).
 */
const COLLECTORS = [iamCollector];
const NOW = new Date("2026-11-20T00:00:00Z");
let moto: MotoServer;
let org: SeededOrganization;
let env: Record<string, string>;
let snapshots: Snapshot[];
let result: Result;

const ROSTER = [
  "person_id,name,email,role,aws_iam_users,ad_accounts,start_date,end_date,briefed_at",
  "P001,田中 一郎,tanaka@vendor.example,admin,admin-tanaka,,2024-04-01,,2026-04-10",
  "P002,伊藤 次郎,ito@vendor.example,member,shared-ops,,2024-04-01,,2026-04-10",
  "P003,渡辺 三郎,watanabe@vendor.example,member,shared-ops,,2024-04-01,,2026-04-10",
  "P004,元 請負,former@vendor.example,member,former-contractor,,2024-04-01,2026-06-30,2026-04-10",
  "",
].join("\n");

beforeAll(async () => {
  // No MOTO_ACCOUNT_ID: with it set, the member role CreateAccount writes is not found (moto 5.2.5).
  moto = await startMoto();
  org = await seedOrganization(moto.endpoint, { members: MEMBERS, withUsers: 10 });
  await enableAuth(moto.endpoint);
  env = motoClientEnv(moto.endpoint, {
    AWS_ACCESS_KEY_ID: org.scanner.accessKeyId,
    AWS_SECRET_ACCESS_KEY: org.scanner.secretAccessKey,
    AWS_REGION: "us-east-1",
  });
  snapshots = [];
  await collectAwsOrganization(
    { regions: ["us-east-1"], organization: { roleName: MEMBER_ROLE, concurrency: 8, excludeAccounts: [] } },
    { env, now: () => NOW, collectors: COLLECTORS, onAccount: (snapshot) => void snapshots.push(snapshot) },
  );
  result = evaluate({
    snapshot: mergeSnapshots(snapshots),
    rules: allRules,
    now: NOW,
    roster: parseRoster(ROSTER, "roster.csv"),
    settings: emptySettings(),
    toolVersion: "test",
  });
}, MOTO_INSTALL_TIMEOUT_MS + 900_000);

afterAll(async () => {
  await moto?.stop();
});

const sourceOf = (account: string) => result.sources.find((s) => s.scope === account);

/** moto's credential report has no root row, so its only gap in a healthy account is that one. */
const MOTO_ROOT_ROW_GAP = "GetCredentialReport RootRowMissing";
const healthy = (source: Result["sources"][number]) =>
  source.gaps.every((g) => `${g.operation} ${g.code}` === MOTO_ROOT_ROW_GAP);

test("every account of the organisation has a source with a status", () => {
  expect(result.sources).toHaveLength(MEMBERS + 1);
  const counts = { ok: 0, partial: 0, failed: 0, skipped: 0 };
  for (const source of result.sources) counts[source.status!]++;
  expect(counts.failed).toBe(1);
  expect(counts.skipped).toBe(1);
  expect(counts.ok + counts.partial).toBe(MEMBERS - 1);
  const readable = result.sources.filter((s) => s.status === "ok" || s.status === "partial");
  expect(readable.filter((s) => !healthy(s)).map((s) => s.scope)).toEqual([org.partial]);
});

test("an account whose role cannot be assumed is failed, with the reason, and its data unknown", () => {
  const source = sourceOf(org.failed)!;
  expect(source.status).toBe("failed");
  expect(source.reason).toMatch(/^cannot assume arn:aws:iam::\d{12}:role\/ItakuAudit \(AccessDenied\): /);
  expect(source.gaps.map((g) => g.resourceType)).toEqual(
    expect.arrayContaining(["aws.iam.user", "aws.account"]),
  );
  expect(result.findings.filter((f) => f.resource.scope === org.failed && f.status !== "unknown")).toEqual(
    [],
  );
});

test("an account whose role may not read IAM is partial; what it could read is still evaluated", () => {
  const source = sourceOf(org.partial)!;
  expect(source.status).toBe("partial");
  expect(source.gaps.some((g) => g.resourceType === "aws.iam.user" && g.code === "AccessDenied")).toBe(true);
  expect(source.reason).toMatch(/AccessDenied/);
  const mine = result.findings.filter((f) => f.resource.scope === org.partial);
  expect(
    mine.some((f) => f.resource.type === "aws.cloudtrail.trail" || f.resource.type === "aws.account"),
  ).toBe(true);
  expect(mine.filter((f) => f.resource.type.startsWith("aws.iam.") && f.status === "pass")).toEqual([]);
});

test("a suspended account is skipped, and says why", () => {
  expect(sourceOf(org.suspended)).toMatchObject({ status: "skipped", reason: "account is SUSPENDED" });
});

test("ListAccounts metadata and the OU path go into each source", () => {
  const prod = sourceOf(org.prod[0]!)!;
  expect(prod.account).toMatchObject({
    name: expect.stringMatching(/^member-\d{4}$/),
    email: expect.stringMatching(/@vendor\.example$/),
    ouPath: "Root/Workloads/Prod",
    organizationId: org.organizationId,
  });
  expect(sourceOf(org.sandbox[0]!)!.account?.ouPath).toBe("Root/Sandbox");
  expect(sourceOf(org.members[0]!)!.account?.ouPath).toBe("Root");
});

test("findings carry the account they were found in; roster rules fire across accounts", () => {
  const leavers = result.findings.filter(
    (f) =>
      f.ruleId === "accounts-leaver-enabled" &&
      f.status === "fail" &&
      f.resource.name === "former-contractor",
  );
  expect(new Set(leavers.map((f) => f.resource.scope))).toEqual(new Set(org.seededWithUsers));
  for (const finding of leavers) expect(finding.resource.id).toContain(`:${finding.resource.scope}:`);
  const shared = result.findings.filter(
    (f) => f.ruleId === "accounts-shared-generic" && f.status === "fail" && f.resource.name === "shared-ops",
  );
  expect(new Set(shared.map((f) => f.resource.scope))).toEqual(new Set(org.seededWithUsers));
});

test("one failure changes nothing for the others: a healthy account reads the same alone", async () => {
  const account = org.seededWithUsers[1]!;
  const alone: Snapshot[] = [];
  const lines: string[] = [];
  await collectAwsOrganization(
    {
      regions: ["us-east-1"],
      organization: { roleName: MEMBER_ROLE, concurrency: 8, excludeAccounts: [], accounts: [account] },
    },
    {
      env,
      now: () => NOW,
      collectors: COLLECTORS,
      onAccount: (snapshot) => void alone.push(snapshot),
      progress: (line) => void lines.push(line),
    },
  );
  const inOrg = snapshots.find((s) => s.sources[0]!.scope === account)!;
  // The last line says whether the shared request budget bound the run: every request went through
  // it, the account's and the management account's (the listing, its own identity). Its default rate
  // is 25/s for each account read at once: 200/s at concurrency 8.
  const budget =
    /^request budget: (\d+) requests at most 200\/s; waiting for it took \d+\.\d s, summed over requests$/.exec(
      lines.at(-1) ?? "",
    );
  expect(Number(budget?.[1])).toBeGreaterThan(alone[0]!.sources[0]!.stats!["requests.total"]!);
  expect(alone).toHaveLength(1);
  const users = (snapshot: Snapshot) => snapshot.resources.filter((r) => r.type === "aws.iam.user");
  expect(users(alone[0]!)).toEqual(users(inOrg));
  expect(users(inOrg).map((r) => r.name)).toEqual(
    expect.arrayContaining(["admin-tanaka", "former-contractor", "shared-ops"]),
  );
  expect(alone[0]!.sources[0]!.gaps).toEqual(inOrg.sources[0]!.gaps);
  expect(alone[0]!.sources[0]!.status).toBe(inOrg.sources[0]!.status);
});

test("requests per account stay those of a single-account scan, with one AssumeRole", () => {
  const perAccount = snapshots
    .map((s) => s.sources[0]!)
    .filter((s) => s.status === "ok" && s.scope !== MANAGEMENT_ACCOUNT)
    .map((s) => s.stats!);
  for (const stats of perAccount) expect(stats["requests.sts:AssumeRole"]).toBe(1);
  // AssumeRole's answer names the session: no GetCallerIdentity to ask who it is.
  for (const stats of perAccount) expect(stats["requests.sts:GetCallerIdentity"]).toBeUndefined();
  const totals = perAccount.map((s) => s["requests.total"]!);
  expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(12);
});

test("--shard I/N splits the organisation into disjoint, complete parts", () => {
  expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
  expect(parseShard("5/4")).toBeUndefined();
  expect(parseShard("0/4")).toBeUndefined();
  const all = result.sources.map((s) => s.scope);
  const parts = [1, 2, 3].map((index) => all.filter((id) => inShard(id, { index, count: 3 })));
  expect(parts.flat().sort()).toEqual([...all].sort());
  for (const part of parts) expect(part.length).toBeGreaterThan(all.length / 10);
});
