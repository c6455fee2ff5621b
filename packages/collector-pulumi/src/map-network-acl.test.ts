import { type ResourceOf, type Snapshot, snapshotSchema } from "@itaku/core";
import type { MockedResource } from "./records";
import { snapshotFromMockedResources } from "./snapshot";

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-1";
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const snapshotOf = (resources: MockedResource[]) => {
  const snapshot = snapshotFromMockedResources(resources, { accountId: ACCOUNT, region: REGION });
  expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
  return snapshot;
};
const acls = (snapshot: Snapshot) =>
  snapshot.resources.filter((r) => r.type === "aws.ec2.network-acl") as ResourceOf<"aws.ec2.network-acl">[];
const gapsOf = (snapshot: Snapshot) =>
  snapshot.sources[0]!.gaps.map((g) => `${g.resourceType} ${g.operation} ${g.code}`);

const vpc: MockedResource = {
  type: "aws:ec2/vpc:Vpc",
  name: "main",
  id: "vpc-0001",
  inputs: { cidrBlock: "10.80.0.0/16" },
  state: { defaultNetworkAclId: "acl-0default" },
};
const subnet = (name: string, id: string): MockedResource => ({
  type: "aws:ec2/subnet:Subnet",
  name,
  id,
  inputs: { vpcId: "vpc-0001", cidrBlock: "10.80.0.0/20" },
});

describe("network ACLs as code declares them", () => {
  it("maps inline entries (names to protocol numbers), separate rules and associations, in rule order", () => {
    const snapshot = snapshotOf([
      vpc,
      subnet("a", "subnet-a"),
      subnet("b", "subnet-b"),
      {
        type: "aws:ec2/networkAcl:NetworkAcl",
        name: "confidential",
        id: "acl-0conf",
        inputs: {
          vpcId: "vpc-0001",
          subnetIds: ["subnet-a"],
          ingress: [
            {
              ruleNo: 200,
              action: "allow",
              protocol: "-1",
              fromPort: 0,
              toPort: 0,
              cidrBlock: "10.80.0.0/16",
            },
            {
              ruleNo: 100,
              action: "deny",
              protocol: "tcp",
              fromPort: 22,
              toPort: 22,
              cidrBlock: "0.0.0.0/0",
            },
          ],
          egress: [
            { ruleNo: 100, action: "allow", protocol: "all", fromPort: 0, toPort: 0, ipv6CidrBlock: "::/0" },
          ],
          tags: { Name: "confidential" },
        },
      },
      {
        type: "aws:ec2/networkAclRule:NetworkAclRule",
        name: "rdp-deny",
        inputs: {
          networkAclId: "acl-0conf",
          ruleNumber: 110,
          protocol: "6",
          ruleAction: "deny",
          cidrBlock: "0.0.0.0/0",
          fromPort: 3389,
          toPort: 3389,
        },
      },
      {
        type: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
        name: "b",
        inputs: { networkAclId: "acl-0conf", subnetId: "subnet-b" },
      },
    ]);
    expect(acls(snapshot)).toEqual([
      expect.objectContaining({
        id: "acl-0conf",
        name: "confidential",
        urn: expect.stringContaining("aws:ec2/networkAcl:NetworkAcl::confidential"),
        attributes: {
          networkAclId: "acl-0conf",
          vpcId: "vpc-0001",
          isDefault: false,
          subnetIds: ["subnet-a", "subnet-b"],
          entries: [
            {
              ruleNumber: 100,
              egress: false,
              protocol: "6",
              action: "deny",
              cidrBlock: "0.0.0.0/0",
              fromPort: 22,
              toPort: 22,
            },
            {
              ruleNumber: 110,
              egress: false,
              protocol: "6",
              action: "deny",
              cidrBlock: "0.0.0.0/0",
              fromPort: 3389,
              toPort: 3389,
            },
            {
              ruleNumber: 200,
              egress: false,
              protocol: "-1",
              action: "allow",
              cidrBlock: "10.80.0.0/16",
              fromPort: 0,
              toPort: 0,
            },
            {
              ruleNumber: 100,
              egress: true,
              protocol: "-1",
              action: "allow",
              ipv6CidrBlock: "::/0",
              fromPort: 0,
              toPort: 0,
            },
          ],
        },
      }),
    ]);
    expect(gapsOf(snapshot)).toEqual([]);
  });

  it("gives a declared default ACL the VPC's subnets no other ACL claims; without entries it denies all", () => {
    const snapshot = snapshotOf([
      vpc,
      subnet("a", "subnet-a"),
      subnet("b", "subnet-b"),
      {
        type: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
        name: "default",
        id: "acl-0default",
        inputs: { defaultNetworkAclId: "acl-0default" },
      },
      {
        type: "aws:ec2/networkAcl:NetworkAcl",
        name: "other",
        id: "acl-0other",
        inputs: { vpcId: "vpc-0001", subnetIds: ["subnet-b"] },
      },
    ]);
    expect(
      acls(snapshot).map((a) => [a.id, a.attributes.isDefault, a.attributes.subnetIds, a.attributes.entries]),
    ).toEqual([
      ["acl-0other", false, ["subnet-b"], []],
      ["acl-0default", true, ["subnet-a"], []],
    ]);
  });

  it("leaves the entries out, with a gap, when one is not known before deployment", () => {
    const snapshot = snapshotOf([
      vpc,
      subnet("a", "subnet-a"),
      {
        type: "aws:ec2/networkAcl:NetworkAcl",
        name: "confidential",
        id: "acl-0conf",
        inputs: {
          vpcId: "vpc-0001",
          subnetIds: ["subnet-a"],
          ingress: [
            {
              ruleNo: 100,
              action: "allow",
              protocol: "-1",
              fromPort: 0,
              toPort: 0,
              cidrBlock: UNKNOWN_STRING,
            },
          ],
        },
      },
    ]);
    expect(acls(snapshot)[0]!.attributes.entries).toBeUndefined();
    expect(gapsOf(snapshot)).toEqual([
      "aws.ec2.network-acl aws:ec2/networkAcl:NetworkAcl.ingress UnknownBeforeDeployment",
    ]);
  });

  it("maps nothing when the code declares no ACL (the subnets keep AWS's default, which allows all)", () => {
    expect(acls(snapshotOf([vpc, subnet("a", "subnet-a")]))).toEqual([]);
  });
});
