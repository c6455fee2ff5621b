import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { fixtureContext, fixtureResult, HOSTILE } from "./fixtures";
import { escapeSarifMessage, FINGERPRINT_KEY, renderSarif } from "./sarif";
import { platformPackage, validateWithSarifMultitool as validate } from "./sarif-validation";

// biome-ignore lint/suspicious/noExplicitAny: a parsed SARIF log is walked freely in assertions
type Json = any;

describe("sarif report", () => {
  const result = fixtureResult();
  const ctx = fixtureContext();
  const text = renderSarif(result, ctx);
  const log: Json = JSON.parse(text);
  const run = log.runs[0];

  it("is SARIF 2.1.0 with one run of the itaku driver", () => {
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe("itaku");
    expect(run.tool.driver.version).toBe("0.1.0");
  });

  it("describes each rule once, with help, remediation, controls and severity", () => {
    const rules: Json[] = run.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(["test-user-generic-name", "test-user-mfa"]);
    const mfa = rules[1];
    expect(mfa.name).toBe("TestUserMfa");
    expect(mfa.shortDescription.text).toBe("Console users have MFA.");
    expect(mfa.fullDescription.text).toContain("MFA のないパスワード");
    expect(mfa.help.text).toContain("Enable a virtual MFA device");
    expect(mfa.help.text).toContain("aws iam enable-mfa-device");
    expect(mfa.help.markdown).toContain("**Remediation:**");
    expect(mfa.help.markdown).toContain("NIC-1-4-4-2 (1-4(4)②)");
    expect(mfa.helpUri).toBe("https://unpkg.com/itaku@0.1.0/docs/rules/test-user-mfa.md");
    expect(mfa.defaultConfiguration.level).toBe("error");
    expect(mfa.properties).toMatchObject({ severity: "high", "security-severity": "8.0" });
    expect(mfa.properties.tags).toEqual(expect.arrayContaining(["NIC-1-4-4-2", "IPA-4.1-9"]));
    expect(rules[0].properties["security-severity"]).toBe("9.5");
  });

  it("has one result per failing or waived finding, pointing at its rule", () => {
    const expected = result.findings.filter((f) => f.status === "fail" || f.status === "waived");
    expect(run.results).toHaveLength(expected.length);
    for (const r of run.results as Json[]) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(["fail", "waived"]).toContain(r.properties.status);
    }
    const waived = (run.results as Json[]).filter((r) => r.properties.status === "waived");
    expect(waived).toHaveLength(1);
    expect(waived[0].suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification:
          "Moving to personal accounts <b>by</b> March | see ticket `OPS-1` (approved by 甲 情報システム部 佐藤, expires 2027-03-31)",
      },
    ]);
    expect((run.results as Json[]).filter((r) => r.suppressions).length).toBe(1);
  });

  it("gives every result a stable relative location and a fingerprint", () => {
    const bob = (run.results as Json[]).find((r) => r.properties.resource.name === "bob");
    expect(bob.locations[0].physicalLocation.artifactLocation.uri).toBe(
      "itaku/111122223333/aws.iam.user/arn%3Aaws%3Aiam%3A%3A111122223333%3Auser%2Fbob",
    );
    expect(bob.locations[0].logicalLocations[0]).toEqual({
      name: "bob",
      fullyQualifiedName: "arn:aws:iam::111122223333:user/bob",
      kind: "resource",
    });
    const again: Json = JSON.parse(renderSarif(fixtureResult(), ctx));
    const prints = (run.results as Json[]).map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(again.runs[0].results.map((r: Json) => r.partialFingerprints[FINGERPRINT_KEY])).toEqual(prints);
    for (const print of prints) expect(print).toMatch(/^[0-9a-f]{64}$/);
    // One resource failing two rules gets two fingerprints.
    expect(new Set(prints).size).toBe(prints.length);
  });

  it("reports gaps and expired waivers as tool notifications", () => {
    const notifications: Json[] = run.invocations[0].toolExecutionNotifications;
    expect(notifications.map((n) => n.descriptor.id).sort()).toEqual([
      "itaku-gap",
      "itaku-source-status",
      "itaku-waiver-expired",
    ]);
    // The fixture's account has a gap and no status of its own: it reads as partial.
    const source = notifications.find((n) => n.descriptor.id === "itaku-source-status")!;
    expect(source.level).toBe("warning");
    expect(source.properties.source).toMatchObject({ provider: "aws", status: "partial" });
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(run.properties.summary).toEqual(result.summary);
  });

  it("keeps hostile names intact as data and escapes brackets in message text", () => {
    const hostile = (run.results as Json[]).filter((r) => r.properties.resource.name === HOSTILE);
    expect(hostile).toHaveLength(2);
    for (const r of hostile) {
      expect(r.locations[0].logicalLocations[0].name).toBe(HOSTILE);
      expect(r.message.text).toContain("\\[link\\](https://evil.example)");
      expect(r.message.text).not.toMatch(/(^|[^\\])\[link\]/);
      expect(r.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/[\s<>"`|[\]\\^{}]/);
    }
    expect(escapeSarifMessage("a\\[b]")).toBe("a\\\\\\[b\\]");
  });

  it("validates against the official SARIF 2.1.0 JSON schema (ajv)", () => {
    const schema = JSON.parse(readFileSync(join(platformPackage, "sarif-2.1.0.json"), "utf8"));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const check = ajv.compile(schema);
    const ok = check(log);
    expect(check.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // The schema does bite: a result with a level SARIF does not define is refused.
    const broken: Json = JSON.parse(text);
    broken.runs[0].results[0].level = "severe";
    expect(check(broken)).toBe(false);
  });

  it("is accepted by the SARIF multitool validator, GitHub code scanning rules included", () => {
    const findings = validate(text);
    const errors = findings.filter((f) => f.level === "error");
    expect(errors).toEqual([]);
    // Warnings allowed: no informationUri (itaku has no public home page to point at yet), and the
    // validator's own note that a rule (SARIF2006, which fetches URIs over HTTP) was switched off.
    const warnings = findings.filter((f) => f.level === "warning").map((f) => f.ruleId);
    expect(warnings.filter((id) => id !== "SARIF2005" && !id.startsWith("WRN999"))).toEqual([]);
  });

  it("would be rejected by the same validator with an absolute custom-scheme location (control case)", () => {
    const bad = text.replace(/"uri": "itaku\//g, '"uri": "itaku://');
    const errors = validate(bad).filter((f) => f.level === "error");
    expect(errors.map((e) => e.ruleId)).toContain("GH1005");
  });
});
