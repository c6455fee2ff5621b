// IAM Identity Center end to end: users, groups, permission sets and assignments are seeded in moto
// through the SDK; the built CLI collects them through a front that answers the one call moto lacks
// (sso:GetPermissionsBoundaryForPermissionSet, see harness/aws-identity-center-seed.ts), then
// evaluates the snapshot against the demo roster.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requiredIamActions } from "@itaku/collector-aws";
import type { ResourceOf, Result, Snapshot } from "@itaku/core";
import { type AwsFront, startAwsFront } from "./harness/aws-front";
import {
  DEVELOPER_BOUNDARY,
  identityCenterAnswers,
  type SeededIdentityCenter,
  seedIdentityCenter,
} from "./harness/aws-identity-center-seed";
import { REPO_ROOT, runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-1";

let moto: MotoServer;
let front: AwsFront;
let dir: string;
let seeded: SeededIdentityCenter;
let snapshot: Snapshot;
let result: Result;
let collectCode: number;
let evaluateCode: number;

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
  seeded = await seedIdentityCenter(moto.endpoint, ACCOUNT, REGION);
  front = await startAwsFront(moto.endpoint, identityCenterAnswers(seeded));
  dir = mkdtempSync(join(tmpdir(), "itaku-identity-center-"));
  const config = join(dir, "itaku.yaml");
  writeFileSync(config, ["aws:", `  regions: [${REGION}]`, `  endpoint: ${front.endpoint}`, ""].join("\n"));
  const output = join(dir, "snapshot.json");
  const env = motoClientEnv(front.endpoint);
  const collect = await runCli(["collect", "--aws", "--config", config, "--output", output, "-q"], { env });
  collectCode = collect.code;
  snapshot = JSON.parse(readFileSync(output, "utf8")) as Snapshot;
  const evaluate = await runCli(
    [
      "evaluate",
      output,
      "--roster",
      join(REPO_ROOT, "demo/roster.csv"),
      "--format",
      "json",
      "--now",
      "2026-11-20T00:00:00Z",
    ],
    { env },
  );
  evaluateCode = evaluate.code;
  result = JSON.parse(evaluate.stdout) as Result;
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await front?.close();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const of = <T extends "aws.sso.user" | "aws.sso.group" | "aws.sso.permission-set">(type: T, name: string) =>
  snapshot.resources.find((r) => r.type === type && r.name === name) as ResourceOf<T> | undefined;
const userId = (name: string) => `${seeded.identityStoreId}/user/${seeded.users[name]}`;
const assignment = (set: string, type: "user" | "group", principalId: string) =>
  `${seeded.permissionSets[set]}/${ACCOUNT}/${type}/${principalId}`;
const verdict = (ruleId: string, resourceId: string): string | undefined => {
  const found = result.findings.find((f) => f.ruleId === ruleId && f.resource.id === resourceId);
  return found && (found.messageId ? `${found.status}:${found.messageId}` : found.status);
};

test("collect reads users, groups, memberships, permission sets and assignments without a gap", () => {
  expect(collectCode).toBe(0);
  expect(snapshot.sources[0]!.gaps.filter((g) => g.resourceType.startsWith("aws.sso."))).toEqual([]);
  expect(front.answered).toContain("SWBExternalService.GetPermissionsBoundaryForPermissionSet");

  const suzuki = of("aws.sso.user", "suzuki")!;
  expect(suzuki.attributes).toMatchObject({
    userName: "suzuki",
    emails: ["suzuki@vendor.example"],
    groupIds: [seeded.groups.Administrators],
    instanceArn: seeded.instanceArn,
  });
  // moto's identity store returns no UserStatus: the status stays unread, never defaulted.
  expect(suzuki.attributes.status).toBeUndefined();
  expect(of("aws.sso.group", "Migration")!.attributes.memberUserIds).toEqual([]);
  expect(of("aws.sso.group", "Administrators")!.attributes.memberUserIds).toEqual(
    [seeded.users["sato@vendor.example"], seeded.users.suzuki].sort(),
  );

  expect(of("aws.sso.permission-set", "AdministratorAccess")!.attributes).toMatchObject({
    managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    inlinePolicy: null,
    customerManagedPolicies: [],
    permissionsBoundary: null,
    accountIds: [ACCOUNT],
    sessionDuration: "PT4H",
  });
  expect(of("aws.sso.permission-set", "Developer")!.attributes).toMatchObject({
    managedPolicyArns: [],
    inlinePolicy: { Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"] }] },
    customerManagedPolicies: [{ name: "vendor-developer", path: "/" }],
    permissionsBoundary: { managedPolicyArn: DEVELOPER_BOUNDARY },
  });
  const assignments = snapshot.resources.filter((r) => r.type === "aws.sso.account-assignment");
  expect(assignments.map((r) => r.id).sort()).toEqual(
    [
      assignment("AdministratorAccess", "group", seeded.groups.Administrators!),
      assignment("ReadOnly", "user", seeded.users["tanaka@vendor.example"]!),
      assignment("Developer", "group", seeded.groups.Migration!),
      assignment("Developer", "user", seeded.users["dev01@partner.example"]!),
    ].sort(),
  );
  expect(assignments.map((r) => r.name).sort()).toEqual([
    "AdministratorAccess to group Administrators in 111122223333",
    "Developer to group Migration in 111122223333",
    "Developer to user dev01@partner.example in 111122223333",
    "ReadOnly to user tanaka@vendor.example in 111122223333",
  ]);

  const stats = snapshot.sources[0]!.stats!;
  for (const action of [
    "sso:ListInstances",
    "identitystore:ListUsers",
    "identitystore:ListGroups",
    "identitystore:ListGroupMemberships",
    "sso:ListPermissionSets",
    "sso:DescribePermissionSet",
    "sso:ListManagedPoliciesInPermissionSet",
    "sso:GetInlinePolicyForPermissionSet",
    "sso:ListCustomerManagedPolicyReferencesInPermissionSet",
    "sso:GetPermissionsBoundaryForPermissionSet",
    "sso:ListAccountsForProvisionedPermissionSet",
    "sso:ListAccountAssignments",
  ]) {
    expect(stats[`requests.${action}`]).toBeGreaterThan(0);
    expect(requiredIamActions()).toContain(action);
  }
});

test("a user on no roster fails; users matched by e-mail pass", () => {
  expect(evaluateCode).toBe(1);
  expect(verdict("aws-sso-user-unmatched", userId("dev01@partner.example"))).toBe("fail:noPerson");
  expect(verdict("aws-sso-user-unmatched", userId("suzuki"))).toBe("pass");
  expect(verdict("aws-sso-user-unmatched", userId("sato@vendor.example"))).toBe("pass");
});

test("a leaver still assigned fails; current people pass", () => {
  expect(verdict("aws-sso-user-leaver-active", userId("tanaka@vendor.example"))).toBe("fail:stillAssigned");
  expect(verdict("aws-sso-user-leaver-active", userId("sato@vendor.example"))).toBe("pass");
});

test("AdministratorAccess reaching a member fails; non-admin sets pass", () => {
  expect(
    verdict(
      "aws-sso-admin-non-admin",
      assignment("AdministratorAccess", "group", seeded.groups.Administrators!),
    ),
  ).toBe("fail:notAdmin");
  expect(
    verdict(
      "aws-sso-admin-non-admin",
      assignment("ReadOnly", "user", seeded.users["tanaka@vendor.example"]!),
    ),
  ).toBe("pass");
});

test("an empty group holding an assignment fails; a group with a roster person passes", () => {
  expect(
    verdict("aws-sso-group-assignment-unowned", assignment("Developer", "group", seeded.groups.Migration!)),
  ).toBe("fail:unowned");
  expect(
    verdict(
      "aws-sso-group-assignment-unowned",
      assignment("AdministratorAccess", "group", seeded.groups.Administrators!),
    ),
  ).toBe("pass");
});
