import {
  cleanValue,
  MAX_VALUE_DEPTH,
  RESOURCE_REFERENCE_SIG,
  SECRET,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN,
} from "./values";

/** `{"x":{"x":…1…}}` nested `depth` times, parsed as the collector parses a file. */
const nested = (depth: number): unknown => JSON.parse(`${'{"x":'.repeat(depth)}1${"}".repeat(depth)}`);

describe("cleanValue", () => {
  it("replaces sentinels, secrets and references, drops internal keys, keeps order and shape", () => {
    const cleaned = cleanValue({
      b: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
      a: [{ [SIG_KEY]: SECRET_SIG, value: "hunter2" }, "[secret]", 3, null, true],
      __defaults: ["a"],
      ref: {
        [SIG_KEY]: RESOURCE_REFERENCE_SIG,
        urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b",
        id: "bucket-1",
      },
      nested: {
        policy: { Statement: [{ Effect: "Allow", Condition: { Bool: { "aws:SecureTransport": "false" } } }] },
      },
    });
    expect(cleaned).toEqual({
      b: UNKNOWN,
      a: [SECRET, SECRET, 3, null, true],
      ref: "bucket-1",
      nested: {
        policy: { Statement: [{ Effect: "Allow", Condition: { Bool: { "aws:SecureTransport": "false" } } }] },
      },
    });
    expect(Object.keys(cleaned as object)).toEqual(["b", "a", "ref", "nested"]);
    expect(JSON.stringify(cleaned)).not.toContain("hunter2");
  });

  it("walks a value 100,000 levels deep without overflowing the stack", () => {
    // Before: RangeError "Maximum call stack size exceeded" (the CLI's exit 4).
    expect(() => cleanValue(nested(100_000))).not.toThrow();
  });

  it("keeps values up to the depth limit and makes what is deeper unknown, so later walks stay shallow", () => {
    let kept = cleanValue(nested(MAX_VALUE_DEPTH)) as Record<string, unknown>;
    for (let i = 0; i < MAX_VALUE_DEPTH; i++) kept = kept.x as Record<string, unknown>;
    expect(kept).toBe(1);

    let cut = cleanValue(nested(100_000)) as Record<string, unknown>;
    for (let i = 0; i < MAX_VALUE_DEPTH; i++) cut = cut.x as Record<string, unknown>;
    expect(cut).toBe(UNKNOWN);
    expect(() => JSON.stringify(cleanValue(nested(100_000)))).not.toThrow();
  });
});
