// Amazon Inspector and the protection of the logs themselves, end to end against moto: Inspector
// enabled per region, trail buckets with and without server access logging, log groups with and
// without a KMS key, all seeded through the SDK; `itaku scan --aws` reads them (BatchGetAccountStatus,
// GetBucketLogging, DescribeLogGroups) and judges. Nothing is mocked: moto implements every call here.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchLogsClient, CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { EnableCommand, Inspector2Client } from "@aws-sdk/client-inspector2";
import {
  CreateBucketCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { requiredIamActions } from "@itaku/collector-aws";
import type { Result } from "@itaku/core";
import { runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const ACCOUNT = "111122223333";
const HOME = "ap-northeast-1";
/** Inspector scans EC2 only here. */
const EC2_ONLY = "us-west-2";
/** Inspector was never touched here: moto then answers BatchGetAccountStatus without the account. */
const UNTOUCHED = "eu-west-1";
const LOG_KEY = `arn:aws:kms:${HOME}:${ACCOUNT}:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`;
const groupArn = (name: string) => `arn:aws:logs:${HOME}:${ACCOUNT}:log-group:${name}`;

let moto: MotoServer;
let dir: string;
let result: Result;

async function seed(endpoint: string): Promise<void> {
  const base = { endpoint, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
  const config = { ...base, region: HOME };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const logs = new CloudWatchLogsClient(config);
  const cloudtrail = new CloudTrailClient(config);
  const inspectors = [HOME, EC2_ONLY].map((region) => new Inspector2Client({ ...base, region }));
  try {
    await inspectors[0]!.send(new EnableCommand({ accountIds: [ACCOUNT], resourceTypes: ["EC2", "ECR"] }));
    await inspectors[1]!.send(new EnableCommand({ accountIds: [ACCOUNT], resourceTypes: ["EC2"] }));

    const bucket = (Bucket: string) =>
      s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: HOME } }));
    await bucket("sample-access-logs");
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: "sample-access-logs",
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "logging.s3.amazonaws.com" },
              Action: ["s3:PutObject"],
              Resource: "arn:aws:s3:::sample-access-logs/*",
            },
          ],
        }),
      }),
    );
    await bucket("sample-audit-trail");
    await s3.send(
      new PutBucketLoggingCommand({
        Bucket: "sample-audit-trail",
        BucketLoggingStatus: {
          LoggingEnabled: { TargetBucket: "sample-access-logs", TargetPrefix: "audit-trail/" },
        },
      }),
    );
    await bucket("sample-ops-trail");

    await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/cloudtrail/audit", kmsKeyId: LOG_KEY }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/vendor/proxy/access" }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/lambda/thumbnails" }));

    await cloudtrail.send(
      new CreateTrailCommand({
        Name: "audit",
        S3BucketName: "sample-audit-trail",
        IsMultiRegionTrail: false,
        CloudWatchLogsLogGroupArn: `${groupArn("/aws/cloudtrail/audit")}:*`,
        CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/cloudtrail-to-logs`,
      }),
    );
    await cloudtrail.send(new CreateTrailCommand({ Name: "ops", S3BucketName: "sample-ops-trail" }));
    for (const Name of ["audit", "ops"]) await cloudtrail.send(new StartLoggingCommand({ Name }));
  } finally {
    for (const client of [s3, logs, cloudtrail, ...inspectors]) client.destroy();
  }
}

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
  await seed(moto.endpoint);
  dir = mkdtempSync(join(tmpdir(), "itaku-aws-inspector-logs-"));
  const config = join(dir, "itaku.yaml");
  writeFileSync(
    config,
    [
      "aws:",
      `  regions: [${HOME}, ${EC2_ONLY}, ${UNTOUCHED}]`,
      `  endpoint: ${moto.endpoint}`,
      "  confidential:",
      "    proxy: { logGroupNames: [/vendor/proxy/access] }",
      "",
    ].join("\n"),
  );
  const run = await runCli(
    ["scan", "--aws", "--config", config, "--format", "json", "--now", "2026-11-20T00:00:00Z", "-q"],
    { env: motoClientEnv(moto.endpoint) },
  );
  result = JSON.parse(run.stdout) as Result;
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verdict = (ruleId: string, resourceId: string): string | undefined => {
  const found = result.findings.find((f) => f.ruleId === ruleId && f.resource.id === resourceId);
  return found && (found.messageId ? `${found.status}:${found.messageId}` : found.status);
};
const gapsOf = (resourceType: string) =>
  result.sources.flatMap((s) => s.gaps).filter((g) => g.resourceType === resourceType);

test("the new reads are in the IAM policy, and the bucket and log group reads leave no gap", () => {
  expect(requiredIamActions()).toEqual(
    expect.arrayContaining(["inspector2:BatchGetAccountStatus", "s3:GetBucketLogging"]),
  );
  expect(gapsOf("aws.s3.bucket")).toEqual([]);
  expect(gapsOf("aws.logs.log-group")).toEqual([]);
});

test("Inspector: on for EC2 and ECR passes, EC2 only fails, an unanswered region is unknown", () => {
  const rule = "detection-inspector2-enabled";
  expect(verdict(rule, `inspector2:${ACCOUNT}:${HOME}`)).toBe("pass");
  expect(verdict(rule, `inspector2:${ACCOUNT}:${EC2_ONLY}`)).toBe("fail:scanOff");
  expect(verdict(rule, `inspector2:${ACCOUNT}:${UNTOUCHED}`)).toBe("unknown");
  // The account missing from the answer is a gap of that region only, never a pass or a fail.
  expect(gapsOf("aws.inspector2.status").map((g) => [g.region, g.operation, g.code])).toEqual([
    [UNTOUCHED, "BatchGetAccountStatus", "AccountNotReturned"],
  ]);
});

test("trail buckets: the access-logged one passes, the other fails", () => {
  const rule = "logging-cloudtrail-bucket-access-logging";
  expect(verdict(rule, `arn:aws:cloudtrail:${HOME}:${ACCOUNT}:trail/audit`)).toBe("pass");
  expect(verdict(rule, `arn:aws:cloudtrail:${HOME}:${ACCOUNT}:trail/ops`)).toBe("fail:off");
});

test("log groups: the trail's with a key passes, the proxy's without fails, an unrelated one is n/a", () => {
  const rule = "logging-log-group-kms-encryption";
  expect(verdict(rule, groupArn("/aws/cloudtrail/audit"))).toBe("pass");
  expect(verdict(rule, groupArn("/vendor/proxy/access"))).toBe("fail:notEncrypted");
  expect(verdict(rule, groupArn("/aws/lambda/thumbnails"))).toBe("not_applicable");
});
