// Computer accounts of the domain, read in pages like users: name, operating system, last logon.
import type { ResourceOf } from "@itaku/core";
import type { Entry } from "ldapts";
import {
  decodeUserAccountControl,
  fileTimeToIso,
  generalizedTimeToIso,
  integer,
  sidToString,
  single,
  singleBuffer,
} from "./normalize";
import { lapsExpiration } from "./trusts";

export const COMPUTER_FILTER = "(objectCategory=computer)";
export const COMPUTER_ATTRIBUTES = [
  "sAMAccountName",
  "dNSHostName",
  "objectSid",
  "userAccountControl",
  "operatingSystem",
  "operatingSystemVersion",
  "whenCreated",
  "lastLogonTimestamp",
  "pwdLastSet",
] as const;

const SERVER_TRUST_ACCOUNT = 0x2000;

/** `withLaps`: the schema has a LAPS attribute, asked for in the search, so its absence means no managed password. */
export function normalizeComputer(
  entry: Entry,
  scope: string,
  gap: (type: string, operation: string, error: unknown) => void,
  withLaps = false,
): ResourceOf<"ad.computer"> | undefined {
  const sidBytes = singleBuffer(entry, "objectSid");
  const sAMAccountName = single(entry, "sAMAccountName");
  const uac = integer(entry, "userAccountControl");
  const createdAt = generalizedTimeToIso(single(entry, "whenCreated"));
  if (!sidBytes || !sAMAccountName || uac === undefined || !createdAt) {
    gap("ad.computer", "read computer", {
      code: "MissingAttribute",
      message: `${entry.dn}: objectSid, sAMAccountName, userAccountControl or whenCreated not readable`,
    });
    return undefined;
  }
  const optional = (name: string) => single(entry, name) || undefined;
  const dnsHostName = optional("dNSHostName");
  const operatingSystem = optional("operatingSystem");
  const operatingSystemVersion = optional("operatingSystemVersion");
  return {
    type: "ad.computer",
    id: entry.dn,
    name: sAMAccountName.replace(/\$$/, ""),
    scope,
    region: "global",
    attributes: {
      dn: entry.dn,
      sAMAccountName,
      ...(dnsHostName ? { dnsHostName } : {}),
      sid: sidToString(sidBytes),
      enabled: !decodeUserAccountControl(uac).disabled,
      userAccountControl: uac,
      domainController: (uac & SERVER_TRUST_ACCOUNT) !== 0,
      ...(operatingSystem ? { operatingSystem } : {}),
      ...(operatingSystemVersion ? { operatingSystemVersion } : {}),
      createdAt,
      lastLogonTimestamp: fileTimeToIso(single(entry, "lastLogonTimestamp")) ?? null,
      pwdLastSet: fileTimeToIso(single(entry, "pwdLastSet")) ?? null,
      ...(withLaps ? { lapsPasswordExpiresAt: lapsExpiration(entry) } : {}),
    },
  };
}
