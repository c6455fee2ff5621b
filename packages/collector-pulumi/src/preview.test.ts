import { join } from "node:path";
import { type ResourceOf, type ResourceType, type Snapshot, snapshotSchema } from "@itaku/core";
import { snapshotFromPreviewFile } from "./snapshot";

const PATH = join(__dirname, "../fixtures/preview.json");
const URN = "urn:pulumi:dev::vendor-baseline::itaku:index:VendorBaseline$";

const find = <T extends ResourceType>(snapshot: Snapshot, type: T, name: string) => {
  const found = snapshot.resources.find((r) => r.type === type && r.name === name);
  if (!found)
    throw new Error(
      `no ${type} ${name}; have ${snapshot.resources.filter((r) => r.type === type).map((r) => r.name)}`,
    );
  return found as unknown as ResourceOf<T>;
};

describe("snapshotFromPreview", () => {
  const snapshot = snapshotFromPreviewFile(PATH, { now: () => new Date("2026-11-20T00:00:00Z") });

  it("writes a valid iac snapshot; the region comes from the preview's config", () => {
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.sources[0]).toMatchObject({ scope: "111122223333", regions: ["ap-northeast-1"] });
  });

  it("names resources not created yet by their URN", () => {
    const vpc = find(snapshot, "aws.ec2.vpc", "vendor-confidential");
    expect(vpc.id).toBe(`${URN}aws:ec2/vpc:Vpc::baseline-vpc`);
    expect(vpc.urn).toBe(vpc.id);
    expect(find(snapshot, "aws.ec2.subnet", "vendor-confidential-ap-northeast-1a").attributes.vpcId).toBe(
      vpc.id,
    );
  });

  it("links a route table to its subnet and gateway through the file's dependencies, not ids", () => {
    const subnet = find(snapshot, "aws.ec2.subnet", "vendor-confidential-ap-northeast-1a");
    const igw = find(snapshot, "aws.ec2.internet-gateway", "vendor-proxy-egress");
    const table = find(snapshot, "aws.ec2.route-table", "vendor-confidential");
    expect(table.attributes.subnetIds).toEqual([subnet.id]);
    expect(table.attributes.routes).toContainEqual({
      destination: "0.0.0.0/0",
      target: { type: "internet-gateway", id: igw.id },
      state: "active",
    });
    const proxyTable = find(snapshot, "aws.ec2.route-table", "vendor-proxy");
    expect(proxyTable.attributes.routes).toContainEqual({
      destination: "0.0.0.0/0",
      target: { type: "internet-gateway", id: igw.id },
      state: "active",
    });
  });

  it("links a policy to its group and the group to its users through dependencies", () => {
    const group = find(snapshot, "aws.iam.group", "vendor-ops");
    expect(group.attributes.members).toEqual(["takahashi", "watanabe"]);
    expect(group.attributes.attachedPolicies).toEqual([
      { arn: "arn:aws:iam::111122223333:policy/vendor-ops-5d2e1b0", name: "vendor-ops-5d2e1b0" },
    ]);
    expect(find(snapshot, "aws.iam.user", "takahashi").attributes).toMatchObject({
      groups: ["vendor-ops"],
      passwordEnabled: true,
    });
    expect(find(snapshot, "aws.iam.user", "watanabe").attributes.passwordEnabled).toBe(false);
  });

  it("joins a separate security group rule to a group whose id is not known yet", () => {
    expect(find(snapshot, "aws.ec2.security-group", "baseline-jump-sg-3f9a1c2").attributes.ingress).toEqual([
      expect.objectContaining({ protocol: "tcp", fromPort: 3389, toPort: 3389, ipv4Ranges: ["0.0.0.0/0"] }),
    ]);
  });

  it("keeps unchanged resources with their ids, drops deleted ones, and shows no secret", () => {
    expect(
      find(snapshot, "aws.iam.password-policy", "account password policy").attributes.minimumLength,
    ).toBe(8);
    expect(snapshot.resources.some((r) => r.name === "tanaka")).toBe(false);
    expect(JSON.stringify(snapshot)).not.toContain("[secret]");
    expect(snapshot.sources[0]!.gaps).toEqual([]);
  });
});
