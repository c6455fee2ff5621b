// Just enough IP arithmetic to tell internal ranges from the internet: IPv4 and IPv6 CIDR containment.

interface Cidr {
  version: 4 | 6;
  /** The address as a bigint (32 or 128 bits). */
  base: bigint;
  prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === "" ? [] : half.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  return value;
}

export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText] = text.trim().split("/");
  if (address === undefined) return undefined;
  const version = address.includes(":") ? 6 : 4;
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  const value = version === 4 ? parseIpv4(address) : parseIpv6(address);
  if (value === undefined) return undefined;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { version, base: value & mask, prefix };
}

/** True when every address of `inner` lies in `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a.version !== b.version || a.prefix < b.prefix) return false;
  const bits = a.version === 4 ? 32 : 128;
  const mask = b.prefix === 0 ? 0n : ((1n << BigInt(b.prefix)) - 1n) << BigInt(bits - b.prefix);
  return (a.base & mask) === b.base;
}

/** RFC 1918, carrier-grade NAT (RFC 6598) and IPv6 unique-local: never the internet. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"];

export const isPrivateCidr = (cidr: string, extra: readonly string[] = []): boolean =>
  [...PRIVATE_RANGES, ...extra].some((range) => cidrWithin(cidr, range));

/** The whole internet: 0.0.0.0/0 or ::/0 (written any way). */
export const isAnywhere = (cidr: string): boolean => parseCidr(cidr)?.prefix === 0;
