// Verdicts a side-by-side run found wrong, each seeded into moto and scanned end to end (issue 11,
// items 1–4): administrator access through a role or a group, the read-only SecurityAudit policy,
// a numbered account the roster owns, and an MFA-protected administrator without access keys.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import type { Result } from "@itaku/core";
import { ADMINISTRATOR_ACCESS, roleArn, seedClient, userArn, VENDOR_ACCOUNT } from "./harness/aws-seed";
import { runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const SECURITY_AUDIT = "arn:aws:iam::aws:policy/SecurityAudit";
const groupArn = (name: string) => `arn:aws:iam::${VENDOR_ACCOUNT}:group/${name}`;
const document = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const trustAccount = document([
  { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:root` }, Action: "sts:AssumeRole" },
]);

let moto: MotoServer;
let dir: string;
let result: Result;

beforeAll(async () => {
  moto = await startMoto({ accountId: VENDOR_ACCOUNT, env: { MOTO_IAM_LOAD_MANAGED_POLICIES: "true" } });
  const iam = seedClient(moto.endpoint);
  const user = (name: string) => iam.send(new CreateUserCommand({ UserName: name }));

  // 1. kimura (a member) may assume an admin role; mori (a member) is in a group allowing `*`.
  await iam.send(new CreateRoleCommand({ RoleName: "break-glass", AssumeRolePolicyDocument: trustAccount }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: "break-glass", PolicyArn: ADMINISTRATOR_ACCESS }));
  await user("kimura");
  await iam.send(
    new PutUserPolicyCommand({
      UserName: "kimura",
      PolicyName: "assume-break-glass",
      PolicyDocument: document([
        { Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn("break-glass") },
      ]),
    }),
  );
  await iam.send(new CreateGroupCommand({ GroupName: "ops-admins" }));
  await iam.send(
    new PutGroupPolicyCommand({
      GroupName: "ops-admins",
      PolicyName: "everything",
      PolicyDocument: document([{ Effect: "Allow", Action: "*", Resource: "*" }]),
    }),
  );
  await user("mori");
  await iam.send(new AddUserToGroupCommand({ GroupName: "ops-admins", UserName: "mori" }));

  // 2. An auditors' role with the AWS-managed, read-only SecurityAudit policy.
  await iam.send(new CreateRoleCommand({ RoleName: "auditor", AssumeRolePolicyDocument: trustAccount }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: "auditor", PolicyArn: SECURITY_AUDIT }));

  // 3. Numbered accounts: one the roster gives one owner, one nobody owns.
  await user("user-00042");
  await user("user-00043");

  // 4. oda, a roster admin, holds AdministratorAccess, signs in with MFA and has no access key.
  await user("oda");
  await iam.send(new AttachUserPolicyCommand({ UserName: "oda", PolicyArn: ADMINISTRATOR_ACCESS }));
  await iam.send(new CreateLoginProfileCommand({ UserName: "oda", Password: "Itaku-Test-Passw0rd!" }));
  const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "oda" }));
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: "oda",
      SerialNumber: device.VirtualMFADevice!.SerialNumber!,
      AuthenticationCode1: "123456",
      AuthenticationCode2: "654321",
    }),
  );

  dir = mkdtempSync(join(tmpdir(), "itaku-aws-iam-verdicts-"));
  writeFileSync(
    join(dir, "roster.csv"),
    [
      "person_id,name,email,role,aws_iam_users,ad_accounts,start_date,end_date,briefed_at",
      "P001,木村 一郎,kimura@vendor.example,member,kimura,,2025-04-01,,2026-04-10",
      "P002,森 花子,mori@vendor.example,member,mori,,2025-04-01,,2026-04-10",
      "P003,林 次郎,hayashi@vendor.example,member,user-00042,,2025-04-01,,2026-04-10",
      "P004,織田 信子,oda@vendor.example,admin,oda,,2025-04-01,,2026-04-10",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "itaku.yaml"),
    `roster: ./roster.csv\naws:\n  regions: [ap-northeast-1]\n  endpoint: ${moto.endpoint}\n`,
  );
  const run = await runCli(
    ["scan", "--aws", "--config", join(dir, "itaku.yaml"), "--format", "json", "--quiet"],
    { env: motoClientEnv(moto.endpoint) },
  );
  if (![0, 1].includes(run.code)) throw new Error(`scan exited ${run.code}: ${run.stderr}`);
  result = JSON.parse(run.stdout) as Result;
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function verdict(ruleId: string, resourceId: string): string | undefined {
  const found = result.findings.find((f) => f.ruleId === ruleId && f.resource.id === resourceId);
  return found && (found.status === "fail" ? `fail:${found.messageId}` : found.status);
}

test("1. administrator access through an assumable role or a group counts for the people who can use it", () => {
  expect(verdict("aws-iam-admin-non-admin", userArn("kimura"))).toBe("fail:notAdmin");
  expect(verdict("aws-iam-admin-non-admin", roleArn("break-glass"))).toBe("fail:holders");
  expect(verdict("aws-iam-admin-non-admin", userArn("mori"))).toBe("fail:notAdmin");
  expect(verdict("aws-iam-admin-non-admin", groupArn("ops-admins"))).toBe("fail:holders");
  expect(verdict("aws-iam-admin-non-admin", userArn("oda"))).toBe("pass");
  // An administrator is never "no escalation path".
  expect(verdict("aws-iam-privilege-escalation", roleArn("break-glass"))).toBe("not_applicable");
  expect(verdict("aws-iam-privilege-escalation", groupArn("ops-admins"))).toBe("not_applicable");
});

test("2. the read-only SecurityAudit policy is not a sensitive wildcard", () => {
  expect(verdict("aws-iam-wildcard-sensitive", roleArn("auditor"))).toBe("pass");
});

test("3. a numbered account with one roster owner is individual; one nobody owns is generic", () => {
  expect(verdict("accounts-shared-generic", userArn("user-00042"))).toBe("pass");
  expect(verdict("accounts-shared-generic", userArn("user-00043"))).toBe("fail:genericName");
});

test("4. an administrator with an MFA device and no access key has MFA enforced", () => {
  expect(verdict("aws-iam-admin-mfa-enforced", userArn("oda"))).toBe("pass");
});
