// Users, groups, roles and managed policies of an account from GetAccountAuthorizationDetails:
// every principal with its policies in pages of up to 1000 items, instead of calls per user.
import {
  GetAccountAuthorizationDetailsCommand,
  type GroupDetail,
  type IAMClient,
  type ManagedPolicyDetail,
  type PolicyDetail,
  type RoleDetail,
  type AttachedPolicy as SdkAttachedPolicy,
  type Tag,
  type UserDetail,
} from "@aws-sdk/client-iam";
import type { AttachedPolicy, InlinePolicy, ResourceOf } from "@itaku/core";
import { type AwsErrorSummary, summarizeAwsError } from "../aws-errors";
import { decodePolicyDocument } from "./policy-document";

export const PAGE_SIZE = 1000;

type IamType = "aws.iam.user" | "aws.iam.group" | "aws.iam.role" | "aws.iam.policy";

/** A document that could not be decoded: the resource is kept, the document is left out, a gap says so. */
export interface DocumentProblem {
  resourceType: IamType;
  code: "MalformedPolicyDocument";
  message: string;
}

export interface AuthorizationDetails {
  /** Users without the credential-report attributes, which the caller merges in. */
  users: ResourceOf<"aws.iam.user">[];
  groups: ResourceOf<"aws.iam.group">[];
  roles: ResourceOf<"aws.iam.role">[];
  policies: ResourceOf<"aws.iam.policy">[];
  problems: DocumentProblem[];
  /** The request that failed, when the listing stopped early (what was read is kept). */
  failure?: AwsErrorSummary;
  pages: number;
}

