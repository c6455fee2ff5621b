// Seeds a local AWS API server (moto) with the demo vendor's confidential network and its logs,
// through the real SDK: a VPC whose confidential subnets go out straight through the internet gateway
// (one) or through the proxy (the other), open and closed security groups, flow logs kept 30 and 400
// days, a trail with and one without log-file validation, their buckets (90-day expiration; Object
// Lock 400 days), and two Network Firewalls, one logging ALERT and FLOW, one ALERT only.
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateInternetGatewayCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
} from "@aws-sdk/client-ec2";
import {
  CreateFirewallCommand,
  NetworkFirewallClient,
  UpdateLoggingConfigurationCommand,
} from "@aws-sdk/client-network-firewall";
import {
  CreateBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";

// The SDK's notice about its future Node support is for whoever upgrades it, not for test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export const NETWORK_REGION = "ap-northeast-1";
export const TRAIL_BUCKET_EXPIRING = "itaku-trail-expiring";
export const TRAIL_BUCKET_LOCKED = "itaku-trail-locked";
export const PROXY_LOG_GROUP = "/vendor/proxy/access";
export const FLOW_GROUP_SHORT = "/vendor/vpc/flow-30";
export const FLOW_GROUP_LONG = "/vendor/vpc/flow-400";
export const FIREWALL_ALERT_GROUP = "/vendor/firewall/alert";
export const FIREWALL_FLOW_GROUP = "/vendor/firewall/flow";

/** The ids moto generated, which the test's config and assertions name. */
export interface SeededNetwork {
  vpcId: string;
  /** Confidential, routed straight to the internet gateway. */
  directSubnetId: string;
  /** Confidential, routed through the proxy's interface. */
  proxiedSubnetId: string;
  proxySubnetId: string;
  internetGatewayId: string;
  proxySecurityGroupId: string;
  proxyInterfaceId: string;
  /** Default egress (all traffic anywhere), on the workload in the direct subnet. */
  openSecurityGroupId: string;
  /** Egress to the proxy only, on the workload in the proxied subnet. */
  closedSecurityGroupId: string;
  /** SSH from 0.0.0.0/0. */
  sshOpenSecurityGroupId: string;
  flowLogShortId: string;
  flowLogLongId: string;
  validatedTrailArn: string;
  unvalidatedTrailArn: string;
  loggedFirewallArn: string;
  alertOnlyFirewallArn: string;
}

const credentials = { accessKeyId: "AKIAITAKUSEED0000002", secretAccessKey: "seed" };

export async function seedNetwork(endpoint: string, accountId: string): Promise<SeededNetwork> {
  const config = { endpoint, region: NETWORK_REGION, credentials, maxAttempts: 3 };
  const ec2 = new EC2Client(config);
  const logs = new CloudWatchLogsClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const cloudtrail = new CloudTrailClient(config);
  const firewall = new NetworkFirewallClient(config);
  try {
    const tags = (name: string, more: Record<string, string> = {}) => [
      {
        ResourceType: "subnet" as const,
        Tags: [{ Key: "Name", Value: name }, ...Object.entries(more).map(([Key, Value]) => ({ Key, Value }))],
      },
    ];
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.20.0.0/16" }))).Vpc!.VpcId!;
    const subnet = async (cidr: string, name: string, more: Record<string, string> = {}) =>
      (
        await ec2.send(
          new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, TagSpecifications: tags(name, more) }),
        )
      ).Subnet!.SubnetId!;
    const confidential = { DataClass: "confidential" };
    const directSubnetId = await subnet("10.20.1.0/24", "confidential-direct", confidential);
    const proxiedSubnetId = await subnet("10.20.2.0/24", "confidential-proxied", confidential);
    const proxySubnetId = await subnet("10.20.100.0/24", "proxy");

    const internetGatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!
      .InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: internetGatewayId, VpcId: vpcId }));

    const group = async (name: string) =>
      (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId })))
        .GroupId!;
    const proxySecurityGroupId = await group("proxy");
    const openSecurityGroupId = await group("app-open");
    const closedSecurityGroupId = await group("app-closed");
    const sshOpenSecurityGroupId = await group("ssh-open");
    const everywhere = [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }];
    await ec2.send(
      new RevokeSecurityGroupEgressCommand({ GroupId: closedSecurityGroupId, IpPermissions: everywhere }),
    );
    await ec2.send(
      new AuthorizeSecurityGroupEgressCommand({
        GroupId: closedSecurityGroupId,
        IpPermissions: [
          {
            IpProtocol: "tcp",
            FromPort: 3128,
            ToPort: 3128,
            UserIdGroupPairs: [{ GroupId: proxySecurityGroupId }],
          },
        ],
      }),
    );
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: sshOpenSecurityGroupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
      }),
    );
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: proxySecurityGroupId,
        IpPermissions: [
          { IpProtocol: "tcp", FromPort: 3128, ToPort: 3128, IpRanges: [{ CidrIp: "10.20.0.0/16" }] },
        ],
      }),
    );

    const eni = async (subnetId: string, groups: string[], ip: string) =>
      (
        await ec2.send(
          new CreateNetworkInterfaceCommand({ SubnetId: subnetId, Groups: groups, PrivateIpAddress: ip }),
        )
      ).NetworkInterface!.NetworkInterfaceId!;
    const proxyInterfaceId = await eni(proxySubnetId, [proxySecurityGroupId], "10.20.100.10");
    await eni(directSubnetId, [openSecurityGroupId, sshOpenSecurityGroupId], "10.20.1.10");
    await eni(proxiedSubnetId, [closedSecurityGroupId], "10.20.2.10");

    const table = async (subnetId: string, route: { GatewayId?: string; NetworkInterfaceId?: string }) => {
      const id = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
      await ec2.send(
        new CreateRouteCommand({ RouteTableId: id, DestinationCidrBlock: "0.0.0.0/0", ...route }),
      );
      await ec2.send(new AssociateRouteTableCommand({ RouteTableId: id, SubnetId: subnetId }));
      return id;
    };
    await table(directSubnetId, { GatewayId: internetGatewayId });
    await table(proxiedSubnetId, { NetworkInterfaceId: proxyInterfaceId });
    await table(proxySubnetId, { GatewayId: internetGatewayId });

    const logGroup = async (name: string, days: number) => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
    };
    await logGroup(FLOW_GROUP_SHORT, 30);
    await logGroup(FLOW_GROUP_LONG, 400);
    await logGroup(PROXY_LOG_GROUP, 400);
    await logGroup(FIREWALL_ALERT_GROUP, 365);
    await logGroup(FIREWALL_FLOW_GROUP, 90);
    const flowLog = async (group: string) =>
      (
        await ec2.send(
          new CreateFlowLogsCommand({
            ResourceIds: [vpcId],
            ResourceType: "VPC",
            TrafficType: "ALL",
            LogDestinationType: "cloud-watch-logs",
            LogGroupName: group,
            DeliverLogsPermissionArn: `arn:aws:iam::${accountId}:role/flow-logs`,
          }),
        )
      ).FlowLogIds![0]!;
    const flowLogShortId = await flowLog(FLOW_GROUP_SHORT);
    const flowLogLongId = await flowLog(FLOW_GROUP_LONG);

    const block = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    const bucketConfig = { LocationConstraint: NETWORK_REGION } as const;
    await s3.send(
      new CreateBucketCommand({ Bucket: TRAIL_BUCKET_EXPIRING, CreateBucketConfiguration: bucketConfig }),
    );
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: TRAIL_BUCKET_EXPIRING,
        LifecycleConfiguration: {
          Rules: [{ ID: "expire-90", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 90 } }],
        },
      }),
    );
    await s3.send(
      new CreateBucketCommand({
        Bucket: TRAIL_BUCKET_LOCKED,
        CreateBucketConfiguration: bucketConfig,
        ObjectLockEnabledForBucket: true,
      }),
    );
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: TRAIL_BUCKET_LOCKED,
        ObjectLockConfiguration: {
          ObjectLockEnabled: "Enabled",
          Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 400 } },
        },
      }),
    );
    await s3.send(
      new PutPublicAccessBlockCommand({ Bucket: TRAIL_BUCKET_LOCKED, PublicAccessBlockConfiguration: block }),
    );

    const trail = async (name: string, bucket: string, validated: boolean, multiRegion: boolean) => {
      const arn = (
        await cloudtrail.send(
          new CreateTrailCommand({
            Name: name,
            S3BucketName: bucket,
            EnableLogFileValidation: validated,
            IsMultiRegionTrail: multiRegion,
          }),
        )
      ).TrailARN!;
      await cloudtrail.send(
        new PutEventSelectorsCommand({
          TrailName: name,
          EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true }],
        }),
      );
      await cloudtrail.send(new StartLoggingCommand({ Name: name }));
      return arn;
    };
    const validatedTrailArn = await trail("audit-validated", TRAIL_BUCKET_LOCKED, true, true);
    const unvalidatedTrailArn = await trail("audit-unvalidated", TRAIL_BUCKET_EXPIRING, false, false);

    const policyArn = `arn:aws:network-firewall:${NETWORK_REGION}:${accountId}:firewall-policy/egress`;
    const createFirewall = async (name: string) =>
      (
        await firewall.send(
          new CreateFirewallCommand({
            FirewallName: name,
            FirewallPolicyArn: policyArn,
            VpcId: vpcId,
            SubnetMappings: [{ SubnetId: proxySubnetId }],
          }),
        )
      ).Firewall!.FirewallArn!;
    const cw = (logType: "ALERT" | "FLOW", logGroup: string) => ({
      LogType: logType,
      LogDestinationType: "CloudWatchLogs" as const,
      LogDestination: { logGroup },
    });
    const loggedFirewallArn = await createFirewall("egress-logged");
    await firewall.send(
      new UpdateLoggingConfigurationCommand({
        FirewallArn: loggedFirewallArn,
        LoggingConfiguration: { LogDestinationConfigs: [cw("ALERT", FIREWALL_ALERT_GROUP)] },
      }),
    );
    await firewall.send(
      new UpdateLoggingConfigurationCommand({
        FirewallArn: loggedFirewallArn,
        LoggingConfiguration: {
          LogDestinationConfigs: [cw("ALERT", FIREWALL_ALERT_GROUP), cw("FLOW", FIREWALL_FLOW_GROUP)],
        },
      }),
    );
    const alertOnlyFirewallArn = await createFirewall("egress-alert-only");
    await firewall.send(
      new UpdateLoggingConfigurationCommand({
        FirewallArn: alertOnlyFirewallArn,
        LoggingConfiguration: { LogDestinationConfigs: [cw("ALERT", FIREWALL_ALERT_GROUP)] },
      }),
    );

    return {
      vpcId,
      directSubnetId,
      proxiedSubnetId,
      proxySubnetId,
      internetGatewayId,
      proxySecurityGroupId,
      proxyInterfaceId,
      openSecurityGroupId,
      closedSecurityGroupId,
      sshOpenSecurityGroupId,
      flowLogShortId,
      flowLogLongId,
      validatedTrailArn,
      unvalidatedTrailArn,
      loggedFirewallArn,
      alertOnlyFirewallArn,
    };
  } finally {
    for (const client of [ec2, logs, s3, cloudtrail, firewall]) client.destroy();
  }
}
