// Normalized AWS resources. Attributes a collector could not read are left out (never defaulted),
// so a rule sees `undefined` and answers `unknown` rather than guessing.
import { z } from "zod";
import { awsLogMetricFilter } from "./aws-monitoring";
import { attachedPolicy, inlinePolicy, isoDateTime, policyDocument } from "./common";

const nullableDate = isoDateTime.nullable();

export const awsAccount = z.object({
  accountId: z.string().regex(/^\d{12}$/),
  alias: z.string().optional(),
});

export const awsAccessKey = z.object({
  id: z.string(),
  active: z.boolean(),
  createdAt: isoDateTime,
  /** null: never used since creation (the credential report's N/A). */
  lastUsedAt: nullableDate,
  lastUsedService: z.string().optional(),
});

export const awsIamUser = z.object({
  arn: z.string(),
  userName: z.string(),
  userId: z.string().optional(),
  path: z.string().default("/"),
  createdAt: isoDateTime,
  /** From the credential report; absent when the report could not be read. */
  passwordEnabled: z.boolean().optional(),
  passwordLastUsedAt: nullableDate.optional(),
  passwordLastChangedAt: nullableDate.optional(),
  mfaActive: z.boolean().optional(),
  accessKeys: z.array(awsAccessKey).optional(),
  groups: z.array(z.string()),
  attachedPolicies: z.array(attachedPolicy),
  inlinePolicies: z.array(inlinePolicy),
  permissionsBoundaryArn: z.string().optional(),
});

export const awsIamGroup = z.object({
  arn: z.string(),
  groupName: z.string(),
  path: z.string().default("/"),
  attachedPolicies: z.array(attachedPolicy),
  inlinePolicies: z.array(inlinePolicy),
  /** User names of the members. */
  members: z.array(z.string()),
});

export const awsIamRole = z.object({
  arn: z.string(),
  roleName: z.string(),
  path: z.string().default("/"),
  createdAt: isoDateTime.optional(),
  assumeRolePolicy: policyDocument,
  attachedPolicies: z.array(attachedPolicy),
  inlinePolicies: z.array(inlinePolicy),
  lastUsedAt: nullableDate.optional(),
  serviceLinked: z.boolean(),
  permissionsBoundaryArn: z.string().optional(),
});

export const awsIamPolicy = z.object({
  arn: z.string(),
  policyName: z.string(),
  awsManaged: z.boolean(),
  defaultVersionId: z.string().optional(),
  /** The default version's document, URL-decoded. */
  document: policyDocument,
  attachmentCount: z.number().int().nonnegative().optional(),
});

/** The root user, from the credential report's `<root_account>` row. */
export const awsIamRoot = z.object({
  arn: z.string(),
  mfaActive: z.boolean(),
  /**
   * With MFA on: `virtual` when an authenticator-app device is assigned to root (ListVirtualMFADevices),
   * else `hardware` (a hardware TOTP token or a FIDO security key). Absent without MFA or when not read.
   */
  mfaDevice: z.enum(["virtual", "hardware"]).optional(),
  passwordLastUsedAt: nullableDate,
  accessKeys: z.array(awsAccessKey),
});

export const awsIamPasswordPolicy = z.object({
  /** false: the account has no password policy (NoSuchEntity), which is a fact, not a gap. */
  present: z.boolean(),
  minimumLength: z.number().int().optional(),
  requireSymbols: z.boolean().optional(),
  requireNumbers: z.boolean().optional(),
  requireUppercase: z.boolean().optional(),
  requireLowercase: z.boolean().optional(),
  /** Days until a password expires; absent: never. */
  maxAgeDays: z.number().int().optional(),
  reusePrevention: z.number().int().optional(),
  hardExpiry: z.boolean().optional(),
  allowUsersToChange: z.boolean().optional(),
});

export const awsEventSelector = z.object({
  readWriteType: z.enum(["ReadOnly", "WriteOnly", "All"]),
  includeManagementEvents: z.boolean(),
});

export const awsAdvancedEventSelector = z.object({
  name: z.string().optional(),
  fieldSelectors: z.array(
    z.object({
      field: z.string(),
      equals: z.array(z.string()).optional(),
      notEquals: z.array(z.string()).optional(),
      startsWith: z.array(z.string()).optional(),
      notStartsWith: z.array(z.string()).optional(),
      endsWith: z.array(z.string()).optional(),
      notEndsWith: z.array(z.string()).optional(),
    }),
  ),
});