export async function readAuthorizationDetails(
  iam: IAMClient,
  accountId: string,
): Promise<AuthorizationDetails> {
  const raw = {
    users: [] as UserDetail[],
    groups: [] as GroupDetail[],
    roles: [] as RoleDetail[],
    policies: [] as ManagedPolicyDetail[],
  };
  let marker: string | undefined;
  let pages = 0;
  let failure: AwsErrorSummary | undefined;
  const seenMarkers = new Set<string>();
  do {
    try {
      const page = await iam.send(
        new GetAccountAuthorizationDetailsCommand({
          MaxItems: PAGE_SIZE,
          ...(marker ? { Marker: marker } : {}),
        }),
      );
      pages++;
      raw.users.push(...(page.UserDetailList ?? []));
      raw.groups.push(...(page.GroupDetailList ?? []));
      raw.roles.push(...(page.RoleDetailList ?? []));
      raw.policies.push(...(page.Policies ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
      // A server that hands back the same marker twice would loop for ever; stop and say so.
      if (marker !== undefined && seenMarkers.has(marker)) {
        failure = { code: "PaginationLoop", message: "the server returned a pagination marker twice" };
        marker = undefined;
      }
      if (marker !== undefined) seenMarkers.add(marker);
    } catch (error) {
      failure = summarizeAwsError(error);
      marker = undefined;
    }
  } while (marker !== undefined);
  return { ...normalize(raw, accountId), failure, pages };
}

function normalize(
  raw: { users: UserDetail[]; groups: GroupDetail[]; roles: RoleDetail[]; policies: ManagedPolicyDetail[] },
  accountId: string,
): Omit<AuthorizationDetails, "failure" | "pages"> {
  const problems: DocumentProblem[] = [];
  const inline = (type: IamType, owner: string, list: PolicyDetail[] | undefined): InlinePolicy[] => {
    const out: InlinePolicy[] = [];
    for (const policy of list ?? []) {
      const decoded = decodePolicyDocument(policy.PolicyDocument);
      if (decoded.ok) out.push({ name: policy.PolicyName ?? "(unnamed)", document: decoded.document });
      else
        problems.push({
          resourceType: type,
          code: "MalformedPolicyDocument",
          message: `inline policy ${policy.PolicyName ?? "(unnamed)"} of ${owner}: ${decoded.reason}`,
        });
    }
    return out;
  };

  const members = new Map<string, string[]>();
  const users = raw.users.map((user): ResourceOf<"aws.iam.user"> => {
    const userName = user.UserName ?? "";
    for (const group of user.GroupList ?? []) {
      const list = members.get(group);
      if (list) list.push(userName);
      else members.set(group, [userName]);
    }
    return {
      type: "aws.iam.user",
      id: user.Arn ?? `arn:aws:iam::${accountId}:user/${userName}`,
      name: userName,
      scope: accountId,
      region: "global",
      ...tagsOf(user.Tags),
      attributes: {
        arn: user.Arn ?? `arn:aws:iam::${accountId}:user/${userName}`,
        userName,
        ...(user.UserId ? { userId: user.UserId } : {}),
        path: user.Path ?? "/",
        createdAt: iso(user.CreateDate),
        groups: [...(user.GroupList ?? [])].sort(),
        attachedPolicies: attached(user.AttachedManagedPolicies),
        inlinePolicies: inline("aws.iam.user", `user ${userName}`, user.UserPolicyList),
        ...(user.PermissionsBoundary?.PermissionsBoundaryArn
          ? { permissionsBoundaryArn: user.PermissionsBoundary.PermissionsBoundaryArn }
          : {}),
      },
    };
  });

  const groups = raw.groups.map((group): ResourceOf<"aws.iam.group"> => {
    const groupName = group.GroupName ?? "";
    const arn = group.Arn ?? `arn:aws:iam::${accountId}:group/${groupName}`;
    return {
      type: "aws.iam.group",
      id: arn,
      name: groupName,
      scope: accountId,
      region: "global",
      attributes: {
        arn,
        groupName,
        path: group.Path ?? "/",
        attachedPolicies: attached(group.AttachedManagedPolicies),
        inlinePolicies: inline("aws.iam.group", `group ${groupName}`, group.GroupPolicyList),
        members: [...(members.get(groupName) ?? [])].sort(),
      },
    };
  });

  const roles: ResourceOf<"aws.iam.role">[] = [];
  for (const role of raw.roles) {
    const roleName = role.RoleName ?? "";
    const arn = role.Arn ?? `arn:aws:iam::${accountId}:role/${roleName}`;
    const trust = decodePolicyDocument(role.AssumeRolePolicyDocument);
    if (!trust.ok) {
      // Without its trust policy a role cannot be judged at all; leave it out and record a gap.
      problems.push({
        resourceType: "aws.iam.role",
        code: "MalformedPolicyDocument",
        message: `trust policy of role ${roleName}: ${trust.reason}`,
      });
      continue;
    }
    const path = role.Path ?? "/";
    roles.push({
      type: "aws.iam.role",
      id: arn,
      name: roleName,
      scope: accountId,
      region: "global",
      ...tagsOf(role.Tags),
      attributes: {
        arn,
        roleName,
        path,
        ...(role.CreateDate ? { createdAt: iso(role.CreateDate) } : {}),
        assumeRolePolicy: trust.document,
        attachedPolicies: attached(role.AttachedManagedPolicies),
        inlinePolicies: inline("aws.iam.role", `role ${roleName}`, role.RolePolicyList),
        // RoleLastUsed is present but empty when the role has not been used in IAM's tracking window.
        ...(role.RoleLastUsed
          ? { lastUsedAt: role.RoleLastUsed.LastUsedDate ? iso(role.RoleLastUsed.LastUsedDate) : null }
          : {}),
        serviceLinked: path.startsWith("/aws-service-role/"),
        ...(role.PermissionsBoundary?.PermissionsBoundaryArn
          ? { permissionsBoundaryArn: role.PermissionsBoundary.PermissionsBoundaryArn }
          : {}),
      },
    });
  }

  const policies: ResourceOf<"aws.iam.policy">[] = [];
  for (const policy of raw.policies) {
    const arn = policy.Arn ?? "";
    const awsManaged = /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);
    // AWS-managed policies matter only where something holds them; customer policies always do.
    if (awsManaged && (policy.AttachmentCount ?? 0) === 0) continue;
    const version =
      policy.PolicyVersionList?.find((v) => v.IsDefaultVersion) ?? policy.PolicyVersionList?.[0];
    const decoded = decodePolicyDocument(version?.Document);
    if (!decoded.ok) {
      problems.push({
        resourceType: "aws.iam.policy",
        code: "MalformedPolicyDocument",
        message: `policy ${arn}: ${decoded.reason}`,
      });
      continue;
    }
    policies.push({
      type: "aws.iam.policy",
      id: arn,
      name: policy.PolicyName ?? arn.split("/").pop() ?? arn,
      scope: accountId,
      region: "global",
      attributes: {
        arn,
        policyName: policy.PolicyName ?? arn.split("/").pop() ?? arn,
        awsManaged,
        ...(policy.DefaultVersionId ? { defaultVersionId: policy.DefaultVersionId } : {}),
        document: decoded.document,
        ...(policy.AttachmentCount !== undefined ? { attachmentCount: policy.AttachmentCount } : {}),
      },
    });
  }
  return { users, groups, roles, policies, problems };
}

const attached = (list: SdkAttachedPolicy[] | undefined): AttachedPolicy[] =>
  (list ?? []).map((p) => ({
    arn: p.PolicyArn ?? "",
    name: p.PolicyName ?? p.PolicyArn?.split("/").pop() ?? "",
  }));

const iso = (date: Date | undefined): string => (date ?? new Date(0)).toISOString();

function tagsOf(tags: Tag[] | undefined): { tags?: Record<string, string> } {
  if (!tags || tags.length === 0) return {};
  return { tags: Object.fromEntries(tags.map((t) => [t.Key ?? "", t.Value ?? ""])) };
}
