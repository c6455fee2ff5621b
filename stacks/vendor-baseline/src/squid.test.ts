import { squidConfig, squidUserData, validateSquidSettings } from "./squid";

const SETTINGS = {
  allowedDomains: [".amazonaws.com", "github.com"],
  port: 3128,
  clientCidrs: ["10.80.0.0/16"],
  logGroupName: "/vendor/proxy/access",
};

describe("squid", () => {
  it("allows the listed domains to the VPC's clients and denies everything else", () => {
    const config = squidConfig(SETTINGS);
    expect(config).toContain("http_port 3128");
    expect(config).toContain("acl clients src 10.80.0.0/16");
    expect(config).toContain("acl allowed_domains dstdomain .amazonaws.com github.com");
    const access = config.split("\n").filter((l) => l.startsWith("http_access"));
    expect(access[access.length - 1]).toBe("http_access deny all");
    expect(access).toContain("http_access allow clients allowed_domains");
  });

  it("ships the access log with the CloudWatch agent", () => {
    const script = squidUserData(SETTINGS);
    expect(script.startsWith("#!/bin/bash\n")).toBe(true);
    expect(script).toContain('"file_path": "/var/log/squid/access.log"');
    expect(script).toContain('"log_group_name": "/vendor/proxy/access"');
  });

  it("refuses values that could break out of the config or the script", () => {
    expect(() => validateSquidSettings({ ...SETTINGS, allowedDomains: [] })).toThrow(/empty/);
    expect(() =>
      validateSquidSettings({ ...SETTINGS, allowedDomains: ["evil.com\nhttp_access allow all"] }),
    ).toThrow(/not a domain/);
    expect(() => validateSquidSettings({ ...SETTINGS, allowedDomains: ["a.com; rm -rf /"] })).toThrow(
      /not a domain/,
    );
    expect(() => validateSquidSettings({ ...SETTINGS, port: 70000 })).toThrow(/port/);
    expect(() => validateSquidSettings({ ...SETTINGS, logGroupName: "x'; reboot" })).toThrow(/log group/);
  });
});
