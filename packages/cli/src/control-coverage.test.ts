// Honest labels: a control the catalog calls auto or partial must name at least one shipped rule, and
// every control a rule names exists. Coverage is counted the way `itaku controls --coverage` prints it.
import { controls, isTechnicalControl } from "@itaku/controls";
import { controlCoverage } from "./control-coverage";
import { allChecks } from "./registry";

const coverage = controlCoverage(allChecks);

test("every auto or partial control is backed by at least one rule", () => {
  const unbacked = coverage.controls.filter((c) => c.kind !== "manual" && c.rules.length === 0);
  expect(unbacked.map((c) => `${c.id} (${c.kind})`)).toEqual([]);
});

test("every rule maps to controls that exist, and at least one unless it is advice (severity info)", () => {
  const known = new Set(controls.map((c) => c.id));
  for (const rule of allChecks) {
    expect({ rule: rule.id, unknown: rule.controls.filter((id) => !known.has(id)) }).toEqual({
      rule: rule.id,
      unknown: [],
    });
    const mapped = rule.controls.length > 0 || rule.severity === "info";
    expect({ rule: rule.id, mapped }).toEqual({ rule: rule.id, mapped: true });
  }
});

test("the technical set is the 44 clauses of NIC 1-4, IPA 2.1 ◇5, 3.1, 3.2 and 4.1", () => {
  const technical = controls.filter(isTechnicalControl).map((c) => c.id);
  expect(technical).toHaveLength(44);
  expect(technical).toContain("IPA-2.1-5");
  expect(technical).not.toContain("IPA-2.1-4");
  expect(coverage.technical.total).toBe(44);
  expect(coverage.all.total).toBe(controls.length);
});

test("tallies count backed controls and round the percentage down", () => {
  const backedTechnical = coverage.controls.filter((c) => c.technical && c.rules.length > 0).length;
  expect(coverage.technical.backed).toBe(backedTechnical);
  expect(coverage.technical.percent).toBe(Math.floor((backedTechnical * 100) / 44));
  // The floor the issue set: at least 27 of the 44 technical clauses (60 %) backed by a rule.
  expect(coverage.technical.backed).toBeGreaterThanOrEqual(27);
});
