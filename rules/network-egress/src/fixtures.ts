// The compliant baseline every egress rule test starts from: a confidential VPC whose confidential
// subnet sends its default route to the proxy, a proxy subnet behind the firewall, and an S3 endpoint.
import {
  emptySettings,
  type ResourceOf,
  type ResourceType,
  type RuleSettings,
  type Snapshot,
} from "@itaku/core";
import { resourceBuilder } from "@itaku/rule-tester";

export const ACCOUNT = "111122223333";
export const REGION = "ap-northeast-1";
export const NOW = new Date("2026-11-20T00:00:00Z");

export const VPC = "vpc-0conf00000000001";
export const SUBNET_APP = "subnet-0app00000000001";
export const SUBNET_DB = "subnet-0db000000000001";
export const SUBNET_PROXY = "subnet-0proxy0000000001";
export const SUBNET_FW = "subnet-0fw00000000000001";
export const RTB_MAIN = "rtb-0main000000000001";
export const RTB_APP = "rtb-0app0000000000001";
export const RTB_PROXY = "rtb-0proxy00000000001";
export const RTB_FW = "rtb-0fw00000000000001";
export const IGW = "igw-0main000000000001";
export const NAT = "nat-0main000000000001";
export const FW_ENDPOINT = "vpce-0fw00000000000001";
export const S3_ENDPOINT = "vpce-0s300000000000001";
export const S3_PREFIX_LIST = "pl-61a54008";
export const SG_PROXY = "sg-0proxy000000000001";
export const SG_APP = "sg-0app0000000000001";
export const SG_DB = "sg-0db00000000000001";
export const SG_ADMIN = "sg-0admin00000000001";
export const ENI_PROXY = "eni-0proxy00000000001";
export const ENI_APP = "eni-0app000000000001";
export const ENI_DB = "eni-0db0000000000001";
export const PROXY_INSTANCE = "i-0proxy00000000001";
export const FIREWALL_ARN = `arn:aws:network-firewall:${REGION}:${ACCOUNT}:firewall/egress`;
export const NACL_CONFIDENTIAL = "acl-0conf000000000001";

const resource = resourceBuilder(ACCOUNT, REGION);

const confidentialTag = { DataClass: "confidential" };
const subnet = (id: string, cidr: string, tags?: Record<string, string>) =>
  resource(
    "aws.ec2.subnet",
    id,
    id,
    { subnetId: id, vpcId: VPC, cidrBlock: cidr, ipv6CidrBlocks: [] },
    tags ? { tags } : {},
  );
const local = {
  destination: "10.20.0.0/16",
  target: { type: "local" as const, id: "local" },
  state: "active" as const,
};
const table = (
  id: string,
  main: boolean,
  subnetIds: string[],
  routes: ResourceOf<"aws.ec2.route-table">["attributes"]["routes"],
) =>
  resource("aws.ec2.route-table", id, id, {
    routeTableId: id,
    vpcId: VPC,
    main,
    subnetIds,
    routes: [local, ...routes],
  });
