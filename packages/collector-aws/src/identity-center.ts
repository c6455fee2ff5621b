// IAM Identity Center in one region: its instance (if the region holds one), the users, groups and
// memberships of the instance's identity store, the permission sets with their policies, and the
// account assignments (who holds which permission set in which account). Reads only.
import {
  IdentitystoreClient,
  paginateListGroupMemberships,
  paginateListGroups,
  paginateListUsers,
} from "@aws-sdk/client-identitystore";
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  type InstanceMetadata,
  paginateListAccountAssignments,
  paginateListAccountsForProvisionedPermissionSet,
  paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListInstances,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
  SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import type { ResourceOf, ResourceType } from "@itaku/core";
import { hasCode } from "./aws-errors";
import { runBounded } from "./bounded";
import type { AwsCollector, AwsCollectorContext } from "./collector";
import { decodePolicyDocument } from "./iam/policy-document";

type User = ResourceOf<"aws.sso.user">;
type Group = ResourceOf<"aws.sso.group">;
type PermissionSet = ResourceOf<"aws.sso.permission-set">;
type Assignment = ResourceOf<"aws.sso.account-assignment">;

export const IDENTITY_CENTER_TYPES = [
  "aws.sso.user",
  "aws.sso.group",
  "aws.sso.permission-set",
  "aws.sso.account-assignment",
] as const satisfies readonly ResourceType[];

export const identityCenterCollector: AwsCollector = {
  name: "identity-center",
  scope: "regional",
  resourceTypes: IDENTITY_CENTER_TYPES,
  async run(ctx) {
    const admin = ctx.client(SSOAdminClient, "sso");
    const instances: InstanceMetadata[] = [];
    try {
      for await (const page of paginateListInstances({ client: admin, pageSize: 100 }, {}))
        instances.push(...(page.Instances ?? []));
    } catch (error) {
      for (const type of IDENTITY_CENTER_TYPES) ctx.gap(type, "ListInstances", error);
      return;
    }
    // A region without an instance (or an account that is neither the management account nor a
    // delegated administrator) has no Identity Center to read: nothing to emit, nothing missing.
    for (const instance of instances) {
      if (!instance.InstanceArn || !instance.IdentityStoreId) continue;
      const ids = { instanceArn: instance.InstanceArn, identityStoreId: instance.IdentityStoreId };
      const { users, groups } = await readIdentityStore(ctx, ids);
      // Assignments name their principal: `AdministratorAccess to group Admins in 111122223333`.
      const principals = new Map<string, string>([
        ...users.map((u) => [`USER:${u.attributes.userId}`, `user ${u.attributes.userName}`] as const),
        ...groups.map((g) => [`GROUP:${g.attributes.groupId}`, `group ${g.attributes.displayName}`] as const),
      ]);
      const { permissionSets, assignments } = await readPermissionSets(
        ctx,
        admin,
        ids.instanceArn,
        principals,
      );
      for (const resource of [...users, ...groups, ...permissionSets, ...assignments]) ctx.emit(resource);
      ctx.progress(
        `Identity Center ${ctx.region}: ${users.length} user(s), ${groups.length} group(s), ${permissionSets.length} permission set(s), ${assignments.length} assignment(s)`,
      );
    }
  },
};

