// The compliant baseline every AD rule test starts from: one domain with a sound policy, an active
// user, an active roster admin in Domain Admins, and the built-in accounts disabled.
import {
  emptyConfidential,
  type ResourceOf,
  type Roster,
  type RuleSettings,
  type Snapshot,
} from "@itaku/core";

export const DOMAIN = "corp.sample-vendor.example";
export const BASE = "DC=corp,DC=sample-vendor,DC=example";
export const DOMAIN_SID = "S-1-5-21-1111111111-2222222222-3333333333";
export const NOW = new Date("2026-11-20T00:00:00Z");
const DAY = 86_400_000;
export const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

export const dnOf = (cn: string, container = "CN=Users") => `CN=${cn},${container},${BASE}`;
export const DN = {
  administrator: dnOf("Administrator"),
  guest: dnOf("Guest"),
  krbtgt: dnOf("krbtgt"),
  alice: dnOf("alice"),
  admAlice: dnOf("adm-alice"),
  domainAdmins: dnOf("Domain Admins"),
  domainUsers: dnOf("Domain Users"),
  administrators: dnOf("Administrators", "CN=Builtin"),
  accountOperators: dnOf("Account Operators", "CN=Builtin"),
  serverOperators: dnOf("Server Operators", "CN=Builtin"),
};

const noFlags = {
  disabled: false,
  passwordNeverExpires: false,
  passwordNotRequired: false,
  reversibleEncryption: false,
  dontRequirePreauth: false,
  useDesKeyOnly: false,
  trustedForDelegation: false,
  trustedToAuthForDelegation: false,
  smartcardRequired: false,
  notDelegated: false,
};

export function user(
  name: string,
  rid: number,
  attributes: Partial<ResourceOf<"ad.user">["attributes"]> = {},
): ResourceOf<"ad.user"> {
  const enabled = attributes.enabled ?? true;
  return {
    type: "ad.user",
    id: dnOf(name),
    name,
    scope: DOMAIN,
    region: "global",
    attributes: {
      dn: dnOf(name),
      sAMAccountName: name,
      sid: `${DOMAIN_SID}-${rid}`,
      rid,
      enabled,
      userAccountControl: enabled ? 0x200 : 0x202,
      flags: { ...noFlags, disabled: !enabled },
      createdAt: "2025-01-06T00:00:00.000Z",
      lastLogonTimestamp: daysBefore(3),
      pwdLastSet: daysBefore(30),
      primaryGroupId: 513,
      memberOf: [DN.domainUsers],
      privilegedGroupRids: [],
      servicePrincipalNames: [],
      ...attributes,
    },
  };
}

export function group(
  name: string,
  sid: string,
  attributes: Partial<ResourceOf<"ad.group">["attributes"]> = {},
  container = "CN=Users",
): ResourceOf<"ad.group"> {
  const dn = dnOf(name, container);
  return {
    type: "ad.group",
    id: dn,
    name,
    scope: DOMAIN,
    region: "global",
    attributes: {
      dn,
      sAMAccountName: name,
      sid,
      rid: Number(sid.split("-").pop()),
      members: [],
      ...attributes,
    },
  };
}

export const COMPUTER_OU = "OU=Workstations";
export const WORKSTATION = dnOf("WS-TOKYO-01", COMPUTER_OU);
export const CONTROLLER = dnOf("DC01", "OU=Domain Controllers");

export function computer(
  name: string,
  container: string,
  attributes: Partial<ResourceOf<"ad.computer">["attributes"]> = {},
): ResourceOf<"ad.computer"> {
  const dn = dnOf(name, container);
  return {
    type: "ad.computer",
    id: dn,
    name,
    scope: DOMAIN,
    region: "global",
    attributes: {
      dn,
      sAMAccountName: `${name}$`,
      dnsHostName: `${name.toLowerCase()}.${DOMAIN}`,
      sid: `${DOMAIN_SID}-${2000 + name.length}`,
      enabled: true,
      userAccountControl: 0x1000,
      domainController: false,
      operatingSystem: "Windows 11 Enterprise",
      operatingSystemVersion: "10.0 (26100)",
      createdAt: "2025-01-06T00:00:00.000Z",
      lastLogonTimestamp: daysBefore(2),
      pwdLastSet: daysBefore(20),
      ...attributes,
    },
  };
}

/** The approved subcontractor's domain the baseline trusts. */
export const PARTNER = "partner.subcontractor.example";
export const trustDn = (partner: string) => dnOf(partner, "CN=System");

export function trust(
  partner: string,
  attributes: Partial<ResourceOf<"ad.trust">["attributes"]> = {},
): ResourceOf<"ad.trust"> {
  return {
    type: "ad.trust",
    id: trustDn(partner),
    name: partner,
    scope: DOMAIN,
    region: "global",
    attributes: {
      dn: trustDn(partner),
      partner,
      flatName: partner.split(".")[0]!.toUpperCase(),
      direction: 3,
      trustType: 2,
      trustAttributes: 0,
      createdAt: "2025-04-01T00:00:00.000Z",
      ...attributes,
    },
  };
}

