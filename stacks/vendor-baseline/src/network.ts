// The confidential network: a VPC whose confidential subnets have no route to the internet, public
// subnets for the egress proxy, an S3 gateway endpoint and SSM interface endpoints (no SSH needed),
// a workload security group that may talk only to the proxy and the endpoints, and flow logs of ALL traffic.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { logWriterPolicy, serviceTrust } from "./policy-documents";

export interface ConfidentialNetworkArgs {
  namePrefix: string;
  vpcCidr: string;
  availabilityZones: string[];
  confidentialSubnetTags: Record<string, string>;
  /** Interface endpoints in the confidential subnets, by service suffix (`ssm` → com.amazonaws.<region>.ssm). */
  interfaceEndpoints: string[];
  proxyPort: number;
  flowLogRetentionDays: number;
  /** The KMS key the flow log group is encrypted with. */
  logKeyArn: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  region: string;
  tags: Record<string, string>;
  /** UNSAFE: a default route from the confidential subnets straight to the internet gateway. */
  allowDirectInternetRoute: boolean;
}

/** The VPC's /16 split: confidential subnets from .0.0/20 up, proxy subnets from .240.0/24 up. */
export function subnetCidrs(vpcCidr: string, count: number): { confidential: string[]; proxy: string[] } {
  const match = /^(\d+)\.(\d+)\.0\.0\/16$/.exec(vpcCidr);
  if (!match) throw new Error(`network.vpcCidr "${vpcCidr}" must be a /16 such as 10.80.0.0/16`);
  if (count < 1 || count > 4) throw new Error("network.availabilityZones must list 1 to 4 zones");
  const base = `${match[1]}.${match[2]}`;
  return {
    confidential: Array.from({ length: count }, (_, i) => `${base}.${i * 16}.0/20`),
    proxy: Array.from({ length: count }, (_, i) => `${base}.${240 + i}.0/24`),
  };
}

export class ConfidentialNetwork extends pulumi.ComponentResource {
  readonly vpc: aws.ec2.Vpc;
  readonly confidentialSubnets: aws.ec2.Subnet[];
  readonly proxySubnets: aws.ec2.Subnet[];
  readonly confidentialRouteTable: aws.ec2.RouteTable;
  readonly workloadSecurityGroup: aws.ec2.SecurityGroup;
  readonly endpointSecurityGroup: aws.ec2.SecurityGroup;
  readonly s3Endpoint: aws.ec2.VpcEndpoint;
  readonly flowLogGroup: aws.cloudwatch.LogGroup;
  readonly flowLog: aws.ec2.FlowLog;

