import { z } from "zod";
import { compareFindings, emptySettings, evaluate } from "./engine";
import type { Resource } from "./model/resource";
import { defineRule } from "./rule";
import type { Snapshot } from "./snapshot";

const NOW = new Date("2026-11-20T00:00:00Z");

const logGroup = (name: string, retentionInDays: number | null, region = "ap-northeast-1"): Resource => ({
  type: "aws.logs.log-group",
  id: `arn:aws:logs:${region}:111122223333:log-group:${name}`,
  name,
  scope: "111122223333",
  region,
  attributes: { arn: `arn:aws:logs:${region}:111122223333:log-group:${name}`, name, retentionInDays },
});

const snapshot = (resources: Resource[], gaps: Snapshot["sources"][number]["gaps"] = []): Snapshot => ({
  schemaVersion: 1,
  collectedAt: "2026-11-19T00:00:00Z",
  origin: "live",
  sources: [{ provider: "aws", scope: "111122223333", regions: ["ap-northeast-1"], gaps }],
  resources,
});

const retention = defineRule({
  id: "test-retention",
  title: { en: "Logs kept", ja: "ログ保管" },
  description: { en: "d", ja: "d" },
  severity: "high",
  controls: ["NIC-1-4-3-2"],
  resourceTypes: ["aws.logs.log-group"],
  appliesTo: ["live", "iac"],
  options: z.object({ minDays: z.number().default(365) }),
  messages: { short: "{name} keeps logs {days} days" },
  remediation: { summary: "Raise retention." },
  check(ctx, options) {
    for (const group of ctx.resources("aws.logs.log-group")) {
      const days = group.attributes.retentionInDays;
      if (days === null || days >= options.minDays) ctx.pass(group);
      else ctx.fail(group, "short", { name: group.name, days });
    }
  },
});

/** The retention rule, giving its verdicts last resource first (out of the engine's order). */
const reversedRetention = defineRule({
  ...retention,
  id: "test-retention-reversed",
  check(ctx, options: { minDays: number }) {
    for (const group of [...ctx.resources("aws.logs.log-group")].reverse()) {
      const days = group.attributes.retentionInDays;
      if (days === null || days >= options.minDays) ctx.pass(group);
      else ctx.fail(group, "short", { name: group.name, days });
    }
  },
});

const run = (snap: Snapshot, extra: Partial<Parameters<typeof evaluate>[0]> = {}) =>
  evaluate({
    snapshot: snap,
    rules: [retention],
    now: NOW,
    roster: null,
    settings: emptySettings(),
    toolVersion: "t",
    ...extra,
  });

