// Which network ACL entries decide for a slice of traffic. ACLs are stateless and ordered: for each
// packet the lowest-numbered matching entry of its direction decides, and AWS's final `*` entry
// denies what nothing matched. A slice (addresses × protocol × ports) is cut into cells along every
// boundary an entry or the slice has, so each cell is decided by one entry: exact, not sampled.
import type { ResourceOf } from "@itaku/core";
import { type AddressRange, cidrRange, familySize } from "./cidr";

export type AclEntry = NonNullable<ResourceOf<"aws.ec2.network-acl">["attributes"]["entries"]>[number];

/** The `*` entry every ACL ends with; some APIs list it as rule 32767, some leave it out. */
export const FINAL_DENY = "*";
export type Decider = AclEntry | typeof FINAL_DENY;

export interface TrafficSlice {
  egress: boolean;
  /** As a security group rule writes it: "-1", "tcp", "udp", "icmp" or a protocol number. */
  protocol: string;
  /** TCP/UDP ports; absent (or -1): every port. */
  fromPort?: number;
  toPort?: number;
  /** The other end of the traffic: sources of inbound, destinations of outbound. */
  addresses: readonly string[];
  /** Addresses to leave out of the slice (internal ranges). */
  excluding?: readonly string[];
}

const PROTOCOL_NUMBERS: Record<string, string> = { all: "-1", tcp: "6", udp: "17", icmp: "1", icmpv6: "58" };
export const protocolNumber = (protocol: string): string =>
  PROTOCOL_NUMBERS[protocol.toLowerCase()] ?? protocol;

const PORTED = new Set(["6", "17"]);
/** Stands for every protocol no entry names: only all-protocol entries match it. */
const ANY_OTHER = "other";

/** The entries (and the final deny) that decide for at least one packet of the slice, in rule order. */
export function decidersFor(entries: readonly AclEntry[], slice: TrafficSlice): Decider[] {
  const ordered = entries
    .filter((e) => e.egress === slice.egress)
    .sort((a, b) => a.ruleNumber - b.ruleNumber);
  const wanted = protocolNumber(slice.protocol);
  const protocols =
    wanted === "-1"
      ? [...new Set(["6", "17", ...ordered.map((e) => protocolNumber(e.protocol)), ANY_OTHER])].filter(
          (p) => p !== "-1",
        )
      : [wanted];
  const ranges = (list: readonly string[] | undefined) =>
    (list ?? []).map(cidrRange).filter((r): r is AddressRange => r !== undefined);
  const included = ranges(slice.addresses);
  const excluded = ranges(slice.excluding);
  const deciders = new Set<Decider>();

  for (const family of ["ipv4", "ipv6"] as const) {
    const inFamily = included.filter((r) => r.family === family);
    if (inFamily.length === 0) continue;
    const out = excluded.filter((r) => r.family === family);
    const entryRanges = new Map<AclEntry, AddressRange>();
    for (const entry of ordered) {
      const range = cidrRange((family === "ipv4" ? entry.cidrBlock : entry.ipv6CidrBlock) ?? "");
      if (range?.family === family) entryRanges.set(entry, range);
    }
    const cells = cellStarts(
      [...inFamily, ...out, ...entryRanges.values()].flatMap((r) => [r.first, r.last + 1n]),
      familySize(family),
    );
    for (const address of cells) {
      const within = (r: AddressRange) => r.first <= address && address <= r.last;
      if (!inFamily.some(within) || out.some(within)) continue;
      const byAddress = ordered.filter((e) => {
        const range = entryRanges.get(e);
        return range !== undefined && within(range);
      });
      for (const protocol of protocols) {
        const byProtocol = byAddress.filter((e) => {
          const p = protocolNumber(e.protocol);
          return p === "-1" || p === protocol;
        });
        for (const port of portCells(slice, protocol, byProtocol)) {
          const decider = byProtocol.find((e) => portMatches(e, port));
          deciders.add(decider ?? FINAL_DENY);
        }
      }
    }
  }
  return [...deciders].sort((a, b) => ruleNumberOf(a) - ruleNumberOf(b));
}

export const ruleNumberOf = (decider: Decider): number =>
  decider === FINAL_DENY ? 32768 : decider.ruleNumber;
export const actionOf = (decider: Decider): "allow" | "deny" =>
  decider === FINAL_DENY ? "deny" : decider.action;

/** The starts of the cells the boundaries cut [0, size) into. */
function cellStarts<T extends bigint | number>(boundaries: T[], size: T): T[] {
  const zero = (typeof size === "bigint" ? 0n : 0) as T;
  return [...new Set([zero, ...boundaries])]
    .filter((b) => b >= zero && b < size)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const sliceRange = (slice: TrafficSlice): [number, number] =>
  slice.fromPort === undefined || slice.toPort === undefined || slice.fromPort < 0
    ? [0, 65535]
    : [slice.fromPort, slice.toPort];

/** One port per cell of the slice's port range (undefined for protocols without ports). */
function portCells(
  slice: TrafficSlice,
  protocol: string,
  entries: readonly AclEntry[],
): (number | undefined)[] {
  if (!PORTED.has(protocol)) return [undefined];
  const [from, to] = sliceRange(slice);
  const bounds = entries.flatMap((e) =>
    e.fromPort === undefined || e.toPort === undefined ? [] : [e.fromPort, e.toPort + 1],
  );
  return cellStarts([from, ...bounds], 65536).filter((p) => p >= from && p <= to);
}

/** An all-protocol entry, or one without a port range, matches every port. */
function portMatches(entry: AclEntry, port: number | undefined): boolean {
  if (port === undefined || protocolNumber(entry.protocol) === "-1") return true;
  if (entry.fromPort === undefined || entry.toPort === undefined) return true;
  return entry.fromPort <= port && port <= entry.toPort;
}

/** "rule 100 allow tcp 22 from 0.0.0.0/0", as findings name an entry. */
export function describeEntry(decider: Decider): string {
  if (decider === FINAL_DENY) return "the final * deny";
  const protocol =
    { "-1": "all traffic", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" }[
      protocolNumber(decider.protocol)
    ] ?? `protocol ${decider.protocol}`;
  const ports =
    PORTED.has(protocolNumber(decider.protocol)) &&
    decider.fromPort !== undefined &&
    decider.toPort !== undefined
      ? decider.fromPort === decider.toPort
        ? ` ${decider.fromPort}`
        : ` ${decider.fromPort}-${decider.toPort}`
      : "";
  const cidr = decider.cidrBlock ?? decider.ipv6CidrBlock;
  return `rule ${decider.ruleNumber} ${decider.action} ${protocol}${ports} ${decider.egress ? "to" : "from"} ${cidr}`;
}
