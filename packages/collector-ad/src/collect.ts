// collectAd: reads one Active Directory domain over LDAP into a Snapshot. Paged, streaming searches;
// each page is normalized and dropped before the next arrives. Collectors never judge.
import {
  type AdConfig,
  type Gap,
  InputError,
  type ResourceOf,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  SourceUnavailableError,
} from "@itaku/core";
import {
  AndFilter,
  type Entry,
  EqualityFilter,
  InsufficientAccessError,
  NoSuchObjectError,
  type SearchOptions,
} from "ldapts";
import { COMPUTER_ATTRIBUTES, COMPUTER_FILTER, normalizeComputer } from "./computers";
import { endpointOf, openDirectory, SOURCE_NAME, unavailable } from "./connect";
import { DirectoryDeadline, type DirectorySearch, searchWithin } from "./deadline";
import { type MemberGroup, type MemberUser, privilegedRidOf, resolveMembership } from "./membership";
import {
  decodeUserAccountControl,
  dnKey,
  dnsNameFromDn,
  fileTimeToIso,
  generalizedTimeToIso,
  integer,
  intervalTo,
  ridOf,
  sidToString,
  single,
  singleBuffer,
  values,
} from "./normalize";
import { LEGACY_LAPS_EXPIRATION, readLapsSchema, readTrusts, WINDOWS_LAPS_EXPIRATION } from "./trusts";

export interface CollectAdOptions {
  progress?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** The config file, named in input errors (default `itaku.yaml`). */
  configFile?: string;
  /** Values per `member;range=` request (default 1500, AD's MaxValRange); the server may return fewer. */
  memberRangeStep?: number;
}

export const USER_ATTRIBUTES = [
  "sAMAccountName",
  "userPrincipalName",
  "displayName",
  "description",
  "objectSid",
  "userAccountControl",
  "whenCreated",
  "lastLogonTimestamp",
  "pwdLastSet",
  "primaryGroupID",
  "servicePrincipalName",
] as const;
export const USER_FILTER = "(&(objectCategory=person)(objectClass=user))";
export const GROUP_ATTRIBUTES = ["sAMAccountName", "objectSid", "groupType"] as const;
export const GROUP_FILTER = "(objectClass=group)";
const DOMAIN_ATTRIBUTES = [
  "objectSid",
  "minPwdLength",
  "maxPwdAge",
  "minPwdAge",
  "pwdHistoryLength",
  "pwdProperties",
  "lockoutThreshold",
  "lockoutDuration",
  "lockOutObservationWindow",
  "msDS-LogonTimeSyncInterval",
  "ms-DS-MachineAccountQuota",
];
const PSO_ATTRIBUTES = [
  "name",
  "msDS-PasswordSettingsPrecedence",
  "msDS-MinimumPasswordLength",
  "msDS-MaximumPasswordAge",
  "msDS-MinimumPasswordAge",
  "msDS-PasswordHistoryLength",
  "msDS-PasswordComplexityEnabled",
  "msDS-PasswordReversibleEncryptionEnabled",
  "msDS-LockoutThreshold",
  "msDS-LockoutDuration",
  "msDS-LockoutObservationWindow",
  "msDS-PSOAppliesTo",
];
const DOMAIN_PASSWORD_COMPLEX = 0x1;
const DOMAIN_PASSWORD_STORE_CLEARTEXT = 0x10;
const MEMBER_RANGE = /^member;range=(\d+)-(\d+|\*)$/i;

type DomainAttributes = ResourceOf<"ad.domain">["attributes"];
type UserAttributes = ResourceOf<"ad.user">["attributes"];
type PasswordPolicy = NonNullable<DomainAttributes["passwordPolicy"]>;
type FineGrainedPolicy = NonNullable<DomainAttributes["fineGrainedPasswordPolicies"]>[number];

interface Stats {
  searches: number;
  pages: number;
  entries: number;
  rangeRequests: number;
}

