import { type Result, resultSchema } from "@itaku/core";
import { fixtureResult } from "./fixtures";
import { renderJson, renderJsonChunks } from "./json";

/** The same value with every object's keys in reverse order, at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reverseKeys((value as Record<string, unknown>)[key])]),
  );
}

describe("json report", () => {
  const result = fixtureResult();
  const text = renderJson(result);

  it("is the Result contract: it parses back and validates against the Result schema", () => {
    const parsed = JSON.parse(text);
    expect(resultSchema.safeParse(parsed).success).toBe(true);
    expect(parsed).toEqual(result);
  });

  it("is pretty-printed with two spaces and ends with one newline", () => {
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "itaku"')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.endsWith("\n\n")).toBe(false);
  });

  it("is byte-identical for the same inputs", () => {
    expect(renderJson(fixtureResult())).toBe(text);
  });

  it("has a stable key order whatever order the objects were built in", () => {
    expect(renderJson(reverseKeys(result) as Result)).toBe(text);
  });

  it("lists contract keys in the schema's order and free-form evidence keys sorted", () => {
    const parsed = JSON.parse(text) as Result;
    expect(Object.keys(parsed)).toEqual([
      "schemaVersion",
      "tool",
      "evaluatedAt",
      "now",
      "origin",
      "sources",
      "summary",
      "inventory",
      "controls",
      "findings",
      "waivers",
    ]);
    const failing = parsed.findings.find((f) => f.ruleId === "test-user-mfa" && f.status === "fail")!;
    expect(Object.keys(failing)).toEqual([
      "ruleId",
      "status",
      "severity",
      "controls",
      "resource",
      "messageId",
      "message",
      "evidence",
      "waiver",
    ]);
    expect(Object.keys(failing.evidence)).toEqual(["mfaActive", "owner"]);
    const reversed = JSON.parse(renderJson(reverseKeys(result) as Result)) as Result;
    expect(Object.keys(reversed.findings[0]!.resource)).toEqual(["type", "id", "name", "scope", "region"]);
  });
});

describe("json report in chunks", () => {
  const result = fixtureResult();

  it.each([1, 2, 2000])("gives the same bytes as the whole report (%i findings a chunk)", (size) => {
    const chunks = [...renderJsonChunks(result, size)];
    expect(chunks.join("")).toBe(renderJson(result));
    expect(chunks.length).toBe(Math.ceil(result.findings.length / size) + 2);
  });

  it("gives the same bytes for a result without findings", () => {
    const empty: Result = { ...result, findings: [] };
    expect([...renderJsonChunks(empty)].join("")).toBe(renderJson(empty));
  });

  it("streams a result too large for one string without building it", () => {
    const many: Result = {
      ...result,
      findings: Array.from({ length: 50_000 }, (_, i) => ({
        ...result.findings[i % result.findings.length]!,
      })),
    };
    let bytes = 0;
    let largest = 0;
    for (const chunk of renderJsonChunks(many)) {
      bytes += chunk.length;
      largest = Math.max(largest, chunk.length);
    }
    expect(largest).toBeLessThan(bytes / 10);
    expect(bytes).toBe(renderJson(many).length);
  });
});
