import { snapshotSchema } from "@itaku/core";
import { recordingMocks } from "./mocks";
import { snapshotFromMockedResources } from "./snapshot";

describe("recordingMocks", () => {
  const make = () => {
    const { mocks, resources } = recordingMocks({ accountId: "111122223333", region: "ap-northeast-1" });
    const vpc = mocks.newResource({
      type: "aws:ec2/vpc:Vpc",
      name: "main",
      inputs: { cidrBlock: "10.0.0.0/16" },
      custom: true,
    });
    const subnet = mocks.newResource({
      type: "aws:ec2/subnet:Subnet",
      name: "a",
      inputs: { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", tags: { DataClass: "confidential" } },
      custom: true,
    });
    const table = mocks.newResource({
      type: "aws:ec2/routeTable:RouteTable",
      name: "rt",
      inputs: { vpcId: vpc.id, routes: [] },
      custom: true,
    });
    mocks.newResource({
      type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
      name: "rta",
      inputs: { subnetId: subnet.id, routeTableId: table.id },
      custom: true,
    });
    const user = mocks.newResource({
      type: "aws:iam/user:User",
      name: "alice-user",
      inputs: { name: "alice" },
      custom: true,
    });
    mocks.newResource({ type: "my:index:Component", name: "c", inputs: {}, custom: false });
    return { mocks, resources, vpc, user };
  };

  it("answers with AWS-like ids and ARNs, the same on every run", () => {
    const first = make();
    const second = make();
    expect(first.vpc.id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(first.vpc.id).toBe(second.vpc.id);
    expect(first.vpc.state.mainRouteTableId).toMatch(/^rtb-/);
    expect(first.user).toEqual({
      id: "alice",
      state: expect.objectContaining({ arn: "arn:aws:iam::111122223333:user/alice", name: "alice" }),
    });
    expect(
      first.mocks.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} }).accountId,
    ).toBe("111122223333");
    expect(first.resources.map((r) => r.type)).toContain("my:index:Component");
  });

  it("records what a snapshot links by id", () => {
    const { resources, vpc } = make();
    const snapshot = snapshotFromMockedResources(resources, { now: () => new Date("2026-11-20T00:00:00Z") });
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    const table = snapshot.resources.find((r) => r.type === "aws.ec2.route-table" && r.name === "rt");
    const subnet = snapshot.resources.find((r) => r.type === "aws.ec2.subnet");
    expect(table?.attributes).toMatchObject({ vpcId: vpc.id, subnetIds: [subnet?.id] });
    expect(snapshot.sources[0]!.scope).toBe("111122223333");
  });
});