export const awsCloudTrailTrail = z.object({
  arn: z.string(),
  name: z.string(),
  homeRegion: z.string(),
  multiRegion: z.boolean(),
  organizationTrail: z.boolean().optional(),
  logging: z.boolean().optional(),
  logFileValidation: z.boolean(),
  kmsKeyId: z.string().optional(),
  s3BucketName: z.string().optional(),
  /** Key prefix the trail writes under in its bucket (logs land in `<prefix>/AWSLogs/…`). */
  s3KeyPrefix: z.string().optional(),
  cloudWatchLogsLogGroupArn: z.string().optional(),
  eventSelectors: z.array(awsEventSelector).optional(),
  advancedEventSelectors: z.array(awsAdvancedEventSelector).optional(),
});

export const awsS3LifecycleRule = z.object({
  id: z.string().optional(),
  enabled: z.boolean(),
  /** Key prefix the rule is limited to; "" means the whole bucket. */
  prefix: z.string(),
  expirationDays: z.number().int().optional(),
  noncurrentExpirationDays: z.number().int().optional(),
});

/** The four settings of an S3 public access block, on a bucket or on the whole account. */
export const awsS3PublicAccessBlockSettings = z.object({
  blockPublicAcls: z.boolean(),
  ignorePublicAcls: z.boolean(),
  blockPublicPolicy: z.boolean(),
  restrictPublicBuckets: z.boolean(),
});

export const awsS3Bucket = z.object({
  name: z.string(),
  arn: z.string(),
  /** Why the collector looked at this bucket. */
  purposes: z.array(z.enum(["cloudtrail", "confidential", "flow-logs", "firewall-logs", "proxy-logs"])),
  versioning: z.enum(["Enabled", "Suspended", "Disabled"]).optional(),
  /** null: no Object Lock configuration. */
  objectLock: z
    .object({
      enabled: z.boolean(),
      mode: z.enum(["GOVERNANCE", "COMPLIANCE"]).optional(),
      days: z.number().int().optional(),
    })
    .nullable()
    .optional(),
  /** [] : no lifecycle configuration. */
  lifecycleRules: z.array(awsS3LifecycleRule).optional(),
  /** null: no public access block on the bucket. */
  publicAccessBlock: awsS3PublicAccessBlockSettings.nullable().optional(),
  /** null: no default encryption configured. */
  encryption: z.object({ algorithm: z.string(), kmsKeyId: z.string().optional() }).nullable().optional(),
  /** null: no bucket policy. */
  policy: policyDocument.nullable().optional(),
  /** Server access logging: where S3 writes the bucket's access records; null: off; absent: not read. */
  accessLogging: z.object({ targetBucket: z.string(), targetPrefix: z.string() }).nullable().optional(),
});

export const awsLogGroup = z.object({
  arn: z.string(),
  name: z.string(),
  /** null: never expire. */
  retentionInDays: z.number().int().nullable(),
  kmsKeyId: z.string().optional(),
  purposes: z.array(z.enum(["cloudtrail", "flow-logs", "firewall-logs", "proxy-logs"])).optional(),
  /** Its metric filters; absent: not read. */
  metricFilters: z.array(awsLogMetricFilter).optional(),
});

export const awsVpc = z.object({
  vpcId: z.string(),
  cidrBlocks: z.array(z.string()),
  ipv6CidrBlocks: z.array(z.string()).default([]),
  isDefault: z.boolean(),
});

export const awsSubnet = z.object({
  subnetId: z.string(),
  vpcId: z.string(),
  cidrBlock: z.string().optional(),
  ipv6CidrBlocks: z.array(z.string()).default([]),
  availabilityZone: z.string().optional(),
  mapPublicIpOnLaunch: z.boolean().optional(),
});

export const awsRouteTarget = z.object({
  type: z.enum([
    "local",
    "internet-gateway",
    "nat-gateway",
    "egress-only-internet-gateway",
    "vpc-endpoint",
    "network-interface",
    "instance",
    "transit-gateway",
    "vpc-peering",
    "virtual-private-gateway",
    "carrier-gateway",
    "local-gateway",
    "core-network",
    "unknown",
  ]),
  id: z.string(),
});

