// The baseline passes itaku: the vendor-baseline stack program runs under Pulumi's runtime mocks, the
// resources it registers become an iac snapshot, and every rule of every package is evaluated against
// it with the settings the stack reports. No finding may fail — and one unsafe option makes exactly
// the rule it should fail.
import { join } from "node:path";
import { type MockedResource, snapshotFromMockedResources } from "@itaku/collector-pulumi";
import {
  type AnyRule,
  emptySettings,
  evaluate,
  type Finding,
  type Roster,
  type RuleSettings,
  type Snapshot,
  snapshotSchema,
} from "@itaku/core";
import { rules as accountsRules } from "@itaku/rules-accounts";
import { rules as adRules } from "@itaku/rules-active-directory";
import { rules as awsIamRules } from "@itaku/rules-aws-iam";
import { rules as detectionRules } from "@itaku/rules-detection";
import { rules as loggingRules } from "@itaku/rules-logging";
import { rules as egressRules } from "@itaku/rules-network-egress";
import { rules as storageRules } from "@itaku/rules-storage";
import { MOCK_ACCOUNT_ID, MOCK_REGION, runUnderMocks } from "@itaku/stack-vendor-baseline/testing";

const ALL_RULES: AnyRule[] = [
  ...accountsRules,
  ...adRules,
  ...awsIamRules,
  ...detectionRules,
  ...loggingRules,
  ...egressRules,
  ...storageRules,
];
const NOW = new Date("2026-11-20T00:00:00Z");
const CLIENT_ACCOUNT = "999988887777";
/** The IaC-applicable rule an admin without enforced MFA must fail. */
const ADMIN_MFA_RULE = "aws-iam-admin-mfa-enforced";
const STACK_PROGRAM = join(__dirname, "../stacks/vendor-baseline/index.ts");

/** The vendor's roster: the people the stack config lists, briefed and reviewed recently. */
const ROSTER: Roster = {
  path: "roster.csv",
  reviewedAt: "2026-10-31",
  people: [
    {
      personId: "P001",
      name: "山田 太郎",
      role: "manager",
      awsIamUsers: ["yamada"],
      adAccounts: [],
      startDate: "2024-04-01",
      briefedAt: "2026-04-10",
      origin: "roster.csv:2",
    },
    {
      personId: "P002",
      name: "佐藤 花子",
      role: "admin",
      awsIamUsers: ["sato"],
      adAccounts: [],
      startDate: "2024-04-01",
      briefedAt: "2026-04-10",
      origin: "roster.csv:3",
    },
    {
      personId: "P003",
      name: "鈴木 一郎",
      role: "member",
      awsIamUsers: ["suzuki"],
      adAccounts: [],
      startDate: "2025-01-15",
      briefedAt: "2026-04-10",
      origin: "roster.csv:4",
    },
    {
      personId: "P006",
      name: "伊藤 直樹",
      role: "auditor",
      awsIamUsers: ["ito-audit"],
      adAccounts: [],
      startDate: "2026-01-05",
      briefedAt: "2026-01-05",
      origin: "roster.csv:5",
    },
  ],
};

const BASE_CONFIG = {
  "vendor-baseline:people": ROSTER.people.map((p) => ({
    userName: p.awsIamUsers[0],
    role: p.role,
    personId: p.personId,
  })),
  "vendor-baseline:clientAudit": { accountId: CLIENT_ACCOUNT, externalId: "itaku-audit-2026-sample" },
  "vendor-baseline:proxy": { allowedDomains: [".amazonaws.com", "github.com"] },
  "vendor-baseline:securityAlerts": { emails: ["security@vendor.example.jp"] },
};

interface StackOutputs {
  itakuConfidential: {
    subnetTags: Record<string, string>;
    proxy: { securityGroupIds: string[]; port: number; logGroupNames: string[] };
  };
  /** The rules' options matching what the stack turned on, as itaku.yaml `rules` would say. */
  itakuRules: Record<string, Record<string, unknown>>;
}

/** Runs stacks/vendor-baseline/index.ts itself (a fresh module each time) under mocks. */
async function runStack(config: Record<string, unknown> = {}) {
  const run = await runUnderMocks(
    () => {
      let exported: unknown;
      jest.isolateModules(() => {
        exported = require(STACK_PROGRAM);
      });
      return exported as StackOutputs;
    },
    { ...BASE_CONFIG, ...config },
  );
  const outputs = run.outputs as unknown as StackOutputs;
  return { ...snapshotWithout(run.resources, outputs, []), resources: run.resources };
}

/** The iac snapshot of what the program registered, less the resources of the types in `without`. */
function snapshotWithout(resources: readonly MockedResource[], outputs: StackOutputs, without: string[]) {
  const kept = resources.filter((r) => !without.includes(r.type));
  const snapshot = snapshotFromMockedResources(kept, {
    accountId: MOCK_ACCOUNT_ID,
    region: MOCK_REGION,
    now: () => NOW,
    confidential: {
      proxy: { ...emptySettings().confidential.proxy, ...outputs.itakuConfidential.proxy },
    },
  });
  return { snapshot, outputs };
}

