// The compliant baseline every detection rule test starts from: one account in ap-northeast-1 with a
// confidential subnet holding one SSM-managed, patched instance running anti-virus and nothing
// forbidden, and GuardDuty, Security Hub, AWS Config and Amazon Inspector on in the region.
import { emptySettings, type Gap, type ResourceType, type RuleSettings, type Snapshot } from "@itaku/core";
import { resourceBuilder } from "@itaku/rule-tester";

export const ACCOUNT = "111122223333";
export const REGION = "ap-northeast-1";
export const NOW = new Date("2026-11-20T00:00:00Z");

export const VPC = "vpc-0conf00000000001";
export const SUBNET = "subnet-0conf0000000001";
export const OTHER_SUBNET = "subnet-0dev00000000001";
export const INSTANCE = "i-0conf000000000001";
export const GUARDDUTY = `guardduty:${ACCOUNT}:${REGION}`;
export const SECURITY_HUB = `securityhub:${ACCOUNT}:${REGION}`;
export const CONFIG = `config:${ACCOUNT}:${REGION}`;
export const INSPECTOR = `inspector2:${ACCOUNT}:${REGION}`;
export const FSBP = `arn:aws:securityhub:${REGION}::standards/aws-foundational-security-best-practices/v/1.0.0`;

const resource = resourceBuilder(ACCOUNT, REGION);

export const baseline: Snapshot = {
  schemaVersion: 1,
  collectedAt: "2026-11-19T00:00:00Z",
  origin: "live",
  sources: [{ provider: "aws", scope: ACCOUNT, regions: [REGION], gaps: [] }],
  resources: [
    resource("aws.account", ACCOUNT, ACCOUNT, { accountId: ACCOUNT }, { region: "global" }),
    resource("aws.ec2.vpc", VPC, "confidential", {
      vpcId: VPC,
      cidrBlocks: ["10.20.0.0/16"],
      ipv6CidrBlocks: [],
      isDefault: false,
    }),
    resource(
      "aws.ec2.subnet",
      SUBNET,
      "confidential-a",
      { subnetId: SUBNET, vpcId: VPC, cidrBlock: "10.20.1.0/24", ipv6CidrBlocks: [] },
      { tags: { DataClass: "confidential" } },
    ),
    resource("aws.ec2.subnet", OTHER_SUBNET, "dev-a", {
      subnetId: OTHER_SUBNET,
      vpcId: VPC,
      cidrBlock: "10.20.9.0/24",
      ipv6CidrBlocks: [],
    }),
    resource("aws.ec2.instance", INSTANCE, "app-1", {
      instanceId: INSTANCE,
      state: "running",
      subnetId: SUBNET,
      vpcId: VPC,
      imageId: "ami-0123456789abcdef0",
    }),
    resource("aws.ssm.managed-instance", INSTANCE, "app-1", {
      instanceId: INSTANCE,
      pingStatus: "Online",
      lastPingAt: "2026-11-19T23:50:00Z",
      agentVersion: "3.3.1142.0",
      platformType: "Linux",
      platformName: "Amazon Linux",
      platformVersion: "2023",
      patchState: {
        baselineId: "pb-0123456789abcdef0",
        missingCount: 0,
        failedCount: 0,
        installedPendingRebootCount: 0,
        criticalNonCompliantCount: 0,
        securityNonCompliantCount: 0,
        operationEndAt: "2026-11-17T03:00:00Z",
        operation: "Install",
      },
      applications: [
        { name: "openssl", version: "3.0.8" },
        { name: "clamav", version: "1.0.5" },
      ],
    }),
    resource("aws.guardduty.status", GUARDDUTY, `GuardDuty ${REGION}`, {
      detectorId: "12abc34d567e8fa901bc2d34e56789f0",
      status: "ENABLED",
      features: [
        { name: "CLOUD_TRAIL", status: "ENABLED" },
        { name: "S3_DATA_EVENTS", status: "ENABLED" },
        { name: "RUNTIME_MONITORING", status: "ENABLED" },
      ],
    }),
    resource("aws.securityhub.status", SECURITY_HUB, `Security Hub ${REGION}`, {
      enabled: true,
      hubArn: `arn:aws:securityhub:${REGION}:${ACCOUNT}:hub/default`,
      standards: [{ standardsArn: FSBP, status: "READY" }],
    }),
    resource("aws.config.status", CONFIG, `AWS Config ${REGION}`, {
      recorders: [
        {
          name: "default",
          allSupported: true,
          includeGlobalResourceTypes: true,
          recording: true,
          lastStatus: "SUCCESS",
        },
      ],
      deliveryChannels: [{ name: "default", s3BucketName: "vendor-config", lastDeliveryStatus: "SUCCESS" }],
    }),
    resource("aws.inspector2.status", INSPECTOR, `Inspector ${REGION}`, {
      status: "ENABLED",
      scans: [
        { resourceType: "EC2", status: "ENABLED" },
        { resourceType: "ECR", status: "ENABLED" },
        { resourceType: "LAMBDA", status: "DISABLED" },
        { resourceType: "LAMBDA_CODE", status: "DISABLED" },
      ],
    }),
  ],
};

export const settings = (): RuleSettings => {
  const s = emptySettings();
  s.confidential.subnetTags = { DataClass: "confidential" };
  return s;
};

export const gap = (resourceType: ResourceType, operation: string, region = REGION): Gap => ({
  source: "aws",
  scope: ACCOUNT,
  region,
  resourceType,
  operation,
  code: "AccessDenied",
});

export { resourceIn as draftOf } from "@itaku/rule-tester";
