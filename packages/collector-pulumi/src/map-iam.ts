// IAM as code declares it: users, groups, roles and policies, with the separate attachment, membership,
// inline-policy, access-key and login-profile resources joined into the principals they belong to.
import type { AttachedPolicy, InlinePolicy, PolicyDocument, ResourceOf } from "@itaku/core";
import { type NormalizeContext, opaqueWhy, type Ref } from "./context";
import type { PulumiRecord } from "./records";
import { bool, isOpaque, num, objects, type Props, str } from "./values";

export const IAM = {
  user: "aws:iam/user:User",
  group: "aws:iam/group:Group",
  role: "aws:iam/role:Role",
  serviceLinkedRole: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
  policy: "aws:iam/policy:Policy",
  userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  groupMembership: "aws:iam/groupMembership:GroupMembership",
  userGroupMembership: "aws:iam/userGroupMembership:UserGroupMembership",
  accessKey: "aws:iam/accessKey:AccessKey",
  loginProfile: "aws:iam/userLoginProfile:UserLoginProfile",
  passwordPolicy: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
  accountAlias: "aws:iam/accountAlias:AccountAlias",
} as const;

/** A policy document from its JSON text (as Pulumi carries it) or an object; undefined when opaque. */
export function parsePolicyDocument(value: unknown): PolicyDocument | undefined {
  let document: unknown = value;
  if (typeof value === "string") {
    try {
      document = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!document || typeof document !== "object" || isOpaque(document)) return undefined;
  const statement = (document as { Statement?: unknown }).Statement;
  if (statement === undefined || (typeof statement !== "object" && !Array.isArray(statement)))
    return undefined;
  return document as PolicyDocument;
}

const nameFromArn = (arn: string): string => arn.slice(arn.lastIndexOf("/") + 1);

const iso = (value: string | undefined): string | undefined => {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

export function mapIam(ctx: NormalizeContext): void {
  const userName = (record: PulumiRecord) => str(ctx.p(record), "name") ?? record.name;
  const groupName = userName;
  const roleName = (record: PulumiRecord) =>
    str(ctx.p(record), "name") ??
    (record.type === IAM.serviceLinkedRole ? serviceLinkedRoleName(ctx.p(record)) : undefined) ??
    record.name;
  const pathOf = (record: PulumiRecord) => str(ctx.p(record), "path") ?? "/";
  const iamArn = (kind: string, record: PulumiRecord, name: string) =>
    str(ctx.p(record), "arn") ?? `arn:${ctx.partition}:iam::${ctx.accountId}:${kind}${pathOf(record)}${name}`;

  /** The IAM name a reference stands for (users, groups and roles are referenced by name). */
  const principalName = (ref: Ref | undefined, nameOf: (r: PulumiRecord) => string): string | undefined =>
    ref?.record ? nameOf(ref.record) : ref?.value !== undefined ? nameFromArn(ref.value) : undefined;

  const policyRecords = ctx.of(IAM.policy);
  const policyArnOf = (record: PulumiRecord) =>
    iamArn("policy", record, str(ctx.p(record), "name") ?? record.name);
  const attached = (
    record: PulumiRecord,
    resourceType: "aws.iam.user" | "aws.iam.group" | "aws.iam.role",
  ): AttachedPolicy | undefined => {
    const ref = ctx.ref(record, "policyArn", [IAM.policy]);
    if (ref?.record)
      return { arn: policyArnOf(ref.record), name: str(ctx.p(ref.record), "name") ?? ref.record.name };
    if (ref?.value) return { arn: ref.value, name: nameFromArn(ref.value) };
    ctx.gap(resourceType, record, "policyArn", "unresolved");
    return undefined;
  };
  const inline = (
    record: PulumiRecord,
    resourceType: "aws.iam.user" | "aws.iam.group" | "aws.iam.role",
  ): InlinePolicy | undefined => {
    const props = ctx.p(record);
    const document = parsePolicyDocument(props.policy);
    if (!document) {
      ctx.gap(resourceType, record, "policy", opaqueWhy(props.policy));
      return undefined;
    }
    return { name: str(props, "name") ?? record.name, document };
  };

  // Who is attached to what, by principal name.
  const attachments = {
    user: new Map<string, AttachedPolicy[]>(),
    group: new Map<string, AttachedPolicy[]>(),
    role: new Map<string, AttachedPolicy[]>(),
  };
  const inlines = {
    user: new Map<string, InlinePolicy[]>(),
    group: new Map<string, InlinePolicy[]>(),
    role: new Map<string, InlinePolicy[]>(),
  };
  const push = <T>(map: Map<string, T[]>, key: string | undefined, value: T | undefined) => {
    if (key === undefined || value === undefined) return;
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const single = [
    ["user", IAM.userPolicyAttachment, IAM.user, "aws.iam.user"],
    ["group", IAM.groupPolicyAttachment, IAM.group, "aws.iam.group"],
    ["role", IAM.rolePolicyAttachment, IAM.role, "aws.iam.role"],
  ] as const;
  const attachmentCount = new Map<string, number>();
  const countFor = (policy: AttachedPolicy | undefined) => {
    if (policy) attachmentCount.set(policy.arn, (attachmentCount.get(policy.arn) ?? 0) + 1);
  };
  for (const [kind, attachmentType, principalType, resourceType] of single) {
    const nameOf = kind === "role" ? roleName : userName;
    for (const record of ctx.of(attachmentType)) {
      const principal = principalName(
        ctx.ref(record, kind, [principalType, ...(kind === "role" ? [IAM.serviceLinkedRole] : [])]),
        nameOf,
      );
      if (principal === undefined) ctx.gap(resourceType, record, kind, "unresolved");
      const policy = attached(record, resourceType);
      countFor(policy);
      push(attachments[kind], principal, policy);
    }
  }
  for (const record of ctx.of(IAM.policyAttachment)) {
    for (const [kind, key, principalType, resourceType] of [
      ["user", "users", IAM.user, "aws.iam.user"],
      ["group", "groups", IAM.group, "aws.iam.group"],
      ["role", "roles", IAM.role, "aws.iam.role"],
    ] as const) {
      const { refs, unresolved } = ctx.refs(record, key, [principalType]);
      if (unresolved) ctx.gap(resourceType, record, key, "unresolved");
      for (const ref of refs) {
        const policy = attached(record, resourceType);
        countFor(policy);
        push(attachments[kind], principalName(ref, kind === "role" ? roleName : userName), policy);
      }
    }
  }
  for (const [kind, type, principalType, resourceType] of [
    ["user", IAM.userPolicy, IAM.user, "aws.iam.user"],
    ["group", IAM.groupPolicy, IAM.group, "aws.iam.group"],
    ["role", IAM.rolePolicy, IAM.role, "aws.iam.role"],
  ] as const) {
    for (const record of ctx.of(type)) {
      const principal = principalName(
        ctx.ref(record, kind, [principalType]),
        kind === "role" ? roleName : userName,
      );
      if (principal === undefined) ctx.gap(resourceType, record, kind, "unresolved");
      push(inlines[kind], principal, inline(record, resourceType));
    }
  }

  // Group membership, both ways round.
  const groupsOfUser = new Map<string, Set<string>>();
  const join = (user: string | undefined, group: string | undefined) => {
    if (user === undefined || group === undefined) return;
    const set = groupsOfUser.get(user) ?? new Set<string>();
    set.add(group);
    groupsOfUser.set(user, set);
  };
  for (const record of ctx.of(IAM.groupMembership)) {
    const group = principalName(ctx.ref(record, "group", [IAM.group]), groupName);
    const { refs, unresolved } = ctx.refs(record, "users", [IAM.user]);
    if (group === undefined || unresolved) ctx.gap("aws.iam.group", record, "users", "unresolved");
    for (const ref of refs) join(principalName(ref, userName), group);
  }
  for (const record of ctx.of(IAM.userGroupMembership)) {
    const user = principalName(ctx.ref(record, "user", [IAM.user]), userName);
    const { refs, unresolved } = ctx.refs(record, "groups", [IAM.group]);
    if (user === undefined || unresolved) ctx.gap("aws.iam.user", record, "groups", "unresolved");
    for (const ref of refs) join(user, principalName(ref, groupName));
  }

  // Access keys and console passwords per user.
  const keysOfUser = new Map<string, ResourceOf<"aws.iam.user">["attributes"]["accessKeys"] & object>();
  for (const record of ctx.of(IAM.accessKey)) {
    const user = principalName(ctx.ref(record, "user", [IAM.user]), userName);
    if (user === undefined) {
      ctx.gap("aws.iam.user", record, "user", "unresolved");
      continue;
    }
    const keys = keysOfUser.get(user) ?? [];
    keys.push({
      // The key id is the secret's public half; before creation the URN stands in for it.
      id: ctx.idOf(record) ?? record.urn,
      active: str(ctx.p(record), "status") !== "Inactive",
      createdAt: iso(str(ctx.p(record), "createDate")) ?? iso(record.created) ?? ctx.collectedAt,
      lastUsedAt: null,
    });
    keysOfUser.set(user, keys);
  }
  const usersWithPassword = new Set<string>();
  for (const record of ctx.of(IAM.loginProfile)) {
    const user = principalName(ctx.ref(record, "user", [IAM.user]), userName);
    if (user === undefined) ctx.gap("aws.iam.user", record, "user", "unresolved");
    else usersWithPassword.add(user);
  }

  for (const record of ctx.of(IAM.user)) {
    const props = ctx.p(record);
    const name = userName(record);
    ctx.add(
      {
        type: "aws.iam.user",
        id: iamArn("user", record, name),
        name,
        scope: ctx.accountId,
        region: "global",
        tags: ctx.tags(record),
        urn: record.urn,
        attributes: {
          arn: iamArn("user", record, name),
          userName: name,
          userId: str(props, "uniqueId"),
          path: pathOf(record),
          createdAt: iso(record.created) ?? ctx.collectedAt,
          passwordEnabled: usersWithPassword.has(name),
          accessKeys: keysOfUser.get(name) ?? [],
          groups: [...(groupsOfUser.get(name) ?? [])].sort(),
          attachedPolicies: attachments.user.get(name) ?? [],
          inlinePolicies: inlines.user.get(name) ?? [],
          permissionsBoundaryArn: str(props, "permissionsBoundary"),
        },
      },
      record,
    );
  }

  for (const record of ctx.of(IAM.group)) {
    const name = groupName(record);
    const members = [...groupsOfUser.entries()]
      .filter(([, groups]) => groups.has(name))
      .map(([user]) => user);
    ctx.add(
      {
        type: "aws.iam.group",
        id: iamArn("group", record, name),
        name,
        scope: ctx.accountId,
        region: "global",
        urn: record.urn,
        attributes: {
          arn: iamArn("group", record, name),
          groupName: name,
          path: pathOf(record),
          attachedPolicies: attachments.group.get(name) ?? [],
          inlinePolicies: inlines.group.get(name) ?? [],
          members: members.sort(),
        },
      },
      record,
    );
  }

  for (const record of ctx.of(IAM.role, IAM.serviceLinkedRole)) {
    const props = ctx.p(record);
    const name = roleName(record);
    const serviceLinked =
      record.type === IAM.serviceLinkedRole || pathOf(record).startsWith("/aws-service-role/");
    let trust = parsePolicyDocument(props.assumeRolePolicy);
    if (!trust && record.type === IAM.serviceLinkedRole) {
      const service = str(props, "awsServiceName");
      if (service)
        trust = {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
        };
    }
    if (!trust) ctx.gap("aws.iam.role", record, "assumeRolePolicy", opaqueWhy(props.assumeRolePolicy));
    const managed = (Array.isArray(props.managedPolicyArns) ? props.managedPolicyArns : [])
      .filter((arn): arn is string => typeof arn === "string")
      .map((arn) => ({ arn, name: nameFromArn(arn) }));
    const declaredInline = objects(props, "inlinePolicies").flatMap((policy): InlinePolicy[] => {
      const document = parsePolicyDocument(policy.policy);
      const policyName = str(policy, "name");
      if (!document || !policyName) return [];
      return [{ name: policyName, document }];
    });
    ctx.add(
      {
        type: "aws.iam.role",
        id: iamArn("role", record, name),
        name,
        scope: ctx.accountId,
        region: "global",
        tags: ctx.tags(record),
        urn: record.urn,
        attributes: {
          arn: iamArn("role", record, name),
          roleName: name,
          path: pathOf(record),
          createdAt: iso(str(props, "createDate")) ?? iso(record.created),
          assumeRolePolicy: trust ?? { Version: "2012-10-17", Statement: [] },
          attachedPolicies: [...managed, ...(attachments.role.get(name) ?? [])],
          inlinePolicies: [...declaredInline, ...(inlines.role.get(name) ?? [])],
          serviceLinked,
          permissionsBoundaryArn: str(props, "permissionsBoundary"),
        },
      },
      record,
    );
  }

  for (const record of policyRecords) {
    const props = ctx.p(record);
    const name = str(props, "name") ?? record.name;
    const document = parsePolicyDocument(props.policy);
    if (!document) ctx.gap("aws.iam.policy", record, "policy", opaqueWhy(props.policy));
    const arn = policyArnOf(record);
    ctx.add(
      {
        type: "aws.iam.policy",
        id: arn,
        name,
        scope: ctx.accountId,
        region: "global",
        tags: ctx.tags(record),
        urn: record.urn,
        attributes: {
          arn,
          policyName: name,
          awsManaged: false,
          document: document ?? { Version: "2012-10-17", Statement: [] },
          attachmentCount: attachmentCount.get(arn) ?? 0,
        },
      },
      record,
    );
  }

  for (const record of ctx.of(IAM.passwordPolicy)) {
    const props = ctx.p(record);
    const maxAge = num(props, "maxPasswordAge");
    ctx.add(
      {
        type: "aws.iam.password-policy",
        id: `arn:${ctx.partition}:iam::${ctx.accountId}:account-password-policy`,
        name: "account password policy",
        scope: ctx.accountId,
        region: "global",
        urn: record.urn,
        attributes: {
          present: true,
          // The provider's documented defaults apply to arguments the code leaves out.
          minimumLength: num(props, "minimumPasswordLength") ?? 6,
          requireSymbols: bool(props, "requireSymbols") ?? false,
          requireNumbers: bool(props, "requireNumbers") ?? false,
          requireUppercase: bool(props, "requireUppercaseCharacters") ?? false,
          requireLowercase: bool(props, "requireLowercaseCharacters") ?? false,
          maxAgeDays: maxAge && maxAge > 0 ? maxAge : undefined,
          reusePrevention: num(props, "passwordReusePrevention"),
          hardExpiry: bool(props, "hardExpiry") ?? false,
          allowUsersToChange: bool(props, "allowUsersToChangePassword") ?? true,
        },
      },
      record,
    );
  }
}

function serviceLinkedRoleName(props: Props): string | undefined {
  const service = str(props, "awsServiceName");
  if (!service) return undefined;
  const base = service.split(".")[0]!;
  const pretty = base
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
  const suffix = str(props, "customSuffix");
  return `AWSServiceRoleFor${pretty}${suffix ? `_${suffix}` : ""}`;
}
