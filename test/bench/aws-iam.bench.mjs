// IAM collection benchmark: moto seeded with 10,000 users (each with an access key and a group, one
// in ten with a console password and one in ten with an inline policy), 20 groups with customer
// policies and 100 roles; then the IAM collection — collectAws with the IAM collector, as
// `itaku collect --aws` runs it — in a process of its own. Prints the AWS requests it makes (target:
// ⌈principals / 1000⌉ + 10), its wall time and peak memory (max RSS), and the snapshot's size.
// Run: pnpm build && node test/bench/aws-iam.bench.mjs [--users N]
//
// moto answers GetAccountAuthorizationDetails in one page whatever MaxItems says; against IAM the
// same collection pages through 1000 items at a time, ⌈entities / 1000⌉ requests.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { build } from "esbuild";
import { ACCOUNT, collectorEnv, credentials, inParallel, ROOT, startMoto } from "./measure.mjs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const usersFlag = process.argv.indexOf("--users");
const USERS = usersFlag > 0 ? Number(process.argv[usersFlag + 1]) : 10_000;
const GROUPS = 20;
const ROLES = 100;
const { endpoint, stop: stopMoto } = await startMoto();

const iam = new IAMClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 5 });
const document = (statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const seedStarted = performance.now();
let seedRequests = 0;
const send = (command) => {
  seedRequests++;
  return iam.send(command);
};
for (let g = 0; g < GROUPS; g++) {
  const policy = await send(
    new CreatePolicyCommand({
      PolicyName: `bench-team-${g}`,
      PolicyDocument: document([
        { Effect: "Allow", Action: ["ec2:Describe*", "s3:GetObject"], Resource: "*" },
      ]),
    }),
  );
  await send(new CreateGroupCommand({ GroupName: `team-${g}` }));
  await send(new AttachGroupPolicyCommand({ GroupName: `team-${g}`, PolicyArn: policy.Policy.Arn }));
}
await inParallel(
  Array.from({ length: USERS }, (_, i) => async () => {
    const UserName = `bench-user-${String(i).padStart(5, "0")}`;
    await send(new CreateUserCommand({ UserName }));
    await send(new CreateAccessKeyCommand({ UserName }));
    await send(new AddUserToGroupCommand({ GroupName: `team-${i % GROUPS}`, UserName }));
    if (i % 10 === 0) await send(new CreateLoginProfileCommand({ UserName, Password: "Bench-Passw0rd!" }));
    if (i % 10 === 5) {
      await send(
        new PutUserPolicyCommand({
          UserName,
          PolicyName: "own",
          PolicyDocument: document([{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }]),
        }),
      );
    }
  }),
);
await inParallel(
  Array.from(
    { length: ROLES },
    (_, i) => () =>
      send(
        new CreateRoleCommand({
          RoleName: `bench-role-${i}`,
          AssumeRolePolicyDocument: document([
            { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" },
          ]),
        }),
      ),
  ),
);
iam.destroy();
const seedSeconds = (performance.now() - seedStarted) / 1000;

const dir = mkdtempSync(join(tmpdir(), "itaku-bench-iam-"));
// The IAM collector alone, through collectAws as the CLI calls it, bundled for a child process of its
// own so that its peak memory (max RSS) is the collection's and nothing else's.
const entry = join(dir, "collect-iam.mjs");
await build({
  stdin: {
    contents: `
      import { collectAws, iamCollector } from "@itaku/collector-aws";
      const started = performance.now();
      const snapshot = await collectAws(
        { regions: ["ap-northeast-1"], endpoint: process.env.AWS_ENDPOINT_URL },
        { collectors: [iamCollector] },
      );
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage();
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      process.stdout.write(JSON.stringify({ seconds, cpuSeconds, maxRssKb: process.resourceUsage().maxRSS, snapshot }));
    `,
    resolveDir: join(ROOT, "packages/collector-aws"),
    loader: "ts",
  },
  outfile: entry,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "error",
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});

function collect() {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [entry], {
      env: collectorEnv(endpoint, "ap-northeast-1"),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => {
      if (code !== 0) return fail(new Error(`collection exited ${code}:\n${stderr}`));
      const { seconds, cpuSeconds, maxRssKb, snapshot } = JSON.parse(stdout);
      const count = (type) => snapshot.resources.filter((r) => r.type === type).length;
      const stats = snapshot.sources[0].stats;
      const iamOps = Object.entries(stats).filter(([key]) => /^requests\.(iam|sts):/.test(key));
      ok({
        seconds,
        cpuSeconds,
        iamRequests: iamOps.reduce((n, [, v]) => n + v, 0),
        iamOps: Object.fromEntries(iamOps.map(([k, v]) => [k.slice("requests.".length), v])),
        maxRssMb: maxRssKb / 1024,
        snapshotMb: Buffer.byteLength(JSON.stringify(snapshot, null, 2)) / 1024 / 1024,
        iamGaps: snapshot.sources[0].gaps,
        users: count("aws.iam.user"),
        groups: count("aws.iam.group"),
        roles: count("aws.iam.role"),
        policies: count("aws.iam.policy"),
        withKeys: snapshot.resources.filter(
          (r) => r.type === "aws.iam.user" && r.attributes.accessKeys?.length,
        ).length,
      });
    });
  });
}

try {
  console.log(
    `seeded moto in ${seedSeconds.toFixed(1)} s with ${seedRequests} requests: ${USERS} users (each with a key and a group), ${GROUPS} groups, ${ROLES} roles`,
  );
  const run = await collect();
  const principals = run.users + run.groups + run.roles;
  const target = Math.ceil(principals / 1000) + 10;
  console.log(
    `collected ${run.users} users (${run.withKeys} with keys), ${run.groups} groups, ${run.roles} roles, ${run.policies} policies`,
  );
  console.log(
    `IAM requests: ${run.iamRequests} (target ≤ ⌈${principals}/1000⌉ + 10 = ${target}) ${JSON.stringify(run.iamOps)}`,
  );
  console.log(
    `per-user collection would need ≥ ${5 * run.users} (ListAccessKeys, ListMFADevices, ListGroupsForUser, ListUserPolicies, ListAttachedUserPolicies per user)`,
  );
  console.log(
    `wall time: ${run.seconds.toFixed(2)} s (collector CPU ${run.cpuSeconds.toFixed(2)} s; the rest is moto building its answers and the report wait)   peak RSS: ${run.maxRssMb.toFixed(0)} MB   snapshot: ${run.snapshotMb.toFixed(1)} MB`,
  );
  if (run.iamGaps.length > 0)
    console.log(`IAM gaps: ${JSON.stringify(run.iamGaps.map((g) => [g.resourceType, g.code]))}`);
  if (run.iamRequests > target) {
    console.error(`over the request budget: ${run.iamRequests} > ${target}`);
    process.exitCode = 1;
  }
} finally {
  stopMoto();
  rmSync(dir, { recursive: true, force: true });
}
