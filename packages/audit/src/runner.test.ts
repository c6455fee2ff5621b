import { join } from "node:path";
import { type AuditFoldInit, auditConfigSchema, resultSchema } from "@itaku/core";
import { detections } from "@itaku/rules-access-log";
import {
  apiCall,
  baselineEvents,
  consoleLogin,
  HOME_IP,
  identities,
  PERIOD,
  roster,
  tester,
  workday,
} from "../../../rules/access-log/src/fixtures";
import { auditRunResult, coverageOf, MemorySource, runAudit } from "./runner";

const init: AuditFoldInit = {
  period: PERIOD,
  audit: auditConfigSchema.parse(tester.audit),
  subcontractors: tester.subcontractors ?? [],
  people: roster.people,
  ownAccounts: [],
  detections: detections.map((d) => ({ id: d.id, options: d.options.parse({}) })),
};

const incidents = [
  consoleLogin(identities.iamUser("tanaka"), workday(7), { ip: HOME_IP }),
  apiCall(identities.root(), workday(9), "iam.amazonaws.com", "CreateAccessKey", { readOnly: false }),
];

describe("audit runner", () => {
  it("folds every source into one state and gives the same Result however the events are split", async () => {
    const events = [...baselineEvents, ...incidents];
    const sinkModule = join(__dirname, "detections-sink.ts");
    const options = { now: new Date("2026-11-20T00:00:00Z"), toolVersion: "test" };
    const one = await runAudit({ init, sinkModule, sources: [new MemorySource("memory", events)] });
    const two = await runAudit({
      init,
      sinkModule,
      sources: [new MemorySource("memory", events.slice(0, 7)), new MemorySource("memory", events.slice(7))],
    });
    const strip = (r: ReturnType<typeof auditRunResult>) => ({ ...r, sources: [], inventory: [] });
    const result = auditRunResult(init, one, options);
    expect(strip(auditRunResult(init, two, options))).toEqual(strip(result));
    expect(resultSchema.safeParse(result).success).toBe(true);

    const failing = result.findings
      .filter((f) => f.status === "fail")
      .map((f) => `${f.ruleId} ${f.resource.id}`);
    expect(failing).toEqual(
      expect.arrayContaining([
        "access-leaver-activity P005",
        "access-root-activity 111122223333",
        "access-source-not-allowed P005",
        "access-source-first-seen P005",
      ]),
    );
    const tanaka = result.access!.people.find((p) => p.personId === "P005")!;
    expect(tanaka).toMatchObject({ activeDays: 1, consoleLogins: { ok: 1, failed: 0, withMfa: 1 } });
    expect(tanaka.sourceIps).toEqual([{ address: HOME_IP, events: 1, new: true }]);
    const yamada = result.access!.people.find((p) => p.personId === "P001")!;
    expect(yamada.sourceIps).toEqual([{ address: "203.0.113.10", events: 2, new: false }]);
    expect(result.access!.unmatched.map((u) => u.kind).sort()).toEqual([
      "assumed-role",
      "external-account",
      "root",
    ]);
  });

  it("turns a gap into unknown and knows that LookupEvents has no data events", () => {
    const coverage = coverageOf([
      {
        kind: "lookup-events",
        location: "x",
        accounts: [],
        regions: [],
        files: 0,
        events: 0,
        bytes: 0,
        malformed: 0,
        gaps: [{ code: "AccessDenied", location: "p" }],
      },
    ]);
    expect(coverage.dataEvents).toBe(false);
    expect(coverage.gaps).toHaveLength(1);
  });
});
