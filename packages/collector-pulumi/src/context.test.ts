import { sourceLocationOf } from "./context";

describe("sourceLocationOf", () => {
  it("reads Pulumi's project- and file-relative positions, with or without a column", () => {
    expect(sourceLocationOf("project:///src/index.ts#12,5")).toEqual({
      file: "src/index.ts",
      line: 12,
      column: 5,
    });
    expect(sourceLocationOf("project:///index.ts#3")).toEqual({ file: "index.ts", line: 3 });
    expect(sourceLocationOf("file:///work/app/my%20stack.ts#7,1")).toEqual({
      file: "/work/app/my stack.ts",
      line: 7,
      column: 1,
    });
  });

  it("gives nothing for what it cannot read, rather than a wrong place", () => {
    expect(sourceLocationOf(undefined)).toBeUndefined();
    expect(sourceLocationOf("index.ts:12")).toBeUndefined();
    expect(sourceLocationOf("project:///#12")).toBeUndefined();
  });
});
