// Collection benchmark for the network and logging collectors: moto seeded with 4 regions, 200 VPCs
// (one subnet and route table each), 2,000 security groups and 500 log groups (plus one trail per
// region), then `itaku collect --aws` run as users run it, once sequentially (maxConcurrency 1) and
// once with the default bounded concurrency (4). Prints requests, wall time and peak memory (the
// child's max RSS) of each, and the speedup.  Run: pnpm build && node test/bench/aws-network.bench.mjs
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { CLI, collectorEnv, credentials, inParallel, startMoto } from "./measure.mjs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const REGIONS = ["ap-northeast-1", "ap-northeast-3", "us-east-1", "eu-west-1"];
const VPCS = 200;
const SECURITY_GROUPS = 2000;
const LOG_GROUPS = 500;
const { endpoint, stop: stopMoto } = await startMoto();

const seedStarted = performance.now();
for (const [r, region] of REGIONS.entries()) {
  const config = { endpoint, region, credentials, maxAttempts: 3 };
  const ec2 = new EC2Client(config);
  const logs = new CloudWatchLogsClient(config);
  const vpcs = [];
  await inParallel(
    Array.from({ length: VPCS / REGIONS.length }, (_, i) => async () => {
      const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${(r * 50 + i) % 256}.0.0/16` }))).Vpc
        .VpcId;
      vpcs.push(vpc);
      await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpc,
          CidrBlock: `10.${(r * 50 + i) % 256}.1.0/24`,
          TagSpecifications: [
            { ResourceType: "subnet", Tags: [{ Key: "DataClass", Value: "confidential" }] },
          ],
        }),
      );
    }),
  );
  // Each VPC already has its default group; these are the rest.
  const perRegion = SECURITY_GROUPS / REGIONS.length - vpcs.length;
  await inParallel(
    Array.from(
      { length: perRegion },
      (_, i) => () =>
        ec2.send(
          new CreateSecurityGroupCommand({
            GroupName: `bench-${i}`,
            Description: "bench",
            VpcId: vpcs[i % vpcs.length],
          }),
        ),
    ),
  );
  await inParallel(
    Array.from({ length: LOG_GROUPS / REGIONS.length }, (_, i) => async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: `/bench/${region}/${i}` }));
      await logs.send(
        new PutRetentionPolicyCommand({ logGroupName: `/bench/${region}/${i}`, retentionInDays: 400 }),
      );
    }),
  );
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const bucket = `bench-trail-${region}`;
  await s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }),
    }),
  );
  const cloudtrail = new CloudTrailClient(config);
  await cloudtrail.send(new CreateTrailCommand({ Name: `bench-${region}`, S3BucketName: bucket }));
  await cloudtrail.send(new StartLoggingCommand({ Name: `bench-${region}` }));
  for (const client of [ec2, logs, s3, cloudtrail]) client.destroy();
}
const seedSeconds = (performance.now() - seedStarted) / 1000;

const dir = mkdtempSync(join(tmpdir(), "itaku-bench-aws-"));
// Prints the child's peak resident memory when it exits, whatever way the CLI ends.
const maxRss = `data:text/javascript,process.on("exit",()=>process.stderr.write("BENCH_MAXRSS_KB="+process.resourceUsage().maxRSS+"\\n"))`;

function collect(maxConcurrency) {
  const config = join(dir, `itaku-${maxConcurrency}.yaml`);
  const output = join(dir, `snapshot-${maxConcurrency}.json`);
  writeFileSync(
    config,
    `aws:\n  regions: [${REGIONS.join(", ")}]\n  maxConcurrency: ${maxConcurrency}\n  confidential:\n    subnetTags: { DataClass: confidential }\n`,
  );
  return new Promise((ok, fail) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ["--import", maxRss, CLI, "collect", "--aws", "--config", config, "--output", output],
      {
        env: { ...collectorEnv(endpoint, REGIONS[0]), NO_COLOR: "1" },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return fail(new Error(`collect exited ${code}:\n${stderr}`));
      const snapshot = JSON.parse(readFileSync(output, "utf8"));
      const count = (type) => snapshot.resources.filter((r) => r.type === type).length;
      const stats = snapshot.sources[0].stats;
      ok({
        maxConcurrency,
        seconds,
        requests: stats["requests.total"],
        maxRssMb: Number(/BENCH_MAXRSS_KB=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024,
        gaps: snapshot.sources[0].gaps.filter((g) => !g.resourceType.startsWith("aws.iam.")).length,
        vpcs: count("aws.ec2.vpc"),
        securityGroups: count("aws.ec2.security-group"),
        logGroups: count("aws.logs.log-group"),
        trails: count("aws.cloudtrail.trail"),
      });
    });
  });
}

try {
  console.log(
    `seeded moto in ${seedSeconds.toFixed(1)} s: ${REGIONS.length} regions, ${VPCS} VPCs (+${REGIONS.length} default), ${SECURITY_GROUPS} security groups, ${LOG_GROUPS} log groups`,
  );
  const sequential = await collect(1);
  const bounded = await collect(4);
  console.log(
    "maxConcurrency | wall s | requests | peak RSS MB | VPCs | SGs | log groups | trails | gaps (non-IAM)",
  );
  for (const run of [sequential, bounded]) {
    console.log(
      `${run.maxConcurrency} | ${run.seconds.toFixed(2)} | ${run.requests} | ${run.maxRssMb.toFixed(0)} | ${run.vpcs} | ${run.securityGroups} | ${run.logGroups} | ${run.trails} | ${run.gaps}`,
    );
  }
  console.log(
    `speedup of bounded concurrency (4) over sequential: ${(sequential.seconds / bounded.seconds).toFixed(2)}x`,
  );
} finally {
  stopMoto();
  rmSync(dir, { recursive: true, force: true });
}
