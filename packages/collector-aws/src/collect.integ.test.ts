// collectAws against a real AWS API server (moto), without the CLI: the snapshot it writes, the
// requests it sends, and how moto's gaps show up. The CLI-level suite is test/aws-iam.integ.test.ts.
import { type Snapshot, snapshotSchema } from "@itaku/core";
import { seedVendorAccount, userArn, VENDOR_ACCOUNT } from "../../../test/harness/aws-seed";
import {
  MOTO_INSTALL_TIMEOUT_MS,
  type MotoServer,
  motoClientEnv,
  startMoto,
} from "../../../test/harness/moto";
import { collectAws } from "./collect";
import { actionsOf, allowedCommand, isReadAction, requiredIamActions } from "./read-only";

const splitOperation = (operation: string): [string, string] => {
  const at = operation.indexOf(":");
  return [operation.slice(0, at), operation.slice(at + 1)];
};

let moto: MotoServer;
let snapshot: Snapshot;

beforeAll(async () => {
  moto = await startMoto({ accountId: VENDOR_ACCOUNT, env: { MOTO_IAM_LOAD_MANAGED_POLICIES: "true" } });
  await seedVendorAccount(moto.endpoint);
  snapshot = await collectAws(
    { regions: ["ap-northeast-1"], endpoint: moto.endpoint },
    {
      env: motoClientEnv(moto.endpoint),
      credentialReport: { timeoutMs: 10_000, firstDelayMs: 50, maxDelayMs: 200 },
    },
  );
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
});

const byId = (id: string) => snapshot.resources.find((r) => r.id === id);

test("the snapshot matches the snapshot schema and names the account", () => {
  const parsed = snapshotSchema.safeParse(snapshot);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
  expect(snapshot.origin).toBe("live");
  expect(snapshot.sources).toHaveLength(1);
  expect(snapshot.sources[0]).toMatchObject({
    provider: "aws",
    scope: VENDOR_ACCOUNT,
    regions: ["ap-northeast-1"],
  });
  expect(byId(VENDOR_ACCOUNT)?.type).toBe("aws.account");
});

test("users carry their groups, policies and credential-report attributes", () => {
  const suzuki = byId(userArn("suzuki"));
  expect(suzuki?.type).toBe("aws.iam.user");
  if (suzuki?.type !== "aws.iam.user") return;
  expect(suzuki.attributes).toMatchObject({
    passwordEnabled: true,
    mfaActive: false,
    groups: ["developers"],
    accessKeys: [],
  });

  const takahashi = byId(userArn("takahashi"));
  if (takahashi?.type !== "aws.iam.user") throw new Error("takahashi missing");
  expect(takahashi.attributes.passwordEnabled).toBe(false);
  expect(takahashi.attributes.accessKeys?.map((k) => [k.id, k.active, k.lastUsedAt === null])).toEqual([
    ["access_key_1", true, false],
    ["access_key_2", true, true],
  ]);

  const sharedOps = byId(userArn("shared-ops"));
  if (sharedOps?.type !== "aws.iam.user") throw new Error("shared-ops missing");
  // URL-decoded and parsed.
  expect(sharedOps.attributes.inlinePolicies[0]?.document.Statement).toEqual([
    { Effect: "Allow", Action: ["iam:CreatePolicyVersion", "iam:PassRole"], Resource: "*" },
    { Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" },
  ]);
});

test("groups list their members; attached AWS-managed policies are kept with their documents", () => {
  const admins = snapshot.resources.find((r) => r.type === "aws.iam.group" && r.name === "admins");
  expect(admins?.type === "aws.iam.group" && admins.attributes.members).toEqual(["nakamura", "sato"]);
  const adminPolicy = byId("arn:aws:iam::aws:policy/AdministratorAccess");
  expect(adminPolicy?.type === "aws.iam.policy" && adminPolicy.attributes.document.Statement).toBeTruthy();
  // moto holds every AWS-managed policy; only those attached to something are kept.
  const managed = snapshot.resources.filter((r) => r.type === "aws.iam.policy" && r.attributes.awsManaged);
  expect(managed.map((r) => r.name)).toEqual(["AdministratorAccess"]);
});

test("roles keep their decoded trust policy; the password policy is read", () => {
  const role = snapshot.resources.find((r) => r.type === "aws.iam.role" && r.name === "legacy-vendor-access");
  expect(role?.type === "aws.iam.role" && role.attributes.assumeRolePolicy.Statement).toEqual([
    { Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole" },
  ]);
  const passwordPolicy = snapshot.resources.find((r) => r.type === "aws.iam.password-policy");
  expect(passwordPolicy?.attributes).toMatchObject({
    present: true,
    minimumLength: 8,
    requireSymbols: false,
    reusePrevention: 3,
  });
});

test("moto's credential report has no <root_account> row: root is a gap, never a guess", () => {
  // Real IAM always writes the root row; moto 5.2.5 does not, so root rules answer unknown here.
  expect(snapshot.resources.filter((r) => r.type === "aws.iam.root")).toEqual([]);
  expect(snapshot.sources[0]!.gaps.filter((g) => g.resourceType.startsWith("aws.iam."))).toEqual([
    expect.objectContaining({
      resourceType: "aws.iam.root",
      operation: "GetCredentialReport",
      code: "RootRowMissing",
    }),
  ]);
});

test("an operation moto lacks answers HTTP 500 with an HTML page: a gap that says so, not the parser's SyntaxError", () => {
  // moto 5.2.5 has no SSM DescribeInstanceInformation and raises NotImplementedError for Config's
  // DescribeDeliveryChannelStatus; real AWS answers both.
  const gaps = snapshot.sources[0]!.gaps.filter((g) =>
    ["DescribeInstanceInformation", "DescribeDeliveryChannelStatus"].includes(g.operation),
  );
  expect(gaps.map((g) => [g.operation, g.code]).sort()).toEqual([
    ["DescribeDeliveryChannelStatus", "HTTP500"],
    ["DescribeInstanceInformation", "HTTP500"],
  ]);
  for (const gap of gaps)
    expect(gap.message).toMatch(/^the endpoint answered HTTP 500 with a body that is not AWS's: /);
});

test("requests: all reads, all on the allow-list; IAM within ⌈principals/1000⌉ + 10", () => {
  const stats = snapshot.sources[0]!.stats!;
  const sent = Object.keys(stats)
    .filter((k) => k.startsWith("requests.") && k.includes(":"))
    .map((k) => k.slice("requests.".length));
  // Operations are named by the client (`s3-control:GetPublicAccessBlock`); the allow-list gives their IAM actions.
  expect(sent.filter((operation) => !allowedCommand(...splitOperation(operation)))).toEqual([]);
  const actions = sent.flatMap((operation) => actionsOf(allowedCommand(...splitOperation(operation))!));
  expect(actions.filter((a) => !isReadAction(a))).toEqual([]);
  expect(actions.filter((a) => !requiredIamActions().includes(a))).toEqual([]);
  const iamRequests = sent
    .filter((a) => a.startsWith("iam:") || a.startsWith("sts:"))
    .reduce((n, a) => n + stats[`requests.${a}`]!, 0);
  const principals = snapshot.resources.filter((r) =>
    ["aws.iam.user", "aws.iam.group", "aws.iam.role"].includes(r.type),
  ).length;
  expect(iamRequests).toBeLessThanOrEqual(Math.ceil(principals / 1000) + 10);
  // moto answers GetAccountAuthorizationDetails in one page whatever MaxItems says.
  expect(stats["requests.iam:GetAccountAuthorizationDetails"]).toBe(1);
});