export const awsRoute = z.object({
  /** IPv4 or IPv6 CIDR, or a prefix list id. */
  destination: z.string(),
  target: awsRouteTarget,
  state: z.enum(["active", "blackhole"]).default("active"),
});

export const awsRouteTable = z.object({
  routeTableId: z.string(),
  vpcId: z.string(),
  /** The VPC's main table: used by every subnet without an explicit association. */
  main: z.boolean(),
  subnetIds: z.array(z.string()),
  routes: z.array(awsRoute),
});

export const awsSecurityGroupRule = z.object({
  /** "-1" means all protocols. */
  protocol: z.string(),
  fromPort: z.number().int().optional(),
  toPort: z.number().int().optional(),
  ipv4Ranges: z.array(z.string()).default([]),
  ipv6Ranges: z.array(z.string()).default([]),
  prefixListIds: z.array(z.string()).default([]),
  securityGroupIds: z.array(z.string()).default([]),
  description: z.string().optional(),
});

export const awsSecurityGroup = z.object({
  groupId: z.string(),
  groupName: z.string(),
  vpcId: z.string().optional(),
  description: z.string().optional(),
  ingress: z.array(awsSecurityGroupRule),
  egress: z.array(awsSecurityGroupRule),
});

export const awsNetworkInterface = z.object({
  networkInterfaceId: z.string(),
  subnetId: z.string(),
  vpcId: z.string(),
  securityGroupIds: z.array(z.string()),
  instanceId: z.string().optional(),
  privateIpAddress: z.string().optional(),
  interfaceType: z.string().optional(),
  description: z.string().optional(),
});

export const awsFlowLog = z.object({
  flowLogId: z.string(),
  /** The VPC, subnet or interface it watches. */
  resourceId: z.string(),
  trafficType: z.enum(["ACCEPT", "REJECT", "ALL"]),
  destinationType: z.enum(["cloud-watch-logs", "s3", "kinesis-data-firehose"]),
  logGroupName: z.string().optional(),
  destinationArn: z.string().optional(),
  status: z.string().optional(),
});

export const awsInternetGateway = z.object({
  internetGatewayId: z.string(),
  attachedVpcIds: z.array(z.string()),
});

export const awsEgressOnlyInternetGateway = z.object({
  egressOnlyInternetGatewayId: z.string(),
  attachedVpcIds: z.array(z.string()),
});

export const awsNatGateway = z.object({
  natGatewayId: z.string(),
  vpcId: z.string(),
  subnetId: z.string(),
  state: z.string().optional(),
  connectivityType: z.enum(["public", "private"]).default("public"),
});

export const awsVpcEndpoint = z.object({
  vpcEndpointId: z.string(),
  vpcId: z.string(),
  serviceName: z.string(),
  endpointType: z.enum(["Gateway", "Interface", "GatewayLoadBalancer", "Resource", "ServiceNetwork"]),
  routeTableIds: z.array(z.string()).default([]),
  subnetIds: z.array(z.string()).default([]),
  securityGroupIds: z.array(z.string()).default([]),
  prefixListId: z.string().optional(),
});

export const awsFirewallLogDestination = z.object({
  logType: z.enum(["ALERT", "FLOW", "TLS"]),
  destinationType: z.enum(["CloudWatchLogs", "S3", "KinesisDataFirehose"]),
  logGroup: z.string().optional(),
  bucketName: z.string().optional(),
  /** Key prefix of an S3 destination (logs land in `<prefix>/AWSLogs/…`). */
  s3Prefix: z.string().optional(),
  deliveryStream: z.string().optional(),
});

export const awsNetworkFirewall = z.object({
  arn: z.string(),
  name: z.string(),
  vpcId: z.string(),
  subnetIds: z.array(z.string()),
  /** VPC endpoint ids of the firewall, one per availability zone; route targets point at these. */
  endpointIds: z.array(z.string()).default([]),
  policyArn: z.string(),
  policy: z
    .object({
      statelessDefaultActions: z.array(z.string()),
      statefulRuleGroupArns: z.array(z.string()),
      statefulDefaultActions: z.array(z.string()).default([]),
    })
    .optional(),
  /** [] : logging configured with no destinations; absent: not readable. */
  logging: z.array(awsFirewallLogDestination).optional(),
});
