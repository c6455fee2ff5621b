// CIDR containment for the egress rules, on ipaddr.js (as the audit's CidrSet): enough to tell internal
// ranges from the internet, for IPv4 and IPv6.
import ipaddr from "ipaddr.js";

export interface Cidr {
  address: ipaddr.IPv4 | ipaddr.IPv6;
  prefix: number;
}

/**
 * Routes and security-group rules repeat the same few CIDRs (and every check compares with the same
 * private ranges): each text is parsed once, up to a bound. Parsing them again on every comparison
 * was a sixth of the engine's time at a million resources. The parsed values are only read.
 */
const parsedCidrs = new Map<string, Cidr | null>();
const MAX_PARSED_CIDRS = 10_000;

/**
 * A CIDR, or a bare address as a /32 or /128; undefined when it is not one. IPv4 must be dotted
 * decimal: ipaddr.js also reads octal and hex ("010.0.0.0" is 8.0.0.0), which AWS never writes and
 * a person would read as 10.0.0.0.
 */
export function parseCidr(text: string): Cidr | undefined {
  let parsed = parsedCidrs.get(text);
  if (parsed === undefined) {
    parsed = parseCidrText(text) ?? null;
    if (parsedCidrs.size >= MAX_PARSED_CIDRS) parsedCidrs.clear();
    parsedCidrs.set(text, parsed);
  }
  return parsed ?? undefined;
}

function parseCidrText(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const address = trimmed.split("/", 1)[0]!;
  if (!ipaddr.IPv4.isValidFourPartDecimal(address) && !ipaddr.IPv6.isValid(address)) return undefined;
  try {
    if (!trimmed.includes("/")) {
      const parsed = ipaddr.parse(address);
      return { address: parsed, prefix: parsed.kind() === "ipv4" ? 32 : 128 };
    }
    const [parsed, prefix] = ipaddr.parseCIDR(trimmed);
    return { address: parsed, prefix };
  } catch {
    return undefined;
  }
}

/** True when every address of `inner` lies in `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a.address.kind() !== b.address.kind() || a.prefix < b.prefix) return false;
  return a.address.match(b.address, b.prefix);
}

/** RFC 1918, carrier-grade NAT (RFC 6598) and IPv6 unique-local: never the internet. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"];

export const isPrivateCidr = (cidr: string, extra: readonly string[] = []): boolean =>
  [...PRIVATE_RANGES, ...extra].some((range) => cidrWithin(cidr, range));

/** The whole internet: 0.0.0.0/0 or ::/0 (written any way). */
export const isAnywhere = (cidr: string): boolean => parseCidr(cidr)?.prefix === 0;

/** A CIDR as the first and last address of its block, as numbers, for interval arithmetic. */
export interface AddressRange {
  family: "ipv4" | "ipv6";
  first: bigint;
  last: bigint;
}

export const familySize = (family: AddressRange["family"]): bigint =>
  family === "ipv4" ? 1n << 32n : 1n << 128n;

export function cidrRange(text: string): AddressRange | undefined {
  const cidr = parseCidr(text);
  if (!cidr) return undefined;
  const family = cidr.address.kind();
  const bits = family === "ipv4" ? 32n : 128n;
  const value = cidr.address.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
  const hostBits = bits - BigInt(cidr.prefix);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}
