import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ResourceOf, type ResourceType, type Snapshot, snapshotSchema } from "@itaku/core";
import { snapshotFromStackExport, snapshotFromStackExportFile } from "./snapshot";

const PATH = join(__dirname, "../fixtures/stack-export.json");
const NOW = () => new Date("2026-11-20T00:00:00Z");

const find = <T extends ResourceType>(snapshot: Snapshot, type: T, name: string) => {
  const found = snapshot.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} ${name}`);
  return found as unknown as ResourceOf<T>;
};

describe("snapshotFromStackExport", () => {
  const snapshot = snapshotFromStackExportFile(PATH, { now: NOW });

  it("writes a valid iac snapshot for the account and region the state names", () => {
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.origin).toBe("iac");
    expect(snapshot.sources).toEqual([
      expect.objectContaining({
        provider: "pulumi",
        scope: "111122223333",
        regions: ["ap-northeast-1"],
        gaps: [],
        collectedBy: "vendor-net/prod",
      }),
    ]);
    expect(snapshot.resources.find((r) => r.type === "aws.account")?.id).toBe("111122223333");
  });

  it("accepts the parsed document as well as its text", () => {
    const parsed = JSON.parse(readFileSync(PATH, "utf8"));
    expect(snapshotFromStackExport(parsed, PATH, { now: NOW })).toEqual(snapshot);
  });

  it("joins a bucket's separate configuration resources into the bucket", () => {
    const bucket = find(snapshot, "aws.s3.bucket", "vendor-trail-7c1e2f9");
    expect(bucket.attributes).toMatchObject({
      purposes: ["cloudtrail"],
      versioning: "Enabled",
      objectLock: { enabled: true, mode: "GOVERNANCE", days: 400 },
      lifecycleRules: [
        { id: "expire", enabled: true, prefix: "", expirationDays: 400, noncurrentExpirationDays: 30 },
      ],
      publicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      },
      encryption: { algorithm: "aws:kms" },
    });
    expect(JSON.stringify(bucket.attributes.policy)).toContain("aws:SecureTransport");
  });

  it("joins route table associations and keeps the VPC's main table", () => {
    const tables = snapshot.resources.filter(
      (r) => r.type === "aws.ec2.route-table",
    ) as ResourceOf<"aws.ec2.route-table">[];
    const byId = Object.fromEntries(tables.map((t) => [t.id, t.attributes]));
    expect(byId["rtb-0c0nf00000000001"]?.subnetIds).toEqual(["subnet-0c0nf1dent1a0000a"]);
    expect(byId["rtb-0pub000000000001"]?.subnetIds).toEqual([
      "subnet-0c0nf1dent1a0000c",
      "subnet-0pr0xy00000000a0",
    ]);
    expect(byId["rtb-0pub000000000001"]?.routes).toContainEqual({
      destination: "0.0.0.0/0",
      target: { type: "internet-gateway", id: "igw-0f1e2d3c4b5a69788" },
      state: "active",
    });
    expect(byId["rtb-0c0nf00000000001"]?.routes).toContainEqual({
      destination: "pl-61a54008",
      target: { type: "vpc-endpoint", id: "vpce-0s3000000000001" },
      state: "active",
    });
    expect(byId["rtb-0main000000000001"]).toMatchObject({ main: true, subnetIds: [] });
  });

  it("joins separate security group rules and group memberships", () => {
    expect(find(snapshot, "aws.ec2.security-group", "vendor-bastion").attributes.ingress).toEqual([
      expect.objectContaining({ protocol: "tcp", fromPort: 22, toPort: 22, ipv4Ranges: ["0.0.0.0/0"] }),
    ]);
    expect(find(snapshot, "aws.iam.group", "vendor-admins").attributes.members).toEqual(["sato", "suzuki"]);
    expect(find(snapshot, "aws.iam.user", "sato").attributes).toMatchObject({
      groups: ["vendor-admins"],
      passwordEnabled: true,
    });
    expect(find(snapshot, "aws.iam.user", "shared-ops").attributes.accessKeys).toEqual([
      { id: "AKIAEXAMPLESHARED01", active: true, createdAt: "2026-10-01T09:15:01.000Z", lastUsedAt: null },
    ]);
    expect(find(snapshot, "aws.iam.role", "itaku-auditor").attributes.attachedPolicies).toEqual([
      { arn: "arn:aws:iam::aws:policy/SecurityAudit", name: "SecurityAudit" },
    ]);
  });

  it("plans the primary interface of a declared instance", () => {
    expect(find(snapshot, "aws.ec2.network-interface", "proxy eni-0").attributes).toMatchObject({
      subnetId: "subnet-0pr0xy00000000a0",
      securityGroupIds: ["sg-0pr0xy0000000001"],
      instanceId: "i-0pr0xy00000000001",
    });
  });

  it("leaves out resources pending deletion, and never copies a secret", () => {
    expect(snapshot.resources.some((r) => r.name === "old-contractor")).toBe(false);
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain("ciphertext");
    expect(text).not.toContain("v1:");
    expect(text).not.toContain("1b47061264138c4ac30d75fd1eb44270");
  });

  it("marks confidential buckets and proxy log groups from the itaku settings", () => {
    const marked = snapshotFromStackExportFile(PATH, {
      now: NOW,
      confidential: {
        bucketTags: {},
        proxy: {
          securityGroupIds: [],
          instanceIds: [],
          networkInterfaceIds: [],
          logGroupNames: ["/vendor/proxy/access"],
        },
      },
    });
    expect(find(marked, "aws.logs.log-group", "/vendor/proxy/access").attributes.purposes).toEqual([
      "proxy-logs",
    ]);
  });
});
