import {
  decodeUserAccountControl,
  dnsNameFromDn,
  fileTimeToIso,
  generalizedTimeToIso,
  intervalTo,
  ridOf,
  sidToString,
  single,
  values,
} from "./normalize";

describe("attribute values", () => {
  const entry = { dn: "CN=x", one: "a", many: ["a", "b"], empty: [], Buf: Buffer.from("é") };
  it("reads one value or several, case-insensitively", () => {
    expect(values(entry, "one")).toEqual(["a"]);
    expect(values(entry, "MANY")).toEqual(["a", "b"]);
    expect(values(entry, "empty")).toEqual([]);
    expect(values(entry, "absent")).toEqual([]);
    expect(single(entry, "many")).toBe("a");
    expect(single(entry, "buf")).toBe("é");
    expect(single(entry, "empty")).toBeUndefined();
  });
});

describe("objectSid", () => {
  it("decodes a domain account SID and its RID", () => {
    const sid = Buffer.from("010500000000000515000000262" + "3a0332411d2db8750937554040000", "hex");
    expect(sidToString(sid)).toBe("S-1-5-21-866132774-3687977252-1972588679-1108");
    expect(ridOf("S-1-5-21-866132774-3687977252-1972588679-1108")).toBe(1108);
  });
  it("decodes a BUILTIN SID", () => {
    expect(sidToString(Buffer.from("01020000000000052000000020020000", "hex"))).toBe("S-1-5-32-544");
  });
  it("rejects a truncated SID", () => {
    expect(() => sidToString(Buffer.from("0105000000000005", "hex"))).toThrow(/truncated/);
  });
});

describe("times", () => {
  it("turns FILETIME into ISO; 0 and the maximum mean never", () => {
    expect(fileTimeToIso("134397889617984080")).toBe("2026-11-22T02:42:41.798Z");
    expect(fileTimeToIso("116444736000000000")).toBe("1970-01-01T00:00:00.000Z");
    expect(fileTimeToIso("0")).toBeNull();
    expect(fileTimeToIso("9223372036854775807")).toBeNull();
    expect(fileTimeToIso(undefined)).toBeUndefined();
    expect(fileTimeToIso("garbage")).toBeUndefined();
  });
  it("turns generalized time into ISO, with fractions and offsets", () => {
    expect(generalizedTimeToIso("20261122024151.0Z")).toBe("2026-11-22T02:41:51.000Z");
    expect(generalizedTimeToIso("20261122024151Z")).toBe("2026-11-22T02:41:51.000Z");
    expect(generalizedTimeToIso("20261122114151.5+0900")).toBe("2026-11-22T02:41:51.500Z");
    expect(generalizedTimeToIso("2026112202Z")).toBe("2026-11-22T02:00:00.000Z");
    expect(generalizedTimeToIso("yesterday")).toBeUndefined();
  });
  it("turns negative intervals into days and minutes; the extremes mean never", () => {
    expect(intervalTo("-36288000000000", "days", { zeroIsNever: true })).toBe(42);
    expect(intervalTo("-9223372036854775808", "days", { zeroIsNever: true })).toBeNull();
    expect(intervalTo("0", "days", { zeroIsNever: true })).toBeNull();
    expect(intervalTo("0", "days", { zeroIsNever: false })).toBe(0);
    expect(intervalTo("-18000000000", "minutes", { zeroIsNever: true })).toBe(30);
    expect(intervalTo(undefined, "minutes", { zeroIsNever: true })).toBeUndefined();
  });
});

describe("userAccountControl", () => {
  it("decodes the flags the rules read", () => {
    expect(decodeUserAccountControl(0x200)).toMatchObject({ disabled: false, passwordNeverExpires: false });
    expect(decodeUserAccountControl(66082)).toMatchObject({
      disabled: true,
      passwordNotRequired: true,
      passwordNeverExpires: true,
    });
    expect(decodeUserAccountControl(0x200 | 0x80 | 0x80000 | 0x200000 | 0x400000 | 0x1000000)).toMatchObject({
      reversibleEncryption: true,
      trustedForDelegation: true,
      useDesKeyOnly: true,
      dontRequirePreauth: true,
      trustedToAuthForDelegation: true,
      smartcardRequired: false,
    });
  });
});

describe("DNs", () => {
  it("derives the DNS name from the DC components", () => {
    expect(dnsNameFromDn("OU=Staff,DC=Corp,DC=example,DC=com")).toBe("corp.example.com");
    expect(dnsNameFromDn("OU=a\\,b,DC=x,DC=y")).toBe("x.y");
  });
});