export const baseline: Snapshot = {
  schemaVersion: 1,
  collectedAt: NOW.toISOString(),
  origin: "live",
  sources: [{ provider: "ad", scope: DOMAIN, regions: ["global"], gaps: [] }],
  resources: [
    {
      type: "ad.domain",
      id: BASE,
      name: DOMAIN,
      scope: DOMAIN,
      region: "global",
      attributes: {
        dn: BASE,
        dnsName: DOMAIN,
        netbiosName: "SAMPLE",
        sid: DOMAIN_SID,
        passwordPolicy: {
          minLength: 12,
          maxAgeDays: 90,
          minAgeDays: 1,
          historyLength: 24,
          complexity: true,
          reversibleEncryption: false,
          lockoutThreshold: 5,
          lockoutDurationMinutes: 30,
          lockoutObservationMinutes: 30,
        },
        logonTimeSyncIntervalDays: null,
        machineAccountQuota: 0,
        lapsSchema: { legacy: false, windows: true },
      },
    },
    user("Administrator", 500, {
      enabled: false,
      memberOf: [DN.domainAdmins, DN.domainUsers, DN.administrators],
      privilegedGroupRids: [512, 544],
    }),
    user("Guest", 501, { enabled: false, primaryGroupId: 514, memberOf: [], lastLogonTimestamp: null }),
    user("krbtgt", 502, { enabled: false, lastLogonTimestamp: null, pwdLastSet: daysBefore(60) }),
    user("alice", 1101),
    user("adm-alice", 1102, {
      memberOf: [DN.domainAdmins, DN.domainUsers],
      privilegedGroupRids: [512, 544],
      protectedUsersMember: true,
    }),
    group("Domain Admins", `${DOMAIN_SID}-512`, {
      privilegedRid: 512,
      members: [DN.administrator, DN.admAlice],
      transitiveUserMembers: [DN.administrator, DN.admAlice],
    }),
    group("Domain Users", `${DOMAIN_SID}-513`, { members: [] }),
    group(
      "Administrators",
      "S-1-5-32-544",
      {
        privilegedRid: 544,
        members: [DN.administrator, DN.domainAdmins],
        transitiveUserMembers: [DN.administrator, DN.admAlice],
      },
      "CN=Builtin",
    ),
    group(
      "Account Operators",
      "S-1-5-32-548",
      { privilegedRid: 548, transitiveUserMembers: [] },
      "CN=Builtin",
    ),
    group(
      "Server Operators",
      "S-1-5-32-549",
      { privilegedRid: 549, transitiveUserMembers: [] },
      "CN=Builtin",
    ),
    computer("WS-TOKYO-01", COMPUTER_OU, { lapsPasswordExpiresAt: daysBefore(-20) }),
    computer("DC01", "OU=Domain Controllers", {
      userAccountControl: 0x82000,
      domainController: true,
      operatingSystem: "Windows Server 2022 Datacenter",
      operatingSystemVersion: "10.0 (20348)",
      lapsPasswordExpiresAt: null,
    }),
    trust(PARTNER, { direction: 3, trustAttributes: 0x4 }),
  ],
};

export const settings: RuleSettings = {
  subcontractors: [
    {
      name: "Partner K.K.",
      awsAccountIds: [],
      adDomains: [PARTNER],
      approvedBy: "client@example.com",
      approvedAt: "2025-03-15",
    },
  ],
  confidential: emptyConfidential(),
};

export const roster: Roster = {
  path: "roster.csv",
  people: [
    {
      personId: "P001",
      name: "Alice",
      role: "member",
      awsIamUsers: [],
      adAccounts: ["alice"],
      startDate: "2024-04-01",
      origin: "roster.csv:2",
    },
    {
      personId: "P002",
      name: "Alice (admin)",
      role: "admin",
      awsIamUsers: [],
      adAccounts: ["SAMPLE\\adm-alice"],
      startDate: "2024-04-01",
      origin: "roster.csv:3",
    },
  ],
};

type Draft = Snapshot;
function find<T extends "ad.user" | "ad.group" | "ad.domain" | "ad.computer" | "ad.trust">(
  draft: Draft,
  type: T,
  name: string,
): ResourceOf<T> {
  const found = draft.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`fixture has no ${type} named ${name}`);
  return found as ResourceOf<T>;
}
export const userIn = (draft: Draft, name: string) => find(draft, "ad.user", name);
export const groupIn = (draft: Draft, name: string) => find(draft, "ad.group", name);
export const domainIn = (draft: Draft) => find(draft, "ad.domain", DOMAIN);
export const computerIn = (draft: Draft, name: string) => find(draft, "ad.computer", name);
export const trustIn = (draft: Draft, partner: string) => find(draft, "ad.trust", partner);

/** Adds an enabled user to the draft and returns it. */
export function addUser(
  draft: Draft,
  name: string,
  rid: number,
  attributes: Partial<ResourceOf<"ad.user">["attributes"]> = {},
) {
  const added = user(name, rid, attributes);
  draft.resources.push(added);
  return added;
}

export const gap = (resourceType: string, operation = "search") => ({
  source: "ad" as const,
  scope: DOMAIN,
  region: "global",
  resourceType,
  operation,
  code: "insufficientAccessRights",
});
