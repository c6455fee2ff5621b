// `itaku scan --aws` end to end for the detection, patching and inventory rules: EC2 instances,
// GuardDuty, Security Hub and AWS Config are seeded in moto through the SDK; the built CLI scans
// through a front that answers the calls moto lacks (harness/aws-detection-seed.ts names them).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requiredIamActions } from "@itaku/collector-aws";
import type { Result } from "@itaku/core";
import { detectionAnswers, HYBRID, type SeededDetection, seedDetection } from "./harness/aws-detection-seed";
import { type AwsFront, startAwsFront } from "./harness/aws-front";
import { runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-1";

let moto: MotoServer;
let front: AwsFront;
let dir: string;
let result: Result;
let exitCode: number;
let seeded: SeededDetection;

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
  seeded = await seedDetection(moto.endpoint, ACCOUNT, REGION);
  front = await startAwsFront(moto.endpoint, detectionAnswers(seeded, ACCOUNT));
  dir = mkdtempSync(join(tmpdir(), "itaku-aws-detection-"));
  const config = join(dir, "itaku.yaml");
  writeFileSync(
    config,
    [
      "aws:",
      `  regions: [${REGION}]`,
      `  endpoint: ${front.endpoint}`,
      "  confidential:",
      "    subnetTags: { DataClass: confidential }",
      "",
    ].join("\n"),
  );
  const run = await runCli(
    ["scan", "--aws", "--config", config, "--format", "json", "--now", "2026-11-20T00:00:00Z", "-q"],
    { env: motoClientEnv(front.endpoint) },
  );
  exitCode = run.code;
  result = JSON.parse(run.stdout) as Result;
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await front?.close();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verdict = (ruleId: string, resourceId: string): string | undefined => {
  const found = result.findings.find((f) => f.ruleId === ruleId && f.resource.id === resourceId);
  return found && (found.messageId ? `${found.status}:${found.messageId}` : found.status);
};

test("the scan reads every detection service without a gap and sends only allowed reads", () => {
  expect(exitCode).toBe(1);
  const gaps = result.sources
    .flatMap((s) => s.gaps)
    .filter((g) => /^aws\.(ec2\.instance|ssm|guardduty|securityhub|config)/.test(g.resourceType));
  expect(gaps).toEqual([]);
  expect([...front.answered].sort()).toEqual(
    expect.arrayContaining([
      "AmazonSSM.DescribeInstanceInformation",
      "AmazonSSM.DescribeInstancePatchStates",
      "AmazonSSM.ListInventoryEntries",
      "StarlingDoveService.DescribeDeliveryChannelStatus",
    ]),
  );
  for (const action of [
    "ssm:DescribeInstanceInformation",
    "ssm:DescribeInstancePatchStates",
    "ssm:ListInventoryEntries",
    "guardduty:ListDetectors",
    "guardduty:GetDetector",
    "securityhub:DescribeHub",
    "securityhub:GetEnabledStandards",
    "config:DescribeConfigurationRecorders",
    "ec2:DescribeInstances",
  ]) {
    expect(requiredIamActions()).toContain(action);
  }
});

test("instances in the confidential subnet: the SSM-managed one passes, the other fails; outside is n/a", () => {
  expect(verdict("detection-instance-not-ssm-managed", seeded.managed)).toBe("pass");
  expect(verdict("detection-instance-not-ssm-managed", seeded.unmanaged)).toBe("fail:unmanaged");
  expect(verdict("detection-instance-not-ssm-managed", seeded.outside)).toBe("not_applicable");
});

test("patches, anti-virus and forbidden software per managed instance", () => {
  expect(verdict("detection-patch-compliance", seeded.managed)).toBe("pass");
  expect(verdict("detection-patch-compliance", HYBRID)).toBe("fail:missing");
  expect(verdict("detection-antivirus-missing", seeded.managed)).toBe("pass");
  expect(verdict("detection-antivirus-missing", HYBRID)).toBe("fail:missing");
  expect(verdict("detection-forbidden-software", seeded.managed)).toBe("pass");
  expect(verdict("detection-forbidden-software", HYBRID)).toBe("fail:installed");
});

test("GuardDuty without S3 protection fails; Security Hub with FSBP and a recording Config pass", () => {
  expect(verdict("detection-guardduty-enabled", `guardduty:${ACCOUNT}:${REGION}`)).toBe("fail:featureOff");
  expect(verdict("detection-security-hub-standards", `securityhub:${ACCOUNT}:${REGION}`)).toBe("pass");
  expect(verdict("detection-config-recorder", `config:${ACCOUNT}:${REGION}`)).toBe("pass");
});
