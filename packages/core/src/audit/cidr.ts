// Source-address matching for sign-ins, on ipaddr.js (IPv4, IPv6 and IPv4-mapped IPv6).
import ipaddr from "ipaddr.js";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** A set of CIDR ranges; `contains` answers for an address string and caches per address. */
export class CidrSet {
  private readonly ranges: Range[];
  private readonly cache = new Map<string, boolean>();

  constructor(cidrs: readonly string[]) {
    this.ranges = cidrs.map((cidr) => {
      if (cidr.includes("/")) return ipaddr.parseCIDR(cidr) as Range;
      const address = ipaddr.parse(cidr);
      return [address, address.kind() === "ipv4" ? 32 : 128] as Range;
    });
  }

  get size(): number {
    return this.ranges.length;
  }

  /** undefined when `text` is not an IP address (CloudTrail writes service names such as `AWS Internal`). */
  contains(text: string): boolean | undefined {
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached;
    if (!isIpAddress(text)) return undefined;
    let address = ipaddr.parse(text);
    if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress())
      address = (address as ipaddr.IPv6).toIPv4Address();
    const inside = this.ranges.some(
      ([range, bits]) => range.kind() === address.kind() && address.match(range, bits),
    );
    this.cache.set(text, inside);
    return inside;
  }
}

/** True when CloudTrail's sourceIPAddress is an address rather than a service name. */
export const isIpAddress = (text: string | undefined): text is string =>
  text !== undefined && (ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text));
