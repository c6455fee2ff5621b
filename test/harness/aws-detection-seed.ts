// Seeds what the detection, patching and inventory collectors read — EC2 instances in a confidential
// and an ordinary subnet, GuardDuty, Security Hub, AWS Config — into moto through the SDK, and answers
// the calls moto lacks (used with harness/aws-front.ts):
// - ssm:DescribeInstanceInformation, ssm:DescribeInstancePatchStates, ssm:ListInventoryEntries
//   (moto implements none of Systems Manager's instance, patch or inventory APIs);
// - securityhub:GetEnabledStandards (moto has DescribeHub but no standards);
// - config:DescribeDeliveryChannelStatus (moto raises NotImplementedError).
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from "@aws-sdk/client-config-service";
import { CreateSubnetCommand, CreateVpcCommand, EC2Client, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { CreateDetectorCommand, GuardDutyClient } from "@aws-sdk/client-guardduty";
import { type BucketLocationConstraint, CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { EnableSecurityHubCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import type { FrontAnswer, FrontCall } from "./aws-front";

/** An on-premises terminal registered with SSM (a hybrid managed instance). */
export const HYBRID = "mi-0123456789abcdef0";
const credentials = { accessKeyId: "AKIAITAKUSEED0000003", secretAccessKey: "seed" };

export interface SeededDetection {
  region: string;
  /** SSM-managed instance in the confidential subnet. */
  managed: string;
  /** Instance in the confidential subnet no agent reports from. */
  unmanaged: string;
  /** Instance in an ordinary subnet. */
  outside: string;
}

/** GuardDuty on without S3 protection; Security Hub on; Config recording everything into a bucket. */
export async function seedDetection(
  endpoint: string,
  accountId: string,
  region: string,
): Promise<SeededDetection> {
  const config = { endpoint, region: region, credentials, maxAttempts: 3 };
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
  const seeded: SeededDetection = {
    region,
    managed: await run(confidential),
    unmanaged: await run(confidential),
    outside: await run(other),
  };
  ec2.destroy();

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
      CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint },
    }),
  );
  s3.destroy();
  const configService = new ConfigServiceClient(config);
  await configService.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: "default",
        roleARN: `arn:aws:iam::${accountId}:role/config`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      },
    }),
  );
  await configService.send(
    new PutDeliveryChannelCommand({ DeliveryChannel: { name: "default", s3BucketName: "vendor-config" } }),
  );
  await configService.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: "default" }));
  configService.destroy();
  return seeded;
}

/** Canned answers for the operations moto lacks (see the file comment). Dates are epoch seconds. */
export function detectionAnswers(seeded: SeededDetection, accountId: string): FrontAnswer {
  const { region } = seeded;
  return (call: FrontCall) => {
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
                  StandardsSubscriptionArn: `arn:aws:securityhub:${region}:${accountId}:subscription/aws-foundational-security-best-practices/v/1.0.0`,
                  StandardsArn: `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
                  StandardsInput: {},
                  StandardsStatus: "READY",
                },
              ],
            },
          };
        }
        return undefined;
    }
  };
}
