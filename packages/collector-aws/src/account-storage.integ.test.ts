// The account-level storage settings against a real AWS API server (moto): S3 Control's account public
// access block and EBS encryption by default per region, before and after they are turned on. S3
// Control cannot take moto's IP endpoint as its endpoint (it puts the account id in front of the host),
// so its client sends to it through `sendToEndpoint`, as the collector's does.
import { EC2Client, EnableEbsEncryptionByDefaultCommand } from "@aws-sdk/client-ec2";
import { PutPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import type { Resource, Snapshot } from "@itaku/core";
import {
  MOTO_INSTALL_TIMEOUT_MS,
  type MotoServer,
  motoClientEnv,
  startMoto,
} from "../../../test/harness/moto";
import { ebsEncryptionByDefaultCollector, s3AccountPublicAccessBlockCollector } from "./account-storage";
import { sendToEndpoint } from "./client";
import { collectAws } from "./collect";

const ACCOUNT = "111122223333";
const REGIONS = ["ap-northeast-1", "us-east-1"];
let moto: MotoServer;

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
});

const collect = () =>
  collectAws(
    { regions: REGIONS, endpoint: moto.endpoint },
    {
      env: motoClientEnv(moto.endpoint),
      collectors: [s3AccountPublicAccessBlockCollector, ebsEncryptionByDefaultCollector],
    },
  );

const ofType = (snapshot: Snapshot, type: Resource["type"]) =>
  snapshot.resources.filter((r) => r.type === type).map((r) => ({ region: r.region, ...r.attributes }));

const seedClient = {
  region: "ap-northeast-1",
  endpoint: "",
  credentials: { accessKeyId: "a", secretAccessKey: "b" },
};

test("nothing configured reads as no block and encryption off, with no gap", async () => {
  const snapshot = await collect();
  expect(ofType(snapshot, "aws.s3.account-public-access-block")).toEqual([
    { region: "global", settings: null },
  ]);
  expect(ofType(snapshot, "aws.ec2.ebs-encryption-by-default")).toEqual([
    { region: "ap-northeast-1", enabled: false },
    { region: "us-east-1", enabled: false },
  ]);
  expect(snapshot.sources[0]!.gaps).toEqual([]);
  expect(snapshot.sources[0]!.stats).toMatchObject({
    "requests.s3-control:GetPublicAccessBlock": 1,
    "requests.ec2:GetEbsEncryptionByDefault": 2,
  });
});

test("what was turned on reads as on, per account and per region", async () => {
  const s3control = new S3ControlClient(seedClient);
  sendToEndpoint(s3control, moto.endpoint);
  await s3control.send(
    new PutPublicAccessBlockCommand({
      AccountId: ACCOUNT,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
      },
    }),
  );
  await new EC2Client({ ...seedClient, endpoint: moto.endpoint }).send(
    new EnableEbsEncryptionByDefaultCommand({}),
  );

  const snapshot = await collect();
  expect(ofType(snapshot, "aws.s3.account-public-access-block")).toEqual([
    {
      region: "global",
      settings: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: false,
      },
    },
  ]);
  expect(ofType(snapshot, "aws.ec2.ebs-encryption-by-default")).toEqual([
    { region: "ap-northeast-1", enabled: true },
    { region: "us-east-1", enabled: false },
  ]);
});
