// Network ACLs and gateway endpoints against a real AWS API server (moto): a confidential subnet behind
// a tight ACL with an S3 gateway endpoint, and one left on the VPC's default ACL without an endpoint,
// each holding a workload whose security group opens SSH to the world and all egress. Collected through
// the SDK (DescribeNetworkAcls, DescribeVpcEndpoints…) and judged by the network-egress rules: a path
// is open only where both the group and the subnet's ACL leave it open.
import {
  AssociateRouteTableCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeNetworkAclsCommand,
  EC2Client,
  ReplaceNetworkAclAssociationCommand,
} from "@aws-sdk/client-ec2";
import { AWS_COLLECTORS, collectAws } from "@itaku/collector-aws";
import { emptySettings, evaluate, type Finding, type ResourceOf, type Snapshot } from "@itaku/core";
import { rules } from "@itaku/rules-network-egress";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-1";
const VPC_CIDR = "10.30.0.0/16";

let moto: MotoServer;
let snapshot: Snapshot;
let findings: Finding[];
const seeded = { closedSubnet: "", openSubnet: "", closedGroup: "", openGroup: "", acl: "" };

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
  const ec2 = new EC2Client({
    endpoint: moto.endpoint,
    region: REGION,
    credentials: { accessKeyId: "AKIAITAKUSEED0000003", secretAccessKey: "seed" },
  });
  try {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: VPC_CIDR }))).Vpc!.VpcId!;
    const confidentialSubnet = async (cidr: string) =>
      (
        await ec2.send(
          new CreateSubnetCommand({
            VpcId: vpcId,
            CidrBlock: cidr,
            TagSpecifications: [
              { ResourceType: "subnet", Tags: [{ Key: "DataClass", Value: "confidential" }] },
            ],
          }),
        )
      ).Subnet!.SubnetId!;
    seeded.closedSubnet = await confidentialSubnet("10.30.1.0/24");
    seeded.openSubnet = await confidentialSubnet("10.30.2.0/24");

    // Each subnet its own route table; only the closed one's carries the S3 gateway endpoint.
    const tableOf = async (subnetId: string) => {
      const table = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
      await ec2.send(new AssociateRouteTableCommand({ RouteTableId: table, SubnetId: subnetId }));
      return table;
    };
    const closedTable = await tableOf(seeded.closedSubnet);
    await tableOf(seeded.openSubnet);
    await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpcId,
        ServiceName: `com.amazonaws.${REGION}.s3`,
        VpcEndpointType: "Gateway",
        RouteTableIds: [closedTable],
      }),
    );

    // The same wide-open group on a workload in each subnet (moto's default egress: all to 0.0.0.0/0).
    const sshAnywhere = async (name: string, subnetId: string) => {
      const groupId = (
        await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }))
      ).GroupId!;
      await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [
            { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
          ],
        }),
      );
      await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId, Groups: [groupId] }));
      return groupId;
    };
    seeded.closedGroup = await sshAnywhere("workload-closed", seeded.closedSubnet);
    seeded.openGroup = await sshAnywhere("workload-open", seeded.openSubnet);

    // The tight ACL: the VPC in, SSH denied from the internet, replies in; out only to the VPC and,
    // for IPv6, an explicit deny.
    seeded.acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!.NetworkAclId!;
    const entry = (
      RuleNumber: number,
      Egress: boolean,
      Protocol: string,
      RuleAction: "allow" | "deny",
      cidr: string,
      ports?: [number, number],
    ) =>
      ec2.send(
        new CreateNetworkAclEntryCommand({
          NetworkAclId: seeded.acl,
          RuleNumber,
          Egress,
          Protocol,
          RuleAction,
          ...(cidr.includes(":") ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
          ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
        }),
      );
    await entry(100, false, "-1", "allow", VPC_CIDR);
    await entry(110, false, "6", "deny", "0.0.0.0/0", [22, 22]);
    await entry(120, false, "6", "allow", "0.0.0.0/0", [1024, 65535]);
    await entry(100, true, "-1", "allow", VPC_CIDR);
    await entry(110, true, "-1", "deny", "::/0");
    const current = await ec2.send(
      new DescribeNetworkAclsCommand({
        Filters: [{ Name: "association.subnet-id", Values: [seeded.closedSubnet] }],
      }),
    );
    const association = current.NetworkAcls![0]!.Associations!.find(
      (a) => a.SubnetId === seeded.closedSubnet,
    )!;
    await ec2.send(
      new ReplaceNetworkAclAssociationCommand({
        AssociationId: association.NetworkAclAssociationId!,
        NetworkAclId: seeded.acl,
      }),
    );
  } finally {
    ec2.destroy();
  }

  snapshot = await collectAws(
    { regions: [REGION], endpoint: moto.endpoint },
    {
      env: motoClientEnv(moto.endpoint),
      collectors: AWS_COLLECTORS.filter((c) => c.name === "ec2" || c.name === "network-acls"),
    },
  );
  const settings = emptySettings();
  settings.confidential.subnetTags = { DataClass: "confidential" };
  findings = evaluate({
    snapshot,
    rules,
    ruleOptions: new Map(rules.map((rule) => [rule.id, rule.options.parse({})])),
    now: new Date("2026-11-20T00:00:00Z"),
    roster: null,
    settings,
    toolVersion: "test",
  }).findings;
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
});

