import { type AdConfig, adConfigSchema, InputError, SourceUnavailableError } from "@itaku/core";
import { InvalidCredentialsError, StrongAuthRequiredError } from "ldapts";
import { endpointOf, unavailable } from "./connect";

const config = (overrides: Partial<AdConfig> = {}): AdConfig =>
  adConfigSchema.parse({
    url: "ldaps://dc1.corp.example:636",
    baseDN: "DC=corp,DC=example",
    bindDN: "CN=reader,CN=Users,DC=corp,DC=example",
    caFile: "/etc/itaku/ca.pem",
    ...overrides,
  });

describe("endpointOf", () => {
  it("accepts LDAPS, and ldap:// with StartTLS or an explicit opt-in to plain LDAP", () => {
    expect(endpointOf(config(), "itaku.yaml")).toEqual({
      url: "ldaps://dc1.corp.example:636",
      host: "dc1.corp.example",
      secure: true,
    });
    expect(endpointOf(config({ url: "ldap://[::1]:389", startTls: true }), "f").host).toBe("::1");
    expect(endpointOf(config({ url: "ldap://dc1", allowPlainLdap: true }), "f").secure).toBe(false);
  });
  it.each([
    [{ url: "ldap://dc1" }, /ad\.url: ldap:\/\/ without TLS/],
    [{ url: "ldaps://dc1", startTls: true }, /ad\.startTls: startTls applies to ldap:\/\//],
    [{ url: "http://dc1" }, /must start with ldaps:\/\//],
  ])("rejects %j as an input error naming the file and key", (overrides, message) => {
    const attempt = () => endpointOf({ ...config(), ...overrides }, "/etc/itaku.yaml");
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(message);
  });
});

describe("unavailable", () => {
  const endpoint = endpointOf(config(), "itaku.yaml");
  const errno = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
  it.each([
    [errno("ECONNREFUSED"), /cannot reach ldaps:\/\/dc1\.corp\.example:636: connection refused/],
    [errno("ENOTFOUND"), /host name not found/],
    [new Error("Connection timeout"), /no answer within 30 s/],
    [
      errno("SELF_SIGNED_CERT_IN_CHAIN"),
      /not trusted by the CA file \/etc\/itaku\/ca\.pem \(SELF_SIGNED_CERT_IN_CHAIN\)/,
    ],
    [errno("ERR_TLS_CERT_ALTNAME_INVALID"), /not valid for "dc1\.corp\.example" \(set ad\.serverName/],
    [errno("CERT_HAS_EXPIRED"), /outside its validity period/],
    [
      new InvalidCredentialsError("80090308: LdapErr"),
      /rejected by .*invalid credentials \(check ad\.bindDN and the password in ITAKU_AD_PASSWORD\)/,
    ],
    [
      new StrongAuthRequiredError("BindSimple: Transport encryption required."),
      /refuses a simple bind without TLS/,
    ],
  ])("maps %s to one line", (error, message) => {
    const mapped = unavailable(error, config(), endpoint);
    expect(mapped).toBeInstanceOf(SourceUnavailableError);
    expect(mapped.message).toMatch(message);
    expect(mapped.message.split("\n")).toHaveLength(1);
  });
});
