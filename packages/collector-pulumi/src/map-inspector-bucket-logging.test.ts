// Inspector enablers, bucket access logging and log groups' keys as a program registers them
// (recording mocks), mapped into the snapshot the rules read.
import { type ResourceOf, snapshotSchema } from "@itaku/core";
import { recordingMocks } from "./mocks";
import { snapshotFromMockedResources } from "./snapshot";
import { UNKNOWN_SENTINELS } from "./values";

const ACCOUNT = "111122223333";
const NOW = () => new Date("2026-11-20T00:00:00Z");

function program(register: (mocks: ReturnType<typeof recordingMocks>["mocks"]) => void) {
  const { mocks, resources } = recordingMocks({ accountId: ACCOUNT, region: "ap-northeast-1" });
  register(mocks);
  const snapshot = snapshotFromMockedResources(resources, {
    accountId: ACCOUNT,
    region: "ap-northeast-1",
    now: NOW,
  });
  expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
  return snapshot;
}
const of = <T extends ResourceOf<"aws.inspector2.status"> | ResourceOf<"aws.s3.bucket">>(
  snapshot: ReturnType<typeof program>,
  type: T["type"],
) => snapshot.resources.filter((r) => r.type === type) as T[];

describe("Inspector enablers", () => {
  it("add up per region: EC2 from one enabler, ECR from another", () => {
    const snapshot = program((mocks) => {
      for (const [name, types] of [
        ["ec2", ["EC2"]],
        ["ecr", ["ECR"]],
      ] as const)
        mocks.newResource({
          type: "aws:inspector2/enabler:Enabler",
          name,
          inputs: { accountIds: [ACCOUNT], resourceTypes: types },
          custom: true,
        });
      mocks.newResource({
        type: "aws:inspector2/enabler:Enabler",
        name: "oregon",
        inputs: { accountIds: [ACCOUNT], resourceTypes: ["EC2"], region: "us-west-2" },
        custom: true,
      });
    });
    const statuses = of<ResourceOf<"aws.inspector2.status">>(snapshot, "aws.inspector2.status");
    expect(statuses.map((s) => [s.region, s.attributes.status, s.attributes.scans])).toEqual([
      [
        "ap-northeast-1",
        "ENABLED",
        [
          { resourceType: "EC2", status: "ENABLED" },
          { resourceType: "ECR", status: "ENABLED" },
          { resourceType: "LAMBDA", status: "DISABLED" },
          { resourceType: "LAMBDA_CODE", status: "DISABLED" },
        ],
      ],
      [
        "us-west-2",
        "ENABLED",
        [
          { resourceType: "EC2", status: "ENABLED" },
          { resourceType: "ECR", status: "DISABLED" },
          { resourceType: "LAMBDA", status: "DISABLED" },
          { resourceType: "LAMBDA_CODE", status: "DISABLED" },
        ],
      ],
    ]);
    expect(statuses[0]!.urn).toMatch(/Enabler::ec2$/);
  });

  it("leave out an enabler for other accounts only, and map nothing when none is declared", () => {
    const forOthers = program((mocks) => {
      mocks.newResource({
        type: "aws:inspector2/enabler:Enabler",
        name: "members",
        inputs: { accountIds: ["444455556666"], resourceTypes: ["EC2", "ECR"] },
        custom: true,
      });
    });
    expect(of(forOthers, "aws.inspector2.status")).toEqual([]);
  });
});

describe("bucket access logging", () => {
  it("a BucketLogging resource names the target; a bucket without one logs nothing", () => {
    const snapshot = program((mocks) => {
      const trail = mocks.newResource({
        type: "aws:s3/bucket:Bucket",
        name: "trail",
        inputs: {},
        custom: true,
      });
      const target = mocks.newResource({
        type: "aws:s3/bucket:Bucket",
        name: "access-logs",
        inputs: {},
        custom: true,
      });
      mocks.newResource({ type: "aws:s3/bucket:Bucket", name: "plain", inputs: {}, custom: true });
      mocks.newResource({
        type: "aws:s3/bucketLogging:BucketLogging",
        name: "trail-access",
        inputs: { bucket: trail.id, targetBucket: target.id, targetPrefix: "cloudtrail/" },
        custom: true,
      });
      // The deprecated inline form still counts.
      mocks.newResource({
        type: "aws:s3/bucket:Bucket",
        name: "legacy",
        inputs: { loggings: [{ targetBucket: "central-logs", targetPrefix: "legacy/" }] },
        custom: true,
      });
    });
    const buckets = of<ResourceOf<"aws.s3.bucket">>(snapshot, "aws.s3.bucket");
    const target = buckets.find((b) => b.urn?.endsWith("::access-logs"))!.name;
    expect(buckets.map((b) => [b.urn?.split("::").pop(), b.attributes.accessLogging])).toEqual([
      ["trail", { targetBucket: target, targetPrefix: "cloudtrail/" }],
      ["access-logs", null],
      ["plain", null],
      ["legacy", { targetBucket: "central-logs", targetPrefix: "legacy/" }],
    ]);
  });
});

describe("log group keys", () => {
  it("a key a preview cannot name yet is still a key; a group without one has none", () => {
    const unknown = [...UNKNOWN_SENTINELS][0]!;
    const snapshot = program((mocks) => {
      mocks.newResource({
        type: "aws:cloudwatch/logGroup:LogGroup",
        name: "flow",
        inputs: { name: "/vendor/vpc/flow", kmsKeyId: unknown },
        custom: true,
      });
      mocks.newResource({
        type: "aws:cloudwatch/logGroup:LogGroup",
        name: "plain",
        inputs: { name: "/vendor/plain" },
        custom: true,
      });
    });
    const keys = snapshot.resources
      .filter((r) => r.type === "aws.logs.log-group")
      .map((r) => [r.name, (r as ResourceOf<"aws.logs.log-group">).attributes.kmsKeyId]);
    expect(keys).toEqual([
      ["/vendor/vpc/flow", "(known after deployment)"],
      ["/vendor/plain", undefined],
    ]);
  });
});
