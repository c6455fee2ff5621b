// Seeds IAM Identity Center into moto through the SDK — users, groups, memberships, permission sets with
// managed, inline and customer managed policies, provisioning and account assignments — and answers
// the one call moto lacks (used with harness/aws-front.ts):
// - sso:GetPermissionsBoundaryForPermissionSet (moto 5.x does not implement it). The front answers
//   with the boundary of the Developer set and ResourceNotFoundException for the others, as AWS
//   does for a permission set without a boundary.
// moto creates one Identity Center instance per account and region by itself, and its identity store
// returns no UserStatus, so users read back with their status left out.
import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  IdentitystoreClient,
} from "@aws-sdk/client-identitystore";
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  ListInstancesCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import type { FrontAnswer, FrontCall } from "./aws-front";

const credentials = { accessKeyId: "AKIAITAKUSEED0000004", secretAccessKey: "seed" };
export const DEVELOPER_BOUNDARY = "arn:aws:iam::aws:policy/PowerUserAccess";

export interface SeededIdentityCenter {
  region: string;
  instanceArn: string;
  identityStoreId: string;
  /** User ids by user name. */
  users: Record<string, string>;
  /** Group ids by display name. */
  groups: Record<string, string>;
  /** Permission set ARNs by name. */
  permissionSets: Record<string, string>;
}

/**
 * The roster of the tests (demo/roster.csv) meets these users: sato (admin) and suzuki (member) are in
 * Administrators, tanaka (left 2026-09-30) keeps a direct ReadOnly assignment, dev01@partner is on
 * no roster, and the empty Migration group holds Developer.
 */
export async function seedIdentityCenter(
  endpoint: string,
  accountId: string,
  region: string,
): Promise<SeededIdentityCenter> {
  const config = { endpoint, region, credentials, maxAttempts: 3 };
  const admin = new SSOAdminClient(config);
  const store = new IdentitystoreClient(config);
  const instance = (await admin.send(new ListInstancesCommand({}))).Instances![0]!;
  const instanceArn = instance.InstanceArn!;
  const identityStoreId = instance.IdentityStoreId!;

  const users: Record<string, string> = {};
  for (const [userName, email, given, family] of [
    ["sato@vendor.example", "sato@vendor.example", "Hanako", "Sato"],
    ["suzuki", "suzuki@vendor.example", "Ichiro", "Suzuki"],
    ["tanaka@vendor.example", "tanaka@vendor.example", "Kenta", "Tanaka"],
    ["dev01@partner.example", "dev01@partner.example", "Dev", "Partner"],
  ] as const) {
    const out = await store.send(
      new CreateUserCommand({
        IdentityStoreId: identityStoreId,
        UserName: userName,
        DisplayName: `${given} ${family}`,
        Name: { GivenName: given, FamilyName: family },
        Emails: [{ Value: email, Type: "work", Primary: true }],
      }),
    );
    users[userName] = out.UserId!;
  }
  const groups: Record<string, string> = {};
  for (const name of ["Administrators", "Migration"]) {
    const out = await store.send(
      new CreateGroupCommand({
        IdentityStoreId: identityStoreId,
        DisplayName: name,
        Description: `${name} group`,
      }),
    );
    groups[name] = out.GroupId!;
  }
  for (const member of ["sato@vendor.example", "suzuki"]) {
    await store.send(
      new CreateGroupMembershipCommand({
        IdentityStoreId: identityStoreId,
        GroupId: groups.Administrators!,
        MemberId: { UserId: users[member]! },
      }),
    );
  }

  const permissionSets: Record<string, string> = {};
  for (const name of ["AdministratorAccess", "Developer", "ReadOnly"]) {
    const out = await admin.send(
      new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: name, SessionDuration: "PT4H" }),
    );
    permissionSets[name] = out.PermissionSet!.PermissionSetArn!;
  }
  const attach = (set: string, policy: string) =>
    admin.send(
      new AttachManagedPolicyToPermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: permissionSets[set]!,
        ManagedPolicyArn: policy,
      }),
    );
  await attach("AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess");
  await attach("ReadOnly", "arn:aws:iam::aws:policy/ViewOnlyAccess");
  await admin.send(
    new PutInlinePolicyToPermissionSetCommand({
      InstanceArn: instanceArn,
      PermissionSetArn: permissionSets.Developer!,
      InlinePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::work/*" },
        ],
      }),
    }),
  );
  await admin.send(
    new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
      InstanceArn: instanceArn,
      PermissionSetArn: permissionSets.Developer!,
      CustomerManagedPolicyReference: { Name: "vendor-developer", Path: "/" },
    }),
  );
  for (const arn of Object.values(permissionSets)) {
    await admin.send(
      new ProvisionPermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: arn,
        TargetType: "AWS_ACCOUNT",
        TargetId: accountId,
      }),
    );
  }
  const assign = (set: string, principalType: "USER" | "GROUP", principalId: string) =>
    admin.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: instanceArn,
        TargetId: accountId,
        TargetType: "AWS_ACCOUNT",
        PermissionSetArn: permissionSets[set]!,
        PrincipalType: principalType,
        PrincipalId: principalId,
      }),
    );
  await assign("AdministratorAccess", "GROUP", groups.Administrators!);
  await assign("ReadOnly", "USER", users["tanaka@vendor.example"]!);
  await assign("Developer", "GROUP", groups.Migration!);
  await assign("Developer", "USER", users["dev01@partner.example"]!);
  admin.destroy();
  store.destroy();
  return { region, instanceArn, identityStoreId, users, groups, permissionSets };
}

/** Answers GetPermissionsBoundaryForPermissionSet, which moto lacks; forwards everything else. */
export function identityCenterAnswers(seeded: SeededIdentityCenter): FrontAnswer {
  return (call: FrontCall) => {
    if (call.target !== "SWBExternalService.GetPermissionsBoundaryForPermissionSet") return undefined;
    const { PermissionSetArn } = JSON.parse(call.body) as { PermissionSetArn?: string };
    if (PermissionSetArn === seeded.permissionSets.Developer)
      return { json: { PermissionsBoundary: { ManagedPolicyArn: DEVELOPER_BOUNDARY } } };
    return {
      status: 400,
      json: {
        __type: "ResourceNotFoundException",
        Message: "Could not find any permissions boundary attached to the permission set",
      },
    };
  };
}
