import { cidrWithin, isAnywhere, isPrivateCidr, parseCidr } from "./cidr";

const shown = (text: string) => {
  const cidr = parseCidr(text);
  return cidr && `${cidr.address.toString()}/${cidr.prefix}`;
};

describe("cidr", () => {
  it("parses IPv4 and IPv6", () => {
    expect(shown("10.1.2.3/8")).toBe("10.1.2.3/8");
    expect(shown(" 10.0.0.1 ")).toBe("10.0.0.1/32");
    expect(parseCidr("::/0")?.prefix).toBe(0);
    expect(parseCidr("2001:db8::/32")?.address.kind()).toBe("ipv6");
    expect(shown("::ffff:10.0.0.0/104")).toBe("::ffff:a00:0/104");
  });
  it.each([
    "300.1.1.1/8",
    "10.0.0.0/33",
    "1::2::3/64",
    "10.0.0.0/", // was read as /0, the whole internet
    "10.0.0.0/8/8",
    "010.0.0.0/8", // octal to ipaddr.js (8.0.0.0), decimal to a reader: neither is assumed
    "0x0a.0.0.0/8",
    "10.1/16",
    "pl-12345678",
    "",
  ])("rejects %p", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
  it("tells containment", () => {
    expect(cidrWithin("10.20.1.0/24", "10.20.0.0/16")).toBe(true);
    expect(cidrWithin("10.20.0.0/16", "10.20.0.0/16")).toBe(true);
    expect(cidrWithin("10.0.0.0/8", "10.20.0.0/16")).toBe(false);
    expect(cidrWithin("10.21.0.0/24", "10.20.0.0/16")).toBe(false);
    expect(cidrWithin("fd00:1::/64", "fc00::/7")).toBe(true);
    expect(cidrWithin("fe00::/64", "fc00::/7")).toBe(false);
    expect(cidrWithin("10.0.0.0/8", "fc00::/7")).toBe(false);
    expect(cidrWithin("::ffff:10.0.0.0/104", "10.0.0.0/8")).toBe(false);
  });
  it("knows private from the internet", () => {
    expect(isPrivateCidr("172.20.0.0/16")).toBe(true);
    expect(isPrivateCidr("172.32.0.0/16")).toBe(false);
    expect(isPrivateCidr("100.64.1.0/24")).toBe(true);
    expect(isPrivateCidr("100.128.0.0/16")).toBe(false);
    expect(isPrivateCidr("0.0.0.0/0")).toBe(false);
    expect(isPrivateCidr("203.0.113.0/24", ["203.0.113.0/24"])).toBe(true);
    expect(isAnywhere("0.0.0.0/0")).toBe(true);
    expect(isAnywhere("::/0")).toBe(true);
    expect(isAnywhere("0:0::/0")).toBe(true);
    expect(isAnywhere("10.0.0.0/8")).toBe(false);
    expect(isAnywhere("10.0.0.0/")).toBe(false);
  });
});
