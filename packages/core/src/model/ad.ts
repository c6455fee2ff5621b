// Normalized Active Directory objects, read over LDAP.
import { z } from "zod";
import { isoDateTime } from "./common";

const nullableDate = isoDateTime.nullable();

/** The userAccountControl bits the rules read, decoded by the collector. */
export const adAccountFlags = z.object({
  disabled: z.boolean(),
  passwordNeverExpires: z.boolean(),
  passwordNotRequired: z.boolean(),
  reversibleEncryption: z.boolean(),
  dontRequirePreauth: z.boolean(),
  useDesKeyOnly: z.boolean(),
  trustedForDelegation: z.boolean(),
  trustedToAuthForDelegation: z.boolean().default(false),
  smartcardRequired: z.boolean().default(false),
  notDelegated: z.boolean().default(false),
});

export const adPasswordPolicy = z.object({
  minLength: z.number().int(),
  /** Days; null: passwords never expire. */
  maxAgeDays: z.number().nullable(),
  minAgeDays: z.number(),
  historyLength: z.number().int(),
  complexity: z.boolean(),
  reversibleEncryption: z.boolean(),
  /** 0: accounts never lock out. */
  lockoutThreshold: z.number().int(),
  /** Minutes; null: until an administrator unlocks. */
  lockoutDurationMinutes: z.number().nullable(),
  lockoutObservationMinutes: z.number(),
});

export const adFineGrainedPasswordPolicy = adPasswordPolicy.extend({
  dn: z.string(),
  name: z.string(),
  precedence: z.number().int(),
  appliesTo: z.array(z.string()),
});

export const adDomain = z.object({
  dn: z.string(),
  dnsName: z.string(),
  netbiosName: z.string().optional(),
  sid: z.string(),
  /** The domain's default policy, from the domain object. */
  passwordPolicy: adPasswordPolicy.optional(),
  /** Absent: none readable (the reader lacks rights, or there are none). */
  fineGrainedPasswordPolicies: z.array(adFineGrainedPasswordPolicy).optional(),
  /** msDS-LogonTimeSyncInterval in days (null: attribute unset, AD's default of 14 applies). */
  logonTimeSyncIntervalDays: z.number().nullable(),
  /** ms-DS-MachineAccountQuota: computers any authenticated user may join (AD's default is 10); absent: not read. */
  machineAccountQuota: z.number().int().optional(),
  /** Which LAPS attributes the schema defines (legacy Microsoft LAPS, Windows LAPS); absent: schema not read. */
  lapsSchema: z.object({ legacy: z.boolean(), windows: z.boolean() }).optional(),
});

/** A trustedDomain object: another domain whose accounts this one accepts, or which accepts this one's. */
export const adTrust = z.object({
  dn: z.string(),
  /** The partner's DNS name (or NetBIOS name for a downlevel trust). */
  partner: z.string(),
  flatName: z.string().optional(),
  /** trustDirection: 0 disabled, 1 inbound (the partner trusts this domain), 2 outbound (this domain trusts the partner), 3 both. */
  direction: z.number().int(),
  /** trustType: 1 downlevel (NT4), 2 uplevel (AD), 3 MIT Kerberos realm, 4 DCE. */
  trustType: z.number().int(),
  /** trustAttributes bits (0x4 quarantined = SID filtering, 0x8 forest, 0x20 within forest, 0x40 treat as external). */
  trustAttributes: z.number().int(),
  createdAt: isoDateTime.optional(),
});

/** A computer account (workstation, server or domain controller). */
export const adComputer = z.object({
  dn: z.string(),
  sAMAccountName: z.string(),
  dnsHostName: z.string().optional(),
  sid: z.string(),
  enabled: z.boolean(),
  userAccountControl: z.number().int(),
  /** SERVER_TRUST_ACCOUNT: a domain controller. */
  domainController: z.boolean(),
  /** e.g. "Windows 10 Enterprise", "Windows Server 2012 R2 Standard"; absent: never written by the machine. */
  operatingSystem: z.string().optional(),
  /** e.g. "10.0 (19045)", "6.3 (9600)". */
  operatingSystemVersion: z.string().optional(),
  createdAt: isoDateTime,
  /** Replicated last logon (lags up to msDS-LogonTimeSyncInterval); null: never logged on. */
  lastLogonTimestamp: nullableDate,
  pwdLastSet: nullableDate,
  /**
   * When LAPS next rotates the local administrator password (ms-Mcs-AdmPwdExpirationTime or
   * msLAPS-PasswordExpirationTime, the later of the two); null: no managed password; absent: the schema has no LAPS.
   */
  lapsPasswordExpiresAt: nullableDate.optional(),
});

export const adUser = z.object({
  dn: z.string(),
  sAMAccountName: z.string(),
  userPrincipalName: z.string().optional(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  sid: z.string(),
  rid: z.number().int(),
  enabled: z.boolean(),
  userAccountControl: z.number().int(),
  flags: adAccountFlags,
  createdAt: isoDateTime,
  /** Replicated last logon (lags up to msDS-LogonTimeSyncInterval); null: never logged on. */
  lastLogonTimestamp: nullableDate.optional(),
  pwdLastSet: nullableDate.optional(),
  primaryGroupId: z.number().int(),
  /** DNs of the groups it is a direct member of (primary group included). */
  memberOf: z.array(z.string()),
  /** Well-known RIDs of the privileged groups it belongs to, directly or nested. */
  privilegedGroupRids: z.array(z.number().int()).default([]),
  servicePrincipalNames: z.array(z.string()).default([]),
  /** Member of Protected Users (RID 525), directly or nested; absent: group membership not read. */
  protectedUsersMember: z.boolean().optional(),
});

export const adGroup = z.object({
  dn: z.string(),
  sAMAccountName: z.string(),
  sid: z.string(),
  rid: z.number().int(),
  /** Well-known privileged group RID (512, 518, 519, 544, 548, 549, 550, 551), if it is one. */
  privilegedRid: z.number().int().optional(),
  /** DNs of direct members (users and groups), all `member;range=` pages joined. */
  members: z.array(z.string()),
  /** Privileged groups only: DNs of users that belong to it, directly, nested or through primaryGroupID. */
  transitiveUserMembers: z.array(z.string()).optional(),
  groupType: z.number().int().optional(),
});
