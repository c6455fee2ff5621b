import { type MemberGroup, type MemberUser, privilegedRidOf, resolveMembership } from "./membership";

const D = "S-1-5-21-1-2-3";
const dn = (cn: string) => `CN=${cn},CN=Users,DC=x,DC=y`;
const user = (cn: string, rid: number, primaryGroupId = 513): MemberUser => ({
  dn: dn(cn),
  sid: `${D}-${rid}`,
  primaryGroupId,
});
const group = (cn: string, sid: string, members: string[], privilegedRid?: number): MemberGroup => ({
  dn: dn(cn),
  sid,
  members: members.map(dn),
  privilegedRid,
});

describe("privilegedRidOf", () => {
  it("knows the well-known RIDs within their SID authority, never by name", () => {
    expect(privilegedRidOf(`${D}-512`)).toBe(512);
    expect(privilegedRidOf(`${D}-519`)).toBe(519);
    expect(privilegedRidOf("S-1-5-32-544")).toBe(544);
    expect(privilegedRidOf("S-1-5-32-551")).toBe(551);
    expect(privilegedRidOf(`${D}-513`)).toBeUndefined();
    expect(privilegedRidOf("S-1-5-32-545")).toBeUndefined();
    // RID 544 is only privileged as BUILTIN\Administrators, not as a domain RID.
    expect(privilegedRidOf(`${D}-544`)).toBeUndefined();
  });
});

describe("resolveMembership", () => {
  const users = [user("alice", 1101), user("bob", 1102), user("carol", 1103, 1201), user("dave", 1104)];
  const groups = [
    group("Domain Admins", `${D}-512`, ["alice", "tier0"], 512),
    group("Domain Users", `${D}-513`, []),
    group("tier0", `${D}-1200`, ["tier1", "Domain Admins"]), // a cycle back to Domain Admins
    group("tier1", `${D}-1201`, ["bob"]),
    group("Administrators", "S-1-5-32-544", ["Domain Admins", "CN=ForeignSecurityPrincipal"], 544),
    group("Backup Operators", "S-1-5-32-551", [], 551),
  ];
  const result = resolveMembership(users, groups);

  it("follows nesting to any depth, through cycles, and primary groups", () => {
    expect(result.transitiveUsersOfGroup.get(dn("domain admins").toLowerCase())).toEqual([
      dn("alice"),
      dn("bob"),
      dn("carol"),
    ]);
    expect(result.transitiveUsersOfGroup.get(dn("administrators").toLowerCase())).toEqual([
      dn("alice"),
      dn("bob"),
      dn("carol"),
    ]);
    expect(result.transitiveUsersOfGroup.get(dn("backup operators").toLowerCase())).toEqual([]);
    expect(result.transitiveUsersOfGroup.has(dn("tier0").toLowerCase())).toBe(false);
  });

  it("gives each user its privileged RIDs and its direct groups, primary group included", () => {
    expect(result.privilegedRidsOfUser.get(dn("carol").toLowerCase())).toEqual([512, 544]);
    expect(result.privilegedRidsOfUser.get(dn("dave").toLowerCase())).toBeUndefined();
    expect(result.directGroupsOfUser.get(dn("carol").toLowerCase())).toEqual([dn("tier1")]);
    expect(result.directGroupsOfUser.get(dn("alice").toLowerCase())).toEqual([
      dn("Domain Admins"),
      dn("Domain Users"),
    ]);
  });

  it("matches DNs case-insensitively", () => {
    const shouting = resolveMembership(
      [user("Eve", 1105)],
      [group("Domain Admins", `${D}-512`, ["EVE"], 512)],
    );
    expect(shouting.transitiveUsersOfGroup.get(dn("domain admins").toLowerCase())).toEqual([dn("Eve")]);
  });
});

describe("Protected Users", () => {
  it("counts direct and nested members of the domain's RID 525, and no other group with that RID", () => {
    const result = resolveMembership(
      [user("alice", 1101), user("bob", 1102), user("carol", 1103)],
      [
        group("Protected Users", `${D}-525`, ["alice", "tier0"]),
        group("tier0", `${D}-1200`, ["bob"]),
        group("Lookalike", "S-1-5-32-525", ["carol"]),
      ],
    );
    expect([...result.protectedUsers].sort()).toEqual([dn("alice").toLowerCase(), dn("bob").toLowerCase()]);
  });
});
