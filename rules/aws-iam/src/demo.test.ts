// The demo vendor (demo/snapshots/aws-iam.snapshot.json, as of 2026-11-20) gives every rule of this
// package at least one pass and one fail, so `itaku scan --demo` shows each of them at work.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { emptySettings, evaluate, parseRoster, parseSnapshot } from "@itaku/core";
import { rules } from "./index";

const DEMO = join(__dirname, "../../../demo");

test("the demo IAM snapshot is schema-valid and every aws-iam rule passes and fails somewhere in it", () => {
  const path = join(DEMO, "snapshots/aws-iam.snapshot.json");
  const snapshot = parseSnapshot(readFileSync(path, "utf8"), path);
  const rosterPath = join(DEMO, "roster.csv");
  const result = evaluate({
    snapshot,
    rules,
    now: new Date("2026-11-20T00:00:00Z"),
    roster: parseRoster(readFileSync(rosterPath, "utf8"), rosterPath),
    settings: {
      ...emptySettings(),
      // As demo/itaku.yaml approves it.
      subcontractors: [
        {
          name: "株式会社ログ監視パートナー",
          awsAccountIds: ["444455556666"],
          approvedBy: "委託元",
          approvedAt: "2026-04-01",
        },
      ],
    },
    toolVersion: "test",
  });
  const statuses = Object.fromEntries(
    rules.map((rule) => {
      const mine = result.findings.filter((f) => f.ruleId === rule.id).map((f) => f.status);
      return [rule.id, { pass: mine.includes("pass"), fail: mine.includes("fail") }];
    }),
  );
  expect(statuses).toEqual(Object.fromEntries(rules.map((rule) => [rule.id, { pass: true, fail: true }])));
});
