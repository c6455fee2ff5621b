// Trusts of the domain (trustedDomain objects under CN=System) and whether the schema holds LAPS:
// domain-wide facts read once, beside the domain object.
import type { ResourceOf } from "@itaku/core";
import type { Entry, SearchOptions } from "ldapts";
import { fileTimeToIso, generalizedTimeToIso, integer, single } from "./normalize";

type Search = (base: string, options: SearchOptions) => Promise<Entry[]>;

export const TRUST_ATTRIBUTES = [
  "trustPartner",
  "flatName",
  "trustDirection",
  "trustType",
  "trustAttributes",
  "whenCreated",
] as const;

/** The trusts of the domain; entries missing a direction, type or attributes are returned as unreadable. */
export async function readTrusts(
  search: Search,
  domainDn: string,
  scope: string,
): Promise<{ trusts: ResourceOf<"ad.trust">[]; unreadable: string[] }> {
  const entries = await search(`CN=System,${domainDn}`, {
    scope: "one",
    filter: "(objectClass=trustedDomain)",
    attributes: [...TRUST_ATTRIBUTES],
  });
  const trusts: ResourceOf<"ad.trust">[] = [];
  const unreadable: string[] = [];
  for (const entry of entries) {
    const partner = single(entry, "trustPartner");
    const direction = integer(entry, "trustDirection");
    const trustType = integer(entry, "trustType");
    const trustAttributes = integer(entry, "trustAttributes");
    if (!partner || direction === undefined || trustType === undefined || trustAttributes === undefined) {
      unreadable.push(entry.dn);
      continue;
    }
    const flatName = single(entry, "flatName");
    const createdAt = generalizedTimeToIso(single(entry, "whenCreated"));
    trusts.push({
      type: "ad.trust",
      id: entry.dn,
      name: partner.toLowerCase(),
      scope,
      region: "global",
      attributes: {
        dn: entry.dn,
        partner: partner.toLowerCase(),
        ...(flatName ? { flatName } : {}),
        direction,
        trustType,
        trustAttributes,
        ...(createdAt ? { createdAt } : {}),
      },
    });
  }
  trusts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { trusts, unreadable };
}

export const LEGACY_LAPS_EXPIRATION = "ms-Mcs-AdmPwdExpirationTime";
export const WINDOWS_LAPS_EXPIRATION = "msLAPS-PasswordExpirationTime";

/** Which LAPS expiration attributes the schema defines: the computer search asks only for those. */
export async function readLapsSchema(
  search: Search,
  schemaDn: string,
): Promise<{ legacy: boolean; windows: boolean }> {
  const entries = await search(schemaDn, {
    scope: "one",
    filter: `(|(lDAPDisplayName=${LEGACY_LAPS_EXPIRATION})(lDAPDisplayName=${WINDOWS_LAPS_EXPIRATION}))`,
    attributes: ["lDAPDisplayName"],
  });
  const names = new Set(entries.map((e) => single(e, "lDAPDisplayName")?.toLowerCase()));
  return {
    legacy: names.has(LEGACY_LAPS_EXPIRATION.toLowerCase()),
    windows: names.has(WINDOWS_LAPS_EXPIRATION.toLowerCase()),
  };
}

/** The later of the computer's LAPS expiration times; null when it has none. */
export function lapsExpiration(entry: Entry): string | null {
  const times = [LEGACY_LAPS_EXPIRATION, WINDOWS_LAPS_EXPIRATION]
    .map((name) => fileTimeToIso(single(entry, name)))
    .filter((t): t is string => typeof t === "string")
    .sort();
  return times.at(-1) ?? null;
}