describe("evaluate", () => {
  it("gives one finding per rule and resource, with the formatted message", () => {
    const result = run(snapshot([logGroup("a", 30), logGroup("b", null)]));
    expect(result.findings.map((f) => [f.resource.name, f.status, f.messageId, f.message])).toEqual([
      ["a", "fail", "short", "a keeps logs 30 days"],
      ["b", "pass", undefined, "Logs kept"],
    ]);
    expect(result.summary).toEqual({ pass: 1, fail: 1, unknown: 0, waived: 0, not_applicable: 0 });
  });

  it("applies rule options", () => {
    const result = run(snapshot([logGroup("a", 30)]), {
      ruleOptions: new Map([["test-retention", { minDays: 7 }]]),
    });
    expect(result.findings[0]!.status).toBe("pass");
  });

  it("turns a would-be pass into unknown when a gap covers what the rule reads", () => {
    const gap = {
      source: "aws" as const,
      scope: "111122223333",
      region: "ap-northeast-1",
      resourceType: "aws.logs.log-group",
      operation: "DescribeLogGroups",
      code: "AccessDenied",
    };
    const result = run(snapshot([logGroup("a", null), logGroup("b", null, "us-east-1")], [gap]));
    expect(result.findings.map((f) => [f.resource.name, f.status])).toEqual([
      ["a", "unknown"],
      ["b", "pass"],
    ]);
    expect(result.findings[0]!.evidence.gaps).toEqual([gap]);
  });

  it("answers unknown for a type no resource of which could be read, and makes its controls unknown", () => {
    const denied = {
      source: "aws" as const,
      scope: "111122223333",
      region: "us-east-1",
      resourceType: "aws.logs.log-group",
      operation: "DescribeLogGroups",
      code: "AccessDenied",
    };
    const result = run(snapshot([logGroup("a", 400)], [denied]), {
      controls: [{ id: "NIC-1-4-3-2", kind: "auto" }],
    });
    // ap-northeast-1 was read and passes; nothing of us-east-1 was, so the rule answers for it.
    expect(result.findings.map((f) => [f.resource.id, f.resource.region, f.status])).toEqual([
      ["arn:aws:logs:ap-northeast-1:111122223333:log-group:a", "ap-northeast-1", "pass"],
      ["aws.logs.log-group/us-east-1/*", "us-east-1", "unknown"],
    ]);
    expect(result.findings[1]!.evidence.gaps).toEqual([denied]);
    expect(result.controls.map((c) => [c.id, c.status, c.counts.unknown])).toEqual([
      ["NIC-1-4-3-2", "unknown", 1],
    ]);

    // A global gap on a scope with no resource at all: one unknown for the rule and the scope.
    const global = { ...denied, region: "global" };
    const empty = run(snapshot([], [global, { ...global, code: "Throttling" }]));
    expect(empty.findings.map((f) => [f.resource.id, f.resource.scope, f.status])).toEqual([
      ["aws.logs.log-group/*", "111122223333", "unknown"],
    ]);
    // A gap that some resources of the type still cover adds nothing: those resources answer.
    expect(run(snapshot([logGroup("a", 400)], [global])).findings.map((f) => f.status)).toEqual(["unknown"]);
  });

  it("marks live-only rules not_applicable on infrastructure code", () => {
    const liveOnly = { ...retention, appliesTo: ["live"] as const };
    const result = run({ ...snapshot([logGroup("a", 30)]), origin: "iac" }, { rules: [liveOnly] });
    expect(result.findings[0]!.status).toBe("not_applicable");
  });

  it("reports a resource the rule forgot as unknown, and rejects two verdicts for one resource", () => {
    const silent = { ...retention, check: () => {} };
    expect(run(snapshot([logGroup("a", 30)]), { rules: [silent] }).findings[0]!.status).toBe("unknown");
    const twice = {
      ...retention,
      check: (ctx: Parameters<typeof retention.check>[0]) => {
        const [group] = ctx.resources("aws.logs.log-group");
        ctx.pass(group!);
        ctx.pass(group!);
      },
    };
    expect(() => run(snapshot([logGroup("a", 30)]), { rules: [twice] })).toThrow(/two verdicts/);
  });

  it("waives matching failures until the waiver expires, and reports every waiver's state", () => {
    const waivers = [
      { rule: "test-retention", resource: "a", reason: "r", approvedBy: "甲 部長", expires: "2026-12-31" },
      {
        rule: "test-retention",
        resource: "*:log-group:b",
        reason: "r",
        approvedBy: "甲",
        expires: "2026-11-19",
      },
      { rule: "test-retention", resource: "zzz", reason: "r", approvedBy: "甲", expires: "2027-01-01" },
    ];
    const result = run(snapshot([logGroup("a", 30), logGroup("b", 30)]), { waivers });
    expect(result.findings.map((f) => [f.resource.name, f.status])).toEqual([
      ["a", "waived"],
      ["b", "fail"],
    ]);
    expect(result.findings[0]!.waiver).toEqual({ reason: "r", approvedBy: "甲 部長", expires: "2026-12-31" });
    expect(result.waivers.map((w) => [w.resource, w.status, w.matched])).toEqual([
      ["a", "active", 1],
      ["*:log-group:b", "expired", 1],
      ["zzz", "unused", 0],
    ]);
  });

  it("rolls findings and attestations up into control statuses", () => {
    const result = run(snapshot([logGroup("a", 30)]), {
      controls: [
        { id: "NIC-1-4-3-2", kind: "auto" },
        { id: "NIC-1-3", kind: "manual" },
        { id: "NIC-1-8", kind: "manual" },
      ],
      attestations: [{ control: "NIC-1-3", status: "implemented", by: "山田", at: "2026-11-01" }],
    });
    expect(result.controls.map((c) => [c.id, c.status, c.rules])).toEqual([
      ["NIC-1-4-3-2", "fail", ["test-retention"]],
      ["NIC-1-3", "attested", []],
      ["NIC-1-8", "not_assessed", []],
    ]);
  });

  it("is deterministic: the same inputs give byte-identical JSON", () => {
    const resources = [logGroup("c", 1), logGroup("a", 30), logGroup("b", null)];
    const first = JSON.stringify(run(snapshot(resources)));
    const second = JSON.stringify(run(snapshot([...resources].reverse())));
    expect(second).toBe(first);
  });

  it("makes the findings in the Result's order, whatever the snapshot's order and however a rule iterates", () => {
    // Two types, two scopes, ids that sort differently as text and as numbers, a type left unread in
    // one region, and a rule that gives its verdicts backwards: the findings must come out sorted.
    const otherScope = (resource: Resource): Resource => ({ ...resource, scope: "999900001111" });
    const role = (name: string, scope = "111122223333"): Resource =>
      ({
        type: "aws.iam.role",
        id: `AROA${name}`,
        name,
        scope,
        region: "global",
        attributes: {},
      }) as unknown as Resource;
    const resources = [
      logGroup("g10", 1),
      otherScope(logGroup("g2", 1)),
      role("r9", "999900001111"),
      logGroup("g9", 1),
      role("r10"),
      logGroup("g1", 1),
      role("r1", "999900001111"),
    ];
    const backwards = defineRule({
      ...retention,
      id: "test-a-backwards",
      resourceTypes: ["aws.logs.log-group", "aws.iam.role"],
      options: undefined,
      check(ctx) {
        const all = [...ctx.resources("aws.logs.log-group"), ...ctx.resources("aws.iam.role")];
        for (const resource of all.reverse()) ctx.pass(resource);
      },
    });
    const gap = {
      source: "aws" as const,
      scope: "111122223333",
      region: "us-east-1",
      resourceType: "aws.logs.log-group",
      operation: "DescribeLogGroups",
      code: "AccessDenied",
      message: "denied",
    };
    const rules = [retention, backwards];
    const findings = run(snapshot(resources, [gap]), { rules }).findings;
    const sorted = [...findings].sort(compareFindings);
    expect(findings.map((f) => `${f.ruleId} ${f.resource.scope} ${f.resource.id}`)).toEqual(
      sorted.map((f) => `${f.ruleId} ${f.resource.scope} ${f.resource.id}`),
    );
    expect(findings.filter((f) => f.resource.id.endsWith("/*"))).toHaveLength(2); // one unread part per rule
    expect(findings.map((f) => f.ruleId)).toEqual([
      ...Array(8).fill("test-a-backwards"),
      ...Array(5).fill("test-retention"),
    ]);
    // The snapshot's order changes nothing, byte for byte.
    const reversed = run(snapshot([...resources].reverse(), [gap]), { rules: [...rules].reverse() });
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(run(snapshot(resources, [gap]), { rules })));
  });

  it("gives no finding for a resource the snapshot does not hold, even one another evaluation held", () => {
    const [a, b, c] = [logGroup("a", 30), logGroup("b", 30), logGroup("c", 30)];
    // Reversed, so the resources get their positions (slots) in the first evaluation.
    run(snapshot([a!, b!, c!]), { rules: [reversedRetention] });
    const strangers = defineRule({
      ...retention,
      id: "test-strangers",
      options: undefined,
      check(ctx) {
        for (const group of ctx.resources("aws.logs.log-group")) ctx.pass(group);
        // Out of order, so the engine looks the slots up: one held by the first evaluation only, a copy.
        ctx.fail(c!, "short", { name: "c", days: 30 });
        ctx.fail({ ...b! }, "short", { name: "copy", days: 30 });
      },
    });
    // c's position from the first evaluation (2) is d's in this one.
    const result = run(snapshot([b!, logGroup("d", 30), logGroup("e", 30)]), { rules: [strangers] });
    expect(result.findings.map((f) => [f.resource.name, f.status])).toEqual([
      ["b", "pass"],
      ["d", "pass"],
      ["e", "pass"],
    ]);
  });

  it("gives the same empty list for a type or scope with no resources, so caches keyed by the list hold", () => {
    const lists: unknown[] = [];
    const asks = defineRule({
      ...retention,
      id: "test-asks",
      options: undefined,
      check(ctx) {
        lists.push(ctx.resources("aws.iam.role"), ctx.resources("aws.iam.role"));
        lists.push(ctx.inScope("aws.logs.log-group", "999900001111"), ctx.inScope("aws.iam.role", "x"));
        for (const group of ctx.resources("aws.logs.log-group")) ctx.pass(group);
      },
    });
    run(snapshot([logGroup("a", 30)]), { rules: [asks] });
    expect(lists).toHaveLength(4);
    expect(new Set(lists).size).toBe(1);
    expect(lists[0]).toEqual([]);
  });

  it("always has a roster resource for roster rules", () => {
    const rosterRule = defineRule({
      ...retention,
      id: "test-roster",
      resourceTypes: ["itaku.roster"],
      options: undefined,
      messages: { missing: "no roster" },
      check(ctx) {
        for (const roster of ctx.resources("itaku.roster")) {
          if (roster.attributes.present) ctx.pass(roster);
          else ctx.fail(roster, "missing");
        }
      },
    });
    const result = run(snapshot([]), { rules: [rosterRule] });
    expect(result.findings.map((f) => [f.resource.id, f.status])).toEqual([["roster", "fail"]]);
  });

  it("reads the same resources the same way in several evaluations, and leaves them as they were", () => {
    const resources = [logGroup("a", 30), logGroup("b", null), logGroup("c", 1)];
    const copies = JSON.parse(JSON.stringify(resources));
    const whole = JSON.stringify(run(snapshot(resources)).findings);
    // One evaluation over part of the objects between two over all of them (per account, then merged).
    run(snapshot([resources[2]!]));
    expect(JSON.stringify(run(snapshot(resources)).findings)).toBe(whole);
    expect(resources).toStrictEqual(copies);
    expect(Object.keys(resources[0]!)).toEqual(Object.keys(copies[0]));
  });

  it("refuses a verdict on a type outside the rule's, and a second verdict on one resource", () => {
    const twice = defineRule({
      ...retention,
      id: "test-twice",
      check(ctx) {
        for (const group of ctx.resources("aws.logs.log-group")) {
          ctx.pass(group);
          ctx.pass(group);
        }
      },
    });
    expect(() => run(snapshot([logGroup("a", 30)]), { rules: [twice] })).toThrow(
      /gave two verdicts for aws.logs.log-group/,
    );
  });
});
