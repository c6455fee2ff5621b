import { cidrWithin, isAnywhere, isPrivateCidr, parseCidr } from "./cidr";

describe("cidr", () => {
  it("parses IPv4 and IPv6", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual({ version: 4, base: 10n << 24n, prefix: 8 });
    expect(parseCidr("::/0")?.prefix).toBe(0);
    expect(parseCidr("2001:db8::/32")?.version).toBe(6);
    expect(parseCidr("300.1.1.1/8")).toBeUndefined();
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
    expect(parseCidr("1::2::3/64")).toBeUndefined();
  });
  it("tells containment", () => {
    expect(cidrWithin("10.20.1.0/24", "10.20.0.0/16")).toBe(true);
    expect(cidrWithin("10.0.0.0/8", "10.20.0.0/16")).toBe(false);
    expect(cidrWithin("fd00:1::/64", "fc00::/7")).toBe(true);
    expect(cidrWithin("10.0.0.0/8", "fc00::/7")).toBe(false);
  });
  it("knows private from the internet", () => {
    expect(isPrivateCidr("172.20.0.0/16")).toBe(true);
    expect(isPrivateCidr("172.32.0.0/16")).toBe(false);
    expect(isPrivateCidr("0.0.0.0/0")).toBe(false);
    expect(isAnywhere("0.0.0.0/0")).toBe(true);
    expect(isAnywhere("::/0")).toBe(true);
    expect(isAnywhere("10.0.0.0/8")).toBe(false);
  });
});