const verdict = (ruleId: string, resourceId: string) => {
  const found = findings.find((f) => f.ruleId === ruleId && f.resource.id === resourceId);
  return found && { status: found.status, ...(found.messageId ? { messageId: found.messageId } : {}) };
};
const aclOf = (subnetId: string) =>
  snapshot.resources.find(
    (r): r is ResourceOf<"aws.ec2.network-acl"> =>
      r.type === "aws.ec2.network-acl" && r.attributes.subnetIds.includes(subnetId),
  );

test("the ACLs are read whole, each subnet under exactly one, with no gap", () => {
  expect(snapshot.sources[0]!.gaps).toEqual([]);
  const closed = aclOf(seeded.closedSubnet);
  expect(closed?.id).toBe(seeded.acl);
  expect(closed?.attributes.isDefault).toBe(false);
  expect(closed?.attributes.entries).toEqual(
    expect.arrayContaining([
      {
        ruleNumber: 110,
        egress: false,
        protocol: "6",
        action: "deny",
        cidrBlock: "0.0.0.0/0",
        fromPort: 22,
        toPort: 22,
      },
      { ruleNumber: 110, egress: true, protocol: "-1", action: "deny", ipv6CidrBlock: "::/0" },
    ]),
  );
  // Entries come ordered: inbound before outbound, each by rule number.
  const order = closed!.attributes.entries!.map((e) => `${e.egress ? "out" : "in"} ${e.ruleNumber}`);
  expect(order.slice(0, 3)).toEqual(["in 100", "in 110", "in 120"]);
  const open = aclOf(seeded.openSubnet);
  expect(open?.attributes.isDefault).toBe(true);
  // The replaced association moved the subnet: the default ACL no longer lists it.
  expect(open?.attributes.subnetIds).not.toContain(seeded.closedSubnet);
});

test("admin ports: SSH from anywhere is stopped by the tight ACL, let through by the default one", () => {
  expect(verdict("egress-admin-ports-open", seeded.closedGroup)).toEqual({ status: "pass" });
  expect(verdict("egress-admin-ports-open", seeded.openGroup)).toEqual({
    status: "fail",
    messageId: "openThroughAcl",
  });
});

test("egress: all traffic out is stopped by the tight ACL, let out by the default one", () => {
  expect(verdict("egress-security-group-open-egress", seeded.closedGroup)).toEqual({ status: "pass" });
  expect(verdict("egress-security-group-open-egress", seeded.openGroup)).toEqual({
    status: "fail",
    messageId: "openThroughAcl",
  });
});

test("gateway endpoints: the subnet whose table carries the S3 endpoint passes, the other fails", () => {
  expect(verdict("egress-subnet-s3-gateway-endpoint", seeded.closedSubnet)).toEqual({ status: "pass" });
  expect(verdict("egress-subnet-s3-gateway-endpoint", seeded.openSubnet)).toEqual({
    status: "fail",
    messageId: "missing",
  });
});
