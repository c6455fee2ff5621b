import { jsonSchemaError, lineColumnOfJsonPath } from "./json-path-place";

const SNAPSHOT = `{
  "schemaVersion": 1,
  "resources": [
    { "type": "aws.iam.user", "attributes": { "arn": "a" } },
    { "type": "aws.iam.user", "attributes": { "mfaActive": "yes", "tags": [1, [2, 3]] } }
  ]
}`;

describe("lineColumnOfJsonPath", () => {
  it("finds a value by its path, skipping what is not on the way", () => {
    expect(lineColumnOfJsonPath(SNAPSHOT, ["resources", 1, "attributes", "mfaActive"])).toBe("5:47");
    expect(lineColumnOfJsonPath(SNAPSHOT, ["resources", 1, "attributes", "tags", 1, 0])).toBe("5:80");
    expect(lineColumnOfJsonPath(SNAPSHOT, ["schemaVersion"])).toBe("2:3");
  });

  it("points at the object a required key is missing from", () => {
    // The key of the object, where an editor shows the object's problems.
    expect(lineColumnOfJsonPath(SNAPSHOT, ["resources", 1, "attributes", "arn"])).toBe("5:31");
    expect(lineColumnOfJsonPath(SNAPSHOT, ["collectedAt"])).toBe("1:1");
  });

  it("on text nested 100,000 deep, finds what comes before the depth, else gives up quietly", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(lineColumnOfJsonPath(deep, [0, 0, 0])).toBe("1:4");
    // Looking past the nesting overflows the visitor's recursion: no line:column, the path alone.
    expect(lineColumnOfJsonPath(deep, [0, 5])).toBeUndefined();
  });
});

describe("jsonSchemaError", () => {
  it("places the problem at line:column and keeps the path in the message", () => {
    expect(
      jsonSchemaError(SNAPSHOT, "s.json", ["resources", 1, "attributes", "mfaActive"], "expected boolean")
        .message,
    ).toBe("s.json:5:47: resources[1].attributes.mfaActive: expected boolean");
  });
});