/** The itaku.yaml settings matching what the stack reports: its subnet tags and proxy. */
function settingsFor(outputs: StackOutputs): RuleSettings {
  const settings = emptySettings();
  settings.confidential.subnetTags = outputs.itakuConfidential.subnetTags;
  settings.confidential.proxy = { ...settings.confidential.proxy, ...outputs.itakuConfidential.proxy };
  return settings;
}

function evaluateAll(snapshot: Snapshot, outputs: StackOutputs): Finding[] {
  return evaluate({
    snapshot,
    rules: ALL_RULES,
    // The client's account is the auditor role's trusted principal, and the detection rules expect
    // what the stack says it turned on, as itaku.yaml would say.
    ruleOptions: new Map(
      Object.entries({
        "aws-iam-role-trust-external": { trustedAccountIds: [CLIENT_ACCOUNT] },
        ...outputs.itakuRules,
      }).map(([id, options]) => [id, ALL_RULES.find((r) => r.id === id)!.options.parse(options)]),
    ),
    now: NOW,
    roster: ROSTER,
    settings: settingsFor(outputs),
    toolVersion: "test",
  }).findings;
}

const failing = (findings: Finding[]) =>
  findings
    .filter((f) => f.status === "fail")
    .map((f) => `${f.ruleId} ${f.resource.type} ${f.resource.name}: ${f.message}`);

describe("the vendor baseline passes itaku", () => {
  let baseline: { snapshot: Snapshot; findings: Finding[] };

  beforeAll(async () => {
    const { snapshot, outputs } = await runStack();
    baseline = { snapshot, findings: evaluateAll(snapshot, outputs) };
  });

  it("produces a valid iac snapshot of what the program registers", () => {
    expect(snapshotSchema.safeParse(baseline.snapshot).success).toBe(true);
    expect(baseline.snapshot.origin).toBe("iac");
    expect(baseline.snapshot.sources[0]!.gaps).toEqual([]);
  });

  it("has zero failing findings across every rule package", () => {
    if (process.env.ITAKU_DEBUG) {
      for (const f of baseline.findings)
        if (f.status !== "pass") console.log(f.status, f.ruleId, f.resource.name, f.message);
    }
    expect(failing(baseline.findings)).toEqual([]);
  });

  it("is not vacuous: the rules that apply to code pass on real resources", () => {
    const passed = new Set(baseline.findings.filter((f) => f.status === "pass").map((f) => f.ruleId));
    for (const rule of [
      "egress-subnet-direct-internet-route",
      "egress-proxy-defined",
      "egress-admin-ports-open",
      "egress-subnet-s3-gateway-endpoint",
      "logging-cloudtrail-enabled",
      "logging-cloudtrail-multi-region",
      "logging-cloudtrail-log-file-validation",
      "logging-cloudtrail-kms-encryption",
      "logging-cloudtrail-retention",
      "logging-vpc-flow-logs",
      "logging-flow-logs-retention",
      "logging-proxy-log-retention",
      "aws-iam-password-policy",
      "aws-iam-role-trust-external",
      "aws-iam-admin-non-admin",
      "accounts-owner-missing",
      "logging-bucket-public-access-blocked",
      "storage-s3-account-public-access-block",
      "storage-ebs-encryption-by-default",
      "detection-guardduty-enabled",
      "detection-security-hub-standards",
      "detection-config-recorder",
      "logging-cis-metric-alarms",
      "logging-cloudtrail-bucket-access-logging",
      "logging-log-group-kms-encryption",
      "detection-inspector2-enabled",
    ]) {
      expect([rule, passed.has(rule)]).toEqual([rule, true]);
    }
    const applicable = baseline.findings.filter((f) => f.status !== "not_applicable");
    expect(applicable.length).toBeGreaterThan(50);
  });
});

