// The demo vendor (demo/snapshots/aws-network.snapshot.json, as of 2026-11-20, with demo/itaku.yaml's
// proxy) gives the rules that protect the logs themselves at least one pass and one fail each, so
// `itaku scan --demo` shows them at work. (The CIS alarms rule only fails there: no demo trail has
// every alarm.)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { emptySettings, evaluate, parseSnapshot } from "@itaku/core";
import { rules } from "./index";

const DEMO = join(__dirname, "../../../demo/snapshots/aws-network.snapshot.json");
const SHOWN = ["logging-cloudtrail-bucket-access-logging", "logging-log-group-kms-encryption"];

test("the trail bucket's access logging and the log groups' KMS keys pass and fail in the demo", () => {
  const shown = rules.filter((rule) => SHOWN.includes(rule.id));
  expect(shown).toHaveLength(SHOWN.length);
  const settings = emptySettings();
  settings.confidential.proxy.logGroupNames = ["/vendor/proxy/access"]; // as demo/itaku.yaml names it
  const result = evaluate({
    snapshot: parseSnapshot(readFileSync(DEMO, "utf8"), DEMO),
    rules: shown,
    now: new Date("2026-11-20T00:00:00Z"),
    roster: null,
    settings,
    toolVersion: "test",
  });
  const statuses = Object.fromEntries(
    shown.map((rule) => {
      const mine = result.findings.filter((f) => f.ruleId === rule.id).map((f) => f.status);
      return [rule.id, { pass: mine.includes("pass"), fail: mine.includes("fail") }];
    }),
  );
  expect(statuses).toEqual(Object.fromEntries(SHOWN.map((id) => [id, { pass: true, fail: true }])));
});
