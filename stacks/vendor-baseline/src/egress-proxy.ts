// The explicit forward proxy: Squid on an auto-scaling group in the proxy subnets, behind an internal
// network load balancer the workloads address, with a domain allow-list and its access log in CloudWatch.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PATCH_GROUP_TAG, patchGroupName } from "./patching";
import { ec2Trust, logWriterPolicy } from "./policy-documents";
import { squidUserData, validateSquidSettings } from "./squid";

export interface EgressProxyArgs {
  namePrefix: string;
  vpcId: pulumi.Input<string>;
  vpcCidr: string;
  subnetIds: pulumi.Input<string>[];
  workloadSecurityGroupId: pulumi.Input<string>;
  allowedDomains: string[];
  port: number;
  instanceType: string;
  instanceCount: number;
  /** An AMI id, or `resolve:ssm:<parameter>` (the default: the latest Amazon Linux 2023). */
  imageId: string;
  logRetentionDays: number;
  /** The KMS key the access log group is encrypted with. */
  logKeyArn: pulumi.Input<string>;
  tags: Record<string, string>;
}

export const DEFAULT_PROXY_IMAGE =
  "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

export class EgressProxy extends pulumi.ComponentResource {
  /** The proxy instances' group: name it in itaku.yaml `aws.confidential.proxy.securityGroupIds`. */
  readonly securityGroup: aws.ec2.SecurityGroup;
  readonly loadBalancerSecurityGroup: aws.ec2.SecurityGroup;
  readonly accessLogGroup: aws.cloudwatch.LogGroup;
  readonly autoScalingGroup: aws.autoscaling.Group;
  /** What workloads set as HTTP(S)_PROXY. */
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: EgressProxyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:EgressProxy", name, {}, opts);
    const parent = { parent: this };
    const tags = (extra: Record<string, string>) => ({ ...args.tags, ...extra });
    const logGroupName = `/${args.namePrefix}/proxy/access`;
    const squid = {
      allowedDomains: args.allowedDomains,
      port: args.port,
      clientCidrs: [args.vpcCidr],
      logGroupName,
    };
    validateSquidSettings(squid);

    this.accessLogGroup = new aws.cloudwatch.LogGroup(
      `${name}-access-log`,
      {
        name: logGroupName,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logKeyArn,
        tags: tags({}),
      },
      parent,
    );

    this.loadBalancerSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-lb-sg`,
      {
        vpcId: args.vpcId,
        description: "Proxy load balancer: the proxy port from confidential workloads",
        tags: tags({ Name: `${args.namePrefix}-proxy-lb` }),
      },
      parent,
    );
    this.securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: "Egress proxy instances: web egress to the internet only",
        tags: tags({ Name: `${args.namePrefix}-proxy` }),
      },
      parent,
    );
    const rule = (
      suffix: string,
      resource: typeof aws.vpc.SecurityGroupIngressRule,
      ruleArgs: aws.vpc.SecurityGroupIngressRuleArgs,
    ) => new resource(`${name}-${suffix}`, ruleArgs, parent);
    rule("workload-to-lb", aws.vpc.SecurityGroupEgressRule, {
      securityGroupId: args.workloadSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: args.port,
      toPort: args.port,
      referencedSecurityGroupId: this.loadBalancerSecurityGroup.id,
      description: "Web traffic to the egress proxy",
    });
    rule("lb-from-workload", aws.vpc.SecurityGroupIngressRule, {
      securityGroupId: this.loadBalancerSecurityGroup.id,
      ipProtocol: "tcp",
      fromPort: args.port,
      toPort: args.port,
      referencedSecurityGroupId: args.workloadSecurityGroupId,
      description: "Proxy port from confidential workloads",
    });
    rule("lb-to-proxy", aws.vpc.SecurityGroupEgressRule, {
      securityGroupId: this.loadBalancerSecurityGroup.id,
      ipProtocol: "tcp",
      fromPort: args.port,
      toPort: args.port,
      referencedSecurityGroupId: this.securityGroup.id,
      description: "Forward to the proxy instances",
    });
    rule("proxy-from-lb", aws.vpc.SecurityGroupIngressRule, {
      securityGroupId: this.securityGroup.id,
      ipProtocol: "tcp",
      fromPort: args.port,
      toPort: args.port,
      referencedSecurityGroupId: this.loadBalancerSecurityGroup.id,
      description: "Proxy port from the load balancer",
    });
    for (const port of [80, 443]) {
      rule(`proxy-web-${port}`, aws.vpc.SecurityGroupEgressRule, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        cidrIpv4: "0.0.0.0/0",
        description: "Allow-listed web destinations (Squid enforces the list)",
      });
    }

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        assumeRolePolicy: JSON.stringify(ec2Trust()),
        description: "Egress proxy instances: SSM and their access log",
        tags: tags({}),
      },
      parent,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-ssm`,
      {
        role: role.name,
        policyArn: pulumi.interpolate`arn:${aws.getPartitionOutput({}, parent).partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-access-log-write`,
      {
        role: role.name,
        policy: this.accessLogGroup.arn.apply((arn) => JSON.stringify(logWriterPolicy(arn))),
      },
      parent,
    );
    const profile = new aws.iam.InstanceProfile(
      `${name}-profile`,
      { role: role.name, tags: tags({}) },
      parent,
    );

