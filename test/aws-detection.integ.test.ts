// `itaku scan --aws` end to end for the detection, patching and inventory rules: EC2 instances,
// GuardDuty, Security Hub and AWS Config are seeded in moto through the SDK; the built CLI scans.
//
// moto lacks these operations, so a small front (harness/aws-front.ts) answers them with canned
// responses and forwards everything else to moto:
// - ssm:DescribeInstanceInformation, ssm:DescribeInstancePatchStates, ssm:ListInventoryEntries
//   (moto implements none of Systems Manager's instance, patch or inventory APIs);
// - securityhub:GetEnabledStandards (moto has DescribeHub but no standards);
// - config:DescribeDeliveryChannelStatus (moto raises NotImplementedError).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from "@aws-sdk/client-config-service";
import { CreateSubnetCommand, CreateVpcCommand, EC2Client, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { CreateDetectorCommand, GuardDutyClient } from "@aws-sdk/client-guardduty";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { EnableSecurityHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { requiredIamActions } from "@itaku/collector-aws";
import type { Result } from "@itaku/core";
import { type AwsFront, type FrontCall, startAwsFront } from "./harness/aws-front";
import { runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-1";
const HYBRID = "mi-0123456789abcdef0"; // an on-premises terminal registered with SSM
const FSBP = `arn:aws:securityhub:${REGION}::standards/aws-foundational-security-best-practices/v/1.0.0`;
const credentials = { accessKeyId: "AKIAITAKUSEED0000003", secretAccessKey: "seed" };

let moto: MotoServer;
let front: AwsFront;
let dir: string;
let result: Result;
let exitCode: number;
const seeded = { managed: "", unmanaged: "", outside: "" };

async function seed(endpoint: string): Promise<void> {
  const config = { endpoint, region: REGION, credentials, maxAttempts: 3 };
  const ec2 = new EC2Client(config);
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.30.0.0/16" }))).Vpc!.VpcId!;
  const subnet = async (cidr: string, tags: Record<string, string>) =>
    (
      await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: cidr,
          TagSpecifications: [
            { ResourceType: "subnet", Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
          ],
        }),
      )
    ).Subnet!.SubnetId!;
  const confidential = await subnet("10.30.1.0/24", { Name: "confidential", DataClass: "confidential" });
  const other = await subnet("10.30.9.0/24", { Name: "build" });
  const run = async (subnetId: string) =>
    (
      await ec2.send(
        new RunInstancesCommand({ ImageId: "ami-03cf127a", MinCount: 1, MaxCount: 1, SubnetId: subnetId }),
      )
    ).Instances![0]!.InstanceId!;
  seeded.managed = await run(confidential);
  seeded.unmanaged = await run(confidential);
  seeded.outside = await run(other);
  ec2.destroy();

  // GuardDuty on without S3 protection; Security Hub on; Config recording everything into a bucket.
  const guardDuty = new GuardDutyClient(config);
  await guardDuty.send(
    new CreateDetectorCommand({ Enable: true, Features: [{ Name: "S3_DATA_EVENTS", Status: "DISABLED" }] }),
  );
  guardDuty.destroy();
  const hub = new SecurityHubClient(config);
  await hub.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
  hub.destroy();
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await s3.send(
    new CreateBucketCommand({
      Bucket: "vendor-config",
      CreateBucketConfiguration: { LocationConstraint: REGION },
    }),
  );
  s3.destroy();
  const configService = new ConfigServiceClient(config);
  await configService.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: "default",
        roleARN: `arn:aws:iam::${ACCOUNT}:role/config`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      },
    }),
  );
  await configService.send(
    new PutDeliveryChannelCommand({ DeliveryChannel: { name: "default", s3BucketName: "vendor-config" } }),
  );
  await configService.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: "default" }));
  configService.destroy();
}

/** Canned answers for the operations moto lacks (see the file comment). Dates are epoch seconds. */
function answer(call: FrontCall): { json: unknown } | undefined {
  const now = Date.parse("2026-11-19T23:00:00Z") / 1000;
  switch (call.target) {
    case "AmazonSSM.DescribeInstanceInformation":
      return {
        json: {
          InstanceInformationList: [
            {
              InstanceId: seeded.managed,
              PingStatus: "Online",
              LastPingDateTime: now,
              PlatformType: "Linux",
            },
            { InstanceId: HYBRID, PingStatus: "Online", LastPingDateTime: now, PlatformType: "Windows" },
          ],
        },
      };
    case "AmazonSSM.DescribeInstancePatchStates":
      return {
        json: {
          InstancePatchStates: [
            {
              InstanceId: seeded.managed,
              PatchGroup: "confidential",
              BaselineId: "pb-0123456789abcdef0",
              MissingCount: 0,
              FailedCount: 0,
              OperationStartTime: now - 600,
              OperationEndTime: now,
              Operation: "Install",
            },
            {
              InstanceId: HYBRID,
              PatchGroup: "terminals",
              BaselineId: "pb-0123456789abcdef0",
              MissingCount: 4,
              FailedCount: 0,
              CriticalNonCompliantCount: 2,
              OperationStartTime: now - 600,
              OperationEndTime: now,
              Operation: "Scan",
            },
          ],
        },
      };
    case "AmazonSSM.ListInventoryEntries": {
      const { InstanceId } = JSON.parse(call.body) as { InstanceId: string };
      const entries =
        InstanceId === HYBRID
          ? [{ Name: "Winny", Version: "2.0b7.1" }, { Name: "7-Zip" }]
          : [{ Name: "clamav", Version: "1.0.5" }, { Name: "openssl" }];
      return { json: { TypeName: "AWS:Application", InstanceId, SchemaVersion: "1.1", Entries: entries } };
    }
    case "StarlingDoveService.DescribeDeliveryChannelStatus":
      return {
        json: {
          DeliveryChannelsStatus: [
            { name: "default", configHistoryDeliveryInfo: { lastStatus: "SUCCESS", lastAttemptTime: now } },
          ],
        },
      };
    default:
      if (call.method === "POST" && call.path.startsWith("/standards/get")) {
        return {
          json: {
            StandardsSubscriptions: [
              {
                StandardsSubscriptionArn: `arn:aws:securityhub:${REGION}:${ACCOUNT}:subscription/aws-foundational-security-best-practices/v/1.0.0`,
                StandardsArn: FSBP,
                StandardsInput: {},
                StandardsStatus: "READY",
              },
            ],
          },
        };
      }
      return undefined;
  }
}

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
  await seed(moto.endpoint);
  front = await startAwsFront(moto.endpoint, answer);
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
