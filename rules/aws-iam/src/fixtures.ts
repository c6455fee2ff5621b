// The compliant baseline every aws-iam rule case changes one thing of: account 111122223333 as of
// 2026-11-20, with root locked away, a strong password policy, two roster people and their groups.
import type { PolicyDocument, ResourceOf, Roster, RuleSettings, Snapshot } from "@itaku/core";
import { emptySettings } from "@itaku/core";

export const NOW = new Date("2026-11-20T00:00:00Z");
export const ACCOUNT = "111122223333";
export const SUBCONTRACTOR = "444455556666";
export const ADMIN_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
export const DEVELOPER_POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/vendor-developer`;

export const userArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:user/${name}`;
export const roleArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;
export const groupArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:group/${name}`;
export const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
export const PASSWORD_POLICY_ID = `${ACCOUNT}/password-policy`;

export const allow = (Action: string | string[], Resource: string | string[] = "*"): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action, Resource }],
});

/** The usual MFA guard: deny everything but managing one's own MFA when the session has no MFA. */
export const REQUIRE_MFA: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "DenyAllExceptMfaSetupWithoutMfa",
      Effect: "Deny",
      NotAction: [
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:ListMFADevices",
        "sts:GetSessionToken",
      ],
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    },
  ],
};

/** A trust policy admitting `account`, with an sts:ExternalId condition when `externalId` is given. */
export const trustAccount = (account: string, externalId?: string): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: "sts:AssumeRole",
      ...(externalId ? { Condition: { StringEquals: { "sts:ExternalId": externalId } } } : {}),
    },
  ],
});

type UserAttributes = ResourceOf<"aws.iam.user">["attributes"];

export function iamUser(name: string, attributes: Partial<UserAttributes> = {}): ResourceOf<"aws.iam.user"> {
  return {
    type: "aws.iam.user",
    id: userArn(name),
    name,
    scope: ACCOUNT,
    region: "global",
    attributes: {
      arn: userArn(name),
      userName: name,
      path: "/",
      createdAt: "2024-04-01T00:00:00Z",
      passwordEnabled: true,
      passwordLastUsedAt: "2026-11-18T09:00:00Z",
      passwordLastChangedAt: "2026-06-01T00:00:00Z",
      mfaActive: true,
      accessKeys: [],
      groups: [],
      attachedPolicies: [],
      inlinePolicies: [],
      ...attributes,
    },
  };
}

export function iamRole(
  name: string,
  assumeRolePolicy: PolicyDocument,
  attributes: Partial<ResourceOf<"aws.iam.role">["attributes"]> = {},
): ResourceOf<"aws.iam.role"> {
  return {
    type: "aws.iam.role",
    id: roleArn(name),
    name,
    scope: ACCOUNT,
    region: "global",
    attributes: {
      arn: roleArn(name),
      roleName: name,
      path: "/",
      createdAt: "2025-01-10T00:00:00Z",
      assumeRolePolicy,
      attachedPolicies: [],
      inlinePolicies: [],
      lastUsedAt: "2026-11-19T00:00:00Z",
      serviceLinked: false,
      ...attributes,
    },
  };
}

export function iamGroup(
  name: string,
  members: string[],
  attributes: Partial<ResourceOf<"aws.iam.group">["attributes"]> = {},
): ResourceOf<"aws.iam.group"> {
  return {
    type: "aws.iam.group",
    id: groupArn(name),
    name,
    scope: ACCOUNT,
    region: "global",
    attributes: {
      arn: groupArn(name),
      groupName: name,
      path: "/",
      attachedPolicies: [],
      inlinePolicies: [],
      members,
      ...attributes,
    },
  };
}

export function managedPolicy(arn: string, document: PolicyDocument): ResourceOf<"aws.iam.policy"> {
  const name = arn.split("/").pop()!;
  return {
    type: "aws.iam.policy",
    id: arn,
    name,
    scope: ACCOUNT,
    region: "global",
    attributes: {
      arn,
      policyName: name,
      awsManaged: arn.includes(":iam::aws:"),
      defaultVersionId: "v1",
      document,
      attachmentCount: 1,
    },
  };
}

// IAM Identity Center: yamada and sato sign in through it too; sato's group holds AdministratorAccess.
export const SSO_INSTANCE = "arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6";
export const SSO_STORE = "d-9567000001";
export const SSO_REGION = "ap-northeast-1";
export const ssoUserId = (userId: string): string => `${SSO_STORE}/user/${userId}`;
export const ssoGroupId = (groupId: string): string => `${SSO_STORE}/group/${groupId}`;
export const permissionSetArn = (id: string): string =>
  `${SSO_INSTANCE.replace(":instance/", ":permissionSet/")}/${id}`;
export const SSO_ADMIN_SET = permissionSetArn("ps-1111aaaa2222bbbb");
export const SSO_DEVELOPER_SET = permissionSetArn("ps-3333cccc4444dddd");
export const assignmentId = (setArn: string, type: "user" | "group", principalId: string): string =>
  `${setArn}/${ACCOUNT}/${type}/${principalId}`;

export function ssoUser(
  userId: string,
  userName: string,
  attributes: Partial<ResourceOf<"aws.sso.user">["attributes"]> = {},
): ResourceOf<"aws.sso.user"> {
  return {
    type: "aws.sso.user",
    id: ssoUserId(userId),
    name: userName,
    scope: ACCOUNT,
    region: SSO_REGION,
    attributes: {
      instanceArn: SSO_INSTANCE,
      identityStoreId: SSO_STORE,
      userId,
      userName,
      emails: userName.includes("@") ? [userName] : [],
      status: "ENABLED",
      groupIds: [],
      ...attributes,
    },
  };
}

export function ssoGroup(
  groupId: string,
  displayName: string,
  memberUserIds: string[],
): ResourceOf<"aws.sso.group"> {
  return {
    type: "aws.sso.group",
    id: ssoGroupId(groupId),
    name: displayName,
    scope: ACCOUNT,
    region: SSO_REGION,
    attributes: {
      instanceArn: SSO_INSTANCE,
      identityStoreId: SSO_STORE,
      groupId,
      displayName,
      memberUserIds,
    },
  };
}

export function ssoPermissionSet(
  arn: string,
  name: string,
  attributes: Partial<ResourceOf<"aws.sso.permission-set">["attributes"]> = {},
): ResourceOf<"aws.sso.permission-set"> {
  return {
    type: "aws.sso.permission-set",
    id: arn,
    name,
    scope: ACCOUNT,
    region: SSO_REGION,
    attributes: {
      instanceArn: SSO_INSTANCE,
      permissionSetArn: arn,
      name,
      sessionDuration: "PT4H",
      managedPolicyArns: [],
      inlinePolicy: null,
      customerManagedPolicies: [],
      permissionsBoundary: null,
      accountIds: [ACCOUNT],
      ...attributes,
    },
  };
}

export function ssoAssignment(
  setArn: string,
  principalType: "USER" | "GROUP",
  principalId: string,
): ResourceOf<"aws.sso.account-assignment"> {
  return {
    type: "aws.sso.account-assignment",
    id: assignmentId(setArn, principalType === "USER" ? "user" : "group", principalId),
    name: `${setArn.split("/").pop()} to ${principalType.toLowerCase()} ${principalId} in ${ACCOUNT}`,
    scope: ACCOUNT,
    region: SSO_REGION,
    attributes: {
      instanceArn: SSO_INSTANCE,
      accountId: ACCOUNT,
      permissionSetArn: setArn,
      principalType,
      principalId,
    },
  };
}

export const baseline: Snapshot = {
  schemaVersion: 1,
  collectedAt: "2026-11-20T00:00:00Z",
  origin: "live",
  sources: [{ provider: "aws", scope: ACCOUNT, regions: ["ap-northeast-1"], gaps: [] }],
  resources: [
    {
      type: "aws.account",
      id: ACCOUNT,
      name: ACCOUNT,
      scope: ACCOUNT,
      region: "global",
      attributes: { accountId: ACCOUNT },
    },
    {
      type: "aws.iam.root",
      id: ROOT_ARN,
      name: "root",
      scope: ACCOUNT,
      region: "global",
      attributes: {
        arn: ROOT_ARN,
        mfaActive: true,
        mfaDevice: "hardware",
        passwordLastUsedAt: "2026-03-02T00:00:00Z",
        accessKeys: [],
      },
    },
    {
      type: "aws.iam.password-policy",
      id: PASSWORD_POLICY_ID,
      name: "account password policy",
      scope: ACCOUNT,
      region: "global",
      attributes: {
        present: true,
        minimumLength: 14,
        requireSymbols: true,
        requireNumbers: true,
        requireUppercase: true,
        requireLowercase: true,
        maxAgeDays: 90,
        reusePrevention: 24,
        hardExpiry: false,
        allowUsersToChange: true,
      },
    },
    iamUser("yamada", {
      groups: ["developers"],
      accessKeys: [
        {
          id: "access_key_1",
          active: true,
          createdAt: "2026-10-01T00:00:00Z",
          lastUsedAt: "2026-11-19T12:00:00Z",
          lastUsedService: "s3",
        },
      ],
    }),
    iamUser("sato", { groups: ["admins"] }),
    iamGroup("developers", ["yamada"], {
      attachedPolicies: [{ arn: DEVELOPER_POLICY_ARN, name: "vendor-developer" }],
    }),
    iamGroup("admins", ["sato"], {
      attachedPolicies: [{ arn: ADMIN_POLICY_ARN, name: "AdministratorAccess" }],
      inlinePolicies: [{ name: "require-mfa", document: REQUIRE_MFA }],
    }),
    managedPolicy(ADMIN_POLICY_ARN, allow("*")),
    managedPolicy(DEVELOPER_POLICY_ARN, allow(["ec2:Describe*", "logs:GetLogEvents", "s3:GetObject"])),
    iamRole("partner-log-monitor", trustAccount(SUBCONTRACTOR, "vendor-log-partner-7f3a"), {
      inlinePolicies: [{ name: "read-logs", document: allow(["logs:GetLogEvents", "logs:FilterLogEvents"]) }],
    }),
    iamRole(
      "backup-runner",
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      },
      { attachedPolicies: [{ arn: DEVELOPER_POLICY_ARN, name: "vendor-developer" }] },
    ),
    iamRole(
      "AWSServiceRoleForSupport",
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "support.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      },
      {
        path: "/aws-service-role/support.amazonaws.com/",
        serviceLinked: true,
        attachedPolicies: [
          {
            arn: "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy",
            name: "AWSSupportServiceRolePolicy",
          },
        ],
      },
    ),
    ssoUser("u-yamada", "yamada@vendor.example", { groupIds: ["g-developers"] }),
    ssoUser("u-sato", "sato", { emails: ["sato@vendor.example"], groupIds: ["g-admins"] }),
    ssoGroup("g-developers", "Developers", ["u-yamada"]),
    ssoGroup("g-admins", "Administrators", ["u-sato"]),
    ssoPermissionSet(SSO_ADMIN_SET, "AdministratorAccess", { managedPolicyArns: [ADMIN_POLICY_ARN] }),
    ssoPermissionSet(SSO_DEVELOPER_SET, "Developer", {
      managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      inlinePolicy: allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::vendor-work/*"),
    }),
    ssoAssignment(SSO_ADMIN_SET, "GROUP", "g-admins"),
    ssoAssignment(SSO_DEVELOPER_SET, "GROUP", "g-developers"),
    ssoAssignment(SSO_DEVELOPER_SET, "USER", "u-sato"),
  ],
};

export const roster: Roster = {
  path: "roster.csv",
  reviewedAt: "2026-10-31",
  people: [
    {
      personId: "P001",
      name: "山田 太郎",
      email: "yamada@vendor.example",
      role: "manager",
      awsIamUsers: ["yamada"],
      adAccounts: [],
      startDate: "2024-04-01",
      briefedAt: "2026-04-10",
      origin: "roster.csv:2",
    },
    {
      personId: "P002",
      name: "佐藤 花子",
      email: "sato@vendor.example",
      role: "admin",
      awsIamUsers: ["sato"],
      adAccounts: [],
      startDate: "2024-04-01",
      briefedAt: "2026-04-10",
      origin: "roster.csv:3",
    },
  ],
};

export function settings(): RuleSettings {
  return {
    ...emptySettings(),
    subcontractors: [
      {
        name: "株式会社ログ監視パートナー",
        awsAccountIds: [SUBCONTRACTOR],
        approvedBy: "委託元 情報システム部 部長",
        approvedAt: "2026-04-01",
      },
    ],
  };
}

/** Adds a gap to the draft's AWS source. */
export function addGap(
  draft: Snapshot,
  resourceType: string,
  operation: string,
  code = "AccessDenied",
  region = "global",
): void {
  draft.sources[0]!.gaps.push({
    source: "aws",
    scope: ACCOUNT,
    region,
    resourceType,
    operation,
    code,
  });
}

/** A resource of the draft, by type and id, for the one change a case makes. */
export { resourceIn as findIn } from "@itaku/rule-tester";
