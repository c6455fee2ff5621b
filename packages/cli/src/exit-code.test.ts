import type { Finding, Result } from "@itaku/core";
import { exitCodeFor } from "./pipeline";

const finding = (status: Finding["status"], severity: Finding["severity"]): Finding => ({
  ruleId: "r",
  status,
  severity,
  controls: [],
  resource: { type: "aws.iam.user", id: `${status}-${severity}`, name: "x", scope: "1", region: "global" },
  message: "m",
  evidence: {},
  waiver: null,
});
const result = (...findings: Finding[]) => ({ findings, sources: [] }) as unknown as Result;

describe("exit code", () => {
  it("is 1 when a failure is at or above --fail-on, 0 below it", () => {
    const r = result(finding("fail", "medium"), finding("pass", "critical"));
    expect(exitCodeFor(r, { failOn: "low", failOnUnknown: false })).toBe(1);
    expect(exitCodeFor(r, { failOn: "medium", failOnUnknown: false })).toBe(1);
    expect(exitCodeFor(r, { failOn: "high", failOnUnknown: false })).toBe(0);
    expect(exitCodeFor(r, { failOn: "none", failOnUnknown: false })).toBe(0);
  });

  it("counts unknown findings only with --fail-on-unknown, and then whatever their severity", () => {
    // Before: --fail-on critical --fail-on-unknown exited 0 on an unknown high finding, although the
    // issue's contract is "exit 1 when any control is unknown because of a gap".
    const r = result(
      finding("unknown", "low"),
      finding("waived", "critical"),
      finding("not_applicable", "critical"),
    );
    expect(exitCodeFor(r, { failOn: "low", failOnUnknown: false })).toBe(0);
    expect(exitCodeFor(r, { failOn: "low", failOnUnknown: true })).toBe(1);
    expect(exitCodeFor(r, { failOn: "critical", failOnUnknown: true })).toBe(1);
    expect(exitCodeFor(r, { failOn: "none", failOnUnknown: true })).toBe(1);
    expect(exitCodeFor(r, { failOn: "none", failOnUnknown: false })).toBe(0);
  });

  it("--fail-on none --fail-on-unknown still ignores failures: it asks only whether the scan was complete", () => {
    const r = result(finding("fail", "critical"), finding("pass", "low"));
    expect(exitCodeFor(r, { failOn: "none", failOnUnknown: true })).toBe(0);
  });

  it("fails a run with a failed account under --fail-on-unknown, even when the account has no findings", () => {
    const r = {
      findings: [finding("pass", "high")],
      sources: [
        { provider: "aws", scope: "111122223333", regions: [], gaps: [], status: "ok" },
        {
          provider: "aws",
          scope: "444455556666",
          regions: [],
          gaps: [],
          status: "failed",
          reason: "AccessDenied",
        },
      ],
    } as unknown as Result;
    expect(exitCodeFor(r, { failOn: "low", failOnUnknown: false })).toBe(0);
    expect(exitCodeFor(r, { failOn: "low", failOnUnknown: true })).toBe(1);
    expect(exitCodeFor(r, { failOn: "none", failOnUnknown: true })).toBe(1);
  });
});
