import { XMLParser } from "fast-xml-parser";
import { SaxesParser } from "saxes";
import { fixtureContext, fixtureResult, HOSTILE } from "./fixtures";
import { renderJunit, renderJunitChunks } from "./junit";
import { escapeXmlAttribute, escapeXmlText } from "./xml-escape";
import { wellFormednessError } from "./xml-test-parser";

// biome-ignore lint/suspicious/noExplicitAny: parsed XML is walked freely in assertions
type Json = any;

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe("junit report", () => {
  const result = fixtureResult();
  const xml = renderJunit(result, fixtureContext());
  const doc: Json = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
  }).parse(xml);
  const suites: Json[] = asArray(doc.testsuites.testsuite);

  it("is well-formed XML 1.0", () => {
    expect(wellFormednessError(xml)).toBeNull();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
  });

  it("has a suite per rule and a case per resource the rule judged", () => {
    expect(suites.map((s) => s.name)).toEqual(["test-user-generic-name", "test-user-mfa"]);
    for (const suite of suites) {
      const findings = result.findings.filter((f) => f.ruleId === suite.name);
      expect(asArray(suite.testcase)).toHaveLength(findings.length);
      expect(Number(suite.tests)).toBe(findings.length);
    }
    expect(doc.testsuites).toMatchObject({ tests: "14", failures: "4", skipped: "3", errors: "0" });
  });

  it("maps fail to <failure> and unknown / waived / not_applicable to <skipped> with the reason", () => {
    const mfa = suites.find((s) => s.name === "test-user-mfa");
    expect(mfa).toMatchObject({ failures: "3", skipped: "2" });
    const cases: Json[] = asArray(mfa.testcase);
    const byName = (needle: string) => cases.find((c) => String(c.name).includes(needle));
    expect(byName("user/bob").failure).toMatchObject({
      type: "noMfa",
      message: "User bob has a console password but no MFA",
    });
    expect(byName("user/bob").failure["#text"]).toContain("evidence.mfaActive: false");
    expect(byName("user/bob").failure["#text"]).toContain(
      "remediation: Enable a virtual MFA device for the user\nremediation.cli: aws iam enable-mfa-device --user-name <user> ...",
    );
    expect(byName("carol").skipped.message).toBe("unknown: MFA status of carol was not collected");
    expect(byName("svc-batch").skipped.message).toBe(
      "not applicable: Service user without a console password",
    );
    expect(byName("alice").failure).toBeUndefined();
    expect(byName("alice").skipped).toBeUndefined();
    const generic = asArray(suites.find((s) => s.name === "test-user-generic-name").testcase) as Json[];
    expect(generic.find((c) => String(c.name).includes("shared-ops")).skipped.message).toMatch(
      /^waived: Moving to personal accounts <b>by<\/b> March \| see ticket `OPS-1` \(approved by 甲 情報システム部 佐藤, expires 2027-03-31\)$/,
    );
  });

  it("carries suite properties: severity and controls", () => {
    const props = asArray(suites[0].properties.property) as Json[];
    expect(props).toEqual(
      expect.arrayContaining([
        { name: "severity", value: "critical" },
        { name: "controls", value: "NIC-1-4-2-2 IPA-4.1-1" },
      ]),
    );
  });
});

describe("XML escaping", () => {
  it("keeps every hostile string well-formed in text and attributes, with nothing lost silently", () => {
    const xml = `<a b="${escapeXmlAttribute(HOSTILE)}" c='${escapeXmlAttribute(HOSTILE)}'>${escapeXmlText(HOSTILE)}</a>`;
    expect(wellFormednessError(xml)).toBeNull();
    // Read back with the conforming parser: only the two characters XML cannot carry differ, now visible.
    const parser = new SaxesParser();
    let attributes: Record<string, string> = {};
    let text = "";
    parser.on("opentag", (tag) => {
      attributes = tag.attributes as Record<string, string>;
    });
    parser.on("text", (t) => {
      text += t;
    });
    parser.write(xml).close();
    const visible = HOSTILE.replace("\u0000", "\\u0000").replace("\u001b", "\\u001b");
    expect(attributes).toEqual({ b: visible, c: visible });
    expect(text).toBe(visible);
  });

  it("turns characters XML 1.0 cannot carry into visible escapes", () => {
    expect(escapeXmlText("a\u0000b\u0008c\ufffed\ud800e")).toBe("a\\u0000b\\u0008c\\ufffed\\ud800e");
    expect(escapeXmlText("]]>")).toBe("]]&gt;");
    expect(escapeXmlAttribute('line1\nline2\t"q"')).toBe("line1&#10;line2&#9;&quot;q&quot;");
    expect(wellFormednessError(`<a>${escapeXmlText("🙂 山田")}</a>`)).toBeNull();
  });
});

describe("junit report in pieces", () => {
  it("is the same XML whatever the batch of test cases, a suite's cases split across pieces", () => {
    const result = fixtureResult();
    const ctx = fixtureContext();
    const whole = renderJunit(result, ctx);
    for (const size of [1, 2, 1000]) {
      const pieces = [...renderJunitChunks(result, ctx, size)];
      expect(pieces.join("")).toBe(whole);
      if (size === 1) expect(pieces.length).toBeGreaterThan(result.findings.length);
    }
    expect(wellFormednessError(whole)).toBeNull();
  });
});