/** Reads the domain named by `config` into a live Snapshot; throws SourceUnavailableError when it cannot at all. */
export async function collectAd(config: AdConfig, options: CollectAdOptions = {}): Promise<Snapshot> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const configFile = options.configFile ?? "itaku.yaml";
  const progress = options.progress ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const rangeStep = options.memberRangeStep ?? 1500;
  const endpoint = endpointOf(config, configFile);
  const password = env[config.passwordEnv];
  if (password === undefined || password === "") {
    throw new InputError(
      configFile,
      "ad.passwordEnv",
      `the environment variable ${config.passwordEnv} holding the bind password is not set`,
    );
  }

  progress(`ad: connecting to ${endpoint.url} as ${config.bindDN}`);
  const deadline = new DirectoryDeadline(config.deadlineSeconds);
  const connection = await openDirectory(config, { password, configFile });
  const client = searchWithin(connection, deadline);
  const stats: Stats = { searches: 0, pages: 0, entries: 0, rangeRequests: 0 };
  const pageSize = Math.min(config.pageSize, 1000);
  const gaps: Gap[] = [];
  let scope = dnsNameFromDn(config.baseDN);
  const gap = (resourceType: string, operation: string, error: unknown) =>
    gaps.push({ source: "ad", scope, region: "global", resourceType, operation, ...codeOf(error) });

  try {
    // rootDSE: which naming contexts the server holds.
    let defaultNC: string | undefined;
    let configurationNC: string | undefined;
    let schemaNC: string | undefined;
    try {
      const root = await search(client, stats, "", {
        scope: "base",
        attributes: ["defaultNamingContext", "configurationNamingContext", "schemaNamingContext"],
      });
      defaultNC = single(root[0] ?? { dn: "" }, "defaultNamingContext");
      configurationNC = single(root[0] ?? { dn: "" }, "configurationNamingContext");
      schemaNC = single(root[0] ?? { dn: "" }, "schemaNamingContext");
    } catch (error) {
      if (isConnectionLoss(error)) throw unavailable(error, config, endpoint);
      gap("ad.domain", "read rootDSE", error);
    }
    const domainDn = defaultNC && dnKey(config.baseDN).endsWith(dnKey(defaultNC)) ? defaultNC : config.baseDN;
    scope = dnsNameFromDn(domainDn);

    let netbiosName: string | undefined;
    if (configurationNC) {
      try {
        const crossRefs = await search(client, stats, `CN=Partitions,${configurationNC}`, {
          scope: "one",
          filter: new AndFilter({
            filters: [
              new EqualityFilter({ attribute: "objectClass", value: "crossRef" }),
              new EqualityFilter({ attribute: "nCName", value: domainDn }),
            ],
          }),
          attributes: ["nETBIOSName", "dnsRoot"],
        });
        const crossRef = crossRefs[0];
        if (crossRef) {
          netbiosName = single(crossRef, "nETBIOSName");
          scope = (single(crossRef, "dnsRoot") ?? scope).toLowerCase();
        }
      } catch (error) {
        if (isConnectionLoss(error)) throw unavailable(error, config, endpoint);
        gap("ad.domain", "read crossRef (NetBIOS name)", error);
      }
    }
    for (const g of gaps) g.scope = scope;

    progress(`ad: reading domain ${scope}`);
    const domain = await readDomain(client, stats, domainDn, config, endpoint, gap);
    if (domain) {
      domain.attributes.dnsName = scope;
      if (netbiosName) domain.attributes.netbiosName = netbiosName;
      domain.name = scope;
      domain.scope = scope;
      const fineGrained = await readFineGrainedPolicies(client, stats, domainDn, gap);
      if (fineGrained) domain.attributes.fineGrainedPasswordPolicies = fineGrained;
    }
    const find = (base: string, searchOptions: SearchOptions) => search(client, stats, base, searchOptions);

    const trusts: ResourceOf<"ad.trust">[] = [];
    try {
      const read = await readTrusts(find, domainDn, scope);
      trusts.push(...read.trusts);
      for (const dn of read.unreadable) {
        gap("ad.trust", "read trust", {
          code: "MissingAttribute",
          message: `${dn}: trustPartner, trustDirection, trustType or trustAttributes not readable`,
        });
      }
    } catch (error) {
      if (isConnectionLoss(error)) throw unavailable(error, config, endpoint);
      gap("ad.trust", "search trusts", error);
    }

    // LAPS: only a schema that defines the attributes lets their absence on a computer mean "no managed password".
    let lapsSchema: { legacy: boolean; windows: boolean } | undefined;
    if (schemaNC) {
      try {
        lapsSchema = await readLapsSchema(find, schemaNC);
        if (domain) domain.attributes.lapsSchema = lapsSchema;
      } catch (error) {
        if (isConnectionLoss(error)) throw unavailable(error, config, endpoint);
        gap("ad.computer", "read schema (LAPS attributes)", error);
      }
    } else
      gap("ad.computer", "read schema (LAPS attributes)", {
        code: "MissingAttribute",
        message: "rootDSE gave no schemaNamingContext",
      });
    const lapsAttributes = [
      ...(lapsSchema?.legacy ? [LEGACY_LAPS_EXPIRATION] : []),
      ...(lapsSchema?.windows ? [WINDOWS_LAPS_EXPIRATION] : []),
    ];

    const groups: ResourceOf<"ad.group">[] = [];
    const memberGroups: MemberGroup[] = [];
    let groupsComplete = true;
    try {
      for await (const page of pages(client, stats, config.baseDN, {
        scope: "sub",
        filter: GROUP_FILTER,
        attributes: [...GROUP_ATTRIBUTES, `member;range=0-${rangeStep - 1}`],
        explicitBufferAttributes: ["objectSid"],
        paged: { pageSize },
      })) {
        for (const entry of page) {
          const group = await normalizeGroup(client, stats, entry, scope, rangeStep, gap);
          if (!group) continue;
          groups.push(group);
          memberGroups.push({
            dn: group.id,
            sid: group.attributes.sid,
            members: group.attributes.members,
            privilegedRid: group.attributes.privilegedRid,
          });
        }
        if (page.length > 0) progress(`ad: ${groups.length} groups read`);
      }
    } catch (error) {
      if (isConnectionLoss(error)) throw unavailable(error, config, endpoint);
      groupsComplete = false;
      gap("ad.group", "search groups", error);
    }

    const users: ResourceOf<"ad.user">[] = [];
    const memberUsers: MemberUser[] = [];
    try {
      for await (const page of pages(client, stats, config.baseDN, {
        scope: "sub",
        filter: USER_FILTER,
        attributes: [...USER_ATTRIBUTES],
        explicitBufferAttributes: ["objectSid"],
        paged: { pageSize },
      })) {
        for (const entry of page) {
          const user = normalizeUser(entry, scope, gap);
          if (!user) continue;
          users.push(user);
          memberUsers.push({
            dn: user.id,
            sid: user.attributes.sid,
            primaryGroupId: user.attributes.primaryGroupId,
          });
        }
        if (page.length > 0) progress(`ad: ${users.length} users read`);
      }
    } catch (error) {
      if (isConnectionLoss(error)) throw unavailable(error, config, endpoint);
      gap("ad.user", "search users", error);
    }

    const computers: ResourceOf<"ad.computer">[] = [];
    try {
      for await (const page of pages(client, stats, config.baseDN, {
        scope: "sub",
        filter: COMPUTER_FILTER,
        attributes: [...COMPUTER_ATTRIBUTES, ...lapsAttributes],
        explicitBufferAttributes: ["objectSid"],
        paged: { pageSize },
      })) {
        for (const entry of page) {
          const computer = normalizeComputer(entry, scope, gap, lapsAttributes.length > 0);
          if (computer) computers.push(computer);
        }
      }
    } catch (error) {
      if (isConnectionLoss(error)) throw unavailable(error, config, endpoint);
      gap("ad.computer", "search computers", error);
    }

    const membership = resolveMembership(memberUsers, memberGroups);
    for (const user of users) {
      const key = dnKey(user.id);
      user.attributes.memberOf = membership.directGroupsOfUser.get(key) ?? [];
      user.attributes.privilegedGroupRids = membership.privilegedRidsOfUser.get(key) ?? [];
      if (groupsComplete) user.attributes.protectedUsersMember = membership.protectedUsers.has(key);
    }
    for (const group of groups) {
      const transitive = membership.transitiveUsersOfGroup.get(dnKey(group.id));
      if (transitive) group.attributes.transitiveUserMembers = transitive;
    }

    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    groups.sort(byId);
    users.sort(byId);
    computers.sort(byId);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    progress(`ad: ${users.length} users, ${groups.length} groups, ${gaps.length} gaps in ${seconds} s`);
    return {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      collectedAt: now().toISOString(),
      origin: "live",
      sources: [
        {
          provider: "ad",
          scope,
          regions: ["global"],
          gaps,
          collectedBy: config.bindDN,
          stats: {
            ...stats,
            users: users.length,
            groups: groups.length,
            computers: computers.length,
            trusts: trusts.length,
            durationMs: Math.round(performance.now() - started),
          },
        },
      ],
      resources: [...(domain ? [domain] : []), ...groups, ...users, ...computers, ...trusts],
    };
  } finally {
    await connection.unbind().catch(() => undefined);
  }
}