describe("the confidential subnets' network ACL", () => {
  // SSH from anywhere on the endpoints' group, whose interfaces sit in the confidential subnets: the
  // ACL stops it, so the path stays closed; without the ACL (AWS's default allows all) it is open.
  const sshOpenOnEndpoints = (snapshot: Snapshot, withAcl: boolean) => {
    const draft = structuredClone(snapshot);
    if (!withAcl) draft.resources = draft.resources.filter((r) => r.type !== "aws.ec2.network-acl");
    const group = draft.resources.find(
      (r) => r.type === "aws.ec2.security-group" && r.name.endsWith("-endpoint-sg"),
    );
    if (group?.type !== "aws.ec2.security-group") throw new Error("no endpoints security group");
    group.attributes.ingress.push({
      protocol: "tcp",
      fromPort: 22,
      toPort: 22,
      ipv4Ranges: ["0.0.0.0/0"],
      ipv6Ranges: [],
      prefixListIds: [],
      securityGroupIds: [],
    });
    const adminRule = ALL_RULES.find((r) => r.id === "egress-admin-ports-open")!;
    const findings = evaluate({
      snapshot: draft,
      rules: [adminRule],
      ruleOptions: new Map([[adminRule.id, adminRule.options.parse({})]]),
      now: NOW,
      roster: null,
      settings: emptySettings(),
      toolVersion: "test",
    }).findings;
    return findings.find((f) => f.resource.id === group.id);
  };

  it("is mapped on the confidential subnets and stops SSH from the internet", async () => {
    const { snapshot } = await runStack();
    const acls = snapshot.resources.filter((r) => r.type === "aws.ec2.network-acl");
    expect(
      acls.map((a) => [a.name, a.type === "aws.ec2.network-acl" && a.attributes.subnetIds.length]),
    ).toEqual([["vendor-confidential", 2]]);
    expect(sshOpenOnEndpoints(snapshot, true)?.status).toBe("pass");
    expect(sshOpenOnEndpoints(snapshot, false)).toMatchObject({
      status: "fail",
      messageId: "openToInternet",
    });
  });
});

describe("one unsafe option makes exactly the expected rule fail", () => {
  const failingRules = (findings: Finding[]) =>
    [...new Set(findings.filter((f) => f.status === "fail").map((f) => f.ruleId))].sort();

  it("a direct internet route from the confidential subnets", async () => {
    const { snapshot, outputs } = await runStack({ "vendor-baseline:allowDirectInternetRoute": true });
    const findings = evaluateAll(snapshot, outputs);
    expect(failingRules(findings)).toEqual(["egress-subnet-direct-internet-route"]);
    const subnets = findings
      .filter((f) => f.status === "fail")
      .map((f) => f.resource.name)
      .sort();
    expect(subnets).toEqual(["vendor-confidential-ap-northeast-1a", "vendor-confidential-ap-northeast-1c"]);
  });

  it("30-day log retention", async () => {
    const { snapshot, outputs } = await runStack({
      "vendor-baseline:logRetentionDays": 30,
      "vendor-baseline:allowShortRetention": true,
    });
    const findings = evaluateAll(snapshot, outputs);
    // One setting keeps all three logs: the access log (trail), the flow logs and the proxy log.
    expect(failingRules(findings)).toEqual([
      "logging-cloudtrail-retention",
      "logging-flow-logs-retention",
      "logging-proxy-log-retention",
    ]);
  });

  // An admin group without MFA is visible in code only to a rule that reads the groups' MFA-enforcing
  // Deny statements (aws-iam-user-mfa needs live data).
  it(`an admin group without MFA (${ADMIN_MFA_RULE})`, async () => {
    const { snapshot, outputs } = await runStack({ "vendor-baseline:adminMfaOptional": true });
    const findings = evaluateAll(snapshot, outputs);
    expect(failingRules(findings)).toEqual([ADMIN_MFA_RULE]);
    expect(findings.filter((f) => f.status === "fail").map((f) => f.resource.name)).toEqual(["sato"]);
  });

  it("refuses 30-day retention without its flag", async () => {
    await expect(runStack({ "vendor-baseline:logRetentionDays": 30 })).rejects.toThrow(/allowShortRetention/);
  });
});

// The detection services and alarms pass on the stack; each rule also fails on it when the one
// resource that makes its service work is missing — the passes are earned, not vacuous.
describe("leaving out one service's key resource makes exactly its rule fail", () => {
  const failingRules = (findings: Finding[]) =>
    [...new Set(findings.filter((f) => f.status === "fail").map((f) => f.ruleId))].sort();

  let run: Awaited<ReturnType<typeof runStack>>;
  beforeAll(async () => {
    run = await runStack();
  });

  it.each([
    ["aws:sns/topicSubscription:TopicSubscription", "logging-cis-metric-alarms"],
    ["aws:cloudwatch/logMetricFilter:LogMetricFilter", "logging-cis-metric-alarms"],
    ["aws:cfg/recorderStatus:RecorderStatus", "detection-config-recorder"],
    ["aws:cfg/deliveryChannel:DeliveryChannel", "detection-config-recorder"],
    ["aws:guardduty/detectorFeature:DetectorFeature", "detection-guardduty-enabled"],
    ["aws:securityhub/standardsSubscription:StandardsSubscription", "detection-security-hub-standards"],
  ])("without %s: %s", (type, rule) => {
    const { snapshot, outputs } = snapshotWithout(run.resources, run.outputs, [type]);
    expect(failingRules(evaluateAll(snapshot, outputs))).toEqual([rule]);
  });
});
