// Turns raw LDAP attribute values into the normalized model: ldapts gives one value as a string and
// several as an array; AD encodes times as FILETIME ticks or generalized time, SIDs as binary.
import type { Entry } from "ldapts";

type RawValue = Entry[string];

/** Looks an attribute up case-insensitively (servers echo their own casing, not the request's). */
export function rawAttribute(entry: Entry, name: string): RawValue | undefined {
  if (name in entry) return entry[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(entry)) if (key.toLowerCase() === lower) return entry[key];
  return undefined;
}

/** Every value of an attribute as strings; [] when absent. */
export function values(entry: Entry, name: string): string[] {
  const raw = rawAttribute(entry, name);
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString("utf8") : v));
}

/** The single value of an attribute; undefined when absent (or returned with no value). */
export function single(entry: Entry, name: string): string | undefined {
  return values(entry, name)[0];
}

export function singleBuffer(entry: Entry, name: string): Buffer | undefined {
  const raw = rawAttribute(entry, name);
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (first === undefined) return undefined;
  return Buffer.isBuffer(first) ? first : Buffer.from(first, "latin1");
}

export function integer(entry: Entry, name: string): number | undefined {
  const text = single(entry, name);
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return undefined;
  return Number(text);
}

/** Binary objectSid (MS-DTYP 2.4.2.2) to its string form, `S-1-5-21-…`. */
export function sidToString(sid: Buffer): string {
  if (sid.length < 8) throw new Error(`SID too short (${sid.length} bytes)`);
  const revision = sid[0]!;
  const subCount = sid[1]!;
  if (sid.length < 8 + 4 * subCount)
    throw new Error(`SID truncated (${sid.length} bytes for ${subCount} parts)`);
  const authority = sid.readUIntBE(2, 6);
  const parts = [`S-${revision}-${authority}`];
  for (let i = 0; i < subCount; i++) parts.push(String(sid.readUInt32LE(8 + 4 * i)));
  return parts.join("-");
}

/** The relative id: the last sub-authority of a SID. */
export function ridOf(sid: string): number {
  return Number(sid.slice(sid.lastIndexOf("-") + 1));
}

const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;
const NEVER = 9_223_372_036_854_775_807n;

/**
 * FILETIME (100 ns ticks since 1601-01-01 UTC) to ISO. 0 and the maximum int64 both mean "never",
 * which is null. Undefined stays undefined (the attribute was not there).
 */
export function fileTimeToIso(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim())) return undefined;
  const ticks = BigInt(text.trim());
  if (ticks <= 0n || ticks >= NEVER) return null;
  const ms = ticks / 10_000n - FILETIME_EPOCH_OFFSET_MS;
  return new Date(Number(ms)).toISOString();
}

/** Generalized time (`20261122024151.0Z`, `20261122024151Z`, `20261122024151+0900`) to ISO. */
export function generalizedTimeToIso(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{2}(?:\d{2})?)$/.exec(
    text.trim(),
  );
  if (!match) return undefined;
  const [, y, mo, d, h, mi = "00", s = "00", fraction = "0", zone] = match;
  const ms = Math.round(Number(`0.${fraction}`) * 1000);
  let epoch = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone !== "Z") {
    const sign = zone!.startsWith("-") ? -1 : 1;
    const offsetMinutes = Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(3, 5) || "0");
    epoch -= sign * offsetMinutes * 60_000;
  }
  const date = new Date(epoch);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * A negative interval in 100 ns ticks (maxPwdAge, lockoutDuration…) as a positive number of `unit`.
 * The minimum int64 (and 0 where `zeroIsNever`) mean "never / forever": null.
 */
export function intervalTo(
  text: string | undefined,
  unit: "days" | "minutes",
  { zeroIsNever }: { zeroIsNever: boolean },
): number | null | undefined {
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return undefined;
  const ticks = BigInt(text.trim());
  if (ticks === -9_223_372_036_854_775_808n || ticks === NEVER) return null;
  if (ticks === 0n) return zeroIsNever ? null : 0;
  const abs = ticks < 0n ? -ticks : ticks;
  const ticksPerUnit = unit === "days" ? 864_000_000_000n : 600_000_000n;
  // Whole units are exact; keep a fraction for odd values rather than rounding a policy up.
  return Number(abs / ticksPerUnit) + Number(abs % ticksPerUnit) / Number(ticksPerUnit);
}

/** userAccountControl bits (MS-ADTS 2.2.16) the rules read. */
export const UAC = {
  ACCOUNTDISABLE: 0x2,
  PASSWD_NOTREQD: 0x20,
  ENCRYPTED_TEXT_PWD_ALLOWED: 0x80,
  DONT_EXPIRE_PASSWORD: 0x10000,
  SMARTCARD_REQUIRED: 0x40000,
  TRUSTED_FOR_DELEGATION: 0x80000,
  NOT_DELEGATED: 0x100000,
  USE_DES_KEY_ONLY: 0x200000,
  DONT_REQ_PREAUTH: 0x400000,
  TRUSTED_TO_AUTH_FOR_DELEGATION: 0x1000000,
} as const;

export function decodeUserAccountControl(uac: number) {
  const has = (bit: number) => (uac & bit) !== 0;
  return {
    disabled: has(UAC.ACCOUNTDISABLE),
    passwordNeverExpires: has(UAC.DONT_EXPIRE_PASSWORD),
    passwordNotRequired: has(UAC.PASSWD_NOTREQD),
    reversibleEncryption: has(UAC.ENCRYPTED_TEXT_PWD_ALLOWED),
    dontRequirePreauth: has(UAC.DONT_REQ_PREAUTH),
    useDesKeyOnly: has(UAC.USE_DES_KEY_ONLY),
    trustedForDelegation: has(UAC.TRUSTED_FOR_DELEGATION),
    trustedToAuthForDelegation: has(UAC.TRUSTED_TO_AUTH_FOR_DELEGATION),
    smartcardRequired: has(UAC.SMARTCARD_REQUIRED),
    notDelegated: has(UAC.NOT_DELEGATED),
  };
}

/** `DC=corp,DC=example,DC=com` → `corp.example.com` (the fallback when the crossRef is unreadable). */
export function dnsNameFromDn(dn: string): string {
  return dn
    .split(/(?<!\\),/)
    .map((rdn) => rdn.trim())
    .filter((rdn) => /^dc=/i.test(rdn))
    .map((rdn) => rdn.slice(3))
    .join(".")
    .toLowerCase();
}

/** Compares DNs the way the directory does for our purposes: case-insensitively, spaces after commas ignored. */
export const dnKey = (dn: string): string => dn.replace(/,\s+/g, ",").toLowerCase();