async function readIdentityStore(
  ctx: AwsCollectorContext,
  ids: { instanceArn: string; identityStoreId: string },
): Promise<{ users: User[]; groups: Group[] }> {
  const store = ctx.client(IdentitystoreClient, "identitystore");
  const input = { IdentityStoreId: ids.identityStoreId };
  const users: User[] = [];
  try {
    for await (const page of paginateListUsers({ client: store, pageSize: 100 }, input)) {
      for (const user of page.Users ?? []) {
        if (!user.UserId || !user.UserName) continue;
        const status =
          user.UserStatus === "ENABLED" || user.UserStatus === "DISABLED" ? user.UserStatus : undefined;
        users.push({
          type: "aws.sso.user",
          id: `${ids.identityStoreId}/user/${user.UserId}`,
          name: user.UserName,
          scope: ctx.accountId,
          region: ctx.region,
          attributes: {
            ...ids,
            userId: user.UserId,
            userName: user.UserName,
            ...(user.DisplayName ? { displayName: user.DisplayName } : {}),
            emails: [
              ...new Set((user.Emails ?? []).flatMap((e) => (e.Value ? [e.Value.toLowerCase()] : []))),
            ].sort(),
            ...(status ? { status } : {}),
          },
        });
      }
    }
  } catch (error) {
    ctx.gap("aws.sso.user", "ListUsers", error);
  }

  const groups: Group[] = [];
  try {
    for await (const page of paginateListGroups({ client: store, pageSize: 100 }, input)) {
      for (const group of page.Groups ?? []) {
        if (!group.GroupId) continue;
        groups.push({
          type: "aws.sso.group",
          id: `${ids.identityStoreId}/group/${group.GroupId}`,
          name: group.DisplayName ?? group.GroupId,
          scope: ctx.accountId,
          region: ctx.region,
          attributes: {
            ...ids,
            groupId: group.GroupId,
            displayName: group.DisplayName ?? group.GroupId,
            ...(group.Description ? { description: group.Description } : {}),
          },
        });
      }
    }
  } catch (error) {
    ctx.gap("aws.sso.group", "ListGroups", error);
  }

  let membershipsComplete = true;
  await runBounded(
    groups.map((group) => async () => {
      const members: string[] = [];
      try {
        for await (const page of paginateListGroupMemberships(
          { client: store, pageSize: 100 },
          { ...input, GroupId: group.attributes.groupId },
        ))
          for (const membership of page.GroupMemberships ?? [])
            if (membership.MemberId?.UserId) members.push(membership.MemberId.UserId);
        group.attributes.memberUserIds = members.sort();
      } catch (error) {
        membershipsComplete = false;
        ctx.gap("aws.sso.group", "ListGroupMemberships", error);
      }
    }),
    ctx.config.maxConcurrency ?? 4,
  );
  // A user's groups are known only when every group's members were read.
  if (membershipsComplete) {
    for (const user of users) {
      user.attributes.groupIds = groups
        .filter((g) => g.attributes.memberUserIds?.includes(user.attributes.userId))
        .map((g) => g.attributes.groupId)
        .sort();
    }
  } else {
    ctx.gap("aws.sso.user", "ListGroupMemberships", {
      code: "Incomplete",
      message: "the members of some groups could not be read, so users' groups are unknown",
    });
  }
  return { users, groups };
}

async function readPermissionSets(
  ctx: AwsCollectorContext,
  admin: SSOAdminClient,
  instanceArn: string,
  principals: ReadonlyMap<string, string>,
): Promise<{ permissionSets: PermissionSet[]; assignments: Assignment[] }> {
  const arns: string[] = [];
  try {
    for await (const page of paginateListPermissionSets(
      { client: admin, pageSize: 100 },
      { InstanceArn: instanceArn },
    ))
      arns.push(...(page.PermissionSets ?? []));
  } catch (error) {
    ctx.gap("aws.sso.permission-set", "ListPermissionSets", error);
    ctx.gap("aws.sso.account-assignment", "ListPermissionSets", error);
    return { permissionSets: [], assignments: [] };
  }
  const concurrency = ctx.config.maxConcurrency ?? 4;
  const permissionSets = await runBounded(
    arns.sort().map((arn) => () => readPermissionSet(ctx, admin, instanceArn, arn)),
    concurrency,
  );
  const pairs = permissionSets.flatMap((set) =>
    (set.attributes.accountIds ?? []).map((accountId) => ({ set, accountId })),
  );
  const assignments = (
    await runBounded(
      pairs.map(
        ({ set, accountId }) =>
          () =>
            readAssignments(ctx, admin, set, accountId, principals),
      ),
      concurrency,
    )
  ).flat();
  return { permissionSets, assignments };
}

