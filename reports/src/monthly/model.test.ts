import type { Finding, Result, WaiverReport } from "@itaku/core";
import { compareChanges } from "./model";

const finding = (ruleId: string, name: string, status: Finding["status"]): Finding => ({
  ruleId,
  status,
  severity: "high",
  controls: [],
  resource: {
    type: "aws.iam.user",
    id: `arn:aws:iam::111122223333:user/${name}`,
    name,
    scope: "111122223333",
    region: "global",
  },
  message: `${ruleId} ${name}`,
  evidence: {},
  waiver: status === "waived" ? { reason: "r", approvedBy: "a", expires: "2027-01-01" } : null,
});

const waiver = (expires: string, status: WaiverReport["status"]): WaiverReport => ({
  rule: "r",
  resource: expires,
  reason: "why",
  approvedBy: "甲",
  expires,
  status,
  matched: 1,
});

const result = (findings: Finding[], waivers: WaiverReport[] = []) =>
  ({ findings, waivers }) as unknown as Result;

describe("compareChanges", () => {
  it("sorts every finding into new, resolved, still open, now unknown and newly waived", () => {
    const previous = result([
      finding("mfa", "fixed", "fail"),
      finding("mfa", "deleted", "fail"),
      finding("mfa", "open", "fail"),
      finding("mfa", "blind", "fail"),
      finding("mfa", "accepted", "fail"),
      finding("mfa", "was-pass", "pass"),
      finding("mfa", "kept-waived", "waived"),
    ]);
    const current = result(
      [
        finding("mfa", "fixed", "pass"),
        finding("mfa", "open", "fail"),
        finding("mfa", "blind", "unknown"),
        finding("mfa", "accepted", "waived"),
        finding("mfa", "was-pass", "fail"),
        finding("mfa", "brand-new", "fail"),
        finding("mfa", "kept-waived", "waived"),
      ],
      [
        waiver("2026-10-31", "expired"),
        waiver("2026-12-15", "active"),
        waiver("2026-12-21", "unused"),
        waiver("2027-03-31", "active"),
      ],
    );
    const changes = compareChanges(current, previous, new Date("2026-11-20T00:00:00Z"));
    const names = (refs: { resource: { name: string } }[]) => refs.map((r) => r.resource.name);
    expect(names(changes.new)).toEqual(["brand-new", "was-pass"]);
    expect(names(changes.resolved)).toEqual(["deleted", "fixed"]);
    expect(names(changes.stillOpen)).toEqual(["open"]);
    expect(names(changes.nowUnknown)).toEqual(["blind"]);
    expect(names(changes.newlyWaived)).toEqual(["accepted"]);
    expect(changes.expiredWaivers.map((w) => w.expires)).toEqual(["2026-10-31"]);
    // Within 30 days of 2026-11-20 (the horizon is 2026-12-20): only the one ending 2026-12-15.
    expect(changes.expiringWaivers.map((w) => w.expires)).toEqual(["2026-12-15"]);
  });
});

describe("the rule a change names", () => {
  const now = new Date("2026-11-20T00:00:00Z");
  const summary = (id: string, ja: string) => ({
    id,
    title: { ja, en: `${id} (en)` },
    severity: "high" as const,
    controls: [],
    remediation: { summary: "fix" },
  });

  it("is titled by this itaku's rules first, then by the Results' rule summaries, newest first", () => {
    const previous = {
      ...result([finding("gone", "a", "fail"), finding("renamed", "b", "fail")]),
      rules: [summary("gone", "前月の題"), summary("renamed", "古い題")],
    } as unknown as Result;
    const current = {
      ...result([finding("renamed", "b", "fail"), finding("mfa", "c", "fail")]),
      rules: [summary("renamed", "新しい題"), summary("mfa", "結果の題")],
    } as unknown as Result;
    const changes = compareChanges(current, previous, now, [
      { id: "mfa", title: { ja: "MFA が有効", en: "MFA is on" } },
    ]);
    expect(changes.new.map((f) => [f.ruleId, f.ruleTitle?.ja])).toEqual([["mfa", "MFA が有効"]]);
    expect(changes.stillOpen.map((f) => f.ruleTitle?.ja)).toEqual(["新しい題"]);
    expect(changes.resolved.map((f) => f.ruleTitle?.ja)).toEqual(["前月の題"]);
  });

  it("has no title when neither this itaku nor the Results know the rule", () => {
    const changes = compareChanges(result([finding("x", "a", "fail")]), result([]), now);
    expect(changes.new[0]).not.toHaveProperty("ruleTitle");
  });
});