async function search(
  client: DirectorySearch,
  stats: Stats,
  base: string,
  options: SearchOptions,
): Promise<Entry[]> {
  stats.searches++;
  const result = await client.search(base, options);
  stats.entries += result.searchEntries.length;
  return result.searchEntries;
}

/** Pages of a paged search, one at a time: the caller normalizes a page before the next is requested. */
async function* pages(
  client: DirectorySearch,
  stats: Stats,
  base: string,
  options: SearchOptions,
): AsyncGenerator<Entry[]> {
  stats.searches++;
  for await (const page of client.searchPaginated(base, options)) {
    stats.pages++;
    stats.entries += page.searchEntries.length;
    yield page.searchEntries;
  }
}

async function readDomain(
  client: DirectorySearch,
  stats: Stats,
  domainDn: string,
  config: AdConfig,
  endpoint: ReturnType<typeof endpointOf>,
  gap: (type: string, operation: string, error: unknown) => void,
): Promise<ResourceOf<"ad.domain"> | undefined> {
  let entry: Entry | undefined;
  try {
    [entry] = await search(client, stats, domainDn, {
      scope: "base",
      attributes: DOMAIN_ATTRIBUTES,
      explicitBufferAttributes: ["objectSid"],
    });
  } catch (error) {
    if (error instanceof NoSuchObjectError) {
      throw new SourceUnavailableError(
        SOURCE_NAME,
        `the base DN "${domainDn}" does not exist on ${endpoint.url} (check ad.baseDN)`,
      );
    }
    if (isConnectionLoss(error)) throw unavailable(error, config, endpoint);
    gap("ad.domain", "read domain object", error);
    return undefined;
  }
  const sidBytes = entry && singleBuffer(entry, "objectSid");
  if (!entry || !sidBytes) {
    gap("ad.domain", "read domain object", {
      code: "MissingAttribute",
      message: `objectSid of ${domainDn} not readable`,
    });
    return undefined;
  }
  const pwdProperties = integer(entry, "pwdProperties");
  const policy: Partial<PasswordPolicy> = {
    minLength: integer(entry, "minPwdLength"),
    maxAgeDays: intervalTo(single(entry, "maxPwdAge"), "days", { zeroIsNever: true }),
    minAgeDays: intervalTo(single(entry, "minPwdAge"), "days", { zeroIsNever: false }) ?? undefined,
    historyLength: integer(entry, "pwdHistoryLength"),
    complexity: pwdProperties === undefined ? undefined : (pwdProperties & DOMAIN_PASSWORD_COMPLEX) !== 0,
    reversibleEncryption:
      pwdProperties === undefined ? undefined : (pwdProperties & DOMAIN_PASSWORD_STORE_CLEARTEXT) !== 0,
    lockoutThreshold: integer(entry, "lockoutThreshold"),
    lockoutDurationMinutes: intervalTo(single(entry, "lockoutDuration"), "minutes", { zeroIsNever: true }),
    lockoutObservationMinutes:
      intervalTo(single(entry, "lockOutObservationWindow"), "minutes", { zeroIsNever: false }) ?? undefined,
  };
  const missing = Object.entries(policy)
    .filter(([, value]) => value === undefined)
    .map(([key]) => key);
  if (missing.length > 0) {
    gap("ad.domain", "read domain password policy", {
      code: "MissingAttribute",
      message: `not readable on ${domainDn}: ${missing.join(", ")}`,
    });
  }
  const syncInterval = integer(entry, "msDS-LogonTimeSyncInterval");
  const attributes: DomainAttributes = {
    dn: entry.dn,
    dnsName: dnsNameFromDn(domainDn),
    sid: sidToString(sidBytes),
    ...(missing.length === 0 ? { passwordPolicy: policy as PasswordPolicy } : {}),
    logonTimeSyncIntervalDays: syncInterval ?? null,
  };
  const machineAccountQuota = integer(entry, "ms-DS-MachineAccountQuota");
  if (machineAccountQuota !== undefined) attributes.machineAccountQuota = machineAccountQuota;
  return {
    type: "ad.domain",
    id: entry.dn,
    name: attributes.dnsName,
    scope: attributes.dnsName,
    region: "global",
    attributes,
  };
}

