import { cidrRange } from "./cidr";
import { aclEntry } from "./fixtures";
import { actionOf, decidersFor, describeEntry, FINAL_DENY, type TrafficSlice } from "./network-acl-paths";

const inbound = (slice: Partial<TrafficSlice>): TrafficSlice => ({
  egress: false,
  protocol: "tcp",
  addresses: ["0.0.0.0/0"],
  ...slice,
});
const decided = (entries: Parameters<typeof decidersFor>[0], slice: TrafficSlice) =>
  decidersFor(entries, slice).map(describeEntry);

describe("network ACL paths", () => {
  it("reads entries in rule-number order, first match deciding, whatever order they come in", () => {
    const entries = [
      aclEntry(100, false, "-1", "allow", "0.0.0.0/0"),
      aclEntry(60, false, "6", "deny", "0.0.0.0/0", 22),
      aclEntry(50, false, "6", "allow", "203.0.113.0/24", 22),
    ];
    expect(decided(entries, inbound({ fromPort: 22, toPort: 22 }))).toEqual([
      "rule 50 allow tcp 22 from 203.0.113.0/24",
      "rule 60 deny tcp 22 from 0.0.0.0/0",
    ]);
    expect(decided(entries, inbound({ fromPort: 21, toPort: 23 }))).toEqual([
      "rule 50 allow tcp 22 from 203.0.113.0/24",
      "rule 60 deny tcp 22 from 0.0.0.0/0",
      "rule 100 allow all traffic from 0.0.0.0/0",
    ]);
  });

  it("ends with the final deny when nothing matches, and keeps directions apart", () => {
    const entries = [aclEntry(100, true, "-1", "allow", "0.0.0.0/0")];
    expect(decidersFor(entries, inbound({ fromPort: 22, toPort: 22 }))).toEqual([FINAL_DENY]);
    expect(actionOf(FINAL_DENY)).toBe("deny");
  });

  it("keeps IPv4 and IPv6 entries to their own addresses", () => {
    const entries = [aclEntry(100, false, "-1", "allow", "0.0.0.0/0")];
    expect(decidersFor(entries, inbound({ addresses: ["::/0"] }))).toEqual([FINAL_DENY]);
    expect(
      decidersFor([aclEntry(10, false, "-1", "allow", "::/0")], inbound({ addresses: ["::/0"] })),
    ).toHaveLength(1);
  });

  it("matches UDP entries only for UDP, and all-protocol slices meet every protocol an entry names", () => {
    const entries = [
      aclEntry(10, false, "17", "allow", "0.0.0.0/0", 53),
      aclEntry(20, false, "1", "allow", "0.0.0.0/0"),
    ];
    expect(decided(entries, inbound({ fromPort: 53, toPort: 53 }))).toEqual(["the final * deny"]);
    expect(decided(entries, inbound({ protocol: "-1" }))).toEqual([
      "rule 10 allow udp 53 from 0.0.0.0/0",
      "rule 20 allow icmp from 0.0.0.0/0",
      "the final * deny",
    ]);
  });

  it("leaves excluded ranges out of the slice", () => {
    const entries = [
      aclEntry(100, true, "-1", "allow", "10.0.0.0/8"),
      aclEntry(200, true, "-1", "deny", "0.0.0.0/0"),
    ];
    const slice: TrafficSlice = {
      egress: true,
      protocol: "-1",
      addresses: ["0.0.0.0/0"],
      excluding: ["10.0.0.0/8"],
    };
    expect(decided(entries, slice)).toEqual(["rule 200 deny all traffic to 0.0.0.0/0"]);
    expect(decided(entries, { ...slice, excluding: [] })).toEqual([
      "rule 100 allow all traffic to 10.0.0.0/8",
      "rule 200 deny all traffic to 0.0.0.0/0",
    ]);
  });

  it("finds an allow that only a sliver of the slice reaches", () => {
    const entries = [
      aclEntry(10, true, "6", "deny", "0.0.0.0/1", 0, 65535),
      aclEntry(20, true, "6", "deny", "128.0.0.0/2", 0, 65534),
      aclEntry(30, true, "-1", "allow", "0.0.0.0/0"),
    ];
    expect(decided(entries, { egress: true, protocol: "tcp", addresses: ["0.0.0.0/0"] })).toContain(
      "rule 30 allow all traffic to 0.0.0.0/0",
    );
    expect(
      decided(entries, {
        egress: true,
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        addresses: ["128.0.0.0/2"],
      }),
    ).toEqual(["rule 20 deny tcp 0-65534 to 128.0.0.0/2"]);
  });

  it("turns CIDRs into address ranges", () => {
    expect(cidrRange("10.0.0.0/8")).toEqual({ family: "ipv4", first: 0x0a000000n, last: 0x0affffffn });
    expect(cidrRange("10.1.2.3/8")?.first).toBe(0x0a000000n);
    expect(cidrRange("::/0")).toEqual({ family: "ipv6", first: 0n, last: (1n << 128n) - 1n });
    expect(cidrRange("pl-1234")).toBeUndefined();
  });
});
