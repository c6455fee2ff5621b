// Seeds a local AWS API server (moto) with the demo vendor's IAM through the real SDK: console users
// with and without MFA, keys, groups, managed and inline policies (an admin, a wildcard, an escalation
// path), roles trusting an approved subcontractor and an unknown account, and a weak password policy.
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
  UpdateAccountPasswordPolicyCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

export const VENDOR_ACCOUNT = "111122223333";
export const SUBCONTRACTOR_ACCOUNT = "444455556666";
export const UNKNOWN_ACCOUNT = "999988887777";
export const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

export const userArn = (name: string): string => `arn:aws:iam::${VENDOR_ACCOUNT}:user/${name}`;
export const roleArn = (name: string): string => `arn:aws:iam::${VENDOR_ACCOUNT}:role/${name}`;

const policy = (statements: object[]): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
const trust = (account: string): string =>
  policy([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" }]);

export function seedClient(
  endpoint: string,
  credentials = { accessKeyId: "AKIAITAKUSEED0000001", secretAccessKey: "seed" },
) {
  return new IAMClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 3 });
}

/**
 * The vendor account. Needs moto with MOTO_IAM_LOAD_MANAGED_POLICIES=true for AdministratorAccess.
 * Returns nothing secret: the created keys' secrets are used once (to mark a key as used) and dropped.
 */
export async function seedVendorAccount(endpoint: string): Promise<void> {
  const iam = seedClient(endpoint);
  const send = iam.send.bind(iam) as (command: unknown) => Promise<Record<string, unknown>>;

  const customer = async (name: string, statements: object[]): Promise<string> => {
    const out = (await send(
      new CreatePolicyCommand({ PolicyName: name, PolicyDocument: policy(statements) }),
    )) as {
      Policy?: { Arn?: string };
    };
    return out.Policy!.Arn!;
  };
  const developerPolicy = await customer("vendor-developer", [
    { Effect: "Allow", Action: ["ec2:Describe*", "logs:GetLogEvents", "s3:GetObject"], Resource: "*" },
  ]);
  const auditPolicy = await customer("vendor-audit-read", [
    {
      Effect: "Allow",
      Action: ["cloudtrail:LookupEvents", "iam:GetAccountAuthorizationDetails", "iam:GetCredentialReport"],
      Resource: "*",
    },
  ]);
  const s3Wildcard = await customer("vendor-s3-everything", [
    { Effect: "Allow", Action: "s3:*", Resource: "*" },
  ]);

  for (const group of ["developers", "admins", "auditors"])
    await send(new CreateGroupCommand({ GroupName: group }));
  await send(new AttachGroupPolicyCommand({ GroupName: "developers", PolicyArn: developerPolicy }));
  await send(new AttachGroupPolicyCommand({ GroupName: "admins", PolicyArn: ADMINISTRATOR_ACCESS }));
  await send(new AttachGroupPolicyCommand({ GroupName: "auditors", PolicyArn: auditPolicy }));

  const user = async (
    name: string,
    spec: { console?: boolean; mfa?: boolean; groups?: string[]; keys?: number },
  ): Promise<{ accessKeyId: string; secretAccessKey: string }[]> => {
    await send(new CreateUserCommand({ UserName: name }));
    if (spec.console)
      await send(new CreateLoginProfileCommand({ UserName: name, Password: "Itaku-Test-Passw0rd!" }));
    if (spec.mfa) {
      const device = (await send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }))) as {
        VirtualMFADevice?: { SerialNumber?: string };
      };
      await send(
        new EnableMFADeviceCommand({
          UserName: name,
          SerialNumber: device.VirtualMFADevice!.SerialNumber!,
          AuthenticationCode1: "123456",
          AuthenticationCode2: "654321",
        }),
      );
    }
    for (const group of spec.groups ?? [])
      await send(new AddUserToGroupCommand({ GroupName: group, UserName: name }));
    const keys: { accessKeyId: string; secretAccessKey: string }[] = [];
    for (let i = 0; i < (spec.keys ?? 0); i++) {
      const out = (await send(new CreateAccessKeyCommand({ UserName: name }))) as {
        AccessKey?: { AccessKeyId?: string; SecretAccessKey?: string };
      };
      keys.push({
        accessKeyId: out.AccessKey!.AccessKeyId!,
        secretAccessKey: out.AccessKey!.SecretAccessKey!,
      });
    }
    return keys;
  };

  await user("yamada", { console: true, mfa: true, groups: ["developers"] });
  await user("sato", { console: true, mfa: true, groups: ["admins"] });
  await user("nakamura", { console: true, mfa: true, groups: ["admins"] });
  // A console user without MFA.
  await user("suzuki", { console: true, groups: ["developers"] });
  // Two active access keys; the first one is used once below.
  const takahashiKeys = await user("takahashi", { groups: ["developers"], keys: 2 });
  // A leaver still enabled, holding AdministratorAccess although the roster says member.
  await user("tanaka", { console: true, mfa: true, groups: ["developers"] });
  await send(new AttachUserPolicyCommand({ UserName: "tanaka", PolicyArn: ADMINISTRATOR_ACCESS }));
  await user("ito-audit", { console: true, mfa: true, groups: ["auditors"] });
  // A wildcard on a sensitive service, attached directly to a user.
  await user("watanabe", { console: true, mfa: true, groups: ["developers"] });
  await send(new AttachUserPolicyCommand({ UserName: "watanabe", PolicyArn: s3Wildcard }));
  // A shared account with an inline privilege-escalation path.
  await user("shared-ops", { console: true, mfa: true });
  await send(
    new PutUserPolicyCommand({
      UserName: "shared-ops",
      PolicyName: "ops-maintenance",
      PolicyDocument: policy([
        { Effect: "Allow", Action: ["iam:CreatePolicyVersion", "iam:PassRole"], Resource: "*" },
        { Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" },
      ]),
    }),
  );
  // A service user whose key is never used; a second, deactivated key.
  const backupKeys = await user("svc-backup", { keys: 2 });
  await send(
    new UpdateAccessKeyCommand({
      UserName: "svc-backup",
      AccessKeyId: backupKeys[1]!.accessKeyId,
      Status: "Inactive",
    }),
  );

  await send(
    new CreateRoleCommand({
      RoleName: "partner-log-monitor",
      AssumeRolePolicyDocument: trust(SUBCONTRACTOR_ACCOUNT),
    }),
  );
  await send(
    new CreateRoleCommand({
      RoleName: "legacy-vendor-access",
      AssumeRolePolicyDocument: trust(UNKNOWN_ACCOUNT),
    }),
  );
  await send(
    new CreateRoleCommand({
      RoleName: "backup-runner",
      AssumeRolePolicyDocument: policy([
        { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]),
    }),
  );

  await send(
    new UpdateAccountPasswordPolicyCommand({
      MinimumPasswordLength: 8,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      PasswordReusePrevention: 3,
    }),
  );

  // One request signed with takahashi's first key: moto records it as that key's last use.
  const asTakahashi = new STSClient({ endpoint, region: "ap-northeast-1", credentials: takahashiKeys[0]! });
  await asTakahashi.send(new GetCallerIdentityCommand({}));
  asTakahashi.destroy();
  iam.destroy();
}