async function readFineGrainedPolicies(
  client: DirectorySearch,
  stats: Stats,
  domainDn: string,
  gap: (type: string, operation: string, error: unknown) => void,
): Promise<FineGrainedPolicy[] | undefined> {
  let entries: Entry[];
  try {
    entries = await search(client, stats, `CN=Password Settings Container,CN=System,${domainDn}`, {
      scope: "one",
      filter: "(objectClass=msDS-PasswordSettings)",
      attributes: PSO_ATTRIBUTES,
    });
  } catch (error) {
    // No container (older functional level) or no right to list it: "none readable".
    if (error instanceof NoSuchObjectError || error instanceof InsufficientAccessError) return undefined;
    gap("ad.domain", "read fine-grained password policies", error);
    return undefined;
  }
  const policies: FineGrainedPolicy[] = [];
  for (const entry of entries) {
    const bool = (name: string) => {
      const text = single(entry, name);
      return text === undefined ? undefined : text.toUpperCase() === "TRUE";
    };
    const candidate = {
      dn: entry.dn,
      name: single(entry, "name") ?? entry.dn,
      precedence: integer(entry, "msDS-PasswordSettingsPrecedence"),
      appliesTo: values(entry, "msDS-PSOAppliesTo").sort(),
      minLength: integer(entry, "msDS-MinimumPasswordLength"),
      maxAgeDays: intervalTo(single(entry, "msDS-MaximumPasswordAge"), "days", { zeroIsNever: true }),
      minAgeDays:
        intervalTo(single(entry, "msDS-MinimumPasswordAge"), "days", { zeroIsNever: false }) ?? undefined,
      historyLength: integer(entry, "msDS-PasswordHistoryLength"),
      complexity: bool("msDS-PasswordComplexityEnabled"),
      reversibleEncryption: bool("msDS-PasswordReversibleEncryptionEnabled"),
      lockoutThreshold: integer(entry, "msDS-LockoutThreshold"),
      lockoutDurationMinutes: intervalTo(single(entry, "msDS-LockoutDuration"), "minutes", {
        zeroIsNever: true,
      }),
      lockoutObservationMinutes:
        intervalTo(single(entry, "msDS-LockoutObservationWindow"), "minutes", { zeroIsNever: false }) ??
        undefined,
    };
    const missing = Object.entries(candidate).filter(([, value]) => value === undefined);
    if (missing.length > 0) {
      gap("ad.domain", "read fine-grained password policies", {
        code: "MissingAttribute",
        message: `not readable on ${entry.dn}: ${missing.map(([key]) => key).join(", ")}`,
      });
      continue;
    }
    policies.push(candidate as FineGrainedPolicy);
  }
  policies.sort((a, b) => a.precedence - b.precedence || (a.dn < b.dn ? -1 : 1));
  return policies.length > 0 ? policies : undefined;
}