    const template = new aws.ec2.LaunchTemplate(
      `${name}-template`,
      {
        imageId: args.imageId,
        instanceType: args.instanceType,
        iamInstanceProfile: { arn: profile.arn },
        metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
        networkInterfaces: [
          {
            deviceIndex: 0,
            associatePublicIpAddress: "true",
            deleteOnTermination: "true",
            securityGroups: [this.securityGroup.id],
          },
        ],
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 20, volumeType: "gp3" } },
        ],
        userData: Buffer.from(squidUserData(squid)).toString("base64"),
        tagSpecifications: [
          {
            resourceType: "instance",
            tags: tags({
              Name: `${args.namePrefix}-proxy`,
              Role: "egress-proxy",
              [PATCH_GROUP_TAG]: patchGroupName(args.namePrefix),
            }),
          },
        ],
        tags: tags({}),
      },
      parent,
    );

    const loadBalancer = new aws.lb.LoadBalancer(
      `${name}-lb`,
      {
        internal: true,
        loadBalancerType: "network",
        subnets: args.subnetIds,
        securityGroups: [this.loadBalancerSecurityGroup.id],
        enableCrossZoneLoadBalancing: true,
        tags: tags({}),
      },
      parent,
    );
    const targetGroup = new aws.lb.TargetGroup(
      `${name}-targets`,
      {
        port: args.port,
        protocol: "TCP",
        vpcId: args.vpcId,
        targetType: "instance",
        healthCheck: { protocol: "TCP" },
        tags: tags({}),
      },
      parent,
    );
    new aws.lb.Listener(
      `${name}-listener`,
      {
        loadBalancerArn: loadBalancer.arn,
        port: args.port,
        protocol: "TCP",
        defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      },
      parent,
    );

    this.autoScalingGroup = new aws.autoscaling.Group(
      `${name}-asg`,
      {
        vpcZoneIdentifiers: args.subnetIds,
        minSize: args.instanceCount,
        maxSize: args.instanceCount,
        desiredCapacity: args.instanceCount,
        healthCheckType: "ELB",
        healthCheckGracePeriod: 300,
        targetGroupArns: [targetGroup.arn],
        launchTemplate: { id: template.id, version: "$Latest" },
        instanceRefresh: { strategy: "Rolling" },
        tags: Object.entries(tags({ Name: `${args.namePrefix}-proxy` })).map(([key, value]) => ({
          key,
          value,
          propagateAtLaunch: true,
        })),
      },
      parent,
    );

    this.url = pulumi.interpolate`http://${loadBalancer.dnsName}:${args.port}`;
    this.registerOutputs({ url: this.url, securityGroupId: this.securityGroup.id });
  }
}
