// The Pulumi fixture files (written to `pulumi stack export` and `pulumi preview --json` formats) go
// through the collector and every rule: the flaws planted in them fail, the rest passes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { snapshotFromPreviewFile, snapshotFromStackExportFile } from "@itaku/collector-pulumi";
import { type AnyRule, emptySettings, evaluate, type Finding, parseRoster, type Snapshot } from "@itaku/core";
import { rules as accountsRules } from "@itaku/rules-accounts";
import { rules as adRules } from "@itaku/rules-active-directory";
import { rules as awsIamRules } from "@itaku/rules-aws-iam";
import { rules as loggingRules } from "@itaku/rules-logging";
import { rules as egressRules } from "@itaku/rules-network-egress";

const RULES: AnyRule[] = [...accountsRules, ...adRules, ...awsIamRules, ...loggingRules, ...egressRules];
const NOW = new Date("2026-11-20T00:00:00Z");
const FIXTURES = join(__dirname, "../packages/collector-pulumi/fixtures");
const ROSTER_PATH = join(__dirname, "../demo/roster.csv");

function findingsOf(snapshot: Snapshot, proxySecurityGroupIds: string[]): Finding[] {
  const settings = emptySettings();
  settings.confidential.subnetTags = { DataClass: "confidential" };
  settings.confidential.proxy.securityGroupIds = proxySecurityGroupIds;
  settings.confidential.proxy.logGroupNames = ["/vendor/proxy/access"];
  return evaluate({
    snapshot,
    rules: RULES,
    ruleOptions: new Map([["aws-iam-role-trust-external", { trustedAccountIds: ["999988887777"] }]]),
    now: NOW,
    roster: { ...parseRoster(readFileSync(ROSTER_PATH, "utf8"), ROSTER_PATH), reviewedAt: "2026-10-31" },
    settings,
    toolVersion: "test",
  }).findings;
}

const statusOf = (findings: Finding[], ruleId: string, name: string) =>
  findings.filter((f) => f.ruleId === ruleId && f.resource.name === name).map((f) => f.status);

describe("a `pulumi stack export` file", () => {
  const findings = findingsOf(
    snapshotFromStackExportFile(join(FIXTURES, "stack-export.json"), { now: () => NOW }),
    ["sg-0pr0xy0000000001"],
  );

  it("fails what is wrong in the deployed stack", () => {
    expect(statusOf(findings, "egress-subnet-direct-internet-route", "vendor-confidential-c")).toEqual([
      "fail",
    ]);
    expect(statusOf(findings, "egress-admin-ports-open", "vendor-bastion")).toEqual(["fail"]);
    expect(statusOf(findings, "logging-proxy-log-retention", "111122223333")).toEqual(["fail"]);
    expect(statusOf(findings, "aws-iam-admin-non-admin", "suzuki")).toEqual(["fail"]);
    expect(statusOf(findings, "aws-iam-role-trust-external", "itaku-auditor")).toEqual(["fail"]);
    expect(statusOf(findings, "accounts-shared-generic", "shared-ops")).toEqual(["fail"]);
  });

  it("passes what is right", () => {
    expect(statusOf(findings, "egress-subnet-direct-internet-route", "vendor-confidential-a")).toEqual([
      "pass",
    ]);
    expect(statusOf(findings, "egress-proxy-defined", "111122223333")).toEqual(["pass"]);
    expect(statusOf(findings, "logging-cloudtrail-retention", "vendor-access-log")).toEqual(["pass"]);
    expect(statusOf(findings, "logging-vpc-flow-logs", "vendor-main")).toEqual(["pass"]);
    expect(statusOf(findings, "aws-iam-admin-non-admin", "sato")).toEqual(["pass"]);
    expect(statusOf(findings, "aws-iam-password-policy", "111122223333")).toEqual(["pass"]);
  });

  it("says not_applicable for the rules that need live data", () => {
    expect(statusOf(findings, "aws-iam-user-mfa", "sato")).toEqual(["not_applicable"]);
    expect(statusOf(findings, "aws-iam-access-key-unused", "shared-ops")).toEqual(["not_applicable"]);
  });
});

describe("`pulumi preview --json` output, before anything exists", () => {
  const findings = findingsOf(
    snapshotFromPreviewFile(join(FIXTURES, "preview.json"), { now: () => NOW }),
    [],
  );

  it("fails the flaws of the planned resources, linked through dependencies", () => {
    expect(
      statusOf(findings, "egress-subnet-direct-internet-route", "vendor-confidential-ap-northeast-1a"),
    ).toEqual(["fail"]);
    expect(statusOf(findings, "egress-admin-ports-open", "baseline-jump-sg-3f9a1c2")).toEqual(["fail"]);
    expect(statusOf(findings, "logging-flow-logs-retention", "baseline-flow-log")).toEqual(["fail"]);
    expect(statusOf(findings, "aws-iam-admin-non-admin", "takahashi")).toEqual(["fail"]);
    expect(statusOf(findings, "aws-iam-password-policy", "111122223333")).toEqual(["fail"]);
  });

  it("passes the rest", () => {
    expect(statusOf(findings, "logging-vpc-flow-logs", "vendor-confidential")).toEqual(["pass"]);
    expect(statusOf(findings, "accounts-owner-missing", "takahashi")).toEqual(["pass"]);
  });
});
