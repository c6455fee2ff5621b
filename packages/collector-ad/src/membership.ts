// Group membership worked out from what was read (member lists and primaryGroupID), never with the
// server's in-chain matching rule: one pass over the data gives every nesting, and it is testable offline.
import { dnKey } from "./normalize";

/** Privileged groups are recognized by well-known RID (names are localized), within their SID authority. */
export const DOMAIN_PRIVILEGED_RIDS = [512, 518, 519] as const; // Domain / Schema / Enterprise Admins
export const BUILTIN_PRIVILEGED_RIDS = [544, 548, 549, 550, 551] as const; // Administrators, Account / Server / Print / Backup Operators
const BUILTIN_DOMAIN_SID = "S-1-5-32";
const PROTECTED_USERS_SID = /^S-1-5-21-\d+-\d+-\d+-525$/;

/** The well-known privileged RID of a group's SID, if it is one of them. */
export function privilegedRidOf(sid: string): number | undefined {
  const dash = sid.lastIndexOf("-");
  const prefix = sid.slice(0, dash);
  const rid = Number(sid.slice(dash + 1));
  if (prefix === BUILTIN_DOMAIN_SID)
    return (BUILTIN_PRIVILEGED_RIDS as readonly number[]).includes(rid) ? rid : undefined;
  if (!(DOMAIN_PRIVILEGED_RIDS as readonly number[]).includes(rid)) return undefined;
  // Schema and Enterprise Admins carry the forest root domain's SID, which may differ from this domain's.
  return /^S-1-5-21-\d+-\d+-\d+$/.test(prefix) ? rid : undefined;
}

export interface MemberUser {
  dn: string;
  sid: string;
  primaryGroupId: number;
}

export interface MemberGroup {
  dn: string;
  sid: string;
  members: readonly string[];
  privilegedRid?: number;
}

export interface MembershipResult {
  /** Per user DN key: DNs of groups it is a direct member of, its primary group included. */
  directGroupsOfUser: Map<string, string[]>;
  /** Per privileged group DN key: DNs of users in it, directly, nested or by primary group. */
  transitiveUsersOfGroup: Map<string, string[]>;
  /** Per user DN key: the privileged RIDs it holds. */
  privilegedRidsOfUser: Map<string, number[]>;
  /** DN keys of users in Protected Users, directly or nested. */
  protectedUsers: Set<string>;
}

const domainOf = (sid: string) => sid.slice(0, sid.lastIndexOf("-"));

export function resolveMembership(
  users: readonly MemberUser[],
  groups: readonly MemberGroup[],
): MembershipResult {
  const userByKey = new Map<string, MemberUser>();
  for (const user of users) userByKey.set(dnKey(user.dn), user);
  const groupByKey = new Map<string, MemberGroup>();
  for (const group of groups) groupByKey.set(dnKey(group.dn), group);

  // A primaryGroupID is a RID in the user's own domain.
  const usersByPrimaryGroupSid = new Map<string, MemberUser[]>();
  for (const user of users) {
    const groupSid = `${domainOf(user.sid)}-${user.primaryGroupId}`;
    const list = usersByPrimaryGroupSid.get(groupSid);
    if (list) list.push(user);
    else usersByPrimaryGroupSid.set(groupSid, [user]);
  }

  const directGroupsOfUser = new Map<string, string[]>();
  const addDirect = (userKey: string, groupDn: string) => {
    const list = directGroupsOfUser.get(userKey);
    if (list) list.push(groupDn);
    else directGroupsOfUser.set(userKey, [groupDn]);
  };
  for (const group of groups) {
    for (const member of group.members) {
      const key = dnKey(member);
      if (userByKey.has(key)) addDirect(key, group.dn);
    }
    for (const user of usersByPrimaryGroupSid.get(group.sid) ?? []) addDirect(dnKey(user.dn), group.dn);
  }
  for (const [key, list] of directGroupsOfUser) directGroupsOfUser.set(key, [...new Set(list)].sort());

  /** Users in a group directly, nested or by primary group, keyed by DN key. */
  const usersIn = (group: MemberGroup): Map<string, string> => {
    const found = new Map<string, string>();
    const seen = new Set<string>([dnKey(group.dn)]);
    const queue: MemberGroup[] = [group];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const user of usersByPrimaryGroupSid.get(current.sid) ?? []) found.set(dnKey(user.dn), user.dn);
      for (const member of current.members) {
        const key = dnKey(member);
        const user = userByKey.get(key);
        if (user) {
          found.set(key, user.dn);
          continue;
        }
        const nested = groupByKey.get(key);
        if (nested && !seen.has(key)) {
          seen.add(key);
          queue.push(nested);
        }
      }
    }
    return found;
  };

  const transitiveUsersOfGroup = new Map<string, string[]>();
  const privilegedRidsOfUser = new Map<string, number[]>();
  for (const group of groups) {
    if (group.privilegedRid === undefined) continue;
    const found = usersIn(group);
    const dns = [...found.values()].sort();
    transitiveUsersOfGroup.set(dnKey(group.dn), dns);
    for (const key of found.keys()) {
      const list = privilegedRidsOfUser.get(key);
      if (list) list.push(group.privilegedRid);
      else privilegedRidsOfUser.set(key, [group.privilegedRid]);
    }
  }
  // Protected Users (RID 525 of the users' own domain): its protections reach nested members too.
  const protectedUsers = new Set<string>();
  for (const group of groups) {
    if (PROTECTED_USERS_SID.test(group.sid)) {
      for (const key of usersIn(group).keys()) protectedUsers.add(key);
    }
  }
  for (const [key, list] of privilegedRidsOfUser)
    privilegedRidsOfUser.set(
      key,
      [...new Set(list)].sort((a, b) => a - b),
    );
  return { directGroupsOfUser, transitiveUsersOfGroup, privilegedRidsOfUser, protectedUsers };
}
