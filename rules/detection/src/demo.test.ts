// The demo vendor (demo/snapshots/aws-detection.snapshot.json with the network it runs in, as of
// 2026-11-20) gives every detection rule at least one pass and one fail, so `itaku scan --demo` shows
// each of them at work.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { emptySettings, evaluate, mergeSnapshots, parseSnapshot } from "@itaku/core";
import { rules } from "./index";

const DEMO = join(__dirname, "../../../demo/snapshots");

test("every detection rule passes and fails somewhere in the demo", () => {
  const snapshots = ["aws-network.snapshot.json", "aws-detection.snapshot.json"].map((name) =>
    parseSnapshot(readFileSync(join(DEMO, name), "utf8"), join(DEMO, name)),
  );
  const settings = emptySettings();
  settings.confidential.subnetTags = { DataClass: "confidential" }; // as demo/itaku.yaml names it
  const result = evaluate({
    snapshot: mergeSnapshots(snapshots),
    rules,
    now: new Date("2026-11-20T00:00:00Z"),
    roster: null,
    settings,
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
