// `itaku scan --aws` end to end against a real AWS API server (moto): the confidential network and
// its logs are seeded through the SDK, the built CLI runs as a child process, and the findings are
// asserted by rule and resource.
//
// moto implements Network Firewall's CreateFirewall, DescribeFirewall, ListFirewalls and
// (Describe|Update)LoggingConfiguration, but not DescribeFirewallPolicy (it answers 404 HTML). For
// that one call only, the test puts a small HTTP front in front of moto that answers
// DescribeFirewallPolicy itself with a canned policy and forwards every other request untouched.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding, Result } from "@itaku/core";
import { type AwsFront, type FrontCall, startAwsFront } from "./harness/aws-front";
import {
  FIREWALL_FLOW_GROUP,
  NETWORK_REGION,
  PROXY_LOG_GROUP,
  type SeededNetwork,
  seedNetwork,
  TRAIL_BUCKET_EXPIRING,
  TRAIL_BUCKET_LOCKED,
} from "./harness/aws-network-seed";
import { runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const ACCOUNT = "111122223333";
const DESCRIBE_POLICY_TARGET = "NetworkFirewall_20201112.DescribeFirewallPolicy";

let moto: MotoServer;
let front: AwsFront;
let frontEndpoint: string;
let seeded: SeededNetwork;
let dir: string;
let result: Result;
let stderr: string;
let exitCode: number;
const policyCalls: string[] = [];

/** Answers DescribeFirewallPolicy (which moto lacks) with a canned policy; everything else goes to moto. */
function answerFirewallPolicy(call: FrontCall) {
  if (call.target !== DESCRIBE_POLICY_TARGET) return undefined;
  const { FirewallPolicyArn: arn } = JSON.parse(call.body) as { FirewallPolicyArn: string };
  policyCalls.push(arn);
  return {
    contentType: "application/x-amz-json-1.0",
    json: {
      UpdateToken: "00000000-0000-0000-0000-000000000000",
      FirewallPolicyResponse: {
        FirewallPolicyName: "egress",
        FirewallPolicyArn: arn,
        FirewallPolicyId: "policy-0001",
      },
      FirewallPolicy: {
        StatelessDefaultActions: ["aws:forward_to_sfe"],
        StatelessFragmentDefaultActions: ["aws:forward_to_sfe"],
        StatefulRuleGroupReferences: [
          {
            ResourceArn: `arn:aws:network-firewall:${NETWORK_REGION}:${ACCOUNT}:stateful-rulegroup/domain-allow-list`,
          },
        ],
        StatefulDefaultActions: ["aws:drop_established"],
      },
    },
  };
}

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
  seeded = await seedNetwork(moto.endpoint, ACCOUNT);
  front = await startAwsFront(moto.endpoint, answerFirewallPolicy);
  frontEndpoint = front.endpoint;
  dir = mkdtempSync(join(tmpdir(), "itaku-aws-network-"));
  const config = join(dir, "itaku.yaml");
  writeFileSync(
    config,
    [
      "aws:",
      `  regions: [${NETWORK_REGION}]`,
      `  endpoint: ${frontEndpoint}`,
      "  confidential:",
      "    subnetTags: { DataClass: confidential }",
      "    bucketTags: { DataClass: confidential }",
      "    proxy:",
      `      securityGroupIds: [${seeded.proxySecurityGroupId}]`,
      "      port: 3128",
      `      logGroupNames: [${PROXY_LOG_GROUP}]`,
      "",
    ].join("\n"),
  );
  const run = await runCli(
    ["scan", "--aws", "--config", config, "--format", "json", "--now", "2026-11-20T00:00:00Z"],
    {
      env: motoClientEnv(frontEndpoint),
    },
  );
  stderr = run.stderr;
  exitCode = run.code;
  result = JSON.parse(run.stdout) as Result;
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await front?.close();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const finding = (ruleId: string, resourceId: string): Pick<Finding, "status" | "messageId"> | undefined => {
  const found = result.findings.find((f) => f.ruleId === ruleId && f.resource.id === resourceId);
  return found && { status: found.status, ...(found.messageId ? { messageId: found.messageId } : {}) };
};
const fail = (messageId: string) => ({ status: "fail", messageId });
const pass = { status: "pass" };

test("the scan runs, finds failures (exit 1) and reports no network or logging gap", () => {
  expect([exitCode, stderr.includes("Error:") ? stderr : ""]).toEqual([1, ""]);
  // moto lacks Systems Manager's instance APIs and Security Hub's standards (answered by a front in
  // aws-detection.integ.test.ts), and leaves an account never enabled out of its Inspector answer
  // (aws-inspector-logs.integ.test.ts enables it): those gaps are expected here.
  const gaps = result.sources
    .flatMap((s) => s.gaps)
    .filter((g) => !/^aws\.(iam|ssm|securityhub|config|inspector2)\./.test(g.resourceType));
  expect(gaps).toEqual([]);
  // The front answered the policy moto lacks, once for the policy both firewalls share.
  expect(policyCalls).toEqual([
    `arn:aws:network-firewall:${NETWORK_REGION}:${ACCOUNT}:firewall-policy/egress`,
  ]);
});

test("egress: the confidential subnet routed straight to the IGW fails; the one through the proxy passes", () => {
  expect(finding("egress-subnet-direct-internet-route", seeded.directSubnetId)).toEqual(fail("directRoute"));
  expect(finding("egress-subnet-direct-internet-route", seeded.proxiedSubnetId)).toEqual(pass);
  // The proxy's own subnet is not confidential.
  expect(finding("egress-subnet-direct-internet-route", seeded.proxySubnetId)?.status).toBe("not_applicable");
  expect(finding("egress-proxy-defined", ACCOUNT)).toEqual(pass);
});

test("egress: open and closed security groups", () => {
  // The subnet keeps the VPC's default network ACL, which allows all: the finding names it.
  expect(finding("egress-security-group-open-egress", seeded.openSecurityGroupId)).toEqual(
    fail("openThroughAcl"),
  );
  expect(finding("egress-security-group-open-egress", seeded.closedSecurityGroupId)).toEqual(pass);
  expect(finding("egress-security-group-open-egress", seeded.proxySecurityGroupId)?.status).toBe(
    "not_applicable",
  );
  expect(finding("egress-admin-ports-open", seeded.sshOpenSecurityGroupId)).toEqual(fail("openThroughAcl"));
  expect(finding("egress-admin-ports-open", seeded.closedSecurityGroupId)).toEqual(pass);
});

test("flow logs: ALL on the confidential VPC; kept 30 days fails, 400 passes", () => {
  expect(finding("logging-vpc-flow-logs", seeded.vpcId)).toEqual(pass);
  expect(finding("logging-flow-logs-retention", seeded.flowLogShortId)).toEqual(fail("short"));
  expect(finding("logging-flow-logs-retention", seeded.flowLogLongId)).toEqual(pass);
  expect(finding("logging-proxy-log-retention", ACCOUNT)).toEqual(pass);
});

test("CloudTrail: validation on and off; the 90-day bucket fails retention, the Object Lock 400-day bucket passes", () => {
  expect(finding("logging-cloudtrail-log-file-validation", seeded.validatedTrailArn)).toEqual(pass);
  expect(finding("logging-cloudtrail-log-file-validation", seeded.unvalidatedTrailArn)).toEqual(
    fail("disabled"),
  );
  expect(finding("logging-cloudtrail-retention", seeded.validatedTrailArn)).toEqual(pass);
  expect(finding("logging-cloudtrail-retention", seeded.unvalidatedTrailArn)).toEqual(fail("short"));
  expect(finding("logging-cloudtrail-enabled", ACCOUNT)).toEqual(pass);
  expect(finding("logging-cloudtrail-multi-region", ACCOUNT)).toEqual(pass);
  expect(finding("logging-cloudtrail-management-events", ACCOUNT)).toEqual(pass);
  expect(finding("logging-cloudtrail-trail-logging", seeded.validatedTrailArn)).toEqual(pass);
  // Seeded without a KMS key: moto's trails have none.
  expect(finding("logging-cloudtrail-kms-encryption", seeded.validatedTrailArn)).toEqual(
    fail("notEncrypted"),
  );
  // Only the trail buckets were read (no bucket is tagged confidential); each counted once.
  const buckets = result.findings
    .filter((f) => f.ruleId === "logging-bucket-public-access-blocked")
    .map((f) => [f.resource.id, f.status]);
  expect(buckets).toEqual([
    [`arn:aws:s3:::${TRAIL_BUCKET_EXPIRING}`, "fail"],
    [`arn:aws:s3:::${TRAIL_BUCKET_LOCKED}`, "pass"],
  ]);
});

test("Network Firewall: ALERT and FLOW logged passes; ALERT only fails; the 90-day FLOW group is too short", () => {
  expect(finding("logging-network-firewall-logging", seeded.loggedFirewallArn)).toEqual(pass);
  expect(finding("logging-network-firewall-logging", seeded.alertOnlyFirewallArn)).toEqual(fail("missing"));
  const retention = result.findings.find(
    (f) =>
      f.ruleId === "logging-network-firewall-log-retention" && f.resource.id === seeded.loggedFirewallArn,
  );
  expect([retention?.status, retention?.messageId, retention?.message.includes(FIREWALL_FLOW_GROUP)]).toEqual(
    ["fail", "short", true],
  );
  expect(finding("logging-network-firewall-log-retention", seeded.alertOnlyFirewallArn)).toEqual(pass);
});
