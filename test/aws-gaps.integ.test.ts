// Unknown is not silence: when the scanner may not read a whole resource type (here moto checks
// every signed request against IAM and the scanner's user is denied GetAccountAuthorizationDetails),
// every rule over that type answers `unknown` for the account, its controls are `unknown`, and
// `--fail-on-unknown` exits 1.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import type { Result } from "@itaku/core";
import { seedClient, VENDOR_ACCOUNT } from "./harness/aws-seed";
import { runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const PRINCIPAL_TYPES = ["aws.iam.user", "aws.iam.group", "aws.iam.role"];
let moto: MotoServer;
let dir: string;
let env: Record<string, string>;
let config: string;
let principalRules: string[];

beforeAll(async () => {
  // moto lets the first three requests through unsigned (the seeding below), then checks them all.
  moto = await startMoto({ accountId: VENDOR_ACCOUNT, env: { INITIAL_NO_AUTH_ACTION_COUNT: "3" } });
  const iam = seedClient(moto.endpoint);
  await iam.send(new CreateUserCommand({ UserName: "itaku-scanner" }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: "itaku-scanner",
      PolicyName: "read-all-but-authorization-details",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "*", Resource: "*" },
          { Effect: "Deny", Action: "iam:GetAccountAuthorizationDetails", Resource: "*" },
        ],
      }),
    }),
  );
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "itaku-scanner" }))).AccessKey!;
  env = motoClientEnv(moto.endpoint, {
    AWS_ACCESS_KEY_ID: key.AccessKeyId!,
    AWS_SECRET_ACCESS_KEY: key.SecretAccessKey!,
  });

  // Only the rules over IAM principals stay on, so the exit code answers for them alone.
  const rules = JSON.parse((await runCli(["rules", "--format", "json"])).stdout) as {
    id: string;
    resourceTypes: string[];
  }[];
  principalRules = rules
    .filter((rule) => rule.resourceTypes.some((type) => PRINCIPAL_TYPES.includes(type)))
    .map((rule) => rule.id);
  dir = mkdtempSync(join(tmpdir(), "itaku-aws-gaps-"));
  config = join(dir, "itaku.yaml");
  writeFileSync(
    config,
    [
      "aws:",
      "  regions: [ap-northeast-1]",
      `  endpoint: ${moto.endpoint}`,
      "rules:",
      ...rules.filter((rule) => !principalRules.includes(rule.id)).map((rule) => `  ${rule.id}: off`),
      "",
    ].join("\n"),
  );
}, MOTO_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a denied GetAccountAuthorizationDetails makes every principal rule and its controls unknown", async () => {
  const run = await runCli(["scan", "--aws", "--config", config, "--format", "json", "--quiet"], { env });
  expect([run.code, run.stderr]).toEqual([0, ""]);
  const result = JSON.parse(run.stdout) as Result;
  expect(
    result.sources[0]!.gaps.filter((gap) => gap.operation === "GetAccountAuthorizationDetails").map(
      (g) => g.code,
    ),
  ).toEqual(["AccessDenied", "AccessDenied", "AccessDenied", "AccessDenied"]);

  // One unknown per rule, type and account; nothing passes, nothing is silent.
  const byRule = new Map<string, string[]>();
  for (const finding of result.findings) {
    expect([finding.ruleId, finding.status, finding.resource.scope]).toEqual([
      finding.ruleId,
      "unknown",
      VENDOR_ACCOUNT,
    ]);
    byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding.resource.type]);
  }
  expect([...byRule.keys()].sort()).toEqual([...principalRules].sort());
  expect(byRule.get("aws-iam-privilege-escalation")?.sort()).toEqual([...PRINCIPAL_TYPES].sort());
  expect(result.findings[0]!.evidence.gaps).toEqual([
    expect.objectContaining({ operation: "GetAccountAuthorizationDetails", code: "AccessDenied" }),
  ]);

  // The controls these rules check read unknown, not "not assessed".
  const leastPrivilege = result.controls.find((control) => control.id === "NIC-1-4-2-3")!;
  expect([leastPrivilege.status, leastPrivilege.counts.unknown > 0]).toEqual(["unknown", true]);
});

test("--fail-on-unknown exits 1 on that gap (the scan above, without it, exits 0)", async () => {
  const run = await runCli(["scan", "--aws", "--config", config, "--quiet", "--fail-on-unknown"], { env });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain("GetAccountAuthorizationDetails: AccessDenied");
});
