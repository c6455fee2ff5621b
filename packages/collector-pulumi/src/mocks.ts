// Mocks for `pulumi.runtime.setMocks` that record every resource a program registers and answer with
// what AWS would: ids with the usual prefixes, ARNs in the given account and region. Structurally
// typed so this package does not depend on @pulumi/pulumi.
import type { MockedResource } from "./records";

export interface MockResourceArgsLike {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider?: string;
  custom?: boolean;
  id?: string;
}

export interface MockCallArgsLike {
  token: string;
  inputs: Record<string, unknown>;
  provider?: string;
}

export interface RecordingMocks {
  mocks: {
    newResource(args: MockResourceArgsLike): { id: string | undefined; state: Record<string, unknown> };
    call(args: MockCallArgsLike): Record<string, unknown>;
  };
  /** Every resource registered so far, in registration order. */
  resources: MockedResource[];
}

/** Deterministic hex for ids: the same program gives the same ids, run after run. */
function hex(text: string, length: number): string {
  let out = "";
  let seed = 0x811c9dc5;
  while (out.length < length) {
    for (let i = 0; i < text.length; i++) {
      seed ^= text.charCodeAt(i);
      seed = Math.imul(seed, 0x01000193) >>> 0;
    }
    seed = (seed ^ out.length) >>> 0;
    out += seed.toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}

const ID_PREFIXES: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc-",
  "aws:ec2/subnet:Subnet": "subnet-",
  "aws:ec2/routeTable:RouteTable": "rtb-",
  "aws:ec2/route:Route": "r-",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc-",
  "aws:ec2/securityGroup:SecurityGroup": "sg-",
  "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule-",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr-",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr-",
  "aws:ec2/internetGateway:InternetGateway": "igw-",
  "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment": "igw-attach-",
  "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": "eigw-",
  "aws:ec2/natGateway:NatGateway": "nat-",
  "aws:ec2/eip:Eip": "eipalloc-",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
  "aws:ec2/flowLog:FlowLog": "fl-",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt-",
  "aws:ec2/networkInterface:NetworkInterface": "eni-",
  "aws:ec2/instance:Instance": "i-",
  "aws:kms/key:Key": "",
};

/** Resource types whose id is their name, and the ARN each gets. */
type ArnMaker = (name: string, inputs: Record<string, unknown>) => string;