async function readPermissionSet(
  ctx: AwsCollectorContext,
  admin: SSOAdminClient,
  instanceArn: string,
  arn: string,
): Promise<PermissionSet> {
  const input = { InstanceArn: instanceArn, PermissionSetArn: arn };
  const set: PermissionSet = {
    type: "aws.sso.permission-set",
    id: arn,
    name: arn.split("/").pop() ?? arn,
    scope: ctx.accountId,
    region: ctx.region,
    attributes: { instanceArn, permissionSetArn: arn, name: arn.split("/").pop() ?? arn },
  };
  const a = set.attributes;
  /** Runs one read; a failure is a gap and leaves its attribute out. */
  const attempt = async (operation: string, read: () => Promise<void>, also?: ResourceType) => {
    try {
      await read();
    } catch (error) {
      ctx.gap("aws.sso.permission-set", operation, error);
      if (also) ctx.gap(also, operation, error);
    }
  };
  await attempt("DescribePermissionSet", async () => {
    const out = await admin.send(new DescribePermissionSetCommand(input));
    const described = out.PermissionSet;
    if (described?.Name) {
      a.name = described.Name;
      set.name = described.Name;
    }
    if (described?.Description) a.description = described.Description;
    if (described?.SessionDuration) a.sessionDuration = described.SessionDuration;
  });
  await attempt("ListManagedPoliciesInPermissionSet", async () => {
    const policies: string[] = [];
    for await (const page of paginateListManagedPoliciesInPermissionSet(
      { client: admin, pageSize: 100 },
      input,
    ))
      for (const policy of page.AttachedManagedPolicies ?? []) if (policy.Arn) policies.push(policy.Arn);
    a.managedPolicyArns = policies.sort();
  });
  await attempt("GetInlinePolicyForPermissionSet", async () => {
    const out = await admin.send(new GetInlinePolicyForPermissionSetCommand(input));
    if (!out.InlinePolicy) {
      a.inlinePolicy = null;
      return;
    }
    const decoded = decodePolicyDocument(out.InlinePolicy);
    if (!decoded.ok) throw Object.assign(new Error(decoded.reason), { name: "UnreadablePolicy" });
    a.inlinePolicy = decoded.document;
  });
  await attempt("ListCustomerManagedPolicyReferencesInPermissionSet", async () => {
    const references: { name: string; path: string }[] = [];
    for await (const page of paginateListCustomerManagedPolicyReferencesInPermissionSet(
      { client: admin, pageSize: 100 },
      input,
    ))
      for (const ref of page.CustomerManagedPolicyReferences ?? [])
        if (ref.Name) references.push({ name: ref.Name, path: ref.Path ?? "/" });
    a.customerManagedPolicies = references.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  });
  await attempt("GetPermissionsBoundaryForPermissionSet", async () => {
    try {
      const boundary = (await admin.send(new GetPermissionsBoundaryForPermissionSetCommand(input)))
        .PermissionsBoundary;
      const reference = boundary?.CustomerManagedPolicyReference;
      a.permissionsBoundary =
        boundary && (boundary.ManagedPolicyArn || reference?.Name)
          ? {
              ...(boundary.ManagedPolicyArn ? { managedPolicyArn: boundary.ManagedPolicyArn } : {}),
              ...(reference?.Name
                ? { customerManagedPolicy: { name: reference.Name, path: reference.Path ?? "/" } }
                : {}),
            }
          : null;
    } catch (error) {
      // Identity Center answers ResourceNotFound when the permission set has no boundary.
      if (hasCode(error, "ResourceNotFoundException")) a.permissionsBoundary = null;
      else throw error;
    }
  });
  await attempt(
    "ListAccountsForProvisionedPermissionSet",
    async () => {
      const accounts: string[] = [];
      for await (const page of paginateListAccountsForProvisionedPermissionSet(
        { client: admin, pageSize: 100 },
        input,
      ))
        accounts.push(...(page.AccountIds ?? []));
      a.accountIds = [...new Set(accounts)].sort();
    },
    "aws.sso.account-assignment",
  );
  return set;
}

async function readAssignments(
  ctx: AwsCollectorContext,
  admin: SSOAdminClient,
  set: PermissionSet,
  accountId: string,
  principals: ReadonlyMap<string, string>,
): Promise<Assignment[]> {
  const { instanceArn, permissionSetArn } = set.attributes;
  const principalName = (type: "USER" | "GROUP", id: string) =>
    principals.get(`${type}:${id}`) ?? `${type.toLowerCase()} ${id}`;
  const assignments: Assignment[] = [];
  try {
    for await (const page of paginateListAccountAssignments(
      { client: admin, pageSize: 100 },
      { InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: permissionSetArn },
    )) {
      for (const assignment of page.AccountAssignments ?? []) {
        const type = assignment.PrincipalType;
        if (!assignment.PrincipalId || (type !== "USER" && type !== "GROUP")) continue;
        assignments.push({
          type: "aws.sso.account-assignment",
          id: `${permissionSetArn}/${accountId}/${type.toLowerCase()}/${assignment.PrincipalId}`,
          name: `${set.attributes.name} to ${principalName(type, assignment.PrincipalId)} in ${accountId}`,
          scope: ctx.accountId,
          region: ctx.region,
          attributes: {
            instanceArn,
            accountId,
            permissionSetArn,
            principalType: type,
            principalId: assignment.PrincipalId,
          },
        });
      }
    }
  } catch (error) {
    ctx.gap("aws.sso.account-assignment", "ListAccountAssignments", error);
  }
  return assignments;
}