function normalizeUser(
  entry: Entry,
  scope: string,
  gap: (type: string, operation: string, error: unknown) => void,
): ResourceOf<"ad.user"> | undefined {
  const sidBytes = singleBuffer(entry, "objectSid");
  const sAMAccountName = single(entry, "sAMAccountName");
  const uac = integer(entry, "userAccountControl");
  const createdAt = generalizedTimeToIso(single(entry, "whenCreated"));
  const primaryGroupId = integer(entry, "primaryGroupID");
  const missing = Object.entries({
    objectSid: sidBytes,
    sAMAccountName,
    userAccountControl: uac,
    whenCreated: createdAt,
    primaryGroupID: primaryGroupId,
  })
    .filter(([, value]) => value === undefined)
    .map(([key]) => key);
  if (missing.length > 0) {
    gap("ad.user", "read user", {
      code: "MissingAttribute",
      message: `${entry.dn}: not readable: ${missing.join(", ")}`,
    });
    return undefined;
  }
  const sid = sidToString(sidBytes!);
  const flags = decodeUserAccountControl(uac!);
  const optional = (name: string) => single(entry, name) || undefined;
  const attributes: UserAttributes = {
    dn: entry.dn,
    sAMAccountName: sAMAccountName!,
    userPrincipalName: optional("userPrincipalName"),
    displayName: optional("displayName"),
    description: optional("description"),
    sid,
    rid: ridOf(sid),
    enabled: !flags.disabled,
    userAccountControl: uac!,
    flags,
    createdAt: createdAt!,
    // Absent means the account never logged on (the attribute is readable by every authenticated user).
    lastLogonTimestamp: fileTimeToIso(single(entry, "lastLogonTimestamp")) ?? null,
    pwdLastSet: fileTimeToIso(single(entry, "pwdLastSet")) ?? null,
    primaryGroupId: primaryGroupId!,
    memberOf: [],
    privilegedGroupRids: [],
    servicePrincipalNames: values(entry, "servicePrincipalName").sort(),
  };
  for (const key of ["userPrincipalName", "displayName", "description"] as const) {
    if (attributes[key] === undefined) delete attributes[key];
  }
  return { type: "ad.user", id: entry.dn, name: sAMAccountName!, scope, region: "global", attributes };
}

