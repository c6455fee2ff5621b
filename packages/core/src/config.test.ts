import { z } from "zod";
import { parseConfig } from "./config";
import { InputError } from "./errors";
import { defineRule } from "./rule";

const rule = defineRule({
  id: "aws-iam-user-console-stale",
  title: { en: "t", ja: "t" },
  description: { en: "d", ja: "d" },
  severity: "high",
  controls: [],
  resourceTypes: ["aws.iam.user"],
  appliesTo: ["live"],
  options: z.object({ maxDaysUnused: z.number().int().positive().default(90) }).strict(),
  messages: { unused: "unused" },
  remediation: { summary: "s" },
  check() {},
});

const errorOf = (text: string): InputError => {
  try {
    parseConfig(text, "/work/itaku.yaml", [rule]);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
};

describe("parseConfig", () => {
  it("reads options, disabled rules, waivers, attestations; resolves paths beside the file", () => {
    const config = parseConfig(
      [
        "roster: ./people/roster.csv",
        "rules:",
        "  aws-iam-user-console-stale: { maxDaysUnused: 30 }",
        "waivers:",
        "  - { rule: aws-iam-user-console-stale, resource: bob, reason: r, approvedBy: 甲, expires: 2027-03-31 }",
        "attestations:",
        "  - { control: NIC-1-3, status: implemented, by: 山田, at: 2026-11-01 }",
      ].join("\n"),
      "/work/conf/itaku.yaml",
      [rule],
    );
    expect(config.roster).toEqual({ path: "/work/conf/people/roster.csv" });
    expect(config.ruleOptions.get("aws-iam-user-console-stale")).toEqual({ maxDaysUnused: 30 });
    expect(config.waivers[0]!.expires).toBe("2027-03-31");
    expect(config.attestations[0]!.at).toBe("2026-11-01");
  });

  it("names the line and column of malformed YAML", () => {
    expect(errorOf("rules:\n  a: [1, 2\nb: 3\n").message).toMatch(
      /^\/work\/itaku\.yaml:\d+:\d+: invalid YAML/,
    );
  });

  it("names an unknown rule id at its line, suggesting the nearest", () => {
    const error = errorOf("# c\nrules:\n  aws-iam-user-console-stal: off\n");
    expect(error.place).toBe("3:3");
    expect(error.detail).toMatch(/unknown rule id \(did you mean "aws-iam-user-console-stale"\?\)/);
  });

  it("names an invalid option at its line", () => {
    const error = errorOf("rules:\n  aws-iam-user-console-stale:\n    maxDaysUnused: -4\n");
    expect(error.place).toBe("3:5");
    expect(error.detail).toMatch(/^rules\.aws-iam-user-console-stale\.maxDaysUnused: /);
  });

  it("rejects a waiver without an approver or an expiry", () => {
    const missingApprover = errorOf(
      "waivers:\n  - { rule: aws-iam-user-console-stale, resource: x, reason: r, expires: 2027-01-01 }\n",
    );
    expect(missingApprover.detail).toBe("waivers[0].approvedBy: is required");
    const missingExpiry = errorOf(
      "waivers:\n  - { rule: aws-iam-user-console-stale, resource: x, reason: r, approvedBy: a }\n",
    );
    expect(missingExpiry.detail).toBe("waivers[0].expires: is required");
    expect(
      errorOf(
        "waivers:\n  - { rule: aws-iam-user-console-stale, resource: x, reason: r, approvedBy: a, expires: 2027-02-30 }\n",
      ).detail,
    ).toMatch(/expires: expected a date/);
  });

  it("rejects unknown keys and bad AWS settings", () => {
    expect(errorOf("awss: {}\n").detail).toBe('(top level): unknown key "awss"');
    expect(errorOf("aws:\n  roleArn: arn:aws:iam::12:role/x\n").place).toBe("2:3");
  });

  it("reads the monthly report's header with its defaults and rejects an unknown time zone", () => {
    const config = parseConfig(
      "report:\n  client: 甲社\n  vendor: 乙社\n  contract: NDA 2026-04\n",
      "/work/itaku.yaml",
      [rule],
    );
    expect(config.report).toEqual({
      client: "甲社",
      vendor: "乙社",
      contract: "NDA 2026-04",
      lang: "ja",
      timeZone: "Asia/Tokyo",
      japaneseEra: false,
    });
    const badZone = errorOf("report:\n  client: a\n  vendor: b\n  contract: c\n  timeZone: Mars/Olympus\n");
    expect(badZone.place).toBe("5:3");
    expect(badZone.detail).toMatch(/^report\.timeZone: expected an IANA time zone/);
    expect(errorOf("report:\n  client: a\n  vendor: b\n  contract: c\n  lang: fr\n").place).toBe("5:3");
  });
});