  constructor(name: string, args: ConfidentialNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:ConfidentialNetwork", name, {}, opts);
    const parent = { parent: this };
    const tags = (extra: Record<string, string>) => ({ ...args.tags, ...extra });
    const cidrs = subnetCidrs(args.vpcCidr, args.availabilityZones.length);

    this.vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.vpcCidr,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: tags({ Name: `${args.namePrefix}-confidential` }),
      },
      parent,
    );
    const igw = new aws.ec2.InternetGateway(
      `${name}-igw`,
      { vpcId: this.vpc.id, tags: tags({ Name: `${args.namePrefix}-proxy-egress` }) },
      parent,
    );

    this.confidentialSubnets = args.availabilityZones.map(
      (zone, i) =>
        new aws.ec2.Subnet(
          `${name}-confidential-${i}`,
          {
            vpcId: this.vpc.id,
            cidrBlock: cidrs.confidential[i]!,
            availabilityZone: zone,
            mapPublicIpOnLaunch: false,
            tags: tags({ ...args.confidentialSubnetTags, Name: `${args.namePrefix}-confidential-${zone}` }),
          },
          parent,
        ),
    );
    this.proxySubnets = args.availabilityZones.map(
      (zone, i) =>
        new aws.ec2.Subnet(
          `${name}-proxy-${i}`,
          {
            vpcId: this.vpc.id,
            cidrBlock: cidrs.proxy[i]!,
            availabilityZone: zone,
            // The proxy's launch template asks for a public address; nothing else launched here gets one.
            mapPublicIpOnLaunch: false,
            tags: tags({ Name: `${args.namePrefix}-proxy-${zone}`, Role: "egress-proxy" }),
          },
          parent,
        ),
    );

    // Confidential subnets: only the local route and the S3 gateway endpoint's prefix list.
    this.confidentialRouteTable = new aws.ec2.RouteTable(
      `${name}-confidential-rt`,
      {
        vpcId: this.vpc.id,
        routes: args.allowDirectInternetRoute ? [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] : [],
        tags: tags({ Name: `${args.namePrefix}-confidential` }),
      },
      parent,
    );
    for (const [i, subnet] of this.confidentialSubnets.entries()) {
      new aws.ec2.RouteTableAssociation(
        `${name}-confidential-${i}-rta`,
        { subnetId: subnet.id, routeTableId: this.confidentialRouteTable.id },
        parent,
      );
    }
    const proxyRouteTable = new aws.ec2.RouteTable(
      `${name}-proxy-rt`,
      {
        vpcId: this.vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
        tags: tags({ Name: `${args.namePrefix}-proxy` }),
      },
      parent,
    );
    for (const [i, subnet] of this.proxySubnets.entries()) {
      new aws.ec2.RouteTableAssociation(
        `${name}-proxy-${i}-rta`,
        { subnetId: subnet.id, routeTableId: proxyRouteTable.id },
        parent,
      );
    }

    this.s3Endpoint = new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${args.region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: [this.confidentialRouteTable.id],
        tags: tags({ Name: `${args.namePrefix}-s3` }),
      },
      parent,
    );

    // Security groups carry no inline rules: each rule is its own resource, so they can refer to each other.
    this.workloadSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-workload-sg`,
      {
        vpcId: this.vpc.id,
        description: "Confidential workloads: egress only to the proxy and the VPC endpoints",
        tags: tags({ Name: `${args.namePrefix}-workload` }),
      },
      parent,
    );
    this.endpointSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-endpoint-sg`,
      {
        vpcId: this.vpc.id,
        description: "VPC interface endpoints: HTTPS from the confidential workloads",
        tags: tags({ Name: `${args.namePrefix}-endpoints` }),
      },
      parent,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-endpoint-https-in`,
      {
        securityGroupId: this.endpointSecurityGroup.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: this.workloadSecurityGroup.id,
        description: "HTTPS from confidential workloads",
      },
      parent,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-workload-endpoints-out`,
      {
        securityGroupId: this.workloadSecurityGroup.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: this.endpointSecurityGroup.id,
        description: "HTTPS to the interface endpoints (SSM)",
      },
      parent,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-workload-s3-out`,
      {
        securityGroupId: this.workloadSecurityGroup.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        prefixListId: this.s3Endpoint.prefixListId,
        description: "HTTPS to S3 through the gateway endpoint",
      },
      parent,
    );

    for (const service of args.interfaceEndpoints) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service}`,
        {
          vpcId: this.vpc.id,
          serviceName: `com.amazonaws.${args.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: this.confidentialSubnets.map((s) => s.id),
          securityGroupIds: [this.endpointSecurityGroup.id],
          tags: tags({ Name: `${args.namePrefix}-${service}` }),
        },
        parent,
      );
    }

    // Flow logs of ALL traffic to a log group that keeps them.
    this.flowLogGroup = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      {
        name: `/${args.namePrefix}/vpc/flow-logs`,
        retentionInDays: args.flowLogRetentionDays,
        kmsKeyId: args.logKeyArn,
        tags: tags({}),
      },
      parent,
    );
    const flowLogRole = new aws.iam.Role(
      `${name}-flow-logs-role`,
      {
        assumeRolePolicy: pulumi
          .output(args.accountId)
          .apply((account) => JSON.stringify(serviceTrust("vpc-flow-logs.amazonaws.com", account))),
        description: "Delivers the VPC's flow logs to CloudWatch Logs",
        tags: tags({}),
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-flow-logs-write`,
      {
        role: flowLogRole.name,
        policy: this.flowLogGroup.arn.apply((arn) => JSON.stringify(logWriterPolicy(arn))),
      },
      parent,
    );
    this.flowLog = new aws.ec2.FlowLog(
      `${name}-flow-log`,
      {
        vpcId: this.vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: this.flowLogGroup.arn,
        iamRoleArn: flowLogRole.arn,
        maxAggregationInterval: 60,
        tags: tags({ Name: `${args.namePrefix}-vpc` }),
      },
      parent,
    );

    this.registerOutputs({ vpcId: this.vpc.id, workloadSecurityGroupId: this.workloadSecurityGroup.id });
  }
}