async function normalizeGroup(
  client: DirectorySearch,
  stats: Stats,
  entry: Entry,
  scope: string,
  rangeStep: number,
  gap: (type: string, operation: string, error: unknown) => void,
): Promise<ResourceOf<"ad.group"> | undefined> {
  const sidBytes = singleBuffer(entry, "objectSid");
  const sAMAccountName = single(entry, "sAMAccountName");
  if (!sidBytes || !sAMAccountName) {
    gap("ad.group", "read group", {
      code: "MissingAttribute",
      message: `${entry.dn}: objectSid or sAMAccountName not readable`,
    });
    return undefined;
  }
  const sid = sidToString(sidBytes);
  const members = await readMembers(client, stats, entry, rangeStep, gap);
  const privilegedRid = privilegedRidOf(sid);
  const groupType = integer(entry, "groupType");
  return {
    type: "ad.group",
    id: entry.dn,
    name: sAMAccountName,
    scope,
    region: "global",
    attributes: {
      dn: entry.dn,
      sAMAccountName,
      sid,
      rid: ridOf(sid),
      ...(privilegedRid !== undefined ? { privilegedRid } : {}),
      members,
      ...(groupType !== undefined ? { groupType } : {}),
    },
  };
}

/**
 * All values of `member`: the first range came with the group; while the server says more remain
 * (`member;range=0-1499` rather than `…-*`), ask for the next range on the group itself.
 */
async function readMembers(
  client: DirectorySearch,
  stats: Stats,
  entry: Entry,
  rangeStep: number,
  gap: (type: string, operation: string, error: unknown) => void,
): Promise<string[]> {
  let { members, end } = memberValues(entry);
  while (end !== undefined) {
    const start = end + 1;
    stats.rangeRequests++;
    let next: Entry | undefined;
    try {
      [next] = await search(client, stats, entry.dn, {
        scope: "base",
        attributes: [`member;range=${start}-${start + rangeStep - 1}`],
      });
    } catch (error) {
      gap("ad.group", "read member range", error);
      break;
    }
    const more = next ? memberValues(next) : { members: [], end: undefined };
    members = members.concat(more.members);
    if (more.end !== undefined && more.end < start) break; // no progress: stop rather than loop
    end = more.end;
  }
  return members;
}

/** The member values in an entry and, when the range is not the last, where it ended. */
function memberValues(entry: Entry): { members: string[]; end: number | undefined } {
  for (const key of Object.keys(entry)) {
    const match = MEMBER_RANGE.exec(key);
    if (!match) continue;
    const list = values(entry, key);
    // ldapts lists requested-but-absent attributes with no values; only a range with values (or `-*`) counts.
    if (list.length === 0 && match[2] !== "*") continue;
    return { members: list, end: match[2] === "*" ? undefined : Number(match[2]) };
  }
  return { members: values(entry, "member"), end: undefined };
}

/** Errors after which no further search can succeed: the run is unavailable, not merely incomplete. */
function isConnectionLoss(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = (error as Error)?.message ?? "";
  return (
    (typeof code === "string" && /^E(CONNRESET|PIPE|CONNREFUSED|TIMEDOUT)$/.test(code)) ||
    /Connection closed|socket hang up|Socket connection not established/i.test(message)
  );
}

function codeOf(error: unknown): { code: string; message?: string } {
  if (
    error &&
    typeof error === "object" &&
    "code" in error &&
    typeof (error as { code: unknown }).code === "string"
  ) {
    return { code: (error as { code: string }).code, message: (error as { message?: string }).message };
  }
  const err = error as Error & { code?: unknown };
  const name =
    err?.constructor?.name && err.constructor.name !== "Error"
      ? err.constructor.name.replace(/Error$/, "")
      : "Error";
  const code = typeof err?.code === "number" ? `${name} (0x${err.code.toString(16)})` : name;
  return { code, message: firstLine(err?.message ?? String(error)) };
}

const firstLine = (text: string) => text.split("\n")[0]!.trim();