const rule = (
  protocol: string,
  fromPort: number | undefined,
  toPort: number | undefined,
  more: Partial<ResourceOf<"aws.ec2.security-group">["attributes"]["egress"][number]>,
) => ({
  protocol,
  ...(fromPort === undefined ? {} : { fromPort }),
  ...(toPort === undefined ? {} : { toPort }),
  ipv4Ranges: [],
  ipv6Ranges: [],
  prefixListIds: [],
  securityGroupIds: [],
  ...more,
});
const eni = (id: string, subnetId: string, securityGroupIds: string[], ip: string, instanceId?: string) =>
  resource("aws.ec2.network-interface", id, id, {
    networkInterfaceId: id,
    subnetId,
    vpcId: VPC,
    securityGroupIds,
    privateIpAddress: ip,
    interfaceType: "interface",
    ...(instanceId ? { instanceId } : {}),
  });

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
    subnet(SUBNET_APP, "10.20.1.0/24", confidentialTag),
    subnet(SUBNET_DB, "10.20.2.0/24", confidentialTag),
    subnet(SUBNET_PROXY, "10.20.100.0/24"),
    subnet(SUBNET_FW, "10.20.200.0/24"),
    // The DB subnet has no explicit association: it uses the main table, which goes to the firewall.
    table(
      RTB_MAIN,
      true,
      [],
      [
        { destination: "0.0.0.0/0", target: { type: "vpc-endpoint", id: FW_ENDPOINT }, state: "active" },
        { destination: S3_PREFIX_LIST, target: { type: "vpc-endpoint", id: S3_ENDPOINT }, state: "active" },
      ],
    ),
    table(
      RTB_APP,
      false,
      [SUBNET_APP],
      [
        { destination: "0.0.0.0/0", target: { type: "network-interface", id: ENI_PROXY }, state: "active" },
        { destination: S3_PREFIX_LIST, target: { type: "vpc-endpoint", id: S3_ENDPOINT }, state: "active" },
      ],
    ),
    table(
      RTB_PROXY,
      false,
      [SUBNET_PROXY],
      [{ destination: "0.0.0.0/0", target: { type: "vpc-endpoint", id: FW_ENDPOINT }, state: "active" }],
    ),
    table(
      RTB_FW,
      false,
      [SUBNET_FW],
      [{ destination: "0.0.0.0/0", target: { type: "nat-gateway", id: NAT }, state: "active" }],
    ),
    resource("aws.ec2.internet-gateway", IGW, IGW, { internetGatewayId: IGW, attachedVpcIds: [VPC] }),
    resource("aws.ec2.nat-gateway", NAT, NAT, {
      natGatewayId: NAT,
      vpcId: VPC,
      subnetId: SUBNET_FW,
      state: "available",
      connectivityType: "public",
    }),
    resource("aws.ec2.vpc-endpoint", S3_ENDPOINT, S3_ENDPOINT, {
      vpcEndpointId: S3_ENDPOINT,
      vpcId: VPC,
      serviceName: `com.amazonaws.${REGION}.s3`,
      endpointType: "Gateway",
      routeTableIds: [RTB_APP, RTB_MAIN],
      subnetIds: [],
      securityGroupIds: [],
      prefixListId: S3_PREFIX_LIST,
    }),
    resource("aws.network-firewall.firewall", FIREWALL_ARN, "egress", {
      arn: FIREWALL_ARN,
      name: "egress",
      vpcId: VPC,
      subnetIds: [SUBNET_FW],
      endpointIds: [FW_ENDPOINT],
      policyArn: `arn:aws:network-firewall:${REGION}:${ACCOUNT}:firewall-policy/egress`,
    }),
    resource("aws.ec2.security-group", SG_PROXY, "proxy", {
      groupId: SG_PROXY,
      groupName: "proxy",
      vpcId: VPC,
      ingress: [rule("tcp", 3128, 3128, { ipv4Ranges: ["10.20.0.0/16"] })],
      egress: [rule("-1", undefined, undefined, { ipv4Ranges: ["0.0.0.0/0"] })],
    }),
    resource("aws.ec2.security-group", SG_APP, "app", {
      groupId: SG_APP,
      groupName: "app",
      vpcId: VPC,
      ingress: [rule("tcp", 443, 443, { securityGroupIds: [SG_PROXY] })],
      egress: [
        rule("tcp", 3128, 3128, { securityGroupIds: [SG_PROXY] }),
        rule("tcp", 443, 443, { prefixListIds: [S3_PREFIX_LIST] }),
        rule("tcp", 5432, 5432, { ipv4Ranges: ["10.20.2.0/24"] }),
      ],
    }),
    resource("aws.ec2.security-group", SG_DB, "db", {
      groupId: SG_DB,
      groupName: "db",
      vpcId: VPC,
      ingress: [rule("tcp", 5432, 5432, { securityGroupIds: [SG_APP] })],
      egress: [rule("-1", undefined, undefined, { ipv4Ranges: ["10.0.0.0/8"] })],
    }),
    resource("aws.ec2.security-group", SG_ADMIN, "admin", {
      groupId: SG_ADMIN,
      groupName: "admin",
      vpcId: VPC,
      ingress: [
        rule("tcp", 22, 22, { ipv4Ranges: ["203.0.113.10/32"] }),
        rule("tcp", 443, 443, { ipv4Ranges: ["0.0.0.0/0"] }),
      ],
      egress: [rule("-1", undefined, undefined, { ipv4Ranges: ["0.0.0.0/0"], ipv6Ranges: ["::/0"] })],
    }),
    eni(ENI_PROXY, SUBNET_PROXY, [SG_PROXY], "10.20.100.10", PROXY_INSTANCE),
    eni(ENI_APP, SUBNET_APP, [SG_APP], "10.20.1.10", "i-0app000000000001"),
    eni(ENI_DB, SUBNET_DB, [SG_DB], "10.20.2.10"),
    // The confidential subnets' ACL: admin ports from the office only, the rest of the internet denied
    // before the broad allow; outbound as AWS's default (the security groups narrow it). The proxy and
    // firewall subnets have no ACL collected, as code that declares none.
    resource("aws.ec2.network-acl", NACL_CONFIDENTIAL, "confidential", {
      networkAclId: NACL_CONFIDENTIAL,
      vpcId: VPC,
      isDefault: false,
      subnetIds: [SUBNET_APP, SUBNET_DB],
      entries: [
        aclEntry(50, false, "6", "allow", "203.0.113.0/24", 22, 22),
        aclEntry(60, false, "6", "deny", "0.0.0.0/0", 22, 22),
        aclEntry(61, false, "6", "deny", "0.0.0.0/0", 3389, 3389),
        aclEntry(100, false, "-1", "allow", "0.0.0.0/0"),
        aclEntry(32767, false, "-1", "deny", "0.0.0.0/0"),
        aclEntry(100, true, "-1", "allow", "0.0.0.0/0"),
        aclEntry(32767, true, "-1", "deny", "0.0.0.0/0"),
      ],
    }),
  ],
};

export type AclEntry = NonNullable<ResourceOf<"aws.ec2.network-acl">["attributes"]["entries"]>[number];

/** One ACL entry; a CIDR with a colon is IPv6. */
export function aclEntry(
  ruleNumber: number,
  egress: boolean,
  protocol: string,
  action: "allow" | "deny",
  cidr: string,
  fromPort?: number,
  toPort?: number,
): AclEntry {
  return {
    ruleNumber,
    egress,
    protocol,
    action,
    ...(cidr.includes(":") ? { ipv6CidrBlock: cidr } : { cidrBlock: cidr }),
    ...(fromPort === undefined ? {} : { fromPort, toPort: toPort ?? fromPort }),
  };
}

export const settings = (): RuleSettings => {
  const s = emptySettings();
  s.confidential.subnetTags = { DataClass: "confidential" };
  s.confidential.proxy.securityGroupIds = [SG_PROXY];
  s.confidential.proxy.port = 3128;
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