export function recordingMocks(options: {
  accountId: string;
  region: string;
  partition?: string;
}): RecordingMocks {
  const { accountId, region } = options;
  const partition = options.partition ?? "aws";
  const resources: MockedResource[] = [];
  const path = (inputs: Record<string, unknown>) => (typeof inputs.path === "string" ? inputs.path : "/");
  const named: Record<string, { arn?: ArnMaker; idIsArn?: boolean; nameKey?: string }> = {
    "aws:iam/user:User": { arn: (n, i) => `arn:${partition}:iam::${accountId}:user${path(i)}${n}` },
    "aws:iam/group:Group": { arn: (n, i) => `arn:${partition}:iam::${accountId}:group${path(i)}${n}` },
    "aws:iam/role:Role": { arn: (n, i) => `arn:${partition}:iam::${accountId}:role${path(i)}${n}` },
    "aws:iam/policy:Policy": {
      arn: (n, i) => `arn:${partition}:iam::${accountId}:policy${path(i)}${n}`,
      idIsArn: true,
    },
    "aws:iam/instanceProfile:InstanceProfile": {
      arn: (n, i) => `arn:${partition}:iam::${accountId}:instance-profile${path(i)}${n}`,
    },
    "aws:s3/bucket:Bucket": { arn: (n) => `arn:${partition}:s3:::${n}`, nameKey: "bucket" },
    "aws:s3/bucketV2:BucketV2": { arn: (n) => `arn:${partition}:s3:::${n}`, nameKey: "bucket" },
    "aws:cloudwatch/logGroup:LogGroup": {
      arn: (n) => `arn:${partition}:logs:${region}:${accountId}:log-group:${n}`,
    },
    "aws:cloudtrail/trail:Trail": {
      arn: (n) => `arn:${partition}:cloudtrail:${region}:${accountId}:trail/${n}`,
      idIsArn: true,
    },
    "aws:accessanalyzer/analyzer:Analyzer": {
      arn: (n) => `arn:${partition}:access-analyzer:${region}:${accountId}:analyzer/${n}`,
      nameKey: "analyzerName",
    },
    "aws:autoscaling/group:Group": {
      arn: (n) =>
        `arn:${partition}:autoscaling:${region}:${accountId}:autoScalingGroup:${hex(n, 8)}:autoScalingGroupName/${n}`,
    },
    "aws:sns/topic:Topic": { arn: (n) => `arn:${partition}:sns:${region}:${accountId}:${n}`, idIsArn: true },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
      arn: (n) => `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${n}`,
    },
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": {},
    "aws:cfg/recorder:Recorder": {},
    "aws:cfg/deliveryChannel:DeliveryChannel": {},
    "aws:networkfirewall/firewall:Firewall": {
      arn: (n) => `arn:${partition}:network-firewall:${region}:${accountId}:firewall/${n}`,
      idIsArn: true,
    },
  };

  const newResource = (args: MockResourceArgsLike) => {
    const inputs = args.inputs ?? {};
    const key = `${args.type}::${args.name}`;
    const state: Record<string, unknown> = { ...inputs };
    let id: string | undefined;
    const spec = named[args.type];
    if (!args.custom && args.custom !== undefined) {
      id = undefined;
    } else if (spec) {
      const nameKey = spec.nameKey ?? "name";
      const name = typeof inputs[nameKey] === "string" ? (inputs[nameKey] as string) : args.name;
      state[nameKey] = name;
      const arn = spec.arn?.(name, inputs);
      if (arn) state.arn = arn;
      id = spec.idIsArn && arn ? arn : name;
      if (args.type.startsWith("aws:iam/")) state.uniqueId = `AID${hex(key, 17).toUpperCase()}`;
      if (args.type === "aws:cloudtrail/trail:Trail") state.homeRegion = region;
    } else if (args.type === "aws:kms/key:Key") {
      id = `${hex(key, 8)}-${hex(`${key}1`, 4)}-${hex(`${key}2`, 4)}-${hex(`${key}3`, 4)}-${hex(`${key}4`, 12)}`;
      state.keyId = id;
      state.arn = `arn:${partition}:kms:${region}:${accountId}:key/${id}`;
    } else if (args.type === "aws:kms/alias:Alias") {
      id = typeof inputs.name === "string" ? inputs.name : `alias/${args.name}`;
      state.arn = `arn:${partition}:kms:${region}:${accountId}:${id}`;
    } else {
      const prefix = ID_PREFIXES[args.type];
      id = prefix !== undefined ? `${prefix}${hex(key, 17)}` : `${args.name}-${hex(key, 8)}`;
    }
    if (id !== undefined) state.id = id;
    if (args.type === "aws:ec2/vpc:Vpc") {
      state.mainRouteTableId = `rtb-${hex(`${key}/main`, 17)}`;
      state.defaultRouteTableId = state.mainRouteTableId;
      state.defaultSecurityGroupId = `sg-${hex(`${key}/default`, 17)}`;
      state.arn = `arn:${partition}:ec2:${region}:${accountId}:vpc/${id}`;
    }
    if (
      args.type === "aws:ec2/vpcEndpoint:VpcEndpoint" &&
      (inputs.vpcEndpointType ?? "Gateway") === "Gateway"
    ) {
      state.prefixListId = `pl-${hex(`${String(inputs.serviceName)}`, 8)}`;
    }
    if (args.type === "aws:ec2/securityGroup:SecurityGroup") {
      state.arn = `arn:${partition}:ec2:${region}:${accountId}:security-group/${id}`;
      if (typeof inputs.name !== "string") state.name = args.name;
    }
    if (args.type === "aws:ec2/subnet:Subnet")
      state.arn = `arn:${partition}:ec2:${region}:${accountId}:subnet/${id}`;
    if (args.type === "aws:ec2/launchTemplate:LaunchTemplate") state.latestVersion = 1;
    resources.push({ type: args.type, name: args.name, inputs, id, state, custom: args.custom });
    return { id, state };
  };

  const call = (args: MockCallArgsLike): Record<string, unknown> => {
    switch (args.token) {
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return {
          accountId,
          arn: `arn:${partition}:iam::${accountId}:user/itaku-mock`,
          userId: "AIDAMOCK",
          id: accountId,
        };
      case "aws:index/getRegion:getRegion":
        return {
          name: region,
          region,
          id: region,
          description: region,
          endpoint: `ec2.${region}.amazonaws.com`,
        };
      case "aws:index/getPartition:getPartition":
        return { partition, id: partition, dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
      case "aws:index/getAvailabilityZones:getAvailabilityZones":
        return { names: [`${region}a`, `${region}c`, `${region}d`], zoneIds: [], id: region };
      default:
        return args.inputs;
    }
  };

  return { mocks: { newResource, call }, resources };
}
