// The compliant baseline every accounts-rule case changes one thing of.
import type { Resource, Roster, Snapshot } from "@itaku/core";

export const NOW = new Date("2026-11-20T00:00:00Z");
const ACCOUNT = "111122223333";
const DOMAIN = "corp.example";

export const iamUser = (name: string, enabled = true): Resource => ({
  type: "aws.iam.user",
  id: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  name,
  scope: ACCOUNT,
  region: "global",
  attributes: {
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    userName: name,
    path: "/",
    createdAt: "2025-01-01T00:00:00Z",
    passwordEnabled: enabled,
    passwordLastUsedAt: enabled ? "2026-11-18T00:00:00Z" : null,
    mfaActive: true,
    accessKeys: [],
    groups: [],
    attachedPolicies: [],
    inlinePolicies: [],
  },
});

export const adUser = (sam: string, enabled = true): Resource => ({
  type: "ad.user",
  id: `CN=${sam},CN=Users,DC=corp,DC=example`,
  name: sam,
  scope: DOMAIN,
  region: "global",
  attributes: {
    dn: `CN=${sam},CN=Users,DC=corp,DC=example`,
    sAMAccountName: sam,
    sid: `S-1-5-21-1-2-3-${1100 + sam.length}`,
    rid: 1100 + sam.length,
    enabled,
    userAccountControl: enabled ? 512 : 514,
    flags: {
      disabled: !enabled,
      passwordNeverExpires: false,
      passwordNotRequired: false,
      reversibleEncryption: false,
      dontRequirePreauth: false,
      useDesKeyOnly: false,
      trustedForDelegation: false,
      trustedToAuthForDelegation: false,
      smartcardRequired: false,
      notDelegated: false,
    },
    createdAt: "2025-01-01T00:00:00Z",
    lastLogonTimestamp: "2026-11-18T00:00:00Z",
    primaryGroupId: 513,
    memberOf: [],
    privilegedGroupRids: [],
    servicePrincipalNames: [],
  },
});

export const baseline: Snapshot = {
  schemaVersion: 1,
  collectedAt: "2026-11-20T00:00:00Z",
  origin: "live",
  sources: [
    { provider: "aws", scope: ACCOUNT, regions: ["ap-northeast-1"], gaps: [] },
    { provider: "ad", scope: DOMAIN, regions: ["global"], gaps: [] },
  ],
  resources: [
    iamUser("yamada"),
    iamUser("sato"),
    adUser("sato"),
    {
      type: "ad.domain",
      id: "DC=corp,DC=example",
      name: DOMAIN,
      scope: DOMAIN,
      region: "global",
      attributes: {
        dn: "DC=corp,DC=example",
        dnsName: DOMAIN,
        netbiosName: "CORP",
        sid: "S-1-5-21-1-2-3",
        logonTimeSyncIntervalDays: null,
      },
    },
  ],
};

export const roster: Roster = {
  path: "roster.csv",
  reviewedAt: "2026-10-31",
  people: [
    {
      personId: "P001",
      name: "山田 太郎",
      role: "manager",
      awsIamUsers: ["yamada"],
      adAccounts: [],
      startDate: "2024-04-01",
      briefedAt: "2026-04-01",
      origin: "roster.csv:2",
    },
    {
      personId: "P002",
      name: "佐藤 花子",
      role: "admin",
      awsIamUsers: ["sato"],
      adAccounts: ["CORP\\sato"],
      startDate: "2024-04-01",
      briefedAt: "2026-04-01",
      origin: "roster.csv:3",
    },
  ],
};
