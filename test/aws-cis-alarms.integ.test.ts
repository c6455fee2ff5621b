// The CIS 4.x alarm chain end to end against moto: a trail delivering to CloudWatch Logs, the CIS
// metric filters on its group, alarms and SNS topics seeded through the SDK; `itaku scan --aws` reads
// them (DescribeMetricFilters, DescribeAlarms, ListSubscriptionsByTopic) and judges each kind of event.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding, Result } from "@itaku/core";
import { CIS_LOG_GROUP, seedCisAlarms } from "./harness/aws-cis-seed";
import { runCli } from "./harness/cli";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, motoClientEnv, startMoto } from "./harness/moto";

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-1";

let moto: MotoServer;
let dir: string;
let result: Result;

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
  await seedCisAlarms(moto.endpoint, ACCOUNT, REGION, {
    withoutFilter: ["organizations-changes"],
    unsubscribed: ["nacl-changes"],
  });
  dir = mkdtempSync(join(tmpdir(), "itaku-aws-cis-"));
  const config = join(dir, "itaku.yaml");
  writeFileSync(config, ["aws:", `  regions: [${REGION}]`, `  endpoint: ${moto.endpoint}`, ""].join("\n"));
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

const finding = (): Finding => {
  const found = result.findings.filter((f) => f.ruleId === "logging-cis-metric-alarms");
  expect(found).toHaveLength(1);
  return found[0]!;
};

test("the alarm plumbing is read without a gap", () => {
  // Other services moto lacks (SSM, Config delivery status) leave gaps of their own; none here.
  const plumbing = ["aws.cloudtrail.trail", "aws.logs.log-group", "aws.cloudwatch.alarm"];
  expect(result.sources[0]!.gaps.filter((g) => plumbing.includes(g.resourceType))).toEqual([]);
  const group = (result as unknown as { inventory?: { type: string; count: number }[] }).inventory?.find(
    (i) => i.type === "aws.cloudwatch.alarm",
  );
  expect(group?.count).toBe(14);
});

test("the kind with no filter and the kind whose topic nobody subscribes to fail; the rest are alarmed", () => {
  const f = finding();
  expect([f.status, f.messageId]).toEqual(["fail", "missing"]);
  const coverage = (f.evidence as { coverage: { events: string; status: string }[] }).coverage;
  const byKind = Object.fromEntries(coverage.map((c) => [c.events, c.status]));
  expect(byKind["organizations-changes"]).toBe("noFilter");
  expect(byKind["nacl-changes"]).toBe("noSubscriber");
  expect(Object.entries(byKind).filter(([, status]) => status !== "alarmed")).toHaveLength(2);
  expect((f.evidence as { logGroups: string[] }).logGroups).toEqual([
    `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${CIS_LOG_GROUP}`,
  ]);
});
