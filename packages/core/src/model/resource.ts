// The catalogue of resource types and the envelope every resource shares.
import { z } from "zod";
import * as ad from "./ad";
import * as aws from "./aws";
import * as awsAccountStorage from "./aws-account-storage";
import * as awsDetection from "./aws-detection";
import * as awsIdentityCenter from "./aws-identity-center";
import * as awsMonitoring from "./aws-monitoring";
import * as awsNetworkAcl from "./aws-network-acl";
import { tags } from "./common";
import * as itaku from "./itaku";

/** Every resource type the scanner knows, with the schema of its attributes. */
export const resourceAttributeSchemas = {
  "aws.account": aws.awsAccount,
  "aws.iam.user": aws.awsIamUser,
  "aws.iam.group": aws.awsIamGroup,
  "aws.iam.role": aws.awsIamRole,
  "aws.iam.policy": aws.awsIamPolicy,
  "aws.iam.root": aws.awsIamRoot,
  "aws.iam.password-policy": aws.awsIamPasswordPolicy,
  "aws.cloudtrail.trail": aws.awsCloudTrailTrail,
  "aws.s3.bucket": aws.awsS3Bucket,
  "aws.s3.account-public-access-block": awsAccountStorage.awsS3AccountPublicAccessBlock,
  "aws.ec2.ebs-encryption-by-default": awsAccountStorage.awsEbsEncryptionByDefault,
  "aws.logs.log-group": aws.awsLogGroup,
  "aws.ec2.vpc": aws.awsVpc,
  "aws.ec2.subnet": aws.awsSubnet,
  "aws.ec2.route-table": aws.awsRouteTable,
  "aws.ec2.security-group": aws.awsSecurityGroup,
  "aws.ec2.network-interface": aws.awsNetworkInterface,
  "aws.ec2.flow-log": aws.awsFlowLog,
  "aws.ec2.internet-gateway": aws.awsInternetGateway,
  "aws.ec2.egress-only-internet-gateway": aws.awsEgressOnlyInternetGateway,
  "aws.ec2.nat-gateway": aws.awsNatGateway,
  "aws.ec2.vpc-endpoint": aws.awsVpcEndpoint,
  "aws.ec2.network-acl": awsNetworkAcl.awsNetworkAcl,
  "aws.network-firewall.firewall": aws.awsNetworkFirewall,
  "aws.ec2.instance": awsDetection.awsEc2Instance,
  "aws.ssm.managed-instance": awsDetection.awsSsmManagedInstance,
  "aws.guardduty.status": awsDetection.awsGuardDutyStatus,
  "aws.securityhub.status": awsDetection.awsSecurityHubStatus,
  "aws.config.status": awsDetection.awsConfigStatus,
  "aws.inspector2.status": awsDetection.awsInspector2Status,
  "aws.sso.user": awsIdentityCenter.awsSsoUser,
  "aws.sso.group": awsIdentityCenter.awsSsoGroup,
  "aws.sso.permission-set": awsIdentityCenter.awsSsoPermissionSet,
  "aws.sso.account-assignment": awsIdentityCenter.awsSsoAccountAssignment,
  "aws.cloudwatch.alarm": awsMonitoring.awsCloudWatchAlarm,
  "ad.domain": ad.adDomain,
  "ad.user": ad.adUser,
  "ad.group": ad.adGroup,
  "ad.computer": ad.adComputer,
  "ad.trust": ad.adTrust,
  "itaku.roster": itaku.itakuRoster,
} as const;

export type ResourceType = keyof typeof resourceAttributeSchemas;
export const resourceTypes = Object.keys(resourceAttributeSchemas) as ResourceType[];
export type AttributesOf<T extends ResourceType> = z.output<(typeof resourceAttributeSchemas)[T]>;

export const providerOfType = (type: ResourceType): "aws" | "ad" | "itaku" =>
  type.startsWith("aws.") ? "aws" : type.startsWith("ad.") ? "ad" : "itaku";

export const sourceLocationSchema = z
  .object({
    /** A path relative to the program's root (or the working directory), with `/` separators. */
    file: z.string().min(1),
    line: z.number().int().positive().optional(),
    column: z.number().int().positive().optional(),
  })
  .strict();
export type SourceLocation = z.infer<typeof sourceLocationSchema>;

const envelope = {
  /** Stable id: the ARN where AWS has one, the native id otherwise (vpc-…, sg-…), the DN in AD. */
  id: z.string().min(1),
  /** Human name: user name, group name, bucket name, Name tag… */
  name: z.string(),
  /** AWS account id, AD domain DNS name, or "itaku". */
  scope: z.string().min(1),
  /** AWS region, or "global" for global services and directories. */
  region: z.string().min(1),
  tags: tags.optional(),
  /** Pulumi URN when the resource comes from infrastructure as code. */
  urn: z.string().optional(),
  /** Where infrastructure code declares it: the program's file and line, or the stack or preview file. */
  source: sourceLocationSchema.optional(),
};

const resourceVariants = resourceTypes.map((type) =>
  z.object({ type: z.literal(type), ...envelope, attributes: resourceAttributeSchemas[type] }).strict(),
);

export const resourceSchema = z.discriminatedUnion(
  "type",
  resourceVariants as unknown as [(typeof resourceVariants)[number], ...(typeof resourceVariants)[number][]],
);

export interface ResourceOf<T extends ResourceType> {
  type: T;
  id: string;
  name: string;
  scope: string;
  region: string;
  tags?: Record<string, string>;
  urn?: string;
  source?: SourceLocation;
  attributes: AttributesOf<T>;
}

export type Resource = { [T in ResourceType]: ResourceOf<T> }[ResourceType];
