// Reading IAM Identity Center for the rules: who holds an account assignment (a user, or a group's
// members), which assignments a user holds (directly or through groups), and whether a permission set
// gives administrator access. Unread parts (a gap, a membership list not collected) come back as
// `undefined`, so a rule answers unknown instead of guessing.
import { groupBy, type ResourceOf, type RuleContext } from "@itaku/core";
import { grantsAdmin } from "./policies";

export type SsoUser = ResourceOf<"aws.sso.user">;
export type SsoGroup = ResourceOf<"aws.sso.group">;
export type SsoAssignment = ResourceOf<"aws.sso.account-assignment">;
export type SsoPermissionSet = ResourceOf<"aws.sso.permission-set">;

const userKey = (u: SsoUser) => `${u.attributes.instanceArn}\u0000${u.attributes.userId}`;
const groupKey = (g: SsoGroup) => `${g.attributes.instanceArn}\u0000${g.attributes.groupId}`;
const setKey = (p: SsoPermissionSet) => p.attributes.permissionSetArn;
const principalKey = (a: SsoAssignment) =>
  `${a.attributes.instanceArn}\u0000${a.attributes.principalType}\u0000${a.attributes.principalId}`;

export function permissionSetOf(
  ctx: RuleContext<string>,
  assignment: SsoAssignment,
): SsoPermissionSet | undefined {
  return groupBy(ctx.resources("aws.sso.permission-set"), setKey).get(
    assignment.attributes.permissionSetArn,
  )?.[0];
}

export function ssoGroupOf(
  ctx: RuleContext<string>,
  instanceArn: string,
  groupId: string,
): SsoGroup | undefined {
  return groupBy(ctx.resources("aws.sso.group"), groupKey).get(`${instanceArn}\u0000${groupId}`)?.[0];
}

/** The users an assignment reaches: its user, or its group's members; undefined when unread. */
export function holdersOf(ctx: RuleContext<string>, assignment: SsoAssignment): SsoUser[] | undefined {
  const a = assignment.attributes;
  const users = groupBy(ctx.resources("aws.sso.user"), userKey);
  if (a.principalType === "USER") return users.get(`${a.instanceArn}\u0000${a.principalId}`)?.slice(0, 1);
  const members = ssoGroupOf(ctx, a.instanceArn, a.principalId)?.attributes.memberUserIds;
  if (members === undefined) return undefined;
  return members.flatMap((id) => users.get(`${a.instanceArn}\u0000${id}`) ?? []);
}

/** The assignments a user holds, directly and through its groups; undefined when its groups are unread. */
export function assignmentsOf(ctx: RuleContext<string>, user: SsoUser): SsoAssignment[] | undefined {
  const { instanceArn, userId, groupIds } = user.attributes;
  const byPrincipal = groupBy(ctx.resources("aws.sso.account-assignment"), principalKey);
  const direct = byPrincipal.get(`${instanceArn}\u0000USER\u0000${userId}`) ?? [];
  if (groupIds === undefined) return direct.length > 0 ? [...direct] : undefined;
  return [
    ...direct,
    ...groupIds.flatMap((id) => byPrincipal.get(`${instanceArn}\u0000GROUP\u0000${id}`) ?? []),
  ];
}

const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/**
 * Why a permission set gives administrator access (AWS's AdministratorAccess, or an inline policy
 * allowing every action on every resource), [] when it does not, undefined when its policies are
 * unread. Customer managed references are defined per account and are not judged here.
 */
export function adminGrantsOf(set: SsoPermissionSet): string[] | undefined {
  const { managedPolicyArns, inlinePolicy } = set.attributes;
  const grants = [
    ...(managedPolicyArns ?? [])
      .filter((arn) => ADMINISTRATOR_ACCESS.test(arn))
      .map(() => "AdministratorAccess"),
    ...(inlinePolicy && grantsAdmin(inlinePolicy) ? ["inline policy allowing *:*"] : []),
  ];
  if (grants.length > 0) return grants;
  return managedPolicyArns === undefined || inlinePolicy === undefined ? undefined : [];
}

/** How a finding names an assignment's principal: `user alice@…` or `group Admins`. */
export function principalLabel(ctx: RuleContext<string>, assignment: SsoAssignment): string {
  const a = assignment.attributes;
  if (a.principalType === "GROUP")
    return `group ${ssoGroupOf(ctx, a.instanceArn, a.principalId)?.attributes.displayName ?? a.principalId}`;
  const user = groupBy(ctx.resources("aws.sso.user"), userKey).get(
    `${a.instanceArn}\u0000${a.principalId}`,
  )?.[0];
  return `user ${user?.attributes.userName ?? a.principalId}`;
}
