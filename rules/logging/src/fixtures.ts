// The compliant baseline every logging rule test starts from: one account in ap-northeast-1 with a
// multi-region trail, its locked bucket (access-logged), a confidential VPC with flow logs, a firewall
// and the proxy's logs, every log group encrypted with a KMS key.
import {
  emptySettings,
  type ResourceOf,
  type ResourceType,
  type RuleSettings,
  type Snapshot,
} from "@itaku/core";
import { resourceBuilder } from "@itaku/rule-tester";
import { cisAlarms, cisMetricFilters } from "./cis-fixtures";

export const ACCOUNT = "111122223333";
export const REGION = "ap-northeast-1";
export const NOW = new Date("2026-11-20T00:00:00Z");

export const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-audit`;
export const TRAIL_BUCKET = "sample-vendor-trail-logs";
export const TRAIL_BUCKET_ARN = `arn:aws:s3:::${TRAIL_BUCKET}`;
export const DATA_BUCKET_ARN = "arn:aws:s3:::sample-vendor-confidential";
export const ACCESS_LOG_BUCKET = "sample-vendor-s3-access-logs";
export const LOG_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/logs`;
export const ACCOUNT_BLOCK = `arn:aws:s3:::account/${ACCOUNT}/public-access-block`;
export const VPC = "vpc-0conf00000000001";
export const SUBNET = "subnet-0conf0000000001";
export const FLOW_LOG = "fl-0conf000000000001";
export const FIREWALL_ARN = `arn:aws:network-firewall:${REGION}:${ACCOUNT}:firewall/egress`;

const logGroupArn = (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;
export const GROUP = {
  trail: logGroupArn("/aws/cloudtrail/org-audit"),
  flow: logGroupArn("/vendor/vpc/flow"),
  alert: logGroupArn("/vendor/firewall/alert"),
  fwFlow: logGroupArn("/vendor/firewall/flow"),
  proxy: logGroupArn("/vendor/proxy/access"),
};

const resource = resourceBuilder(ACCOUNT, REGION);

const logGroup = (arn: string, retentionInDays: number | null) =>
  resource("aws.logs.log-group", arn, arn.split(":log-group:")[1]!, {
    arn,
    name: arn.split(":log-group:")[1]!,
    retentionInDays,
    kmsKeyId: LOG_KEY,
  });

const lockedBucket = (arn: string, purposes: ResourceOf<"aws.s3.bucket">["attributes"]["purposes"]) =>
  resource(
    "aws.s3.bucket",
    arn,
    arn.slice("arn:aws:s3:::".length),
    {
      name: arn.slice("arn:aws:s3:::".length),
      arn,
      purposes,
      versioning: "Enabled",
      objectLock: { enabled: true, mode: "COMPLIANCE", days: 400 },
      lifecycleRules: [],
      publicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      },
      encryption: { algorithm: "aws:kms", kmsKeyId: LOG_KEY },
      policy: null,
      accessLogging: {
        targetBucket: ACCESS_LOG_BUCKET,
        targetPrefix: `${arn.slice("arn:aws:s3:::".length)}/`,
      },
    },
    { region: REGION },
  );

export const baseline: Snapshot = {
  schemaVersion: 1,
  collectedAt: "2026-11-19T00:00:00Z",
  origin: "live",
  sources: [{ provider: "aws", scope: ACCOUNT, regions: [REGION], gaps: [] }],
  resources: [
    resource("aws.account", ACCOUNT, ACCOUNT, { accountId: ACCOUNT }, { region: "global" }),
    resource("aws.cloudtrail.trail", TRAIL_ARN, "org-audit", {
      arn: TRAIL_ARN,
      name: "org-audit",
      homeRegion: REGION,
      multiRegion: true,
      logging: true,
      logFileValidation: true,
      kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/logs`,
      s3BucketName: TRAIL_BUCKET,
      cloudWatchLogsLogGroupArn: `${GROUP.trail}:*`,
      eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
    }),
    lockedBucket(TRAIL_BUCKET_ARN, ["cloudtrail"]),
    lockedBucket(DATA_BUCKET_ARN, ["confidential"]),
    // Read, and absent: each bucket's own block is what holds.
    resource(
      "aws.s3.account-public-access-block",
      ACCOUNT_BLOCK,
      `S3 public access block of ${ACCOUNT}`,
      { settings: null },
      { region: "global" },
    ),
    {
      ...logGroup(GROUP.trail, 400),
      attributes: { ...logGroup(GROUP.trail, 400).attributes, metricFilters: cisMetricFilters() },
    },
    ...cisAlarms(ACCOUNT, REGION),
    logGroup(GROUP.flow, 400),
    logGroup(GROUP.alert, 731),
    logGroup(GROUP.fwFlow, null),
    logGroup(GROUP.proxy, 400),
    resource("aws.ec2.vpc", VPC, "confidential", {
      vpcId: VPC,
      cidrBlocks: ["10.20.0.0/16"],
      ipv6CidrBlocks: [],
      isDefault: false,
    }),
    resource("aws.ec2.vpc", "vpc-0default000000001", "default", {
      vpcId: "vpc-0default000000001",
      cidrBlocks: ["172.31.0.0/16"],
      ipv6CidrBlocks: [],
      isDefault: true,
    }),
    resource(
      "aws.ec2.subnet",
      SUBNET,
      "confidential-a",
      { subnetId: SUBNET, vpcId: VPC, cidrBlock: "10.20.1.0/24", ipv6CidrBlocks: [] },
      { tags: { DataClass: "confidential" } },
    ),
    resource("aws.ec2.flow-log", FLOW_LOG, FLOW_LOG, {
      flowLogId: FLOW_LOG,
      resourceId: VPC,
      trafficType: "ALL",
      destinationType: "cloud-watch-logs",
      logGroupName: "/vendor/vpc/flow",
      status: "ACTIVE",
    }),
    resource("aws.network-firewall.firewall", FIREWALL_ARN, "egress", {
      arn: FIREWALL_ARN,
      name: "egress",
      vpcId: VPC,
      subnetIds: ["subnet-0fw00000000000001"],
      endpointIds: ["vpce-0fw00000000000001"],
      policyArn: `arn:aws:network-firewall:${REGION}:${ACCOUNT}:firewall-policy/egress`,
      logging: [
        { logType: "ALERT", destinationType: "CloudWatchLogs", logGroup: "/vendor/firewall/alert" },
        { logType: "FLOW", destinationType: "CloudWatchLogs", logGroup: "/vendor/firewall/flow" },
      ],
    }),
  ],
};

export const settings = (): RuleSettings => {
  const s = emptySettings();
  s.confidential.subnetTags = { DataClass: "confidential" };
  s.confidential.proxy.securityGroupIds = ["sg-0proxy000000000001"];
  s.confidential.proxy.logGroupNames = ["/vendor/proxy/access"];
  return s;
};

export const gap = (resourceType: ResourceType, operation: string, region = REGION) => ({
  source: "aws" as const,
  scope: ACCOUNT,
  region,
  resourceType,
  operation,
  code: "AccessDenied",
});

/** A resource of the draft, by type and id, for the one change a case makes. */
export { resourceIn as draftOf } from "@itaku/rule-tester";
