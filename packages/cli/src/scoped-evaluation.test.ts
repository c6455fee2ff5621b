// An organisation judged account by account (scan --org) must give the Result of judging the merged
// snapshot at once: every rule, the demo vendor's config and roster, parts split by scope.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { controls } from "@itaku/controls";
import {
  evaluate,
  isCrossScope,
  mergeSnapshots,
  parseConfig,
  parseRoster,
  parseSnapshot,
  type Resource,
  type ResourceOf,
  type Result,
  ScopedEvaluation,
  type Snapshot,
} from "@itaku/core";
import { allChecks, allRules } from "./registry";

const DEMO = join(__dirname, "../../../demo");
const config = parseConfig(
  readFileSync(join(DEMO, "itaku.yaml"), "utf8"),
  join(DEMO, "itaku.yaml"),
  allChecks,
);
const roster = parseRoster(readFileSync(join(DEMO, "roster.csv"), "utf8"), join(DEMO, "roster.csv"));
const input = {
  rules: allRules,
  ruleOptions: config.ruleOptions,
  now: new Date("2026-11-20T00:00:00Z"),
  roster,
  settings: config.settings,
  waivers: config.waivers,
  attestations: config.attestations,
  controls,
  toolVersion: "test",
};
const demo = (): Snapshot =>
  mergeSnapshots(
    readdirSync(join(DEMO, "snapshots"))
      .filter((f) => f.endsWith(".snapshot.json"))
      .map((f) => parseSnapshot(readFileSync(join(DEMO, "snapshots", f), "utf8"), f)),
  );

/** One snapshot per scope, as an organisation scan reads them. */
function byScope(snapshot: Snapshot): Snapshot[] {
  const scopes = [
    ...new Set([...snapshot.sources.map((s) => s.scope), ...snapshot.resources.map((r) => r.scope)]),
  ];
  return scopes.map((scope) => ({
    ...snapshot,
    sources: snapshot.sources.filter((s) => s.scope === scope),
    resources: snapshot.resources.filter((r) => r.scope === scope),
  }));
}

/** The same Result, compared finding by finding so a difference shows as a line. */
function expectSameResult(actual: Result, expected: Result) {
  expect(actual.findings.map((f) => JSON.stringify(f))).toEqual(
    expected.findings.map((f) => JSON.stringify(f)),
  );
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

function scoped(parts: Snapshot[]) {
  const evaluation = new ScopedEvaluation(input);
  for (const part of parts) evaluation.add(part);
  return evaluation.finish("2026-11-19T00:00:00Z");
}

test("judging the demo vendor account by account gives the Result of judging it at once", () => {
  const whole = demo();
  const parts = byScope(whole);
  expect(parts.length).toBeGreaterThanOrEqual(5);
  expectSameResult(scoped(parts), evaluate({ snapshot: whole, ...input }));
});

test("cross-account rules see every account: a log-archive bucket, and trust between scanned accounts", () => {
  const whole = demo();
  const archive = "111122225555";
  // The trail of 111122223333 writes into a bucket kept in the log-archive account, and a role of
  // the archive account trusts 111122223333 (scanned with it, so not a stranger).
  const resources: Resource[] = whole.resources.map((r) => {
    if (r.type === "aws.s3.bucket" && r.scope === "111122223333" && /trail|log/i.test(r.name))
      return { ...r, scope: archive, id: r.id, region: r.region } as Resource;
    return r;
  });
  const trustingRole = resources.find((r) => r.type === "aws.iam.role" && r.scope === archive) as
    | ResourceOf<"aws.iam.role">
    | undefined;
  expect(trustingRole).toBeDefined();
  const role = {
    ...trustingRole!,
    id: `${trustingRole!.id}-audit`,
    name: "audit-from-main",
    attributes: {
      ...trustingRole!.attributes,
      assumeRolePolicy: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" },
        ],
      },
    },
  } as Resource;
  const snapshot = { ...whole, resources: [...resources, role] };
  const result = scoped(byScope(snapshot));
  expectSameResult(result, evaluate({ snapshot, ...input }));

  const trust = result.findings.find(
    (f) => f.ruleId === "aws-iam-role-trust-external" && f.resource.id === role.id,
  );
  expect(trust?.status).toBe("pass");
  // Judged alone, the archive account would not know 111122223333 as one of the vendor's own.
  const alone = evaluate({
    snapshot: byScope(snapshot).find((p) => p.sources[0]?.scope === archive)!,
    ...input,
  });
  expect(
    alone.findings.find((f) => f.ruleId === "aws-iam-role-trust-external" && f.resource.id === role.id)
      ?.status,
  ).toBe("fail");
  // The trail's retention is read from the bucket in the other account.
  const trail = result.findings.filter((f) => f.ruleId === "logging-cloudtrail-retention");
  expect(trail.length).toBeGreaterThan(0);
  expect(JSON.stringify(trail)).not.toContain("not collected (another account?)");
});

test("the roster rules and the cross-scope rules run once, over every account", () => {
  const ids = allRules.filter(isCrossScope).map((r) => r.id);
  expect(ids).toEqual(
    expect.arrayContaining(["aws-iam-role-trust-external", "logging-cloudtrail-retention", "roster-current"]),
  );
  const result = scoped(byScope(demo()));
  expect(result.findings.filter((f) => f.ruleId === "roster-current")).toHaveLength(1);
});

test("an account read twice in one evaluation is refused", () => {
  const [first] = byScope(demo());
  const evaluation = new ScopedEvaluation(input);
  evaluation.add(first!);
  expect(() => evaluation.add(first!)).toThrow(/was read twice/);
});
